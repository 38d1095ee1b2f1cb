import { describe, expect, it } from 'vitest';
import { createNormalSampler } from './random';
import {
  coefficientOfVariation,
  expertCapacity,
  expertChoiceRouting,
  expertLoad,
  loadBalancingLoss,
  noisyTopKRouting,
  routerZLoss,
  sharedExpertRouting,
  softmaxRows,
  sourceRouting,
  switchRouting,
  topKRouting,
} from './routing';

/** Logits whose softmax is exactly the given (positive, summing to 1) probabilities. */
const logitsOf = (...probs: number[]) => Float32Array.from(probs.map(Math.log));
const rows = (...rs: Float32Array[]) => Float32Array.from(rs.flatMap((r) => Array.from(r)));
const list = (a: ArrayLike<number>) => Array.from(a);
const close = (actual: ArrayLike<number>, expected: number[], digits = 6) => {
  expect(actual.length).toBe(expected.length);
  expected.forEach((v, i) => expect(actual[i]).toBeCloseTo(v, digits));
};

describe('softmaxRows', () => {
  it('recovers the probabilities the logits were built from, row by row', () => {
    const p = softmaxRows(rows(logitsOf(0.1, 0.4, 0.3, 0.2), logitsOf(0.25, 0.25, 0.25, 0.25)), 2, 4);
    close(p, [0.1, 0.4, 0.3, 0.2, 0.25, 0.25, 0.25, 0.25]);
  });

  it.each([
    ['+1000', [1000, 1001]],
    ['-1000', [-1000, -999]],
  ])('is stable at %s (subtracts the row max before exp)', (_label, logits) => {
    const p = softmaxRows(Float32Array.from(logits), 1, 2);
    close(p, [1 / (1 + Math.E), Math.E / (1 + Math.E)]);
  });
});

describe('topKRouting', () => {
  const probs = logitsOf(0.1, 0.4, 0.3, 0.2);

  it.each([
    ['top-1 of 4 picks the largest', 1, false, [1], [0.4]],
    ['top-2 of 4 keeps raw softmax probabilities (GShard)', 2, false, [1, 2], [0.4, 0.3]],
    ['top-2 of 4 renormalised divides by their sum (Mixtral)', 2, true, [1, 2], [4 / 7, 3 / 7]],
    ['top-3 of 4 renormalised', 3, true, [1, 2, 3], [4 / 9, 3 / 9, 2 / 9]],
    ['top-4 of 4 renormalised is the full softmax', 4, true, [1, 2, 3, 0], [0.4, 0.3, 0.2, 0.1]],
  ])('%s', (_label, k, renormalize, experts, weights) => {
    const r = topKRouting(probs, 1, 4, k, renormalize);
    expect(list(r.experts)).toEqual(experts);
    close(r.weights, weights);
  });

  it.each([
    ['top-2 of 4 picks the two largest, ties to the lower index', [0, 5, 5, 5], 2, [1, 2]],
    ['all-equal logits pick the lowest indices', [0, 0, 0, 0], 3, [0, 1, 2]],
    ['a tie for second place goes to the lower index', [1, 7, 1, 1], 2, [1, 0]],
  ])('%s', (_label, logits, k, experts) => {
    const r = topKRouting(Float32Array.from(logits), 1, 4, k, false);
    expect(list(r.experts)).toEqual(experts);
  });

  it('uniform logits give weight 1/E raw and 1/k renormalised', () => {
    const uniform = new Float32Array(8);
    close(topKRouting(uniform, 2, 4, 2, false).weights, [0.25, 0.25, 0.25, 0.25]);
    close(topKRouting(uniform, 2, 4, 2, true).weights, [0.5, 0.5, 0.5, 0.5]);
  });

  it('routes each token independently (token-major layout)', () => {
    const r = topKRouting(rows(logitsOf(0.7, 0.1, 0.2), logitsOf(0.1, 0.2, 0.7)), 2, 3, 1, false);
    expect(list(r.experts)).toEqual([0, 2]);
    close(r.weights, [0.7, 0.7]);
  });

  it('weights come out in descending order per token', () => {
    const normal = createNormalSampler(7);
    const logits = Float32Array.from({ length: 50 * 16 }, () => 3 * normal());
    const r = topKRouting(logits, 50, 16, 4, true);
    for (let t = 0; t < 50; t++) {
      for (let j = 1; j < 4; j++) expect(r.weights[t * 4 + j]).toBeLessThanOrEqual(r.weights[t * 4 + j - 1]);
    }
  });

  it('k above 16 (sort path) agrees with the insertion path on ties and order', () => {
    const logits = Float32Array.from({ length: 40 }, (_, e) => (e % 5 === 0 ? 9 : e % 3));
    const r = topKRouting(logits, 1, 40, 20, false);
    // 8 experts at 9 (ids 0,5,..,35), then the value-2 experts in id order
    expect(list(r.experts)).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 2, 8, 11, 14, 17, 23, 26, 29, 32, 38, 1, 4]);
  });

  it('routes 4096 tokens × 64 experts with k = 8: distinct experts per token, renormalised weights', () => {
    const normal = createNormalSampler(1);
    const logits = Float32Array.from({ length: 4096 * 64 }, () => normal());
    const r = topKRouting(logits, 4096, 64, 8, true);
    expect(r.experts.length).toBe(4096 * 8);
    for (const t of [0, 1, 2047, 4095]) {
      const chosen = list(r.experts.subarray(t * 8, t * 8 + 8));
      expect(new Set(chosen).size).toBe(8);
      let sum = 0;
      for (let j = 0; j < 8; j++) sum += r.weights[t * 8 + j];
      expect(sum).toBeCloseTo(1, 5);
    }
  });
});

describe('sourceRouting (the article: topk of raw logits, expert(x) / top_k)', () => {
  it.each([
    ['k = 2 keeps the two largest raw logits, ties to the lower index', 2, [2, 3], [0.5, 0.5]],
    ['k = 3 adds the next one; every weight is 1/3', 3, [2, 3, 0], [1 / 3, 1 / 3, 1 / 3]],
  ])('%s', (_label, k, experts, weights) => {
    const r = sourceRouting(Float32Array.from([0.5, -1, 2, 2]), 1, 4, k);
    expect(list(r.experts)).toEqual(experts);
    close(r.weights, weights);
  });

  it('weights ignore how confident the gate is', () => {
    const r = sourceRouting(Float32Array.from([100, 0, -100]), 1, 3, 2);
    close(r.weights, [0.5, 0.5]);
  });
});

describe('noisyTopKRouting (Shazeer et al. 2017)', () => {
  const logits = rows(logitsOf(0.1, 0.4, 0.3, 0.2), logitsOf(0.25, 0.25, 0.25, 0.25));

  it('without noise it is softmax over the kept k, i.e. renormalised top-k', () => {
    const noisy = noisyTopKRouting(logits, 2, 4, 2, 1, 123, false);
    const plain = topKRouting(logits, 2, 4, 2, true);
    expect(list(noisy.experts)).toEqual(list(plain.experts));
    close(noisy.weights, list(plain.weights));
    expect(list(noisy.noisyLogits)).toEqual(list(logits));
  });

  it('noise scale 0 with noise on changes nothing', () => {
    const noisy = noisyTopKRouting(logits, 2, 4, 2, 0, 123, true);
    expect(list(noisy.experts)).toEqual(list(topKRouting(logits, 2, 4, 2, true).experts));
  });

  it('H = logits + noiseScale · N(0,1), one draw per logit in token-major order', () => {
    const r = noisyTopKRouting(logits, 2, 4, 2, 0.5, 42, true);
    const normal = createNormalSampler(42);
    close(
      r.noisyLogits,
      list(logits).map((v) => Math.fround(v + 0.5 * normal())),
      6,
    );
  });

  it('the kept weights are softmax over the kept noisy logits and sum to 1', () => {
    const r = noisyTopKRouting(logits, 2, 4, 3, 2, 9, true);
    for (let t = 0; t < 2; t++) {
      const h = [0, 1, 2].map((j) => r.noisyLogits[t * 4 + r.experts[t * 3 + j]]);
      const z = h.reduce((s, v) => s + Math.exp(v), 0);
      close(
        r.weights.subarray(t * 3, t * 3 + 3),
        h.map((v) => Math.exp(v) / z),
        5,
      );
      expect(h[0]).toBeGreaterThanOrEqual(h[1]);
      expect(h[1]).toBeGreaterThanOrEqual(h[2]);
    }
  });

  it('the same seed reproduces the routing; another seed changes it', () => {
    const big = new Float32Array(64 * 8);
    const a = noisyTopKRouting(big, 64, 8, 2, 1, 5, true);
    const b = noisyTopKRouting(big, 64, 8, 2, 1, 5, true);
    const c = noisyTopKRouting(big, 64, 8, 2, 1, 6, true);
    expect(list(a.experts)).toEqual(list(b.experts));
    expect(list(a.experts)).not.toEqual(list(c.experts));
  });

  it('noise spreads tied tokens across experts (lower load CV than without noise)', () => {
    const tied = new Float32Array(256 * 8);
    const quiet = noisyTopKRouting(tied, 256, 8, 2, 1, 3, false);
    const loud = noisyTopKRouting(tied, 256, 8, 2, 1, 3, true);
    expect(list(expertLoad(quiet.experts, 8))).toEqual([256, 256, 0, 0, 0, 0, 0, 0]);
    expect(coefficientOfVariation(expertLoad(loud.experts, 8))).toBeLessThan(0.3);
  });
});

describe('sharedExpertRouting (DeepSeekMoE)', () => {
  const logits = logitsOf(0.1, 0.4, 0.3, 0.2);

  it.each([
    ['raw routed weights (DeepSeekMoE)', false, [1, 1, 0.4, 0.3]],
    ['renormalised routed weights', true, [1, 1, 4 / 7, 3 / 7]],
  ])('2 shared + top-2 of 4 routed, %s: shared ids first, routed ids shifted by 2', (_label, renormalize, weights) => {
    const r = sharedExpertRouting(logits, 1, 4, 2, 2, renormalize);
    expect(r.slotsPerToken).toBe(4);
    expect(r.numExperts).toBe(6);
    expect(list(r.experts)).toEqual([0, 1, 3, 4]);
    close(r.weights, weights);
  });

  it('with no shared experts it is plain top-k routing', () => {
    const two = rows(logits, logitsOf(0.25, 0.25, 0.25, 0.25));
    const shared = sharedExpertRouting(two, 2, 4, 2, 0, true);
    const plain = topKRouting(two, 2, 4, 2, true);
    expect(list(shared.experts)).toEqual(list(plain.experts));
    expect(list(shared.weights)).toEqual(list(plain.weights));
  });

  it('lays out every token as [shared…, routed…]', () => {
    const r = sharedExpertRouting(rows(logitsOf(0.7, 0.2, 0.1), logitsOf(0.1, 0.2, 0.7)), 2, 3, 1, 1, false);
    expect(list(r.experts)).toEqual([0, 1, 0, 3]);
    close(r.weights, [1, 0.7, 1, 0.7]);
  });
});

describe('bad input throws a RangeError naming the value', () => {
  const ok = new Float32Array(8); // 2 tokens × 4 experts
  it.each<[string, () => unknown, RegExp]>([
    ['k > E', () => topKRouting(ok, 2, 4, 5, false), /k = 5 exceeds numExperts = 4/],
    ['k < 1', () => topKRouting(ok, 2, 4, 0, false), /k = 0 must be at least 1/],
    ['fractional k', () => sourceRouting(ok, 2, 4, 1.5), /k must be an integer, got 1.5/],
    ['E < 1', () => topKRouting(new Float32Array(0), 2, 0, 1, false), /numExperts = 0 must be at least 1/],
    ['numTokens < 1', () => loadBalancingLoss(new Float32Array(0), 0, 4, 1), /numTokens = 0 must be at least 1/],
    [
      'length mismatch',
      () => topKRouting(new Float32Array(7), 2, 4, 1, false),
      /logits.length = 7 does not equal numTokens × numExperts = 2 × 4 = 8/,
    ],
    [
      'NaN logit',
      () => topKRouting(Float32Array.from([0, 0, 0, 0, 0, NaN, 0, 0]), 2, 4, 1, false),
      /logits\[5\] \(token 1, expert 1\) is NaN/,
    ],
    [
      'infinite logit',
      () => loadBalancingLoss(Float32Array.from([0, Infinity, 0, 0]), 1, 4, 1),
      /logits\[1\] \(token 0, expert 1\) is Infinity/,
    ],
    ['-Infinity logit', () => routerZLoss(Float32Array.from([-Infinity, 0]), 1, 2), /is -Infinity/],
    ['capacity factor 0', () => switchRouting(ok, 2, 4, 0), /capacityFactor = 0 must be a finite number greater than 0/],
    ['negative capacity factor', () => expertChoiceRouting(ok, 2, 4, -1), /capacityFactor = -1/],
    ['NaN capacity factor', () => expertCapacity(8, 4, NaN), /capacityFactor = NaN/],
    ['negative noise scale', () => noisyTopKRouting(ok, 2, 4, 1, -0.5, 1, true), /noiseScale = -0.5 must be at least 0/],
    ['non-finite seed', () => noisyTopKRouting(ok, 2, 4, 1, 1, NaN, true), /seed must be a finite number, got NaN/],
    ['k > routed experts', () => sharedExpertRouting(ok, 2, 4, 5, 1, false), /k = 5 exceeds numRouted = 4/],
    ['negative shared count', () => sharedExpertRouting(ok, 2, 4, 1, -1, false), /numShared = -1 must be at least 0/],
    ['expert id out of range', () => expertLoad(Int32Array.from([0, 3]), 3), /experts\[1\] = 3/],
    ['empty load', () => coefficientOfVariation([]), /load is empty/],
    ['softmax length mismatch', () => softmaxRows(ok, 3, 4), /logits.length = 8/],
  ])('%s', (_label, call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });
});
