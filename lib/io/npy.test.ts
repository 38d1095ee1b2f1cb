import { dump } from 'npyjs';
import { describe, expect, it } from 'vitest';
import { FLOAT32_MAX, MatrixFileError, MAX_FILE_BYTES } from './matrix';
import { readNpyMatrix } from './npy';
import { bufferOf, npyFile, npyWithHeader } from './test-files';

const problem = (buf: ArrayBuffer) => {
  try {
    readNpyMatrix(buf);
    return 'accepted';
  } catch (err) {
    if (err instanceof MatrixFileError) return err.key;
    throw err;
  }
};
const read = (bytes: Uint8Array) => readNpyMatrix(bufferOf(bytes));

describe('readNpyMatrix: float32 and float16 (no conversion)', () => {
  it('reads a float32 2-D matrix row-major', () => {
    const m = readNpyMatrix(dump(Float32Array.of(1, 2, 3, 4, 5, 6), [2, 3]));
    expect(m).toMatchObject({ rows: 2, cols: 3, dtype: 'float32', conversion: null });
    expect([...m.data]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('widens float16 exactly', () => {
    // 0x3c00 = 1.0, 0xc000 = -2.0, 0x3800 = 0.5, 0x0000 = 0
    const m = read(npyFile('<f2', [2, 2], [0x3c00, 0xc000, 0x3800, 0x0000]));
    expect(m).toMatchObject({ dtype: 'float16', conversion: null });
    expect([...m.data]).toEqual([1, -2, 0.5, 0]);
  });

  it('transposes Fortran-ordered files into row-major', () => {
    const m = read(npyFile('<f4', [2, 3], [1, 4, 2, 5, 3, 6], true));
    expect([...m.data]).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('readNpyMatrix: converted to float32, with what changed', () => {
  // One case per stored type, each with its edge: [label, file, float32 values row-major, dtype, conversion]
  it.each<[string, Uint8Array, number[], string, object]>([
    [
      'float64: rounded to the nearest float32 (0.1 is not a float32), 1 is exact',
      npyFile('<f8', [1, 2], [0.1, 1]),
      [Math.fround(0.1), 1],
      'float64',
      { kind: 'float', bigEndian: false, total: 2, rounded: 1, toZero: 0, clamped: 0 },
    ],
    [
      'float64: beyond float32 range is clamped to ±FLOAT32_MAX, 1e-50 becomes 0',
      npyFile('<f8', [2, 2], [1e39, -1e300, 1e-50, 2]),
      [FLOAT32_MAX, -FLOAT32_MAX, 0, 2],
      'float64',
      { kind: 'float', total: 4, rounded: 1, toZero: 1, clamped: 2 },
    ],
    [
      'int32: exact up to 2^24, 2^24 + 1 rounds to 2^24',
      npyFile('<i4', [2, 2], [-2147483648, 16777216, 16777217, -7]),
      [-2147483648, 16777216, 16777216, -7],
      'int32',
      { kind: 'integer', total: 4, rounded: 1, clamped: 0 },
    ],
    [
      'uint8: 0 and 255 exact',
      npyFile('|u1', [1, 3], [0, 255, 7]),
      [0, 255, 7],
      'uint8',
      { kind: 'integer', bigEndian: false, rounded: 0 },
    ],
    ['int8: -128 exact', npyFile('|i1', [1, 2], [-128, 127]), [-128, 127], 'int8', { kind: 'integer', rounded: 0 }],
    ['uint16: 65535 exact', npyFile('<u2', [1, 1], [65535]), [65535], 'uint16', { kind: 'integer', rounded: 0 }],
    [
      'int64: 2^53 + 1 is rounded, -3 is exact',
      npyFile('<i8', [1, 2], [2n ** 53n + 1n, -3n]),
      [2 ** 53, -3],
      'int64',
      { kind: 'integer', rounded: 1 },
    ],
    [
      'uint64: the largest value, 2^64 - 1, rounds to 2^64',
      npyFile('<u8', [1, 1], [2n ** 64n - 1n]),
      [2 ** 64],
      'uint64',
      { kind: 'integer', rounded: 1 },
    ],
    ['bool: 0 and 1', npyFile('|b1', [1, 3], [1, 0, 1]), [1, 0, 1], 'bool', { kind: 'integer', rounded: 0 }],
    [
      'big-endian float32: bytes reordered, values unchanged (a value whose bytes are not a palindrome)',
      npyFile('>f4', [2, 2], [1.5, -2.25, 3e-5, 65504]),
      [1.5, -2.25, Math.fround(3e-5), 65504],
      'float32',
      { kind: 'exact', bigEndian: true, rounded: 0 },
    ],
    [
      'big-endian float64: bytes reordered and rounded to float32',
      npyFile('>f8', [1, 3], [1 / 3, -0.5, 1e40]),
      [Math.fround(1 / 3), -0.5, FLOAT32_MAX],
      'float64',
      { kind: 'float', bigEndian: true, rounded: 1, clamped: 1 },
    ],
    ['big-endian int16', npyFile('>i2', [1, 2], [-2, 258]), [-2, 258], 'int16', { kind: 'integer', bigEndian: true }],
    [
      'Fortran-order float64 [2, 3]: stored column by column, returned row-major',
      npyFile('<f8', [2, 3], [1, 4, 2, 5, 3, 6.1], true),
      [1, 2, 3, 4, 5, Math.fround(6.1)],
      'float64',
      { kind: 'float', total: 6, rounded: 1 },
    ],
  ])('%s', (_label, file, values, dtype, conversion) => {
    const m = read(file);
    expect(m.dtype).toBe(dtype);
    expect(m.rows * m.cols).toBe(values.length);
    expect([...m.data]).toEqual(values);
    expect(m.conversion).toMatchObject({ from: dtype, ...conversion });
  });

  it('reads a float64 made by np.save(np.random.randn(256, 256)): 256 x 256, every value rounded', () => {
    let seed = 7;
    const values = Array.from({ length: 256 * 256 }, () => {
      seed = (seed * 16807) % 2147483647;
      return (seed / 2147483647 - 0.5) * 6 + 1e-9; // finite doubles that are not float32 values
    });
    const m = read(npyFile('<f8', [256, 256], values));
    expect(m).toMatchObject({ rows: 256, cols: 256, dtype: 'float64', conversion: { total: 65536, rounded: 65536, clamped: 0 } });
    expect(m.data[257]).toBe(Math.fround(values[257]));
  });

  it('names the row-major position of a NaN in a Fortran-ordered float64 file', () => {
    // Column-major [2, 2] of [[1, 2], [NaN, 4]]: stored as 1, NaN, 2, 4.
    expect(() => read(npyFile('<f8', [2, 2], [1, Number.NaN, 2, 4], true))).toThrow(/row 1, column 0/);
  });
});

describe('readNpyMatrix: refusals', () => {
  it.each<[string, () => ArrayBuffer, string]>([
    ['a text file', () => new TextEncoder().encode('hello, world, not numpy').buffer as ArrayBuffer, 'not-npy'],
    [
      'a truncated header',
      () => bufferOf(npyWithHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", new Uint8Array(0)).slice(0, 20)),
      'malformed',
    ],
    [
      'complex128 data',
      () => bufferOf(npyWithHeader("{'descr': '<c16', 'fortran_order': False, 'shape': (1, 1), }", new Uint8Array(16))),
      'dtype',
    ],
    [
      'a string array',
      () => bufferOf(npyWithHeader("{'descr': '<U4', 'fortran_order': False, 'shape': (1, 1), }", new Uint8Array(16))),
      'dtype',
    ],
    [
      'a structured dtype',
      () =>
        bufferOf(npyWithHeader("{'descr': [('a', '<f4'), ('b', '<i4')], 'fortran_order': False, 'shape': (1, 1), }", new Uint8Array(8))),
      'dtype',
    ],
    ['a 1-D vector', () => dump(Float32Array.of(1, 2, 3), [3]), 'rank'],
    ['a 3-D tensor', () => dump(new Float32Array(8), [2, 2, 2]), 'rank'],
    ['an empty matrix', () => dump(new Float32Array(0), [0, 4]), 'empty'],
    ['4097 columns', () => bufferOf(npyFile('<f4', [1, 4097], new Float32Array(4097))), 'too-large'],
    [
      'missing data',
      () => bufferOf(npyWithHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (4, 4), }", new Uint8Array(8))),
      'malformed',
    ],
    ['float64 data cut in the middle of a value', () => bufferOf(npyFile('<f8', [1, 2], [1, 2]).slice(0, -3)), 'malformed'],
    ['big-endian float64 with a missing value', () => bufferOf(npyFile('>f8', [2, 2], [1, 2, 3])), 'malformed'],
    ['a NaN', () => dump(Float32Array.of(1, Number.NaN), [1, 2]), 'non-finite'],
    ['an infinity', () => dump(Float32Array.of(Number.POSITIVE_INFINITY), [1, 1]), 'non-finite'],
    [
      'an infinity in float64 (not clamped: it is not a finite value)',
      () => bufferOf(npyFile('<f8', [1, 1], [Number.NEGATIVE_INFINITY])),
      'non-finite',
    ],
  ])('refuses %s', (_label, make, key) => {
    expect(problem(make())).toBe(key);
  });

  it('refuses a file larger than 4096 x 4096 float32 before parsing it', () => {
    expect(problem(new ArrayBuffer(MAX_FILE_BYTES + 1))).toBe('too-big-file');
  });

  it('names the position of a non-finite value', () => {
    expect(() => readNpyMatrix(dump(Float32Array.of(1, 2, 3, Number.NaN), [2, 2]))).toThrow(/row 1, column 1/);
  });

  it('leaves the bytes of a big-endian upload as they were (the byte swap works on a copy)', () => {
    const file = npyFile('>f8', [1, 2], [1.5, 2]);
    const before = file.slice();
    const buffer = file.buffer as ArrayBuffer;
    readNpyMatrix(buffer);
    expect(new Uint8Array(buffer)).toEqual(before);
  });
});
