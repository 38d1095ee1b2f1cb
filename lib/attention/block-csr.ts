/**
 * The block-sparse kernel's input: a pattern's non-empty b × b tiles in CSR form, with
 * packed mask bits for the tiles that are only partly attended.
 *
 * Shapes (numBlocks = ceil(n / b), nnz = non-empty tiles):
 *   rowPtr      Int32Array(numBlocks + 1): the tiles of query block qb are entries
 *               rowPtr[qb] .. rowPtr[qb + 1] - 1 (CSR row pointers over block rows);
 *   colIdx      Int32Array(nnz): the key block kb of each entry, ascending within a row;
 *   maskOffset  Int32Array(nnz): -1 for a FULL tile (every in-bounds element attended: the
 *               kernel skips the per-element check), else the first word of its bits;
 *   maskBits    Uint32Array(partialTiles · wordsPerTile(b)): for a partial tile, bit
 *               (r · b + c) (word >> 5, bit & 31) is mask[qb·b + r, kb·b + c]; bits outside
 *               the sequence (padding of the last block) are 0.
 * When b does not divide n the last block row/column is partial: the kernel bounds-checks
 * those rows and keys (the sequence is "padded" to numBlocks · b), and a tile counts as
 * full when all its in-bounds elements are attended.
 *
 * Cost: one block row of the element mask at a time (b × n bytes, ≤ 1 MiB), so memory is
 * O(b · n + nnz · b² / 8) and time O(n² / 8 + nnz · b²) (row fills plus a scan of each
 * non-empty tile) — never the n × n mask.
 */
import { throwIfProblems, validatePatternParams, type PatternName, type PatternParams } from './params';
import { createRowSegments, fillRowSegments, markRowBlocks, planRows } from './row-segments';

export interface BlockCsr {
  seqLen: number;
  blockSize: number;
  numBlocks: number;
  rowPtr: Int32Array;
  colIdx: Int32Array;
  maskOffset: Int32Array;
  maskBits: Uint32Array;
  /** Non-empty tiles whose in-bounds elements are all attended. */
  fullTiles: number;
  /** Non-empty tiles needing the per-element mask. */
  partialTiles: number;
}

/** 32-bit words holding one tile's b² mask bits. */
export function wordsPerTile(blockSize: number): number {
  return Math.ceil((blockSize * blockSize) / 32);
}

/** Growable Int32/Uint32 lists (the number of tiles is not known up front). */
class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Int32Array(Math.max(16, capacity));
  }
  reserve(extra: number): void {
    if (this.length + extra <= this.data.length) return;
    const bigger = new Int32Array(Math.max(this.data.length * 2, this.length + extra));
    bigger.set(this.data.subarray(0, this.length));
    this.data = bigger;
  }
  push(value: number): void {
    this.reserve(1);
    this.data[this.length++] = value;
  }
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/**
 * Builds the CSR of one block row from its rows of the element mask, given as `rows`
 * (b × stride bytes, row r of the block at r · stride, columns 0..n-1) and the block row's
 * layout (which key blocks hold any attended key). Appends to the lists.
 */
function appendBlockRow(
  qb: number,
  n: number,
  b: number,
  rows: Uint8Array,
  stride: number,
  rowLayout: Uint8Array,
  colIdx: IntList,
  maskOffset: IntList,
  maskBits: IntList,
  counts: { full: number; partial: number },
): void {
  const numBlocks = rowLayout.length;
  const validRows = Math.min(b, n - qb * b);
  const words = wordsPerTile(b);
  for (let kb = 0; kb < numBlocks; kb++) {
    if (rowLayout[kb] === 0) continue;
    const c0 = kb * b;
    const validCols = Math.min(b, n - c0);
    let ones = 0;
    for (let r = 0; r < validRows; r++) {
      const off = r * stride + c0;
      for (let c = 0; c < validCols; c++) ones += rows[off + c];
    }
    if (ones === 0) continue; // the layout said non-empty; keep the CSR exact anyway
    colIdx.push(kb);
    if (ones === validRows * validCols) {
      maskOffset.push(-1);
      counts.full++;
      continue;
    }
    const start = maskBits.length;
    maskOffset.push(start);
    maskBits.reserve(words);
    maskBits.data.fill(0, start, start + words);
    maskBits.length += words;
    for (let r = 0; r < validRows; r++) {
      const off = r * stride + c0;
      for (let c = 0; c < validCols; c++) {
        if (rows[off + c] !== 0) {
          const bit = r * b + c;
          maskBits.data[start + (bit >>> 5)] |= 1 << (bit & 31);
        }
      }
    }
    counts.partial++;
  }
}

function finish(
  n: number,
  b: number,
  rowPtr: Int32Array,
  colIdx: IntList,
  maskOffset: IntList,
  maskBits: IntList,
  counts: { full: number; partial: number },
): BlockCsr {
  return {
    seqLen: n,
    blockSize: b,
    numBlocks: rowPtr.length - 1,
    rowPtr,
    colIdx: colIdx.toArray(),
    maskOffset: maskOffset.toArray(),
    maskBits: new Uint32Array(maskBits.toArray().buffer),
    fullTiles: counts.full,
    partialTiles: counts.partial,
  };
}

/** The block CSR of a named pattern (see the top), built one block row at a time. Throws on invalid params. */
export function buildBlockCsr(name: PatternName, params: PatternParams): BlockCsr {
  throwIfProblems(validatePatternParams(name, params));
  const n = params.seqLen;
  const b = params.blockSize;
  const numBlocks = Math.ceil(n / b);
  const plan = planRows(name, params);
  const segs = createRowSegments(plan.capacity);
  const rows = new Uint8Array(b * n);
  const rowLayout = new Uint8Array(numBlocks);
  const rowPtr = new Int32Array(numBlocks + 1);
  const colIdx = new IntList(numBlocks * 4);
  const maskOffset = new IntList(numBlocks * 4);
  const maskBits = new IntList(numBlocks * wordsPerTile(b));
  const counts = { full: 0, partial: 0 };
  for (let qb = 0; qb < numBlocks; qb++) {
    rowPtr[qb] = colIdx.length;
    const r0 = qb * b;
    const r1 = Math.min(n, r0 + b);
    for (let i = r0; i < r1; i++) {
      plan.writeRow(i, segs);
      fillRowSegments(rows, (i - r0) * n, segs);
      markRowBlocks(rowLayout, 0, segs, b);
    }
    appendBlockRow(qb, n, b, rows, n, rowLayout, colIdx, maskOffset, maskBits, counts);
    rows.fill(0, 0, (r1 - r0) * n);
    rowLayout.fill(0);
  }
  rowPtr[numBlocks] = colIdx.length;
  return finish(n, b, rowPtr, colIdx, maskOffset, maskBits, counts);
}

/** The block CSR of any n × n 0/1 element mask (for masks from elsewhere, and for tests). */
export function blockCsrFromMask(mask: Uint8Array, seqLen: number, blockSize: number): BlockCsr {
  const n = seqLen;
  const b = blockSize;
  if (!Number.isInteger(n) || n < 1 || mask.length !== n * n)
    throw new RangeError(`The mask must hold seqLen × seqLen = ${n * n} entries (got ${mask.length}).`);
  if (!Number.isInteger(b) || b < 1) throw new RangeError(`Block size must be a whole number of at least 1 (got ${b}).`);
  const numBlocks = Math.ceil(n / b);
  const rowPtr = new Int32Array(numBlocks + 1);
  const rowLayout = new Uint8Array(numBlocks);
  const colIdx = new IntList(numBlocks);
  const maskOffset = new IntList(numBlocks);
  const maskBits = new IntList(numBlocks);
  const counts = { full: 0, partial: 0 };
  for (let qb = 0; qb < numBlocks; qb++) {
    rowPtr[qb] = colIdx.length;
    const r0 = qb * b;
    const r1 = Math.min(n, r0 + b);
    for (let i = r0; i < r1; i++) for (let j = 0; j < n; j++) if (mask[i * n + j] !== 0) rowLayout[Math.floor(j / b)] = 1;
    appendBlockRow(qb, n, b, mask.subarray(r0 * n, r1 * n), n, rowLayout, colIdx, maskOffset, maskBits, counts);
    rowLayout.fill(0);
  }
  rowPtr[numBlocks] = colIdx.length;
  return finish(n, b, rowPtr, colIdx, maskOffset, maskBits, counts);
}

/** Whether element (i, j) is attended according to the CSR (i, j < seqLen). O(tiles in row). */
export function csrAttends(csr: BlockCsr, i: number, j: number): boolean {
  const b = csr.blockSize;
  const qb = Math.floor(i / b);
  const kb = Math.floor(j / b);
  for (let e = csr.rowPtr[qb]; e < csr.rowPtr[qb + 1]; e++) {
    if (csr.colIdx[e] !== kb) continue;
    const off = csr.maskOffset[e];
    if (off < 0) return true;
    const bit = (i - qb * b) * b + (j - kb * b);
    return ((csr.maskBits[off + (bit >>> 5)] >>> (bit & 31)) & 1) === 1;
  }
  return false;
}

/** Expands the CSR back to the n × n element mask (tests and small pictures only: O(n²)). */
export function expandBlockCsr(csr: BlockCsr): Uint8Array {
  const n = csr.seqLen;
  const b = csr.blockSize;
  const mask = new Uint8Array(n * n);
  for (let qb = 0; qb < csr.numBlocks; qb++) {
    const r0 = qb * b;
    const validRows = Math.min(b, n - r0);
    for (let e = csr.rowPtr[qb]; e < csr.rowPtr[qb + 1]; e++) {
      const c0 = csr.colIdx[e] * b;
      const validCols = Math.min(b, n - c0);
      const off = csr.maskOffset[e];
      for (let r = 0; r < validRows; r++) {
        for (let c = 0; c < validCols; c++) {
          const bit = r * b + c;
          if (off < 0 || ((csr.maskBits[off + (bit >>> 5)] >>> (bit & 31)) & 1) === 1) mask[(r0 + r) * n + c0 + c] = 1;
        }
      }
    }
  }
  return mask;
}

/** Bytes the kernel reads for the structure: (numBlocks + 1 + 2 nnz + bit words) int32s. */
export function blockCsrBytes(csr: BlockCsr): number {
  return 4 * (csr.rowPtr.length + 2 * csr.colIdx.length + csr.maskBits.length);
}
