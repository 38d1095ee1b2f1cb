/**
 * The unfused baseline: attention as four separate tfjs ops, each writing its full result
 * to memory, the way a framework without a fused kernel runs it:
 *   S = Q Kᵀ · (1/sqrt(d))        tf.matMul(q, k, false, true)      [heads, n, n]
 *   S' = S + bias, bias = 0 where mask = 1 and -1e9 where mask = 0  (the "mask" step)
 *   P = softmax(S')               tf.softmax over the last axis     [heads, n, n]
 *   O = P V                       tf.matMul                         [heads, n, d]
 * It materialises two heads × n × n float32 matrices, which is what the fused kernels
 * avoid. An additive -1e9 makes exp underflow to exactly 0, so masked keys get
 * probability 0 like the twin's; a row with no allowed key would get a uniform row instead
 * of the twin's zeros (every lab pattern attends each query's own key, so none has one).
 * Runs on whichever tfjs backend is active (WebGPU in the lab, CPU in the unit tests).
 */
import type * as TF from '@tensorflow/tfjs';
import type { AttentionShape } from './attention-dense-reference';

export const MASK_BIAS = -1e9;

/** The [seqLen, seqLen] additive bias of a 0/1 mask: 0 where attended, MASK_BIAS elsewhere. */
export function maskBias(mask: Uint8Array): Float32Array {
  const bias = new Float32Array(mask.length);
  for (let i = 0; i < mask.length; i++) bias[i] = mask[i] !== 0 ? 0 : MASK_BIAS;
  return bias;
}

/** Enqueues the four ops; returns O [heads, n, d] (caller disposes). Intermediates are freed. */
export function unfusedAttention(tf: typeof TF, q: TF.Tensor, k: TF.Tensor, v: TF.Tensor, bias: TF.Tensor | null): TF.Tensor {
  const d = q.shape[q.shape.length - 1];
  return tf.tidy(() => {
    const scores = tf.mul(tf.matMul(q as TF.Tensor3D, k as TF.Tensor3D, false, true), 1 / Math.sqrt(d));
    const masked = bias ? tf.add(scores, bias) : scores;
    return tf.matMul(tf.softmax(masked), v as TF.Tensor3D);
  });
}

/** Bytes of the largest buffer the unfused path allocates: one heads × n × n float32 matrix. */
export function unfusedScoreBytes(shape: AttentionShape): number {
  return shape.heads * shape.seqLen * shape.seqLen * 4;
}

/** Uploads, runs once, reads back and frees everything: the output as [heads, seqLen, headDim]. */
export async function runUnfusedAttention(
  tf: typeof TF,
  q: Float32Array,
  k: Float32Array,
  v: Float32Array,
  shape: AttentionShape,
  mask?: Uint8Array,
): Promise<Float32Array> {
  const dims: [number, number, number] = [shape.heads, shape.seqLen, shape.headDim];
  const tq = tf.tensor3d(q, dims);
  const tk = tf.tensor3d(k, dims);
  const tv = tf.tensor3d(v, dims);
  const tb = mask ? tf.tensor2d(maskBias(mask), [shape.seqLen, shape.seqLen]) : null;
  try {
    const out = unfusedAttention(tf, tq, tk, tv, tb);
    try {
      return (await out.data()) as Float32Array;
    } finally {
      out.dispose();
    }
  } finally {
    tq.dispose();
    tk.dispose();
    tv.dispose();
    tb?.dispose();
  }
}
