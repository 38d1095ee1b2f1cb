import { describe, expect, it } from 'vitest';
import { buildRoutingView, sampleTokensByGroup } from './lab-view';
import { computeSyntheticLogits, makeSyntheticRouter, makeSyntheticTokens, skewedTokens } from './synthetic';
import {
  type RoutingSettings,
  activeExpertsPerToken,
  checkRoutingSettings,
  findNonFiniteLogit,
  gateMatrix,
  overCapacity,
  routeTokens,
  routingStats,
} from './variants';

const base: RoutingSettings = {
  variant: 'mixtral',
  numExperts: 4,
  k: 2,
  capacityFactor: 1,
  noise: false,
  noiseScale: 1,
  seed: 1,
  numShared: 0,
};
// 4 tokens × 4 experts; token t prefers expert t strongly, then expert (t + 1) % 4
const logits = Float32Array.from([3, 1, 0, 0, 0, 3, 1, 0, 0, 0, 3, 1, 1, 0, 0, 3]);

describe('routeTokens: one slot layout for every variant', () => {
  it('mixtral: k slots per token, weights sum to 1, load counts every slot', () => {
    const r = routeTokens(logits, 4, base);
    expect(r.slotsPerToken).toBe(2);
    expect(Array.from(r.experts)).toEqual([0, 1, 1, 2, 2, 3, 3, 0]);
    for (let t = 0; t < 4; t++) expect(r.weights[2 * t] + r.weights[2 * t + 1]).toBeCloseTo(1, 6);
    expect(Array.from(r.load)).toEqual([2, 2, 2, 2]);
    expect(r.capacity).toBe(2); // ceil(2 · 1 · 4 / 4)
    expect(r.dropped).toBe(0);
  });

  it('source: the same experts with weight 1/k', () => {
    const r = routeTokens(logits, 4, { ...base, variant: 'source' });
    expect(Array.from(r.experts)).toEqual([0, 1, 1, 2, 2, 3, 3, 0]);
    expect(Array.from(r.weights)).toEqual(Array(8).fill(0.5));
  });

  it('switch: top-1, capacity in token order, overflow dropped as -1', () => {
    // every token prefers expert 0: capacity ceil(1 · 4 / 4) = 1 keeps token 0 only
    const all0 = Float32Array.from([2, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0]);
    const r = routeTokens(all0, 4, { ...base, variant: 'switch' });
    expect(Array.from(r.experts)).toEqual([0, -1, -1, -1]);
    expect(r.dropped).toBe(3);
    expect(Array.from(r.load)).toEqual([1, 0, 0, 0]);
  });

  it('expert-choice: slot t·E + e holds e when expert e took token t; load is even', () => {
    const r = routeTokens(logits, 4, { ...base, variant: 'expert-choice' });
    expect(r.slotsPerToken).toBe(4);
    expect(Array.from(r.load)).toEqual([1, 1, 1, 1]);
    for (let e = 0; e < 4; e++) expect(r.experts[e * 4 + e]).toBe(e); // expert e takes its favourite token e
  });

  it('shared: shared ids first with weight 1, routed ids shifted by m, load counts routed experts only', () => {
    const r = routeTokens(logits, 4, { ...base, variant: 'shared', numShared: 1, k: 1 });
    expect(r.slotsPerToken).toBe(2);
    expect(r.numExpertIds).toBe(5);
    expect(Array.from(r.experts)).toEqual([0, 1, 0, 2, 0, 3, 0, 4]);
    expect(Array.from(r.load)).toEqual([1, 1, 1, 1]);
  });

  it('noisy with noise off equals mixtral; with noise it is reproducible from the seed', () => {
    const a = routeTokens(logits, 4, { ...base, variant: 'noisy', noise: false });
    expect(Array.from(a.experts)).toEqual(Array.from(routeTokens(logits, 4, base).experts));
    const n1 = routeTokens(logits, 4, { ...base, variant: 'noisy', noise: true, noiseScale: 2, seed: 7 });
    const n2 = routeTokens(logits, 4, { ...base, variant: 'noisy', noise: true, noiseScale: 2, seed: 7 });
    expect(Array.from(n1.experts)).toEqual(Array.from(n2.experts));
    expect(n1.rankedLogits).not.toBe(logits);
  });

  it('overCapacity sums the load above C; gateMatrix scatters the slot weights', () => {
    expect(overCapacity([5, 1, 0, 3], 2)).toBe(4);
    const r = routeTokens(logits, 4, { ...base, variant: 'source' });
    const g = gateMatrix(r, 4);
    expect(Array.from(g.subarray(0, 4))).toEqual([0.5, 0.5, 0, 0]);
    expect(activeExpertsPerToken(r, 4)).toBe(2);
  });

  it('routingStats: uniform logits give aux loss = k and CV = 0', () => {
    const flat = new Float32Array(8 * 4);
    const s = { ...base, variant: 'source' as const };
    const stats = routingStats(flat, 8, s, routeTokens(flat, 8, s));
    expect(stats.auxLoss).toBeCloseTo(2, 6);
    expect(stats.zLoss).toBeCloseTo(Math.log(4) ** 2, 6);
  });
});

describe('checkRoutingSettings: bad input becomes message keys, not exceptions', () => {
  it.each([
    [{ numExperts: 0 }, ['experts-below-one']],
    [{ k: 5 }, ['k-above-experts']],
    [{ capacityFactor: 0 }, ['capacity-not-positive']],
    [{ capacityFactor: -1 }, ['capacity-not-positive']],
    [{ noiseScale: -0.5 }, ['noise-negative']],
    [{ k: 5, variant: 'switch' as const }, []],
    [{}, []],
  ])('%o -> %o', (patch, expected) => {
    expect(checkRoutingSettings({ ...base, ...patch })).toEqual(expected);
  });

  it('finds the first non-finite logit', () => {
    expect(findNonFiniteLogit([1, 2, Number.POSITIVE_INFINITY, Number.NaN])).toBe(2);
    expect(findNonFiniteLogit([1, 2])).toBe(-1);
  });
});

describe('buildRoutingView', () => {
  it('usage rows sum to 1 and the heatmap holds gate weights of the sampled tokens', () => {
    const groups = Uint8Array.from([0, 0, 1, 1]);
    const sample = sampleTokensByGroup(groups, 2, 1);
    expect(Array.from(sample.tokens)).toEqual([0, 2]);
    const v = buildRoutingView(logits, 4, groups, 2, base, sample);
    for (let g = 0; g < 2; g++) expect(v.usage.subarray(g * 4, g * 4 + 4).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(v.heatmap.rows).toBe(4);
    expect(v.heatmap.cols).toBe(2);
    // token 0 (column 0) uses experts 0 and 1
    expect(v.heatmap.values[0 * 2 + 0]).toBeGreaterThan(0.5);
    expect(v.heatmap.values[2 * 2 + 0]).toBe(0);
    expect(v.activePerToken).toBe(2);
  });

  it('sortKey orders tokens inside a group', () => {
    const s = sampleTokensByGroup([0, 0, 0, 0], 1, 4, (t) => (t % 2 === 0 ? 1 : 0));
    expect(Array.from(s.tokens)).toEqual([1, 3, 0, 2]);
  });
});

describe('synthetic tokens', () => {
  it('are reproducible from the seed and forced tokens rank expert 0 first', () => {
    const a = makeSyntheticTokens(256, 16, 3);
    const b = makeSyntheticTokens(256, 16, 3);
    expect(Array.from(a.x.subarray(0, 32))).toEqual(Array.from(b.x.subarray(0, 32)));
    const router = makeSyntheticRouter(16, 8, 3);
    const l = computeSyntheticLogits(a, router, 8, 1, 0.6, 3);
    const forced = skewedTokens(256, 0.6, 3);
    expect(forced.length).toBe(154);
    for (const t of forced) for (let e = 1; e < 8; e++) expect(l[t * 8]).toBeGreaterThan(l[t * 8 + e]);
  });

  it('a huge router scale overflows float32 into non-finite logits', () => {
    const t = makeSyntheticTokens(16, 8, 1);
    const l = computeSyntheticLogits(t, makeSyntheticRouter(8, 4, 1), 4, 1e39, 0, 1);
    expect(findNonFiniteLogit(l)).toBeGreaterThanOrEqual(0);
  });
});
