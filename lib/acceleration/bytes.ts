/**
 * Bytes of each storage format for an M × K float32 weight at a given sparsity,
 * without building the matrix (the counts randomSparseMatrix produces; lib/sparsity/formats.ts
 * computes the same from real matrices: csrBytes, bsrBytes, bytes24). 4-byte indices,
 * as in our kernels (PyTorch stores int64 indices: see torchSparseBytes).
 *   dense: 4·M·K
 *   CSR:   4·(M + 1) + 8·nnz,          nnz = M·K − round(s·M·K)
 *   BSR:   4·(M/b + 1) + 4·blocks + 4·b²·blocks,  blocks = T − round(s·T), T = (M/b)(K/b)
 *   2:4:   4·M·K/2 + 4·⌈M·K/32⌉      (half the values plus 2 bits per kept value; sparsity fixed at 50%)
 */
import { roundHalfEven } from '../sparsity/pruning';

export interface FormatBytes {
  dense: number;
  csr: number;
  bsr: number | null;
  s24: number | null;
  nnz: number;
  blocks: number | null;
}

export function formatBytesFor(m: number, k: number, sparsity: number, blockSize: number): FormatBytes {
  const total = m * k;
  const nnz = total - roundHalfEven(sparsity * total);
  const bsrOk = m % blockSize === 0 && k % blockSize === 0;
  const tiles = bsrOk ? (m / blockSize) * (k / blockSize) : 0;
  const blocks = bsrOk ? tiles - roundHalfEven(sparsity * tiles) : null;
  return {
    dense: 4 * total,
    csr: 4 * (m + 1) + 8 * nnz,
    bsr: blocks === null ? null : 4 * (m / blockSize + 1) + 4 * blocks + 4 * blockSize * blockSize * blocks,
    s24: k % 4 === 0 ? 4 * (total / 2) + 4 * Math.ceil(total / 32) : null,
    nnz,
    blocks,
  };
}

/**
 * What PyTorch stores for an M × K float32 tensor with nnz stored entries:
 * COO (to_sparse()): indices int64 [2, nnz] + values [nnz] = 20·nnz bytes;
 * CSR (to_sparse_csr()): crow int64 [M + 1] + col int64 [nnz] + values [nnz] = 8(M + 1) + 12·nnz.
 */
export function torchSparseBytes(m: number, nnz: number): { coo: number; csr: number } {
  return { coo: 20 * nnz, csr: 8 * (m + 1) + 12 * nnz };
}
