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

describe('loadBalancingLoss (HF Mixtral load_balancing_loss_func)', () => {
  it.each([
    [1, 4],
    [2, 4],
    [3, 4],
    [2, 8],
    [8, 64],
  ])('uniform logits give exactly k (k = %i, E = %i)', (k, numExperts) => {
    const loss = loadBalancingLoss(new Float32Array(6 * numExperts), 6, numExperts, k);
    expect(loss).toBeCloseTo(k, 10);
  });

  it.each([
    // f = [1, 0], P = [0.75, 0.25] → 2 · 0.75
    ['both tokens on expert 0 (collapse)', rows(logitsOf(0.75, 0.25), logitsOf(0.75, 0.25)), 1.5],
    // f = [0.5, 0.5], P = [0.5, 0.5] → 2 · 0.5
    ['one token on each expert (balanced)', rows(logitsOf(0.75, 0.25), logitsOf(0.25, 0.75)), 1],
  ])('top-1 of 2: %s', (_label, logits, expected) => {
    expect(loadBalancingLoss(logits, 2, 2, 1)).toBeCloseTo(expected, 6);
  });

  it('counts every one of the k selections: k = E gives k whatever the logits', () => {
    expect(loadBalancingLoss(rows(logitsOf(0.9, 0.1), logitsOf(0.6, 0.4)), 2, 2, 2)).toBeCloseTo(2, 6);
  });

  it('top-2 of 3 hand-worked: f = [1, 1, 0], P = [0.5, 0.3, 0.2] → 3 · 0.8', () => {
    expect(loadBalancingLoss(logitsOf(0.5, 0.3, 0.2), 1, 3, 2)).toBeCloseTo(2.4, 6);
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
    close(r.noisyLogits, list(logits).map((v) => Math.fround(v + 0.5 * normal())), 6);
  });

  it('the kept weights are softmax over the kept noisy logits and sum to 1', () => {
    const r = noisyTopKRouting(logits, 2, 4, 3, 2, 9, true);
    for (let t = 0; t < 2; t++) {
      const h = [0, 1, 2].map((j) => r.noisyLogits[t * 4 + r.experts[t * 3 + j]]);
      const z = h.reduce((s, v) => s + Math.exp(v), 0);
      close(r.weights.subarray(t * 3, t * 3 + 3), h.map((v) => Math.exp(v) / z), 5);
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

describe('expertCapacity', () => {
  it.each([
    ['rounds 2.5 up to 3', 8, 4, 1.25, 1, 3],
    ['top-2 doubles the slots', 8, 4, 1, 2, 4],
    ['exact products are not bumped by binary rounding (1.1·100/10 = 11)', 100, 10, 1.1, 1, 11],
    ['4096 tokens, 64 experts, k = 8, factor 1 → 512', 4096, 64, 1, 8, 512],
    ['fewer tokens than experts still leaves 1 slot', 3, 4, 1, 1, 1],
    ['a tiny factor still leaves 1 slot', 4, 4, 0.01, 1, 1],
  ])('%s', (_label, numTokens, numExperts, capacityFactor, k, expected) => {
    expect(expertCapacity(numTokens, numExperts, capacityFactor, k)).toBe(expected);
  });
});

describe('switchRouting (Switch Transformer, top-1 with capacity)', () => {
  // three tokens prefer expert 0, one prefers expert 1
  const logits = rows(logitsOf(0.75, 0.25), logitsOf(0.75, 0.25), logitsOf(0.75, 0.25), logitsOf(0.25, 0.75));

  it('capacity factor 1: C = 2, the third token for expert 0 is dropped in token order', () => {
    const r = switchRouting(logits, 4, 2, 1);
    expect(r.capacity).toBe(2);
    expect(list(r.experts)).toEqual([0, 0, -1, 1]);
    close(r.weights, [0.75, 0.75, 0, 0.75]);
    expect(r.dropped).toBe(1);
    expect(list(r.load)).toEqual([2, 1]);
    expect(list(r.demand)).toEqual([3, 1]);
  });

  it('capacity factor 1.5: C = 3, nothing is dropped', () => {
    const r = switchRouting(logits, 4, 2, 1.5);
    expect(r.capacity).toBe(3);
    expect(r.dropped).toBe(0);
    expect(list(r.experts)).toEqual([0, 0, 0, 1]);
  });

  it('capacity factor 0.5: C = 1, every expert keeps only its first token', () => {
    const r = switchRouting(logits, 4, 2, 0.5);
    expect(list(r.experts)).toEqual([0, -1, -1, 1]);
    expect(r.dropped).toBe(2);
    expect(list(r.load)).toEqual([1, 1]);
  });

  it('a tie between experts goes to the lower index', () => {
    const r = switchRouting(new Float32Array([3, 3, 1]), 1, 3, 1);
    expect(list(r.experts)).toEqual([0]);
  });

  it('dropped + routed always equals the number of tokens', () => {
    const normal = createNormalSampler(11);
    const big = Float32Array.from({ length: 300 * 6 }, () => normal());
    const r = switchRouting(big, 300, 6, 0.8);
    const routed = list(r.load).reduce((a, b) => a + b, 0);
    expect(routed + r.dropped).toBe(300);
    expect(Math.max(...list(r.load))).toBeLessThanOrEqual(r.capacity);
    expect(list(expertLoad(r.experts, 6))).toEqual(list(r.load));
  });
});

describe('expertChoiceRouting (Zhou et al. 2022)', () => {
  it('each expert takes its top-c tokens: one token gets two experts, one gets none', () => {
    // scores: t0 [0.4, 0.4, 0.2], t1 [1/3, 1/3, 1/3], t2 [0.1, 0.1, 0.8]; c = ceil(1·3/3) = 1
    const logits = rows(logitsOf(0.4, 0.4, 0.2), logitsOf(1 / 3, 1 / 3, 1 / 3), logitsOf(0.1, 0.1, 0.8));
    const r = expertChoiceRouting(logits, 3, 3, 1);
    expect(r.capacity).toBe(1);
    expect(list(r.tokenIndices)).toEqual([0, 0, 2]);
    close(r.weights, [0.4, 0.4, 0.8]);
    expect(list(r.expertsPerToken)).toEqual([2, 0, 1]);
    expect(r.tokensPerToken).toBe(r.expertsPerToken);
    expect(r.unrouted).toBe(1);
  });

  it('lists each expert’s tokens by descending score', () => {
    // expert 0 scores: 0.9, 0.75, 0.5, 0.2 ; expert 1: 0.1, 0.25, 0.5, 0.8; c = 2
    const logits = rows(logitsOf(0.9, 0.1), logitsOf(0.75, 0.25), logitsOf(0.5, 0.5), logitsOf(0.2, 0.8));
    const r = expertChoiceRouting(logits, 4, 2, 1);
    expect(list(r.tokenIndices)).toEqual([0, 1, 3, 2]);
    close(r.weights, [0.9, 0.75, 0.8, 0.5]);
    expect(r.unrouted).toBe(0);
  });

  it('equal scores go to the lower token index', () => {
    const r = expertChoiceRouting(new Float32Array(8), 4, 2, 1);
    expect(list(r.tokenIndices)).toEqual([0, 1, 0, 1]);
    close(r.weights, [0.5, 0.5, 0.5, 0.5]);
    expect(list(r.expertsPerToken)).toEqual([2, 2, 0, 0]);
    expect(r.unrouted).toBe(2);
  });

  it('capacity is clamped to the number of tokens', () => {
    const r = expertChoiceRouting(new Float32Array(4), 2, 2, 4);
    expect(r.capacity).toBe(2);
    expect(list(r.expertsPerToken)).toEqual([2, 2]);
  });

  it('load is perfectly balanced by construction: every expert takes exactly c tokens', () => {
    const normal = createNormalSampler(4);
    const logits = Float32Array.from({ length: 128 * 8 }, () => 2 * normal());
    const r = expertChoiceRouting(logits, 128, 8, 2);
    expect(r.capacity).toBe(32);
    expect(list(r.expertsPerToken).reduce((a, b) => a + b, 0)).toBe(8 * 32);
    for (let e = 0; e < 8; e++) {
      expect(new Set(list(r.tokenIndices.subarray(e * 32, e * 32 + 32))).size).toBe(32);
    }
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

describe('load statistics', () => {
  it('expertLoad counts slots per expert and ignores dropped (-1)', () => {
    expect(list(expertLoad(Int32Array.from([0, 2, -1, 2]), 3))).toEqual([1, 0, 2]);
  });

  it.each([
    ['perfectly balanced', [2, 2, 2], 0],
    ['one expert idle, one doing everything', [0, 4], 1],
    ['[1, 3]: mean 2, population std 1', [1, 3], 0.5],
    ['nothing routed at all', [0, 0, 0], 0],
  ])('coefficientOfVariation: %s', (_label, load, expected) => {
    expect(coefficientOfVariation(load)).toBeCloseTo(expected, 10);
  });
});

describe('routerZLoss (ST-MoE)', () => {
  it('is the mean squared logsumexp: [0,0] → (ln 2)², [ln 3, 0] → (ln 4)²', () => {
    const logits = Float32Array.from([0, 0, Math.log(3), 0]);
    const expected = (Math.LN2 ** 2 + (2 * Math.LN2) ** 2) / 2;
    expect(routerZLoss(logits, 2, 2)).toBeCloseTo(expected, 6);
  });

  it('stays finite for large logits: [1000, 1000] → (1000 + ln 2)²', () => {
    expect(routerZLoss(Float32Array.from([1000, 1000]), 1, 2)).toBeCloseTo((1000 + Math.LN2) ** 2, 6);
  });

  it('grows with logit scale even though the softmax is unchanged by a shift', () => {
    const small = routerZLoss(Float32Array.from([0, 1]), 1, 2);
    const shifted = routerZLoss(Float32Array.from([10, 11]), 1, 2);
    expect(shifted).toBeGreaterThan(small);
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
    ['length mismatch', () => topKRouting(new Float32Array(7), 2, 4, 1, false), /logits.length = 7 does not equal numTokens × numExperts = 2 × 4 = 8/],
    ['NaN logit', () => topKRouting(Float32Array.from([0, 0, 0, 0, 0, NaN, 0, 0]), 2, 4, 1, false), /logits\[5\] \(token 1, expert 1\) is NaN/],
    ['infinite logit', () => loadBalancingLoss(Float32Array.from([0, Infinity, 0, 0]), 1, 4, 1), /logits\[1\] \(token 0, expert 1\) is Infinity/],
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
