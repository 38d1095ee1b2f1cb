import { describe, expect, it } from 'vitest';
import { capacityStats, charClassesOf, classUsage, consecutiveStats } from './moe-stats';

describe('charClassesOf', () => {
  it.each([
    ['a', ['lower', 'vowel']],
    ['b', ['lower']],
    ['E', ['vowel', 'upper']],
    ['Q', ['upper']],
    ['7', ['digit']],
    [' ', ['space']],
    ['\n', ['space']],
    [',', ['punct']],
    ['"', ['punct']],
    ['$', ['punct']],
  ])('%j is %j', (ch, classes) => {
    expect(charClassesOf(ch)).toEqual(classes);
  });
});

describe('classUsage', () => {
  it("shares of each class's routed slots, dropped slots ignored, the last row is every character", () => {
    // "ab " with top-2 of 4: a → (0, 1), b → (0, 2), space → (3, −1)
    const rows = classUsage(['a', 'b', ' '], [0, 1, 0, 2, 3, -1], 2, 4);
    const lower = rows.find((r) => r.cls === 'lower')!;
    expect(lower.count).toBe(2);
    expect(Array.from(lower.share)).toEqual([0.5, 0.25, 0.25, 0]);
    expect(Array.from(rows.find((r) => r.cls === 'vowel')!.share)).toEqual([0.5, 0.5, 0, 0]);
    expect(Array.from(rows.find((r) => r.cls === 'space')!.share)).toEqual([0, 0, 0, 1]);
    expect(rows.find((r) => r.cls === 'digit')!.count).toBe(0);
    expect(rows.at(-1)).toMatchObject({ cls: 'all', count: 3 });
  });
});

describe('consecutiveStats', () => {
  it('uniform baselines are 1/E and 1 − C(E−k, k)/C(E, k): 12.5% and 46.4% for top-2 of 8', () => {
    const s = consecutiveStats([0, 1, 2, 3], [2], 2, 8);
    expect(s.firstUniform).toBe(0.125);
    expect(s.eitherUniform).toBeCloseTo(1 - 15 / 28, 12);
  });

  it('counts repeats inside a pass only, and the shuffled baseline is Σ p² of the first choices', () => {
    // top-1 of 2 experts; two passes [0, 0, 1] and [1, 1]: pairs (0,0) (0,1) | (1,1) → 2 of 3 repeat
    const s = consecutiveStats([0, 0, 1, 1, 1], [3, 2], 1, 2);
    expect(s.pairs).toBe(3);
    expect(s.first).toBeCloseTo(2 / 3, 12);
    expect(s.firstShuffled).toBeCloseTo(0.4 ** 2 + 0.6 ** 2, 12);
    expect(s.either).toBeCloseTo(2 / 3, 12);
    expect(s.eitherShuffled).toBeCloseTo(0.4 ** 2 + 0.6 ** 2, 12);
  });

  it('either-choice overlap counts a shared second choice', () => {
    // top-2 of 4: (0,1) then (2,1): first differs, sets share expert 1
    const s = consecutiveStats([0, 1, 2, 1], [2], 2, 4);
    expect(s.first).toBe(0);
    expect(s.either).toBe(1);
    // sets {0,1} and {1,2} each half the time: every pair of them overlaps
    expect(s.eitherShuffled).toBeCloseTo(1, 12);
    expect(s.firstShuffled).toBeCloseTo(0.5, 12);
  });
});

describe('capacityStats', () => {
  it('drops per expert at a capacity factor, per pass, with the balance losses', () => {
    // 4 tokens, 2 experts, top-1; all prefer expert 0: C = ceil(1 · 1 · 4 / 2) = 2 → 2 dropped, both from expert 0
    const logits = new Float32Array([2, 0, 2, 0, 2, 0, 2, 0]);
    const s = capacityStats(logits, [4], 1, 2, 1);
    expect(s.capacities).toEqual([2]);
    expect(Array.from(s.demand)).toEqual([4, 0]);
    expect(Array.from(s.drops)).toEqual([2, 0]);
    expect(s.dropped).toBe(2);
    expect(s.tokensFullyDropped).toBe(2);
    expect(s.loadCv).toBe(1);
    // f = (1, 0), P_0 = sigmoid(2): loss = 2 · P_0
    expect(s.auxLoss).toBeCloseTo(2 / (1 + Math.exp(-2)), 6);
    expect(s.zLoss).toBeCloseTo((2 + Math.log(1 + Math.exp(-2))) ** 2, 5);
  });

  it('two passes get their own capacity', () => {
    const logits = new Float32Array([2, 0, 2, 0, 2, 0, 2, 0]);
    const s = capacityStats(logits, [2, 2], 1, 2, 1);
    expect(s.capacities).toEqual([1, 1]);
    expect(s.dropped).toBe(2);
  });
});
