import { describe, expect, it } from 'vitest';
import { parseState } from './parse';
import { defaultState } from './schema';
import { canonicalQuery } from './serialize';
import { LAYER_NAMES, layerIndex, normOrder, pruningSchema } from './pruning';

const parse = (q: string) => parseState(pruningSchema, new URLSearchParams(q));

describe('pruning URL schema', () => {
  it('defaults: L1 unstructured at 50% on every layer, showing fc1, no fine-tuning', () => {
    expect(defaultState(pruningSchema)).toMatchObject({
      method: 'l1-unstructured',
      amount: 0.5,
      layer: 'fc1',
      scope: 'hidden',
      n: 2,
      m: 4,
      iterations: 1,
      finetune: 0,
    });
  });
  it('round-trips a full state', () => {
    const state = {
      ...defaultState(pruningSchema),
      method: 'nm' as const,
      n: 4,
      m: 8,
      norm: 'inf' as const,
      dim: 1,
      block: 16,
      iterations: 3,
      finetune: 200,
      seed: 42,
      layer: 'fc2' as const,
    };
    const r = parse(canonicalQuery(pruningSchema, state).slice(1));
    expect(r.state).toEqual(state);
    expect(r.corrections).toEqual([]);
  });
  it.each([
    ['amount=1.7', 'amount', 'clamped', 1],
    ['amount=-3', 'amount', 'clamped', 0],
    ['amount=lots', 'amount', 'invalid', 0.5],
    ['method=magic', 'method', 'invalid', 'l1-unstructured'],
    ['iterations=0', 'iterations', 'clamped', 1],
  ])('%s is corrected', (q, param, reason, value) => {
    const r = parse(q);
    expect(r.corrections[0]).toMatchObject({ param, reason });
    expect((r.state as Record<string, unknown>)[param]).toBe(value);
  });
  it('keeps n > m as given (the lab explains it instead of silently changing it)', () => {
    expect(parse('n=5&m=4').state).toMatchObject({ n: 5, m: 4 });
  });
  it('compare defaults to none, accepts a method and corrects junk', () => {
    expect(parse('method=nm').state.compare).toBe('none');
    expect(parse('compare=nm').state.compare).toBe('nm');
    expect(parse('compare=magic').corrections[0]).toMatchObject({ param: 'compare', reason: 'invalid' });
  });
  it('normOrder and layerIndex', () => {
    expect([normOrder('1'), normOrder('2'), normOrder('inf')]).toEqual([1, 2, Number.POSITIVE_INFINITY]);
    expect(LAYER_NAMES.map(layerIndex)).toEqual([0, 1, 2]);
  });
});
