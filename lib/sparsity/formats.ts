/**
 * Sparse storage formats for a row-major dense matrix [rows, cols] (Float32Array).
 *
 * - CSR (compressed sparse row; scipy.sparse.csr_matrix / torch.sparse_csr layout):
 *     rowPtr[r]..rowPtr[r+1] indexes the non-zeros of row r in colIdx / values.
 * - BSR (block sparse row; scipy.sparse.bsr_matrix): CSR over b × b blocks; a block
 *     is stored (all b² values, row-major) if any of its entries is non-zero.
 * - 2:4 (NVIDIA Ampere sparse tensor cores; cuSPARSELt "compressed" operand): every
 *     group of 4 consecutive entries of a row holds at most 2 non-zeros; the 2 kept
 *     values are stored (rows × cols/2) plus a 2-bit position (0..3) for each.
 *
 * "Non-zero" means `v !== 0` (so -0 counts as zero; NaN is stored). Every conversion
 * is a constant number of passes over the input: linear time, 4096 × 4096 included.
 * Byte counts use 4 bytes per Int32/Float32/Uint32 entry.
 */

import { createMulberry32, randomInt, randomNonZeroUnit, sampleIndices } from './random';
import { roundHalfEven } from './pruning';
import { assertInteger, assertLength } from './validation';

function assertDense(dense: Float32Array, rows: number, cols: number): void {
  assertInteger('rows', rows, 0);
  assertInteger('cols', cols, 0);
  assertLength('dense', dense, rows * cols, `rows × cols = ${rows} × ${cols}`);
}

/** Bytes of a dense float32 matrix: 4 · rows · cols. */
export function denseBytes(rows: number, cols: number): number {
  assertInteger('rows', rows, 0);
  assertInteger('cols', cols, 0);
  return 4 * rows * cols;
}

// ---------------------------------------------------------------------------
// CSR

export interface CsrMatrix {
  /** Length rows + 1; rowPtr[0] = 0, rowPtr[rows] = nnz, non-decreasing. */
  rowPtr: Int32Array;
  /** Length nnz; column of each stored value, increasing within a row. */
  colIdx: Int32Array;
  /** Length nnz. */
  values: Float32Array;
  rows: number;
  cols: number;
}

/** Dense -> CSR in two passes (count, then fill). */
export function denseToCsr(dense: Float32Array, rows: number, cols: number): CsrMatrix {
  assertDense(dense, rows, cols);
  const rowPtr = new Int32Array(rows + 1);
  let nnz = 0;
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) if (dense[base + c] !== 0) nnz++;
    rowPtr[r + 1] = nnz;
  }
  const colIdx = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  let k = 0;
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) {
      const v = dense[base + c];
      if (v !== 0) {
        colIdx[k] = c;
        values[k++] = v;
      }
    }
  }
  return { rowPtr, colIdx, values, rows, cols };
}

/** CSR -> dense. Throws a RangeError on a malformed structure (lengths, order, column range). */
export function csrToDense(csr: CsrMatrix): Float32Array {
  const { rowPtr, colIdx, values, rows, cols } = csr;
  assertInteger('rows', rows, 0);
  assertInteger('cols', cols, 0);
  assertLength('rowPtr', rowPtr, rows + 1, `rows + 1 = ${rows} + 1`);
  const nnz = rowPtr[rows];
  if (rowPtr[0] !== 0) throw new RangeError(`rowPtr[0] = ${rowPtr[0]} must be 0`);
  assertLength('colIdx', colIdx, nnz, `rowPtr[rows]`);
  assertLength('values', values, nnz, `rowPtr[rows]`);
  const dense = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const start = rowPtr[r];
    const end = rowPtr[r + 1];
    if (end < start) throw new RangeError(`rowPtr is decreasing at row ${r}: ${start} > ${end}`);
    for (let k = start; k < end; k++) {
      const c = colIdx[k];
      if (c < 0 || c >= cols) throw new RangeError(`colIdx[${k}] = ${c} is outside [0, ${cols})`);
      dense[r * cols + c] = values[k];
    }
  }
  return dense;
}

/** Bytes of a CSR matrix: 4 · (rowPtr.length + colIdx.length + values.length) = 4 · (rows + 1 + 2 · nnz). */
export function csrBytes(csr: CsrMatrix): number {
  return 4 * (csr.rowPtr.length + csr.colIdx.length + csr.values.length);
}

// ---------------------------------------------------------------------------
// BSR

export interface BsrMatrix {
  /** Length rows / b + 1, CSR row pointer over block rows. */
  blockRowPtr: Int32Array;
  /** Length nnzBlocks; block column of each stored block, increasing within a block row. */
  blockColIdx: Int32Array;
  /** Length nnzBlocks · b · b; block k occupies [k·b², (k+1)·b²), row-major inside the block. */
  blockValues: Float32Array;
  rows: number;
  cols: number;
  blockSize: number;
}

function assertBlockShape(rows: number, cols: number, blockSize: number): void {
  assertInteger('blockSize', blockSize, 1);
  if (rows % blockSize !== 0 || cols % blockSize !== 0) {
    throw new RangeError(`blockSize = ${blockSize} does not divide the shape [${rows}, ${cols}]`);
  }
}

/** Dense -> BSR with b × b blocks; b must divide rows and cols. A block is kept if any entry is non-zero. */
export function denseToBsr(dense: Float32Array, rows: number, cols: number, blockSize: number): BsrMatrix {
  assertDense(dense, rows, cols);
  assertBlockShape(rows, cols, blockSize);
  const b = blockSize;
  const blockRows = rows / b;
  const blockCols = cols / b;
  // Pass 1: which blocks hold a non-zero (each entry read once).
  const nonEmpty = new Uint8Array(blockRows * blockCols);
  for (let r = 0; r < rows; r++) {
    const flagBase = Math.floor(r / b) * blockCols;
    const base = r * cols;
    for (let c = 0; c < cols; c++) if (dense[base + c] !== 0) nonEmpty[flagBase + Math.floor(c / b)] = 1;
  }
  const blockRowPtr = new Int32Array(blockRows + 1);
  let nnzBlocks = 0;
  for (let br = 0; br < blockRows; br++) {
    for (let bc = 0; bc < blockCols; bc++) nnzBlocks += nonEmpty[br * blockCols + bc];
    blockRowPtr[br + 1] = nnzBlocks;
  }
  // Pass 2: copy the kept blocks.
  const blockColIdx = new Int32Array(nnzBlocks);
  const blockValues = new Float32Array(nnzBlocks * b * b);
  let k = 0;
  for (let br = 0; br < blockRows; br++) {
    for (let bc = 0; bc < blockCols; bc++) {
      if (nonEmpty[br * blockCols + bc] === 0) continue;
      blockColIdx[k] = bc;
      const out = k * b * b;
      for (let i = 0; i < b; i++) {
        const src = (br * b + i) * cols + bc * b;
        blockValues.set(dense.subarray(src, src + b), out + i * b);
      }
      k++;
    }
  }
  return { blockRowPtr, blockColIdx, blockValues, rows, cols, blockSize };
}

/** BSR -> dense. Throws a RangeError on a malformed structure. */
export function bsrToDense(bsr: BsrMatrix): Float32Array {
  const { blockRowPtr, blockColIdx, blockValues, rows, cols, blockSize } = bsr;
  assertInteger('rows', rows, 0);
  assertInteger('cols', cols, 0);
  assertBlockShape(rows, cols, blockSize);
  const b = blockSize;
  const blockRows = rows / b;
  const blockCols = cols / b;
  assertLength('blockRowPtr', blockRowPtr, blockRows + 1, `rows / blockSize + 1 = ${blockRows} + 1`);
  const nnzBlocks = blockRowPtr[blockRows];
  if (blockRowPtr[0] !== 0) throw new RangeError(`blockRowPtr[0] = ${blockRowPtr[0]} must be 0`);
  assertLength('blockColIdx', blockColIdx, nnzBlocks, 'blockRowPtr[blockRows]');
  assertLength('blockValues', blockValues, nnzBlocks * b * b, `nnzBlocks · b² = ${nnzBlocks} · ${b * b}`);
  const dense = new Float32Array(rows * cols);
  for (let br = 0; br < blockRows; br++) {
    const start = blockRowPtr[br];
    const end = blockRowPtr[br + 1];
    if (end < start) throw new RangeError(`blockRowPtr is decreasing at block row ${br}: ${start} > ${end}`);
    for (let k = start; k < end; k++) {
      const bc = blockColIdx[k];
      if (bc < 0 || bc >= blockCols) throw new RangeError(`blockColIdx[${k}] = ${bc} is outside [0, ${blockCols})`);
      for (let i = 0; i < b; i++) {
        const src = k * b * b + i * b;
        dense.set(blockValues.subarray(src, src + b), (br * b + i) * cols + bc * b);
      }
    }
  }
  return dense;
}

/** Bytes of a BSR matrix: 4 · (blockRowPtr.length + blockColIdx.length + blockValues.length). */
export function bsrBytes(bsr: BsrMatrix): number {
  return 4 * (bsr.blockRowPtr.length + bsr.blockColIdx.length + bsr.blockValues.length);
}

// ---------------------------------------------------------------------------
// 2:4 semi-structured

/**
 * Compressed 2:4 matrix (logical layout of cuSPARSELt's compressed operand):
 * the k-th kept entry in row-major order (group g = floor(k / 2) covers dense columns
 * 4·(g mod cols/4) .. +3 of row floor(4g / cols)) has value values[k] and in-group
 * position (0..3) stored in bits 2·(k mod 16) .. 2·(k mod 16)+1 of indices[floor(k / 16)]
 * (little end first). Within a group the two positions are increasing. Hardware
 * additionally interleaves the metadata words for its tile shape; that reordering is
 * not modelled here.
 */
export interface Sparse24Matrix {
  /** Length rows · cols / 2. */
  values: Float32Array;
  /** Length ceil(rows · cols / 32): 16 two-bit positions per word. */
  indices: Uint32Array;
  rows: number;
  cols: number;
}

/** First group of 4 holding more than 2 non-zeros, or null. Requires cols % 4 === 0. */
export function find24Violation(
  dense: Float32Array,
  cols: number,
): { row: number; group: number; col: number; nonZeros: number } | null {
  for (let g = 0; g * 4 < dense.length; g++) {
    const i = g * 4;
    const nz = (dense[i] !== 0 ? 1 : 0) + (dense[i + 1] !== 0 ? 1 : 0) + (dense[i + 2] !== 0 ? 1 : 0) + (dense[i + 3] !== 0 ? 1 : 0);
    if (nz > 2) {
      const row = Math.floor(i / cols);
      const col = i - row * cols;
      return { row, group: col / 4, col, nonZeros: nz };
    }
  }
  return null;
}

/** True when cols is a multiple of 4, dense.length a multiple of cols, and every group of 4 has at most 2 non-zeros. */
export function is24(dense: Float32Array, cols: number): boolean {
  if (!Number.isInteger(cols) || cols < 0 || cols % 4 !== 0) return false;
  if (cols === 0) return dense.length === 0;
  if (dense.length % cols !== 0) return false;
  return find24Violation(dense, cols) === null;
}

// For each 4-bit non-zero pattern (bit p = position p non-zero) with <= 2 bits set:
// the two stored positions, increasing; free slots are filled with the lowest
// positions not already used (like cuSPARSELt, which pads a group with explicit zeros).
const PAIR_FOR_PATTERN: readonly (readonly [number, number] | null)[] = Array.from({ length: 16 }, (_, pattern) => {
  const set = [0, 1, 2, 3].filter((p) => (pattern >> p) & 1);
  if (set.length > 2) return null;
  for (let p = 0; set.length < 2; p++) if (!set.includes(p)) set.push(p);
  set.sort((a, b) => a - b);
  return [set[0], set[1]] as const;
});

/**
 * Dense -> 2:4. Needs cols % 4 === 0 and at most 2 non-zeros in every group of 4
 * (else a RangeError naming the first bad group). A group with fewer than 2
 * non-zeros stores explicit zeros at its lowest free positions: [0, 0, 0, 5] keeps
 * positions (0, 3) with values (0, 5); an all-zero group keeps (0, 1).
 */
export function denseTo24(dense: Float32Array, rows: number, cols: number): Sparse24Matrix {
  assertDense(dense, rows, cols);
  if (cols % 4 !== 0) throw new RangeError(`2:4 format needs cols divisible by 4, got cols = ${cols}`);
  const kept = (rows * cols) / 2;
  const values = new Float32Array(kept);
  const indices = new Uint32Array(Math.ceil(kept / 16));
  const groups = (rows * cols) / 4;
  for (let g = 0; g < groups; g++) {
    const i = 4 * g;
    const pattern =
      (dense[i] !== 0 ? 1 : 0) | (dense[i + 1] !== 0 ? 2 : 0) | (dense[i + 2] !== 0 ? 4 : 0) | (dense[i + 3] !== 0 ? 8 : 0);
    const pair = PAIR_FOR_PATTERN[pattern];
    if (pair === null) {
      const nonZeros = (pattern & 1) + ((pattern >> 1) & 1) + ((pattern >> 2) & 1) + ((pattern >> 3) & 1);
      const row = Math.floor(i / cols);
      const col = i - row * cols;
      throw new RangeError(
        `not 2:4 sparse: row ${row}, group ${col / 4} (columns ${col}..${col + 3}) has ${nonZeros} non-zeros, at most 2 allowed`,
      );
    }
    for (let s = 0; s < 2; s++) {
      const k = 2 * g + s;
      const pos = pair[s];
      values[k] = dense[i + pos];
      indices[k >>> 4] |= pos << (2 * (k & 15));
    }
  }
  return { values, indices, rows, cols };
}

/** 2:4 -> dense. Throws a RangeError on wrong lengths or a group whose two positions coincide. */
export function from24ToDense(s: Sparse24Matrix): Float32Array {
  const { values, indices, rows, cols } = s;
  assertInteger('rows', rows, 0);
  assertInteger('cols', cols, 0);
  if (cols % 4 !== 0) throw new RangeError(`2:4 format needs cols divisible by 4, got cols = ${cols}`);
  const kept = (rows * cols) / 2;
  assertLength('values', values, kept, `rows · cols / 2 = ${rows} · ${cols} / 2`);
  assertLength('indices', indices, Math.ceil(kept / 16), `ceil(rows · cols / 32)`);
  const dense = new Float32Array(rows * cols);
  for (let g = 0; 2 * g < kept; g++) {
    const k0 = 2 * g;
    const k1 = k0 + 1;
    const p0 = (indices[k0 >>> 4] >>> (2 * (k0 & 15))) & 3;
    const p1 = (indices[k1 >>> 4] >>> (2 * (k1 & 15))) & 3;
    if (p0 === p1) throw new RangeError(`2:4 group ${g} stores position ${p0} twice`);
    dense[4 * g + p0] = values[k0];
    dense[4 * g + p1] = values[k1];
  }
  return dense;
}

/** Bytes of a 2:4 matrix: 4 · values.length + 4 · indices.length (2 bits per kept value, rounded up to 32-bit words). */
export function bytes24(s: Sparse24Matrix): number {
  return 4 * s.values.length + 4 * s.indices.length;
}

// ---------------------------------------------------------------------------
// Random test / benchmark matrices

export type SparseStructure = 'unstructured' | 'block' | '2:4';

/**
 * A seeded random sparse matrix [rows, cols] (mulberry32, see random.ts).
 * Draw order: first one value per entry, in row-major order, uniform in [-1, 1) and never
 * exactly 0; then the zero pattern:
 * - 'unstructured': exactly round(sparsity · rows · cols) zeros (half to even, as
 *   pruneCount), positions by a partial Fisher–Yates shuffle;
 * - 'block': blockSize × blockSize tiles (default 4; must divide rows and cols),
 *   exactly round(sparsity · numTiles) whole tiles zeroed, chosen the same way;
 * - '2:4': exactly 2 zeros in every group of 4 (one of the 6 pairs, uniform); the
 *   sparsity is fixed at 0.5 and any other value throws.
 */
export function randomSparseMatrix(
  rows: number,
  cols: number,
  sparsity: number,
  seed: number,
  structure: SparseStructure,
  blockSize = 4,
): Float32Array {
  assertInteger('rows', rows, 0);
  assertInteger('cols', cols, 0);
  if (typeof sparsity !== 'number' || Number.isNaN(sparsity) || sparsity < 0 || sparsity > 1) {
    throw new RangeError(`sparsity must be a fraction in [0, 1], got ${String(sparsity)}`);
  }
  if (structure === 'block') assertBlockShape(rows, cols, blockSize);
  else if (structure === '2:4') {
    if (cols % 4 !== 0) throw new RangeError(`2:4 structure needs cols divisible by 4, got cols = ${cols}`);
    if (sparsity !== 0.5) throw new RangeError(`2:4 structure has sparsity 0.5 by construction, got sparsity = ${sparsity}`);
  } else if (structure !== 'unstructured') {
    throw new RangeError(`structure must be 'unstructured', 'block' or '2:4', got ${String(structure)}`);
  }
  const rng = createMulberry32(seed);
  const size = rows * cols;
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = randomNonZeroUnit(rng);

  if (structure === 'unstructured') {
    const zeros = sampleIndices(rng, size, roundHalfEven(sparsity * size));
    for (let z = 0; z < zeros.length; z++) out[zeros[z]] = 0;
  } else if (structure === 'block') {
    const b = blockSize;
    const tileCols = cols / b;
    const numTiles = (rows / b) * tileCols;
    const tiles = sampleIndices(rng, numTiles, roundHalfEven(sparsity * numTiles));
    for (let z = 0; z < tiles.length; z++) {
      const tr = Math.floor(tiles[z] / tileCols);
      const tc = tiles[z] - tr * tileCols;
      for (let i = 0; i < b; i++) {
        const start = (tr * b + i) * cols + tc * b;
        out.fill(0, start, start + b);
      }
    }
  } else {
    const PAIRS = [
      [0, 1],
      [0, 2],
      [0, 3],
      [1, 2],
      [1, 3],
      [2, 3],
    ] as const;
    for (let g = 0; g < size; g += 4) {
      const [a, b] = PAIRS[randomInt(rng, 6)];
      out[g + a] = 0;
      out[g + b] = 0;
    }
  }
  return out;
}
