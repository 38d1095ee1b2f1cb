/** Runs the CSR SpMM (N % 4 = 0) or SpMV (N = 1) kernel on a CsrMatrix and dense X [K, N]. */
import type { CsrMatrix } from '../sparsity/formats';
import { csrBytes } from '../sparsity/formats';
import { type KernelContext, runProgram } from './harness';
import { assertGemmShape, chooseCsrSpmmConfig, chooseCsrSpmvConfig } from './matmul-config';
import { CsrGemvProgram, CsrMatmulProgram } from './matmul-csr-program';
import { csrRowOrder } from './matmul-csr-reference';
import { type UploadedMatmul, atLeast, runOnce } from './matmul-uploaded';

export function uploadCsrMatmul(ctx: KernelContext, csr: CsrMatrix, x: Float32Array, n: number): UploadedMatmul {
  const { rows: m, cols: k } = csr;
  const gemv = n === 1;
  assertGemmShape(m, k, n, gemv);
  if (x.length !== k * n) throw new RangeError(`X must hold K·N = ${k * n} values, got ${x.length}`);
  const nnz = csr.rowPtr[m];
  const tf = ctx.tf;
  const t = {
    rowPtr: tf.tensor(csr.rowPtr, [m + 1], 'int32'),
    colIdx: tf.tensor(atLeast(csr.colIdx, 1), [Math.max(1, nnz)], 'int32'),
    values: tf.tensor(atLeast(csr.values, 1), [Math.max(1, nnz)], 'float32'),
    rowOrder: tf.tensor(csrRowOrder(csr), [m], 'int32'),
    x: tf.tensor(x, [k, n], 'float32'),
  };
  const inputs = [t.rowPtr, t.colIdx, t.values, t.rowOrder, t.x];
  const avg = nnz / m;
  const program = gemv ? new CsrGemvProgram(m, chooseCsrSpmvConfig(avg)) : new CsrMatmulProgram(m, n, chooseCsrSpmmConfig(n, avg));
  const uniforms = gemv
    ? [
        { type: 'int32' as const, data: [m] },
        { type: 'int32' as const, data: [k] },
      ]
    : [
        { type: 'int32' as const, data: [m] },
        { type: 'int32' as const, data: [k] },
        { type: 'int32' as const, data: [n / 4] },
      ];
  return {
    shape: { m, k, n },
    weightBytes: csrBytes(csr),
    run: () => runProgram(ctx, program, inputs, uniforms),
    dispose: () => inputs.forEach((x) => x.dispose()),
  };
}

export function runCsrMatmul(ctx: KernelContext, csr: CsrMatrix, x: Float32Array, n: number): Promise<Float32Array> {
  return runOnce(() => uploadCsrMatmul(ctx, csr, x, n));
}
