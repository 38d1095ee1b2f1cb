/**
 * Runs our dense matmul (GEMM for N % 4 = 0, GEMV for N = 1) and tfjs's own tf.matMul,
 * the two dense baselines of the acceleration lab.
 */
import type * as TF from '@tensorflow/tfjs';
import type { KernelContext } from '../harness';
import { assertGemmShape } from './matmul-config';
import { DenseGemvProgram, DenseMatmulProgram } from './matmul-dense-program';
import type { MatmulShape } from './matmul-dense-reference';
import { type MatmulOptions, type UploadedMatmul, programHandle, runOnce, shapeUniforms } from './matmul-uploaded';

function uploadOperands(ctx: KernelContext, w: Float32Array, x: Float32Array, shape: MatmulShape): { w: TF.Tensor; x: TF.Tensor } {
  const { m, k, n } = shape;
  if (w.length !== m * k) throw new RangeError(`W must hold M·K = ${m * k} values, got ${w.length}`);
  if (x.length !== k * n) throw new RangeError(`X must hold K·N = ${k * n} values, got ${x.length}`);
  return { w: ctx.tf.tensor(w, [m, k], 'float32'), x: ctx.tf.tensor(x, [k, n], 'float32') };
}

/** Our dense kernel on W [M, K] and X [K, N]: GEMM when N > 1, GEMV when N = 1. */
export function uploadDenseMatmul(
  ctx: KernelContext,
  w: Float32Array,
  x: Float32Array,
  shape: MatmulShape,
  opts: MatmulOptions = {},
): UploadedMatmul {
  const { m, k, n } = shape;
  const gemv = n === 1;
  assertGemmShape(m, k, n, gemv);
  const t = uploadOperands(ctx, w, x, shape);
  const program = gemv ? new DenseGemvProgram(m, opts.gemvLayout) : new DenseMatmulProgram(m, n);
  return programHandle(ctx, shape, 4 * m * k, program, [t.w, t.x], shapeUniforms(m, k, n));
}

/** tfjs's tf.matMul(W, X) on the same operands (whatever program tfjs picks for the shape). */
export function uploadTfMatmul(ctx: KernelContext, w: Float32Array, x: Float32Array, shape: MatmulShape): UploadedMatmul {
  const t = uploadOperands(ctx, w, x, shape);
  return {
    shape,
    weightBytes: 4 * shape.m * shape.k,
    run: () => ctx.tf.matMul(t.w as TF.Tensor2D, t.x as TF.Tensor2D),
    dispose: () => [t.w, t.x].forEach((v) => v.dispose()),
  };
}

export function runDenseMatmul(
  ctx: KernelContext,
  w: Float32Array,
  x: Float32Array,
  shape: MatmulShape,
  opts: MatmulOptions = {},
): Promise<Float32Array> {
  return runOnce(() => uploadDenseMatmul(ctx, w, x, shape, opts));
}

export function runTfMatmul(ctx: KernelContext, w: Float32Array, x: Float32Array, shape: MatmulShape): Promise<Float32Array> {
  return runOnce(() => uploadTfMatmul(ctx, w, x, shape));
}
