/** Runs the BSR SpMM (N % 4 = 0) or SpMV (N = 1) kernel on a BsrMatrix and dense X [K, N]. */
import type { BsrMatrix } from '../../sparsity/formats';
import { bsrBytes } from '../../sparsity/formats';
import type { KernelContext } from '../harness';
import { assertGemmShape, bsrShapeIssue } from './matmul-config';
import { BsrGemvProgram, BsrMatmulProgram } from './matmul-bsr-program';
import { type MatmulOptions, type UploadedMatmul, atLeast, programHandle, runOnce, shapeUniforms } from './matmul-uploaded';

export function uploadBsrMatmul(ctx: KernelContext, bsr: BsrMatrix, x: Float32Array, n: number, opts: MatmulOptions = {}): UploadedMatmul {
  const { rows: m, cols: k, blockSize: b } = bsr;
  const gemv = n === 1;
  assertGemmShape(m, k, n, gemv);
  const issue = bsrShapeIssue(m, k, b);
  if (issue) throw new RangeError(`BSR kernels take b ∈ {16, 32, 64} dividing M and K; got b = ${b} for [${m}, ${k}]`);
  if (x.length !== k * n) throw new RangeError(`X must hold K·N = ${k * n} values, got ${x.length}`);
  const blocks = bsr.blockRowPtr[m / b];
  const tf = ctx.tf;
  const t = {
    rowPtr: tf.tensor(bsr.blockRowPtr, [m / b + 1], 'int32'),
    colIdx: tf.tensor(atLeast(bsr.blockColIdx, 1), [Math.max(1, blocks)], 'int32'),
    values: tf.tensor(atLeast(bsr.blockValues, 4), [Math.max(4, blocks * b * b)], 'float32'),
    x: tf.tensor(x, [k, n], 'float32'),
  };
  const inputs = [t.rowPtr, t.colIdx, t.values, t.x];
  const program = gemv ? new BsrGemvProgram(m, b, opts.gemvLayout) : new BsrMatmulProgram(m, n, b);
  return programHandle(ctx, { m, k, n }, bsrBytes(bsr), program, inputs, shapeUniforms(m, k, n));
}

export function runBsrMatmul(
  ctx: KernelContext,
  bsr: BsrMatrix,
  x: Float32Array,
  n: number,
  opts: MatmulOptions = {},
): Promise<Float32Array> {
  return runOnce(() => uploadBsrMatmul(ctx, bsr, x, n, opts));
}
