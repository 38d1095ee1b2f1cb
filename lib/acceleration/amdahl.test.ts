import { describe, expect, it } from 'vitest';
import { amdahlLimit, amdahlSpeedup, median, stepBreakdown } from './amdahl';

describe('Amdahl', () => {
  it.each([
    [0.5, 2, 4 / 3],
    [0.8, 5, 1 / (0.2 + 0.16)],
    [1, 3, 3],
    [0, 10, 1],
    [0.6, 0.5, 1 / (0.4 + 1.2)],
  ])('p = %f, part %f× → whole %f×', (p, s, want) => {
    expect(amdahlSpeedup(p, s)).toBeCloseTo(want, 12);
  });

  it('the ceiling is 1 / (1 − p)', () => {
    expect(amdahlLimit(0.75)).toBe(4);
    expect(amdahlLimit(1)).toBe(Infinity);
    expect(amdahlSpeedup(0.75, 1e9)).toBeCloseTo(4, 6);
  });

  it('bad shares and speed-ups get a message', () => {
    expect(() => amdahlSpeedup(1.5, 2)).toThrow(/share/);
    expect(() => amdahlSpeedup(0.5, 0)).toThrow(/speed-up/);
    expect(() => amdahlLimit(Number.NaN)).toThrow(/share/);
  });

  it('a breakdown takes each sync round trip off its part and calls the rest overhead', () => {
    const b = stepBreakdown({ linear: 17, attention: 6, norms: 9, sampling: 1 }, { linear: 5, attention: 2, norms: 3, sampling: 0 }, 1, 30);
    expect(b.parts).toEqual({ linear: 12, attention: 4, norms: 6, sampling: 1 });
    expect(b.attributed).toBe(23);
    expect(b.overhead).toBe(7);
    expect(b.linearShare).toBeCloseTo(12 / 30, 12);
    // parts that add up to more than the step (a serialising profile): the share is of their sum
    expect(
      stepBreakdown({ linear: 30, attention: 10, norms: 0, sampling: 0 }, { linear: 0, attention: 0, norms: 0, sampling: 0 }, 0, 20)
        .linearShare,
    ).toBeCloseTo(0.75, 12);
    // a part faster than its round trips counts as 0, not negative
    expect(
      stepBreakdown({ linear: 1, attention: 0, norms: 0, sampling: 0 }, { linear: 5, attention: 0, norms: 0, sampling: 0 }, 1, 2).parts
        .linear,
    ).toBe(0);
  });

  it('median of odd and even lists; empty list is an error', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(/empty/);
  });
});
