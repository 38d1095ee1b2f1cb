/**
 * A linear layer y = W x of a language model at batch 1 (token-by-token decoding) run by one of the
 * acceleration lab's GEMV kernels: W [M, K] is uploaded ONCE in the kernel's format, x [K, 1] is a
 * tensor already on the GPU (the previous op's output), y [M, 1] stays on the GPU for the next op.
 * The same programs and uploads as run-matmul-*.ts (their N = 1 branch), with x as a live tensor:
 *   dense  DenseGemvProgram on W row-major;
 *   csr    CsrGemvProgram, two dispatches into one output (long-row bin, then the rest);
 *   bsr    BsrGemvProgram with b × b blocks (b ∈ {16, 32, 64} dividing M and K);
 *   2:4    Sparse24GemvProgram (every group of 4 consecutive weights of a row keeps at most 2).
 */
import type * as TF from '@tensorflow/tfjs';
import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { bsrBytes, bytes24, csrBytes, denseToBsr, denseTo24, denseToCsr } from '../../sparsity/formats';
import { type KernelContext, runProgram } from '../harness';
import { BsrGemvProgram } from '../matmul/matmul-bsr-program';
import { type GemvLayout, assertGemmShape, bsrShapeIssue, chooseCsrSpmvBins } from '../matmul/matmul-config';
import { CsrGemvProgram } from '../matmul/matmul-csr-program';
import { csrRowOrder } from '../matmul/matmul-csr-reference';
import { DenseGemvProgram } from '../matmul/matmul-dense-program';
import { Sparse24GemvProgram } from '../matmul/matmul-24-program';
import { atLeast, shapeUniforms } from '../matmul/matmul-uploaded';

export const LINEAR_KERNELS = ['dense', 'csr', 'bsr', '2:4'] as const;
export type LinearKernel = (typeof LINEAR_KERNELS)[number];

export interface LinearGemv {
  rows: number;
  cols: number;
  /** Bytes of the uploaded weight operand (values and indices). */
  weightBytes: number;
  /** y [M, 1] = W x for x [K, 1] (a live tensor; the caller disposes y). */
  run(x: TF.Tensor): TF.Tensor;
  dispose(): void;
}

function padForVec4<T extends Float32Array | Int32Array>(a: T): T {
  const out = new (a.constructor as new (n: number) => T)(Math.ceil(a.length / 4) * 4 + 4);
  out.set(a);
  return out;
}

/** Uploads W [rows, cols] (row-major, already pruned for the kernel) for `kernel`. */
export function uploadLinearGemv(
  ctx: KernelContext,
  kernel: LinearKernel,
  w: Float32Array,
  rows: number,
  cols: number,
  opts: { blockSize?: number; layout?: GemvLayout } = {},
): LinearGemv {
  const m = rows;
  const k = cols;
  assertGemmShape(m, k, 1, true);
  if (w.length !== m * k) throw new RangeError(`W must hold ${m} × ${k} values, got ${w.length}`);
  const tf = ctx.tf;
  const layout = opts.layout ?? 'lanes';
  const uniforms = shapeUniforms(m, k, 1);
  const single = (program: WebGPUProgram, inputs: TF.Tensor[], weightBytes: number): LinearGemv => ({
    rows,
    cols,
    weightBytes,
    run: (x) => runProgram(ctx, program, [...inputs, x], uniforms),
    dispose: () => inputs.forEach((t) => t.dispose()),
  });
  switch (kernel) {
    case 'dense':
      return single(new DenseGemvProgram(m, layout), [tf.tensor(w, [m, k], 'float32')], 4 * m * k);
    case 'bsr': {
      const b = opts.blockSize ?? 32;
      if (bsrShapeIssue(m, k, b)) throw new RangeError(`BSR kernels take b ∈ {16, 32, 64} dividing M and K; got b = ${b} for [${m}, ${k}]`);
      const bsr = denseToBsr(w, m, k, b);
      const blocks = bsr.blockRowPtr[m / b];
      const inputs = [
        tf.tensor(bsr.blockRowPtr, [m / b + 1], 'int32'),
        tf.tensor(atLeast(bsr.blockColIdx, 1), [Math.max(1, blocks)], 'int32'),
        tf.tensor(atLeast(bsr.blockValues, 4), [Math.max(4, blocks * b * b)], 'float32'),
      ];
      return single(new BsrGemvProgram(m, b, layout), inputs, bsrBytes(bsr));
    }
    case '2:4': {
      const s = denseTo24(w, m, k);
      const words = new Int32Array(s.indices.buffer, s.indices.byteOffset, s.indices.length);
      const inputs = [
        tf.tensor(s.values, [s.values.length], 'float32'),
        tf.tensor(atLeast(Int32Array.from(words), 1), [Math.max(1, words.length)], 'int32'),
      ];
      return single(new Sparse24GemvProgram(m, k % 32 === 0, layout), inputs, bytes24(s));
    }
    case 'csr': {
      const csr = denseToCsr(w, m, k);
      const nnz = csr.rowPtr[m];
      const order = csrRowOrder(csr);
      const colIdx = padForVec4(csr.colIdx);
      const values = padForVec4(csr.values);
      const inputs = [
        tf.tensor(csr.rowPtr, [m + 1], 'int32'),
        tf.tensor(colIdx, [colIdx.length], 'int32'),
        tf.tensor(values, [values.length], 'float32'),
        tf.tensor(order, [m], 'int32'),
      ];
      const lengths = Array.from(order, (r) => csr.rowPtr[r + 1] - csr.rowPtr[r]);
      const bins = chooseCsrSpmvBins(lengths, nnz / m);
      const parts = [
        { lanes: bins.longLanes, start: 0, count: bins.longRows },
        { lanes: bins.lanes, start: bins.longRows, count: m - bins.longRows },
      ]
        .filter((p) => p.count > 0)
        .map((p) => ({ ...p, program: new CsrGemvProgram(m, p.lanes, p.count) }));
      return {
        rows,
        cols,
        weightBytes: csrBytes(csr),
        run: (x) => {
          let out: TensorInfo | undefined;
          for (const p of parts) {
            const key = p.program.shaderKey;
            try {
              out = ctx.backend.runWebGPUProgram(
                p.program,
                [...inputs, x],
                'float32',
                [...uniforms, { type: 'int32', data: [p.start] }, { type: 'int32', data: [p.count] }],
                out,
              );
            } finally {
              p.program.shaderKey = key;
            }
          }
          return tf.engine().makeTensorFromTensorInfo(out as TensorInfo);
        },
        dispose: () => inputs.forEach((t) => t.dispose()),
      };
    }
  }
}
