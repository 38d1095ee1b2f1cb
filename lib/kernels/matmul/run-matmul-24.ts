/** Runs the 2:4 SpMM (N % 4 = 0) or SpMV (N = 1) kernel on a Sparse24Matrix and dense X [K, N]. */
import type { Sparse24Matrix } from '../../sparsity/formats';
import { bytes24 } from '../../sparsity/formats';
import type { KernelContext } from '../harness';
import { assertGemmShape } from './matmul-config';
import { Sparse24GemvProgram, Sparse24MatmulProgram } from './matmul-24-program';
import { type MatmulOptions, type UploadedMatmul, atLeast, programHandle, runOnce, shapeUniforms } from './matmul-uploaded';

export function upload24Matmul(
  ctx: KernelContext,
  s: Sparse24Matrix,
  x: Float32Array,
  n: number,
  opts: MatmulOptions = {},
): UploadedMatmul {
  const { rows: m, cols: k } = s;
  const gemv = n === 1;
  assertGemmShape(m, k, n, gemv);
  if (x.length !== k * n) throw new RangeError(`X must hold K·N = ${k * n} values, got ${x.length}`);
  const tf = ctx.tf;
  // The packed positions are unsigned 32-bit words; WGSL reads them as i32 (same bits).
  const words = new Int32Array(s.indices.buffer, s.indices.byteOffset, s.indices.length);
  const t = {
    values: tf.tensor(s.values, [s.values.length], 'float32'),
    indices: tf.tensor(atLeast(Int32Array.from(words), 1), [Math.max(1, words.length)], 'int32'),
    x: tf.tensor(x, [k, n], 'float32'),
  };
  const inputs = [t.values, t.indices, t.x];
  const program = gemv ? new Sparse24GemvProgram(m, k % 32 === 0, opts.gemvLayout) : new Sparse24MatmulProgram(m, n);
  return programHandle(ctx, { m, k, n }, bytes24(s), program, inputs, shapeUniforms(m, k, n));
}

export function run24Matmul(
  ctx: KernelContext,
  s: Sparse24Matrix,
  x: Float32Array,
  n: number,
  opts: MatmulOptions = {},
): Promise<Float32Array> {
  return runOnce(() => upload24Matmul(ctx, s, x, n, opts));
}
