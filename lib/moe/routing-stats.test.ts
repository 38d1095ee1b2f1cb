import { describe, expect, it } from 'vitest';
import { coefficientOfVariation, expertLoad, loadBalancingLoss, routerZLoss } from './routing-stats';

/** Logits whose softmax is exactly the given (positive, summing to 1) probabilities. */
const logitsOf = (...probs: number[]) => Float32Array.from(probs.map(Math.log));
const rows = (...rs: Float32Array[]) => Float32Array.from(rs.flatMap((r) => Array.from(r)));
const list = (a: ArrayLike<number>) => Array.from(a);

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
