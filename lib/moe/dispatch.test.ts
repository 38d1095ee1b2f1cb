import { describe, expect, it } from 'vitest';
import {
  activeParameters,
  applyActivation,
  countingSortByExpert,
  moeDenseReference,
  moeForwardReference,
  type ExpertParams,
} from './dispatch';
import { createNormalSampler } from './random';
import { sharedExpertRouting, sourceRouting, switchRouting, topKRouting } from './routing';

const f32 = (...v: number[]) => Float32Array.from(v);
const i32 = (...v: number[]) => Int32Array.from(v);
const list = (a: ArrayLike<number>) => Array.from(a);
const close = (actual: ArrayLike<number>, expected: ArrayLike<number>, digits = 5) => {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i], digits);
};

/** Seeded random expert parameters with biases. */
function randomParams(numExperts: number, hidden: number, ffn: number, seed: number): ExpertParams {
  const normal = createNormalSampler(seed);
  const fill = (n: number) => Float32Array.from({ length: n }, () => 0.5 * normal());
  return {
    numExperts,
    hidden,
    ffn,
    w1: fill(numExperts * hidden * ffn),
    b1: fill(numExperts * ffn),
    w2: fill(numExperts * ffn * hidden),
    b2: fill(numExperts * hidden),
  };
}

describe('applyActivation', () => {
  it.each<[string, number, 'gelu' | 'relu', number]>([
    ['gelu(0) = 0', 0, 'gelu', 0],
    ['gelu(1) ≈ 0.841192 (tanh approximation; exact erf gives 0.841345)', 1, 'gelu', 0.841192],
    ['gelu(-1) ≈ -0.158808', -1, 'gelu', -0.158808],
    ['gelu of a large input is the identity', 10, 'gelu', 10],
    ['relu passes positives', 2.5, 'relu', 2.5],
    ['relu zeroes negatives', -2, 'relu', 0],
  ])('%s', (_label, input, activation, expected) => {
    expect(applyActivation(input, activation)).toBeCloseTo(expected, 6);
  });
});

describe('countingSortByExpert', () => {
  it('gives per-expert offsets and slots in stable expert order, dropped slots left out', () => {
    // 3 tokens × k = 2: token 0 → (2, 0), token 1 → (1, 2), token 2 → (0, dropped)
    const { offsets, order } = countingSortByExpert(i32(2, 0, 1, 2, 0, -1), 3, 2, 3);
    expect(list(offsets)).toEqual([0, 2, 3, 5]);
    expect(list(order)).toEqual([1, 4, 2, 0, 3]);
  });

  it('an expert nobody picked gets an empty range', () => {
    const { offsets, order } = countingSortByExpert(i32(0, 0, 2, 2), 4, 1, 3);
    expect(list(offsets)).toEqual([0, 2, 2, 4]);
    expect(list(order)).toEqual([0, 1, 2, 3]);
  });

  it('every kept slot appears exactly once on a random routing', () => {
    const normal = createNormalSampler(3);
    const logits = Float32Array.from({ length: 100 * 8 }, () => normal());
    const { experts } = topKRouting(logits, 100, 8, 3, true);
    const { offsets, order } = countingSortByExpert(experts, 100, 3, 8);
    expect(offsets[8]).toBe(300);
    expect(new Set(list(order)).size).toBe(300);
    for (let e = 0; e < 8; e++) {
      for (let p = offsets[e]; p < offsets[e + 1]; p++) expect(experts[order[p]]).toBe(e);
    }
  });
});

describe('moeForwardReference', () => {
  // H = 1, F = 1, E = 2: FFN_0(x) = 3·relu(x), FFN_1(x) = −relu(2x)
  const tiny: ExpertParams = { numExperts: 2, hidden: 1, ffn: 1, w1: f32(1, 2), w2: f32(3, -1) };

  it('sums the weighted expert outputs: 0.75·6 + 0.25·(−4) = 3.5', () => {
    const out = moeForwardReference(f32(2), 1, { experts: i32(0, 1), weights: f32(0.75, 0.25), k: 2 }, tiny, 'relu');
    close(out, [3.5]);
  });

  it('adds the biases: FFN_0(2) = 3·relu(2 − 3) + 1 = 1, so 0.75·1 + 0.25·(−4) = −0.25', () => {
    const params = { ...tiny, b1: f32(-3, 0), b2: f32(1, 0) };
    const out = moeForwardReference(f32(2), 1, { experts: i32(0, 1), weights: f32(0.75, 0.25), k: 2 }, params, 'relu');
    close(out, [-0.25]);
  });

  it('a dropped slot (−1) contributes nothing; an all-dropped token outputs 0', () => {
    const routing = { experts: i32(1, -1, -1, -1), weights: f32(1, 0, 0, 0), k: 2 };
    close(moeForwardReference(f32(1, 5), 2, routing, tiny, 'relu'), [-2, 0]);
  });

  it('uses the row-major layouts W1 [E,H,F] and W2 [E,F,H]', () => {
    // W1 = identity, W2 = [[1, 2], [3, 4]]: y = [x0 + 3·x1, 2·x0 + 4·x1]
    const params: ExpertParams = { numExperts: 1, hidden: 2, ffn: 2, w1: f32(1, 0, 0, 1), w2: f32(1, 2, 3, 4) };
    close(moeForwardReference(f32(1, 2), 1, { experts: i32(0), weights: f32(1), k: 1 }, params, 'relu'), [7, 10]);
  });

  it('with the article’s routing it averages the chosen experts: (2 + 3) / 2', () => {
    const params: ExpertParams = { numExperts: 3, hidden: 1, ffn: 1, w1: f32(1, 1, 1), w2: f32(1, 2, 3) };
    const routing = { ...sourceRouting(f32(0, 5, 4), 1, 3, 2), k: 2 };
    close(moeForwardReference(f32(1), 1, routing, params, 'relu'), [2.5]);
  });
});

describe('the sparse forward equals the dense masked forward', () => {
  const numTokens = 6;
  const hidden = 4;
  const ffn = 5;
  const normal = createNormalSampler(99);
  const x = Float32Array.from({ length: numTokens * hidden }, () => normal());

  it.each<[string, 'gelu' | 'relu', number, boolean]>([
    ['top-2 of 4, renormalised, gelu', 'gelu', 2, true],
    ['top-1 of 4, raw, relu', 'relu', 1, false],
    ['top-4 of 4 (every expert), gelu', 'gelu', 4, false],
  ])('%s', (_label, activation, k, renormalize) => {
    const params = randomParams(4, hidden, ffn, 7);
    const logits = Float32Array.from({ length: numTokens * 4 }, () => normal());
    const routing = { ...topKRouting(logits, numTokens, 4, k, renormalize), k };
    close(moeForwardReference(x, numTokens, routing, params, activation), moeDenseReference(x, numTokens, routing, params, activation));
  });

  it('with Switch capacity drops', () => {
    const params = randomParams(2, hidden, ffn, 8);
    const logits = Float32Array.from({ length: numTokens * 2 }, (_, i) => (i % 2 === 0 ? 1 : 0)); // all prefer expert 0
    const switched = switchRouting(logits, numTokens, 2, 1);
    expect(switched.dropped).toBe(3);
    const routing = { experts: switched.experts, weights: switched.weights, k: 1 };
    const sparse = moeForwardReference(x, numTokens, routing, params, 'gelu');
    close(sparse, moeDenseReference(x, numTokens, routing, params, 'gelu'));
    close(sparse.subarray(3 * hidden), new Float32Array(3 * hidden)); // tokens 3..5 dropped
  });

  it('with DeepSeekMoE shared experts (ids 0..m−1 always on)', () => {
    const params = randomParams(2 + 4, hidden, ffn, 9);
    const logits = Float32Array.from({ length: numTokens * 4 }, () => normal());
    const shared = sharedExpertRouting(logits, numTokens, 4, 2, 2, false);
    const routing = { experts: shared.experts, weights: shared.weights, k: shared.slotsPerToken };
    close(moeForwardReference(x, numTokens, routing, params, 'gelu'), moeDenseReference(x, numTokens, routing, params, 'gelu'));
  });
});

describe('activeParameters', () => {
  it.each([
    // per expert 2·2·3 + 3 + 2 = 17, router 2·4 = 8
    ['with biases', { hidden: 2, ffn: 3, numExperts: 4, k: 2, numShared: 1 }, { total: 93, active: 59, perExpert: 17, router: 8 }],
    // per expert 12: total 5·12 + 8, active 3·12 + 8
    [
      'without biases',
      { hidden: 2, ffn: 3, numExperts: 4, k: 2, numShared: 1, includeBiases: false },
      { total: 68, active: 44, perExpert: 12, router: 8 },
    ],
    // 8 experts, top-2, no shared: active ≈ a quarter of the expert weights
    [
      'top-2 of 8',
      { hidden: 4, ffn: 8, numExperts: 8, k: 2, includeBiases: false },
      { total: 544, active: 160, perExpert: 64, router: 32 },
    ],
  ])('%s', (_label, sizes, expected) => {
    expect(activeParameters(sizes)).toEqual(expected);
  });
});

describe('bad dispatch input throws a RangeError naming the value', () => {
  const tiny: ExpertParams = { numExperts: 2, hidden: 1, ffn: 1, w1: f32(1, 2), w2: f32(3, -1) };
  it.each<[string, () => unknown, RegExp]>([
    [
      'experts length mismatch',
      () => countingSortByExpert(i32(0, 1, 0), 2, 2, 2),
      /experts.length = 3 does not equal numTokens × k = 2 × 2 = 4/,
    ],
    ['expert id out of range', () => countingSortByExpert(i32(0, 2), 2, 1, 2), /experts\[1\] = 2 is not -1/],
    ['expert id below -1', () => countingSortByExpert(i32(-2), 1, 1, 2), /experts\[0\] = -2/],
    [
      'x length mismatch',
      () => moeForwardReference(f32(1, 2), 1, { experts: i32(0), weights: f32(1), k: 1 }, tiny, 'relu'),
      /x.length = 2 does not equal numTokens × hidden = 1 × 1 = 1/,
    ],
    [
      'w1 length mismatch',
      () => moeForwardReference(f32(1), 1, { experts: i32(0), weights: f32(1), k: 1 }, { ...tiny, w1: f32(1) }, 'relu'),
      /w1.length = 1/,
    ],
    [
      'NaN routing weight',
      () => moeDenseReference(f32(1), 1, { experts: i32(0), weights: f32(NaN), k: 1 }, tiny, 'relu'),
      /weights\[0\] is NaN/,
    ],
    ['k > E in parameter counts', () => activeParameters({ hidden: 2, ffn: 2, numExperts: 2, k: 3 }), /k = 3 exceeds numExperts = 2/],
    ['zero hidden size', () => activeParameters({ hidden: 0, ffn: 2, numExperts: 2, k: 1 }), /hidden = 0 must be at least 1/],
  ])('%s', (_label, call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });
});
