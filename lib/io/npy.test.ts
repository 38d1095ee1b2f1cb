import { dump } from 'npyjs';
import { describe, expect, it } from 'vitest';
import { MAX_NPY_BYTES, NpyError, readNpyMatrix } from './npy';

/** Builds a .npy file by hand: version 1.0, the given header dict, then the raw bytes. */
function npyFile(dict: string, body: Uint8Array): ArrayBuffer {
  let header = dict;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + body.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  out.set(body, 10 + header.length);
  return out.buffer;
}

const problem = (buf: ArrayBuffer) => {
  try {
    readNpyMatrix(buf);
    return 'accepted';
  } catch (err) {
    return err instanceof NpyError ? err.key : `other: ${err}`;
  }
};

describe('readNpyMatrix', () => {
  it('reads a float32 2-D matrix row-major', () => {
    const m = readNpyMatrix(dump(Float32Array.of(1, 2, 3, 4, 5, 6), [2, 3]));
    expect(m).toMatchObject({ rows: 2, cols: 3, dtype: 'float32' });
    expect([...m.data]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('widens float16 exactly', () => {
    // 0x3c00 = 1.0, 0xc000 = -2.0, 0x3800 = 0.5, 0x0000 = 0
    const body = new Uint8Array(Uint16Array.of(0x3c00, 0xc000, 0x3800, 0x0000).buffer);
    const m = readNpyMatrix(npyFile("{'descr': '<f2', 'fortran_order': False, 'shape': (2, 2), }", body));
    expect(m.dtype).toBe('float16');
    expect([...m.data]).toEqual([1, -2, 0.5, 0]);
  });

  it('transposes Fortran-ordered files into row-major', () => {
    const body = new Uint8Array(Float32Array.of(1, 4, 2, 5, 3, 6).buffer);
    const m = readNpyMatrix(npyFile("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }", body));
    expect([...m.data]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it.each<[string, () => ArrayBuffer, string]>([
    ['a text file', () => new TextEncoder().encode('hello, world, not numpy').buffer as ArrayBuffer, 'not-npy'],
    ['a truncated header', () => npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", new Uint8Array(0)).slice(0, 20), 'malformed'],
    ['int32 data', () => dump(Int32Array.of(1, 2, 3, 4), [2, 2]), 'dtype'],
    ['float64 data', () => dump(Float64Array.of(1, 2), [1, 2]), 'dtype'],
    ['big-endian floats', () => npyFile("{'descr': '>f4', 'fortran_order': False, 'shape': (1, 1), }", new Uint8Array(4)), 'byte-order'],
    ['a 1-D vector', () => dump(Float32Array.of(1, 2, 3), [3]), 'rank'],
    ['a 3-D tensor', () => dump(new Float32Array(8), [2, 2, 2]), 'rank'],
    ['an empty matrix', () => dump(new Float32Array(0), [0, 4]), 'empty'],
    ['4097 columns', () => npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 4097), }", new Uint8Array(4097 * 4)), 'too-large'],
    ['missing data', () => npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (4, 4), }", new Uint8Array(8)), 'malformed'],
    ['a NaN', () => dump(Float32Array.of(1, Number.NaN), [1, 2]), 'non-finite'],
    ['an infinity', () => dump(Float32Array.of(Number.POSITIVE_INFINITY), [1, 1]), 'non-finite'],
  ])('refuses %s', (_label, make, key) => {
    expect(problem(make())).toBe(key);
  });

  it('refuses a file larger than 4096 x 4096 float32 before parsing it', () => {
    expect(problem(new ArrayBuffer(MAX_NPY_BYTES + 1))).toBe('too-big-file');
  });

  it('names the position of a non-finite value', () => {
    expect(() => readNpyMatrix(dump(Float32Array.of(1, 2, 3, Number.NaN), [2, 2]))).toThrow(/row 1, column 1/);
  });
});
