/**
 * Runs the CSR SpMM (N % 4 = 0) or SpMV (N = 1) kernel on a CsrMatrix and dense X [K, N].
 * SpMV runs as two dispatches into one output (long-row bin, then the rest).
 */
import type * as TF from '@tensorflow/tfjs';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { CsrMatrix } from '../../sparsity/formats';
import { csrBytes } from '../../sparsity/formats';
import type { KernelContext } from '../harness';
import { assertGemmShape, chooseCsrSpmmConfig, chooseCsrSpmvBins } from './matmul-config';
import { CsrGemvProgram, CsrMatmulProgram } from './matmul-csr-program';
import { csrRowOrder } from './matmul-csr-reference';
import { type UploadedMatmul, atLeast, programHandle, runOnce, shapeUniforms } from './matmul-uploaded';

/** a padded with zeros to a multiple of 4 plus 4 entries (for aligned vec4 reads past a row's end). */
function padForVec4<T extends Float32Array | Int32Array>(a: T): T {
  const out = new (a.constructor as new (n: number) => T)(Math.ceil(a.length / 4) * 4 + 4);
  out.set(a);
  return out;
}

export function uploadCsrMatmul(ctx: KernelContext, csr: CsrMatrix, x: Float32Array, n: number): UploadedMatmul {
  const { rows: m, cols: k } = csr;
  const gemv = n === 1;
  assertGemmShape(m, k, n, gemv);
  if (x.length !== k * n) throw new RangeError(`X must hold K·N = ${k * n} values, got ${x.length}`);
  const nnz = csr.rowPtr[m];
  const tf = ctx.tf;
  const order = csrRowOrder(csr);
  const colIdx = gemv ? padForVec4(csr.colIdx) : atLeast(csr.colIdx, 1);
  const values = gemv ? padForVec4(csr.values) : atLeast(csr.values, 1);
  const t = {
    rowPtr: tf.tensor(csr.rowPtr, [m + 1], 'int32'),
    colIdx: tf.tensor(colIdx, [colIdx.length], 'int32'),
    values: tf.tensor(values, [values.length], 'float32'),
    rowOrder: tf.tensor(order, [m], 'int32'),
    x: tf.tensor(x, [k, n], 'float32'),
  };
  const inputs = [t.rowPtr, t.colIdx, t.values, t.rowOrder, t.x];
  const avg = nnz / m;
  const dispose = () => inputs.forEach((v) => v.dispose());
  const weightBytes = csrBytes(csr);
  if (!gemv)
    return programHandle(
      ctx,
      { m, k, n },
      weightBytes,
      new CsrMatmulProgram(m, n, chooseCsrSpmmConfig(n, avg)),
      inputs,
      shapeUniforms(m, k, n),
    );
  const lengths = Array.from(order, (r) => csr.rowPtr[r + 1] - csr.rowPtr[r]);
  const bins = chooseCsrSpmvBins(lengths, avg);
  const parts = [
    { lanes: bins.longLanes, start: 0, count: bins.longRows },
    { lanes: bins.lanes, start: bins.longRows, count: m - bins.longRows },
  ]
    .filter((p) => p.count > 0)
    .map((p) => ({ ...p, program: new CsrGemvProgram(m, p.lanes, p.count) }));
  const run = (): TF.Tensor => {
    let out: TensorInfo | undefined;
    for (const p of parts) {
      // both dispatches write one output; the programs are reused, so restore the shaderKey
      // tfjs appends to (as runProgram does)
      const key = p.program.shaderKey;
      try {
        out = ctx.backend.runWebGPUProgram(
          p.program,
          inputs,
          'float32',
          [...shapeUniforms(m, k, 1), { type: 'int32', data: [p.start] }, { type: 'int32', data: [p.count] }],
          out,
        );
      } finally {
        p.program.shaderKey = key;
      }
    }
    return ctx.tf.engine().makeTensorFromTensorInfo(out as TensorInfo);
  };
  return { shape: { m, k, n }, weightBytes, run, dispose };
}

export function runCsrMatmul(ctx: KernelContext, csr: CsrMatrix, x: Float32Array, n: number): Promise<Float32Array> {
  return runOnce(() => uploadCsrMatmul(ctx, csr, x, n));
}
