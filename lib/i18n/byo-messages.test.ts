import { describe, expect, it } from 'vitest';
import type { Conversion } from '../io/matrix';
import { common } from './common';

const base: Conversion = { from: 'float64', kind: 'float', bigEndian: false, total: 65536, rounded: 0, toZero: 0, clamped: 0 };

describe('bring-your-own matrix: the conversion note', () => {
  it.each<[string, Partial<Conversion>, string]>([
    [
      'float64, every value rounded',
      { rounded: 65536 },
      'Converted from float64 to float32: 65,536 of 65,536 values were rounded to the nearest float32 (about 7 significant digits; this loss of precision is expected).',
    ],
    [
      'float64 with overflow and underflow',
      { bigEndian: true, rounded: 3, toZero: 2, clamped: 1 },
      'Converted from float64 (big-endian) to float32: 3 of 65,536 values were rounded to the nearest float32 (about 7 significant digits; this loss of precision is expected), 2 of them to 0 (smaller than float32’s 1.4 × 10⁻⁴⁵; they now count as zeros); 1 value overflows float32 (beyond ±3.4 × 10³⁸) and was clamped to its largest value.',
    ],
    [
      'float64 holding float32 values only',
      {},
      'Converted from float64 to float32: every value was exactly representable, nothing changed.',
    ],
    [
      'int32 within 2^24',
      { from: 'int32', kind: 'integer' },
      'Converted from int32 to float32, exactly (integers up to 2²⁴ = 16,777,216 in magnitude convert exactly).',
    ],
    [
      'int64 beyond 2^24',
      { from: 'I64', kind: 'integer', rounded: 12 },
      'Converted from I64 to float32: 12 of 65,536 values are larger than 2²⁴ = 16,777,216 in magnitude and were rounded to the nearest float32.',
    ],
    [
      'big-endian float32',
      { from: 'float32', kind: 'exact', bigEndian: true },
      'Stored big-endian: the bytes were reordered; the float32 values are unchanged.',
    ],
  ])('%s (English)', (_label, change, text) => {
    expect(common.en.byo.conversion({ ...base, ...change })).toBe(text);
  });

  it('has a Chinese note for every case, with the counts', () => {
    expect(common.zh.byo.conversion({ ...base, rounded: 65536 })).toContain('65,536 个值中有 65,536 个被舍入');
    expect(common.zh.byo.conversion({ ...base, clamped: 2 })).toContain('2 个值超出 float32 的范围');
    expect(common.zh.byo.conversion({ ...base, from: 'int32', kind: 'integer' })).toContain('完全精确');
    expect(common.zh.byo.conversion({ ...base, from: 'float32', kind: 'exact', bigEndian: true })).toContain('以大端字节序存储');
  });
});
