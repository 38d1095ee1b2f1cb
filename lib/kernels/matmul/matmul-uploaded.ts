/**
 * What every matmul runner (run-matmul-*.ts) returns after uploading its operands once:
 * a handle that enqueues one product per call (for timing) and frees the operands.
 */
import type * as TF from '@tensorflow/tfjs';
import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { type KernelContext, type Uniform, runOnce as runHarnessOnce, runProgram } from '../harness';
import type { GemvLayout } from './matmul-config';
import type { MatmulShape } from './matmul-dense-reference';

/** Launch choices of the runners (N = 1: which GEMV layout; default 'lanes'). */
export interface MatmulOptions {
  gemvLayout?: GemvLayout;
}

export interface UploadedMatmul {
  shape: MatmulShape;
  /** Bytes of the weight operand (values and indices) as uploaded. */
  weightBytes: number;
  /** Enqueues one product and returns Y [M, N] (the caller disposes it). */
  run(): TF.Tensor;
  /** Frees every uploaded tensor. */
  dispose(): void;
}

/** The uniforms the matmul programs share: M, K and, for the SpMM kernels (N % 4 = 0), N / 4. */
export function shapeUniforms(m: number, k: number, n: number): Uniform[] {
  return [{ type: 'int32', data: [m] }, { type: 'int32', data: [k] }, ...(n === 1 ? [] : [{ type: 'int32' as const, data: [n / 4] }])];
}

/**
 * The handle of a runner with one program over its uploaded inputs. The program object is
 * reused across runs: runProgram restores the shaderKey tfjs appends to, so it never recompiles.
 */
export function programHandle(
  ctx: KernelContext,
  shape: MatmulShape,
  weightBytes: number,
  program: WebGPUProgram,
  inputs: TF.Tensor[],
  uniforms: Uniform[],
): UploadedMatmul {
  return {
    shape,
    weightBytes,
    run: () => runProgram(ctx, program, inputs, uniforms),
    dispose: () => inputs.forEach((t) => t.dispose()),
  };
}

/** Uploads, runs once, reads back and frees everything (the harness's runOnce for a matmul handle). */
export function runOnce(upload: () => UploadedMatmul): Promise<Float32Array> {
  return runHarnessOnce(upload, (u) => u.run());
}

/** A typed array of at least `min` entries (WebGPU cannot bind an empty buffer): pads with zeros. */
export function atLeast<T extends Float32Array | Int32Array>(a: T, min: number): T {
  if (a.length >= min) return a;
  const out = new (a.constructor as new (n: number) => T)(min);
  out.set(a);
  return out;
}
