import { describe, expect, it } from 'vitest';
import { createNormalSampler } from './random';
import { expertCapacity, expertChoiceRouting, switchRouting } from './routing-capacity';
import { expertLoad } from './routing-stats';

/** Logits whose softmax is exactly the given (positive, summing to 1) probabilities. */
const logitsOf = (...probs: number[]) => Float32Array.from(probs.map(Math.log));
const rows = (...rs: Float32Array[]) => Float32Array.from(rs.flatMap((r) => Array.from(r)));
const list = (a: ArrayLike<number>) => Array.from(a);
const close = (actual: ArrayLike<number>, expected: number[], digits = 6) => {
  expect(actual.length).toBe(expected.length);
  expected.forEach((v, i) => expect(actual[i]).toBeCloseTo(v, digits));
};

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
