/**
 * The operands of one row of the speed table: seeded random matrices with the
 * structure each format needs (lib/sparsity/formats.ts randomSparseMatrix), converted
 * to that format. Pure; heavy at 4096², so the lab builds them in a worker.
 *   dense: W [M, K] uniform in [−1, 1) (our dense kernel and tfjs time it; zeros would not help them)
 *   csr:   unstructured W at sparsity s, as CSR
 *   bsr:   W with round(s · tiles) whole b × b tiles zeroed, as BSR
 *   s24:   a 2:4 W (50%), compressed (only on the 50% row)
 *   x:     X [K, N] uniform in [−1, 1)
 */
import { uniformArray } from '../random';
import {
  type BsrMatrix,
  type CsrMatrix,
  type Sparse24Matrix,
  denseTo24,
  denseToBsr,
  denseToCsr,
  randomSparseMatrix,
} from '../sparsity/formats';
import { type SpeedFormat, formatAppliesAt } from './table';

export interface RowOperandsRequest {
  size: number;
  batch: number;
  sparsity: number;
  seed: number;
  blockSize: number;
  formats: readonly SpeedFormat[];
  /** Also build the dense W and X (the first row of a measurement; later rows reuse them). */
  withDense: boolean;
}

export interface RowOperands {
  dense?: Float32Array;
  x?: Float32Array;
  csr?: CsrMatrix;
  bsr?: BsrMatrix;
  s24?: Sparse24Matrix;
}

/** Seeds derived from the one seed, so each matrix is reproducible on its own. */
export function operandSeeds(seed: number, sparsity: number) {
  const s = Math.round(sparsity * 1000);
  return { dense: seed * 7 + 1, x: seed * 7 + 2, csr: seed * 7 + 3 + 16 * s, bsr: seed * 7 + 4 + 16 * s, s24: seed * 7 + 5 };
}

export function buildRowOperands(r: RowOperandsRequest): RowOperands {
  const { size: m, size: k, batch: n, sparsity } = r;
  const seeds = operandSeeds(r.seed, sparsity);
  const out: RowOperands = {};
  if (r.withDense) {
    out.dense = uniformArray(m * k, seeds.dense);
    out.x = uniformArray(k * n, seeds.x);
  }
  if (r.formats.includes('csr')) out.csr = denseToCsr(randomSparseMatrix(m, k, sparsity, seeds.csr, 'unstructured'), m, k);
  if (r.formats.includes('bsr'))
    out.bsr = denseToBsr(randomSparseMatrix(m, k, sparsity, seeds.bsr, 'block', r.blockSize), m, k, r.blockSize);
  if (r.formats.includes('24') && formatAppliesAt('24', sparsity))
    out.s24 = denseTo24(randomSparseMatrix(m, k, 0.5, seeds.s24, '2:4'), m, k);
  return out;
}

/** The ArrayBuffers of the operands, for postMessage transfer lists. */
export function operandBuffers(o: RowOperands): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = [];
  if (o.dense) arrays.push(o.dense);
  if (o.x) arrays.push(o.x);
  if (o.csr) arrays.push(o.csr.rowPtr, o.csr.colIdx, o.csr.values);
  if (o.bsr) arrays.push(o.bsr.blockRowPtr, o.bsr.blockColIdx, o.bsr.blockValues);
  if (o.s24) arrays.push(o.s24.values, o.s24.indices);
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}
