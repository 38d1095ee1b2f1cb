import { describe, expect, it } from 'vitest';
import {
  bsrBytes,
  bsrToDense,
  bytes24,
  csrBytes,
  csrToDense,
  denseBytes,
  denseTo24,
  denseToBsr,
  denseToCsr,
  find24Violation,
  from24ToDense,
  is24,
  randomSparseMatrix,
} from './formats';
import { countKept } from './pruning';

const f32 = (xs: number[]) => Float32Array.from(xs);
const list = (a: ArrayLike<number>) => Array.from(a);

/** Random matrix with row `emptyRow` (if in range) zeroed, to exercise empty rows. */
function withEmptyRow(rows: number, cols: number, sparsity: number, seed: number, emptyRow: number): Float32Array {
  const m = randomSparseMatrix(rows, cols, sparsity, seed, 'unstructured');
  if (emptyRow < rows) m.fill(0, emptyRow * cols, (emptyRow + 1) * cols);
  return m;
}

// [rows, cols]; every shape is divisible by 4 so it serves CSR, BSR (b = 1, 2, 4) and 2:4.
const SHAPES: [number, number][] = [
  [1, 4],
  [4, 4],
  [3, 8],
  [8, 16],
  [12, 4],
  [0, 8],
];

describe('denseBytes', () => {
  it('is 4 bytes per entry', () => {
    expect(denseBytes(3, 5)).toBe(60);
    expect(denseBytes(0, 5)).toBe(0);
    expect(() => denseBytes(-1, 5)).toThrow(/rows = -1/);
  });
});

describe('CSR', () => {
  // [[0, 2, 0],
  //  [0, 0, 0],
  //  [3, 0, 4]]
  const dense = f32([0, 2, 0, 0, 0, 0, 3, 0, 4]);

  it('stores row pointers, column indices and values of the non-zeros', () => {
    const csr = denseToCsr(dense, 3, 3);
    expect(list(csr.rowPtr)).toEqual([0, 1, 1, 3]);
    expect(list(csr.colIdx)).toEqual([1, 0, 2]);
    expect(list(csr.values)).toEqual([2, 3, 4]);
    expect([csr.rows, csr.cols]).toEqual([3, 3]);
  });

  it('counts 4 bytes per entry of each array: 4 · (4 + 3 + 3) = 40', () => {
    expect(csrBytes(denseToCsr(dense, 3, 3))).toBe(40);
  });

  it('an all-zero matrix has nnz 0 and only the row pointer', () => {
    const csr = denseToCsr(new Float32Array(6), 2, 3);
    expect(list(csr.rowPtr)).toEqual([0, 0, 0]);
    expect(csr.values.length).toBe(0);
    expect(csrBytes(csr)).toBe(12);
    expect(list(csrToDense(csr))).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('-0 counts as zero', () => {
    expect(denseToCsr(f32([-0, 1]), 1, 2).values.length).toBe(1);
  });

  it.each(SHAPES)('round-trips random %i×%i matrices (with an empty row)', (rows, cols) => {
    for (const sparsity of [0, 0.5, 0.9, 1]) {
      const m = withEmptyRow(rows, cols, sparsity, rows * 100 + cols, 1);
      expect(csrToDense(denseToCsr(m, rows, cols))).toEqual(m);
    }
  });

  it('rejects a length mismatch and a malformed structure, naming the value', () => {
    expect(() => denseToCsr(dense, 2, 3)).toThrow(/dense.length = 9 does not equal rows × cols = 2 × 3 = 6/);
    const csr = denseToCsr(dense, 3, 3);
    expect(() => csrToDense({ ...csr, colIdx: Int32Array.from([1, 0, 7]) })).toThrow(/colIdx\[2\] = 7/);
    expect(() => csrToDense({ ...csr, rowPtr: Int32Array.from([0, 2, 1, 3]) })).toThrow(/decreasing at row 1/);
    expect(() => csrToDense({ ...csr, values: f32([1]) })).toThrow(/values.length = 1/);
  });
});

describe('BSR', () => {
  // 4×4, b = 2:
  //   [1 2 | 0 0]
  //   [3 4 | 0 0]
  //   [0 0 | 0 0]
  //   [0 0 | 5 0]
  const dense = f32([1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0]);

  it('keeps a block if any entry is non-zero, storing all b² values row-major', () => {
    const bsr = denseToBsr(dense, 4, 4, 2);
    expect(list(bsr.blockRowPtr)).toEqual([0, 1, 2]);
    expect(list(bsr.blockColIdx)).toEqual([0, 1]);
    expect(list(bsr.blockValues)).toEqual([1, 2, 3, 4, 0, 0, 5, 0]);
  });

  it('counts 4 bytes per entry of each array: 4 · (3 + 2 + 8) = 52', () => {
    expect(bsrBytes(denseToBsr(dense, 4, 4, 2))).toBe(52);
  });

  it('block size 1 stores the same values as CSR', () => {
    const bsr = denseToBsr(dense, 4, 4, 1);
    const csr = denseToCsr(dense, 4, 4);
    expect(list(bsr.blockValues)).toEqual(list(csr.values));
    expect(list(bsr.blockColIdx)).toEqual(list(csr.colIdx));
  });

  it('an all-zero matrix stores no blocks', () => {
    const bsr = denseToBsr(new Float32Array(16), 4, 4, 2);
    expect(list(bsr.blockRowPtr)).toEqual([0, 0, 0]);
    expect(bsrBytes(bsr)).toBe(12);
    expect(bsrToDense(bsr)).toEqual(new Float32Array(16));
  });

  it.each(SHAPES)('round-trips random %i×%i matrices for b = 1, 2, 4 (unstructured, block, empty row)', (rows, cols) => {
    for (const b of [1, 2, 4]) {
      if (rows % b !== 0) continue;
      for (const m of [withEmptyRow(rows, cols, 0.7, rows + cols + b, 0), randomSparseMatrix(rows, cols, 0.5, 7 * b, 'block', b)]) {
        expect(bsrToDense(denseToBsr(m, rows, cols, b))).toEqual(m);
      }
    }
  });

  it('stores exactly the non-zero blocks of a block-sparse matrix', () => {
    const m = randomSparseMatrix(8, 16, 0.75, 3, 'block', 4); // 8 tiles, round(6) zeroed
    expect(denseToBsr(m, 8, 16, 4).blockColIdx.length).toBe(2);
  });

  it('rejects a block size that does not divide the shape', () => {
    expect(() => denseToBsr(new Float32Array(12), 3, 4, 2)).toThrow(/blockSize = 2 does not divide the shape \[3, 4\]/);
    expect(() => denseToBsr(new Float32Array(16), 4, 4, 0)).toThrow(/blockSize = 0/);
  });
});

describe('2:4 semi-structured', () => {
  it('packs the kept values and their 2-bit positions, little end first', () => {
    // Groups [1, 0, 2, 0] -> positions (0, 2); [0, 0, 0, 5] -> (3) padded with 0 -> (0, 3).
    // Word 0 = 0 | 2 << 2 | 0 << 4 | 3 << 6 = 8 + 192 = 200.
    const s = denseTo24(f32([1, 0, 2, 0, 0, 0, 0, 5]), 1, 8);
    expect(list(s.values)).toEqual([1, 2, 0, 5]);
    expect(list(s.indices)).toEqual([200]);
  });

  it('spills into the next word after 16 positions', () => {
    // 9 groups: eight [1, 1, 0, 0] (positions 0, 1) then [0, 0, 7, 8] (positions 2, 3).
    // Word 0: position 1 at every odd slot -> 0b01 << 2k for odd k = 0x44444444. Word 1: 2 | 3 << 2 = 14.
    const dense = f32([...Array.from({ length: 8 }, () => [1, 1, 0, 0]).flat(), 0, 0, 7, 8]);
    const s = denseTo24(dense, 1, 36);
    expect(list(s.indices)).toEqual([0x44444444, 14]);
    expect(list(s.values.subarray(16))).toEqual([7, 8]);
    expect(from24ToDense(s)).toEqual(dense);
  });

  it('an all-zero group keeps positions 0 and 1 with zero values', () => {
    const s = denseTo24(new Float32Array(4), 1, 4);
    expect(list(s.values)).toEqual([0, 0]);
    expect(list(s.indices)).toEqual([0 | (1 << 2)]);
  });

  it('counts 4 bytes per value plus 2 bits per position rounded up to words', () => {
    // 4×32: 64 values (256 B) + 64 positions = 4 words (16 B); dense is 512 B.
    expect(bytes24(denseTo24(randomSparseMatrix(4, 32, 0.5, 1, '2:4'), 4, 32))).toBe(272);
    expect(denseBytes(4, 32)).toBe(512);
    // 1×4: 2 values (8 B) + 1 word (4 B).
    expect(bytes24(denseTo24(new Float32Array(4), 1, 4))).toBe(12);
  });

  it.each(SHAPES)('round-trips random 2:4 %i×%i matrices, and sparser ones', (rows, cols) => {
    const m = randomSparseMatrix(rows, cols, 0.5, rows * cols + 1, '2:4');
    expect(from24ToDense(denseTo24(m, rows, cols))).toEqual(m);
    // Zeroing a row of a 2:4 matrix keeps it 2:4 (groups with < 2 non-zeros get padding).
    if (rows > 1) m.fill(0, cols, 2 * cols);
    expect(from24ToDense(denseTo24(m, rows, cols))).toEqual(m);
    const zero = new Float32Array(rows * cols);
    expect(from24ToDense(denseTo24(zero, rows, cols))).toEqual(zero);
  });

  it('rejects a group with 3 non-zeros, naming the first bad group', () => {
    const dense = f32([1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1, 2, 3, 0]); // row 1, group 1
    expect(() => denseTo24(dense, 2, 8)).toThrow(/row 1, group 1 \(columns 4..7\) has 3 non-zeros/);
    expect(find24Violation(dense, 8)).toEqual({ row: 1, group: 1, col: 4, nonZeros: 3 });
  });

  it('rejects cols not divisible by 4', () => {
    expect(() => denseTo24(new Float32Array(6), 1, 6)).toThrow(/cols = 6/);
  });

  it('rejects a decoded group that stores one position twice', () => {
    expect(() => from24ToDense({ values: f32([1, 2]), indices: Uint32Array.from([0]), rows: 1, cols: 4 })).toThrow(/position 0 twice/);
  });

  it.each([
    { name: 'at most 2 of 4 non-zero', dense: [1, 0, 2, 0, 0, 0, 0, 0], cols: 8, ok: true },
    { name: 'all zero', dense: [0, 0, 0, 0], cols: 4, ok: true },
    { name: 'a group with 3 non-zeros', dense: [0, 0, 0, 0, 1, 1, 1, 0], cols: 8, ok: false },
    { name: 'a dense group', dense: [1, 2, 3, 4], cols: 4, ok: false },
    { name: 'cols not divisible by 4', dense: [1, 0, 0, 0, 0, 0], cols: 6, ok: false },
    { name: 'an empty matrix', dense: [], cols: 4, ok: true },
  ])('is24: $name -> $ok', ({ dense, cols, ok }) => {
    expect(is24(f32(dense), cols)).toBe(ok);
  });
});

describe('randomSparseMatrix', () => {
  it.each([
    { label: '25% of 10×10 is 25 zeros', sparsity: 0.25, rows: 10, cols: 10, zeros: 25 },
    { label: '50% of 5×1 is round(2.5) = 2 zeros', sparsity: 0.5, rows: 5, cols: 1, zeros: 2 },
    { label: '0% of 4×4 is no zeros', sparsity: 0, rows: 4, cols: 4, zeros: 0 },
    { label: '100% of 4×4 is 16 zeros', sparsity: 1, rows: 4, cols: 4, zeros: 16 },
  ])('unstructured: $label, exactly', ({ sparsity, rows, cols, zeros }) => {
    const m = randomSparseMatrix(rows, cols, sparsity, 1, 'unstructured');
    expect(m.length - countKept(m)).toBe(zeros);
  });

  it('kept values lie in [-1, 1] and are never 0', () => {
    const m = randomSparseMatrix(32, 32, 0, 5, 'unstructured');
    for (const v of m) {
      expect(v).not.toBe(0);
      expect(Math.abs(v)).toBeLessThanOrEqual(1);
    }
  });

  it('is reproducible by seed', () => {
    expect(randomSparseMatrix(8, 8, 0.5, 9, 'unstructured')).toEqual(randomSparseMatrix(8, 8, 0.5, 9, 'unstructured'));
    expect(randomSparseMatrix(8, 8, 0.5, 9, 'unstructured')).not.toEqual(randomSparseMatrix(8, 8, 0.5, 10, 'unstructured'));
  });

  it('block structure zeroes exactly round(sparsity · tiles) whole tiles', () => {
    const m = randomSparseMatrix(8, 8, 0.5, 2, 'block', 2); // 16 tiles, 8 zeroed
    let zeroTiles = 0;
    for (let tr = 0; tr < 4; tr++) {
      for (let tc = 0; tc < 4; tc++) {
        const tile = [0, 1, 8, 9].map((o) => m[tr * 16 + tc * 2 + o]);
        const zeros = tile.filter((v) => v === 0).length;
        expect([0, 4]).toContain(zeros); // all or nothing
        if (zeros === 4) zeroTiles++;
      }
    }
    expect(zeroTiles).toBe(8);
  });

  it('block structure defaults to 4×4 tiles', () => {
    const m = randomSparseMatrix(8, 8, 0.25, 2, 'block'); // 4 tiles, 1 zeroed
    expect(countKept(m)).toBe(48);
  });

  it('2:4 structure has exactly 2 zeros in every group of 4', () => {
    const m = randomSparseMatrix(6, 16, 0.5, 4, '2:4');
    for (let g = 0; g < m.length; g += 4) expect(countKept(m.subarray(g, g + 4))).toBe(2);
    expect(is24(m, 16)).toBe(true);
  });

  it.each([
    { name: '2:4 with sparsity 0.6', args: [4, 4, 0.6, 1, '2:4'] as const, msg: /sparsity 0.5 by construction, got sparsity = 0.6/ },
    { name: '2:4 with cols 6', args: [1, 6, 0.5, 1, '2:4'] as const, msg: /cols = 6/ },
    { name: 'sparsity 1.5', args: [4, 4, 1.5, 1, 'unstructured'] as const, msg: /got 1.5/ },
    { name: 'sparsity NaN', args: [4, 4, Number.NaN, 1, 'unstructured'] as const, msg: /got NaN/ },
    { name: 'a non-dividing block', args: [6, 6, 0.5, 1, 'block'] as const, msg: /blockSize = 4 does not divide/ },
    { name: 'a NaN seed', args: [4, 4, 0.5, Number.NaN, 'unstructured'] as const, msg: /seed/ },
  ])('rejects $name', ({ args, msg }) => {
    const [rows, cols, sparsity, seed, structure] = args;
    expect(() => randomSparseMatrix(rows, cols, sparsity, seed, structure)).toThrow(msg);
  });
});

describe('a large matrix', () => {
  it('a 2048×2048 2:4 matrix survives every format round trip exactly', () => {
    const n = 2048;
    const m = randomSparseMatrix(n, n, 0.5, 1, '2:4');
    const back = [csrToDense(denseToCsr(m, n, n)), bsrToDense(denseToBsr(m, n, n, 16)), from24ToDense(denseTo24(m, n, n))];
    // A plain loop: deep equality on 4M-entry arrays would dominate the test time.
    for (const d of back) {
      let mismatches = 0;
      for (let i = 0; i < m.length; i++) if (d[i] !== m[i]) mismatches++;
      expect(mismatches).toBe(0);
    }
  });
});
