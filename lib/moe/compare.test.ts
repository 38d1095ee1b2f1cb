import { describe, expect, it } from 'vitest';
import { routingDifference, routedExpertSet } from './compare';
import { routeTokens, type RoutingSettings } from './variants';

const base: RoutingSettings = {
  variant: 'mixtral',
  numExperts: 4,
  k: 2,
  capacityFactor: 1.25,
  noise: false,
  noiseScale: 1,
  seed: 1,
  numShared: 1,
};
// 3 tokens, 4 experts
const logits = Float32Array.from([5, 4, 0, 0, 0, 5, 4, 0, 0, 0, 4, 5]);

describe('routingDifference', () => {
  it('is zero for the same variant and order-insensitive', () => {
    const a = routeTokens(logits, 3, base);
    const d = routingDifference(a, routeTokens(logits, 3, { ...base, variant: 'gshard' }), 3);
    expect(d.changed).toBe(0);
    expect(d.fraction).toBe(0);
    expect(Array.from(routedExpertSet(a, 2))).toEqual([2, 3]);
  });
  it('counts tokens whose expert set differs (top-2 vs switch top-1)', () => {
    const a = routeTokens(logits, 3, base);
    const b = routeTokens(logits, 3, { ...base, variant: 'switch', capacityFactor: 4 });
    const d = routingDifference(a, b, 3);
    expect(d.changed).toBe(3);
    expect(d.fraction).toBe(1);
    expect(Array.from(d.changedMask)).toEqual([1, 1, 1]);
  });
  it('ignores shared experts so shared top-2 equals mixtral top-2', () => {
    const a = routeTokens(logits, 3, base);
    const b = routeTokens(logits, 3, { ...base, variant: 'shared' });
    expect(routingDifference(a, b, 3).changed).toBe(0);
  });
});
