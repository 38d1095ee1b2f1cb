import { describe, expect, it } from 'vitest';
import { pruneCount, roundHalfEven, validatePruneParams } from './prune-params';

describe('pruneCount (torch.nn.utils.prune._compute_nparams_toprune)', () => {
  it.each([
    // amount, size, expected, Python's round(amount * size)
    [0.5, 5, 2, 'round(2.5) = 2, half to even'],
    [0.5, 3, 2, 'round(1.5) = 2, half to even'],
    [0.25, 10, 2, 'round(2.5) = 2'],
    [0.35, 10, 4, '0.35 * 10 is exactly 3.5 in doubles; round(3.5) = 4'],
    [0.45, 10, 4, 'round(4.5) = 4'],
    [0.14, 25, 4, '0.14 * 25 = 3.5000000000000004 -> 4'],
    [0.7, 45, 31, '0.7 * 45 = 31.499999999999996 -> 31 (exact 31.5 would give 32)'],
    [0.58, 25, 14, '0.58 * 25 = 14.499999999999998 -> 14'],
    [0.3, 10, 3, 'plain integer product'],
    [1 / 3, 3, 1, '(1/3) * 3 = 1.0'],
    [0.05, 10, 0, 'round(0.5) = 0'],
    [0, 7, 0, '0% prunes nothing'],
    [1, 7, 7, '100% prunes everything'],
    [0.5, 0, 0, 'empty tensor'],
  ])('pruneCount(%s, %s) = %s (%s)', (amount, size, expected) => {
    expect(pruneCount(amount, size)).toBe(expected);
  });

  it.each([[-0.1], [1.1], [Number.NaN], [Number.POSITIVE_INFINITY]])('rejects amount %s with a RangeError naming it', (amount) => {
    expect(() => pruneCount(amount, 10)).toThrow(RangeError);
    expect(() => pruneCount(amount, 10)).toThrow(String(amount));
  });

  it('rejects a size that is not a non-negative integer', () => {
    expect(() => pruneCount(0.5, -1)).toThrow(/size/);
    expect(() => pruneCount(0.5, 2.5)).toThrow(/2\.5/);
  });

  it.each([
    [2.5, 2],
    [3.5, 4],
    [0.5, 0],
    [1.5, 2],
    [2.4999999999999996, 2],
    [2.5000000000000004, 3],
    [7, 7],
  ])('roundHalfEven(%s) = %s like Python round', (x, expected) => {
    expect(roundHalfEven(x)).toBe(expected);
  });
});

describe('validatePruneParams', () => {
  it.each([
    { name: 'amount 1.1', p: { amount: 1.1 }, keys: ['amount-out-of-range'], text: '1.1' },
    { name: 'amount -0.1', p: { amount: -0.1 }, keys: ['amount-out-of-range'], text: '-0.1' },
    { name: 'amount NaN', p: { amount: Number.NaN }, keys: ['amount-out-of-range'], text: 'NaN' },
    { name: 'n > m', p: { n: 5, m: 4, cols: 8 }, keys: ['n-greater-than-m'], text: 'n = 5 > m = 4' },
    { name: 'm not dividing', p: { n: 2, m: 4, cols: 6 }, keys: ['m-not-dividing'], text: 'cols = 6' },
    { name: 'n > m and m not dividing', p: { n: 5, m: 4, cols: 6 }, keys: ['n-greater-than-m', 'm-not-dividing'], text: 'm = 4' },
    { name: 'n missing', p: { m: 4 }, keys: ['nm-invalid'], text: 'n = undefined' },
    { name: 'block not dividing', p: { rows: 4, cols: 6, blockSize: 4 }, keys: ['block-size-not-dividing'], text: 'blockSize = 4' },
    { name: 'block size 0', p: { blockSize: 0 }, keys: ['block-size-invalid'], text: 'got 0' },
    { name: 'negative rows', p: { rows: -1 }, keys: ['shape-invalid'], text: 'rows must be an integer >= 0, got -1' },
  ])('$name -> $keys', ({ p, keys, text }) => {
    const issues = validatePruneParams(p);
    expect(issues.map((i) => i.key)).toEqual(keys);
    expect(issues[0].message).toContain(text);
  });

  it('returns no issues for valid parameters, and values for the message placeholders', () => {
    expect(validatePruneParams({ amount: 0.5, n: 2, m: 4, rows: 8, cols: 8, blockSize: 4 })).toEqual([]);
    expect(validatePruneParams({})).toEqual([]);
    expect(validatePruneParams({ n: 2, m: 4, cols: 6 })[0].values).toEqual({ m: 4, cols: 6 });
  });
});
