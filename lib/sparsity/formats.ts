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

import { assertBlockShape, assertDense } from './dense-shape';
import { assertInteger, assertLength } from './validation';

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

export * from './format-24';
export { randomSparseMatrix, type SparseStructure } from './random-matrix';
