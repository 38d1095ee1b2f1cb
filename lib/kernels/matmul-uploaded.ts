/**
 * What every matmul runner (run-matmul-*.ts) returns after uploading its operands once:
 * a handle that enqueues one product per call (for timing) and frees the operands.
 */
import type * as TF from '@tensorflow/tfjs';
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

/** Runs once, reads Y back and disposes the output (not the operands). */
export async function readMatmul(u: UploadedMatmul): Promise<Float32Array> {
  const out = u.run();
  try {
    return (await out.data()) as Float32Array;
  } finally {
    out.dispose();
  }
}

/** Uploads, runs once, reads back and frees everything. */
export async function runOnce(upload: () => UploadedMatmul): Promise<Float32Array> {
  const u = upload();
  try {
    return await readMatmul(u);
  } finally {
    u.dispose();
  }
}

/** A typed array of at least `min` entries (WebGPU cannot bind an empty buffer): pads with zeros. */
export function atLeast<T extends Float32Array | Int32Array>(a: T, min: number): T {
  if (a.length >= min) return a;
  const out = new (a.constructor as new (n: number) => T)(min);
  out.set(a);
  return out;
}
