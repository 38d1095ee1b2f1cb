import { describe, expect, it } from 'vitest';
import { readSafetensors, readSafetensorsIndex } from '../lm/safetensors';
import { FLOAT32_MAX, MatrixFileError, MAX_FILE_BYTES } from './matrix';
import { openMatrixFile } from './open-matrix';
import { listSafetensorsMatrices, readSafetensorsMatrix } from './safetensors-matrix';
import { bufferOf, npyFile, safetensorsFile } from './test-files';

const problem = (run: () => unknown) => {
  try {
    run();
    return 'accepted';
  } catch (err) {
    if (err instanceof MatrixFileError) return err.key;
    throw err;
  }
};

/** A small checkpoint shaped like a Hugging Face one: Linear weights [out, in], a bias, a norm, a 3-D tensor. */
const checkpoint = () =>
  safetensorsFile([
    { name: 'model.embed_tokens.weight', dtype: 'F32', shape: [5000, 8], values: new Float32Array(40000) },
    { name: 'model.layers.0.mlp.up_proj.weight', dtype: 'F32', shape: [4, 3], values: [1, -2, 3, -4, 5, -6, 7, -8, 9, -10, 11, -12] },
    { name: 'model.layers.0.mlp.up_proj.bias', dtype: 'F32', shape: [4], values: [0, 0, 0, 0] },
    { name: 'model.layers.0.self_attn.q_proj.weight', dtype: 'BF16', shape: [2, 2], values: [0x3f80, 0xc040, 0x0000, 0x4000] }, // 1, -3, 0, 2
    { name: 'model.layers.0.input_layernorm.weight', dtype: 'F16', shape: [3], values: [0x3c00, 0x3c00, 0x3c00] },
    { name: 'model.layers.0.block_sparse_moe.experts', dtype: 'F32', shape: [2, 2, 2], values: new Float32Array(8) },
    { name: 'lm_head.weight', dtype: 'F64', shape: [2, 3], values: [0.1, 2, -3, 1e39, 1e-50, 6] },
    { name: 'scale_fp8', dtype: 'F8_E4M3', shape: [2, 2], values: [0, 0, 0, 0] },
    { name: 'position_ids', dtype: 'I64', shape: [1, 3], values: [0n, 1n, 2n ** 40n + 1n] },
  ]);

describe('listSafetensorsMatrices', () => {
  it('lists the 2-D tensors of a file with several tensors, in header order, and counts the others', () => {
    const listing = listSafetensorsMatrices(bufferOf(checkpoint()));
    expect(listing.tensors).toEqual([
      {
        name: 'model.embed_tokens.weight',
        rows: 5000,
        cols: 8,
        dtype: 'F32',
        problem: { key: 'too-large', params: { rows: 5000, cols: 8, max: 4096 } },
      },
      { name: 'model.layers.0.mlp.up_proj.weight', rows: 4, cols: 3, dtype: 'F32', problem: null },
      { name: 'model.layers.0.self_attn.q_proj.weight', rows: 2, cols: 2, dtype: 'BF16', problem: null },
      { name: 'lm_head.weight', rows: 2, cols: 3, dtype: 'F64', problem: null },
      { name: 'scale_fp8', rows: 2, cols: 2, dtype: 'F8_E4M3', problem: { key: 'dtype', params: { dtype: 'F8_E4M3' } } },
      { name: 'position_ids', rows: 1, cols: 3, dtype: 'I64', problem: null },
    ]);
    expect(listing.notMatrices).toBe(3); // the bias, the norm and the 3-D tensor
  });

  it.each<[string, () => Uint8Array, string]>([
    [
      'a file whose only tensors are 1-D',
      () =>
        safetensorsFile([
          { name: 'bias', dtype: 'F32', shape: [3], values: [1, 2, 3] },
          { name: 'norm.weight', dtype: 'F16', shape: [2], values: [0x3c00, 0x3c00] },
        ]),
      'no-matrix',
    ],
    ['a file whose only 2-D tensor is empty', () => safetensorsFile([{ name: 'w', dtype: 'F32', shape: [0, 4], values: [] }]), 'no-matrix'],
    ['a file with no tensor at all', () => safetensorsFile([]), 'no-matrix'],
    [
      'a truncated file (it ends 5 bytes before its last tensor does)',
      () => safetensorsFile([{ name: 'w', dtype: 'F32', shape: [2, 2], values: [1, 2, 3, 4] }]).slice(0, -5),
      'safetensors-truncated',
    ],
    ['a header that is not JSON', () => Uint8Array.of(4, 0, 0, 0, 0, 0, 0, 0, 0x7b, 0x7b, 0x7b, 0x7b), 'safetensors-unreadable'],
    [
      'offsets that disagree with the shape',
      () => safetensorsFile([{ name: 'w', dtype: 'F64', shape: [2, 2], bytes: new Uint8Array(24) }]),
      'safetensors-unreadable',
    ],
  ])('refuses %s', (_label, make, key) => {
    expect(problem(() => listSafetensorsMatrices(bufferOf(make())))).toBe(key);
  });

  it('refuses a file larger than the upload limit before reading it', () => {
    expect(problem(() => listSafetensorsMatrices(new ArrayBuffer(MAX_FILE_BYTES + 1)))).toBe('too-big-file');
  });
});

describe('readSafetensorsMatrix', () => {
  const file = bufferOf(checkpoint());

  it('reads an F32 Linear weight [out_features, in_features] row-major, unconverted', () => {
    const m = readSafetensorsMatrix(file, 'model.layers.0.mlp.up_proj.weight');
    expect(m).toMatchObject({ rows: 4, cols: 3, dtype: 'F32', conversion: null });
    expect([...m.data]).toEqual([1, -2, 3, -4, 5, -6, 7, -8, 9, -10, 11, -12]);
  });

  it('widens BF16 exactly', () => {
    const m = readSafetensorsMatrix(file, 'model.layers.0.self_attn.q_proj.weight');
    expect(m).toMatchObject({ dtype: 'BF16', conversion: null });
    expect([...m.data]).toEqual([1, -3, 0, 2]);
  });

  it('converts F64 to float32: rounded, clamped beyond float32 range, tiny values to 0', () => {
    const m = readSafetensorsMatrix(file, 'lm_head.weight');
    expect([...m.data]).toEqual([Math.fround(0.1), 2, -3, FLOAT32_MAX, 0, 6]);
    expect(m.conversion).toEqual({ from: 'F64', kind: 'float', bigEndian: false, total: 6, rounded: 2, toZero: 1, clamped: 1 });
  });

  it('converts I64 to float32, rounding values beyond 2^24', () => {
    const m = readSafetensorsMatrix(file, 'position_ids');
    expect([...m.data]).toEqual([0, 1, 2 ** 40]);
    expect(m.conversion).toMatchObject({ from: 'I64', kind: 'integer', rounded: 1 });
  });

  it.each<[string, string, Uint8Array]>([
    ['I8', 'integer', safetensorsFile([{ name: 'q', dtype: 'I8', shape: [1, 3], values: [-128, 0, 127] }])],
    ['U8', 'integer', safetensorsFile([{ name: 'q', dtype: 'U8', shape: [1, 3], values: [255, 0, 1] }])],
    ['I16', 'integer', safetensorsFile([{ name: 'q', dtype: 'I16', shape: [1, 3], values: [-32768, 258, 1] }])],
    ['BOOL', 'integer', safetensorsFile([{ name: 'q', dtype: 'BOOL', shape: [1, 3], values: [1, 0, 1] }])],
    ['F16', 'none', safetensorsFile([{ name: 'q', dtype: 'F16', shape: [1, 3], values: [0x3c00, 0xc000, 0x3800] }])],
  ])('reads %s exactly', (dtype, kind, bytes) => {
    const m = readSafetensorsMatrix(bufferOf(bytes), 'q');
    const expected = { I8: [-128, 0, 127], U8: [255, 0, 1], I16: [-32768, 258, 1], BOOL: [1, 0, 1], F16: [1, -2, 0.5] }[dtype];
    expect([...m.data]).toEqual(expected);
    if (kind === 'none') expect(m.conversion).toBeNull();
    else expect(m.conversion).toMatchObject({ from: dtype, kind, rounded: 0 });
  });

  it.each<[string, string]>([
    ['a name not in the file', 'no-tensor'],
    ['model.layers.0.mlp.up_proj.bias', 'rank'],
    ['scale_fp8', 'dtype'],
    ['model.embed_tokens.weight', 'too-large'],
  ])('refuses %s (%s)', (name, key) => {
    expect(problem(() => readSafetensorsMatrix(file, name))).toBe(key);
  });

  it('refuses a tensor holding NaN, naming its position', () => {
    const bytes = safetensorsFile([{ name: 'w', dtype: 'F32', shape: [2, 2], values: [1, 2, Number.NaN, 4] }]);
    expect(() => readSafetensorsMatrix(bufferOf(bytes), 'w')).toThrow(
      expect.objectContaining({ key: 'non-finite', message: expect.stringMatching(/row 1, column 0/) }),
    );
  });
});

describe('readSafetensorsIndex (lib/lm/safetensors.ts)', () => {
  it('lists every dtype with its byte range, while readSafetensors still refuses dtypes it does not decode', () => {
    const bytes = safetensorsFile([
      { name: 'a', dtype: 'F64', shape: [1, 2], values: [1, 2] },
      { name: 'b', dtype: 'X9', shape: [3], bytes: new Uint8Array(5) }, // a dtype this reader does not know: listed, not checked for size
    ]);
    const { entries, metadata } = readSafetensorsIndex(bytes);
    expect(metadata).toEqual({ format: 'pt' });
    const dataStart = bytes.length - 16 - 5;
    expect(entries).toEqual([
      { name: 'a', dtype: 'F64', shape: [1, 2], offset: dataStart, byteLength: 16 },
      { name: 'b', dtype: 'X9', shape: [3], offset: dataStart + 16, byteLength: 5 },
    ]);
    expect(() => readSafetensors(bytes)).toThrow(expect.objectContaining({ key: 'unsupported-dtype' }));
  });
});

describe('openMatrixFile', () => {
  it('lists a safetensors file whatever its name, and reads the tensor picked', () => {
    const bytes = checkpoint();
    expect(openMatrixFile(bufferOf(bytes), 'model.bin', null)).toMatchObject({ kind: 'tensors', notMatrices: 3 });
    const opened = openMatrixFile(bufferOf(bytes), 'model.safetensors', 'lm_head.weight');
    expect(opened).toMatchObject({ kind: 'matrix', tensor: 'lm_head.weight', matrix: { rows: 2, cols: 3, dtype: 'F64' } });
  });

  it('reads an .npy even when it is named .safetensors, ignoring any tensor name', () => {
    const opened = openMatrixFile(bufferOf(npyFile('<f8', [1, 2], [1, 2])), 'w.safetensors', null);
    expect(opened).toMatchObject({ kind: 'matrix', tensor: null, matrix: { dtype: 'float64' } });
  });

  it('refuses a damaged .safetensors as safetensors, and anything else as not .npy', () => {
    const junk = bufferOf(new TextEncoder().encode('hello, not a tensor file'));
    expect(problem(() => openMatrixFile(junk, 'model.safetensors', null))).toBe('safetensors-unreadable');
    expect(problem(() => openMatrixFile(junk, 'notes.npy', null))).toBe('not-npy');
  });
});
