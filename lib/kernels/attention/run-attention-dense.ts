import { DenseAttentionProgram } from './attention-dense-program';
import type { AttentionShape } from './attention-dense-reference';
import { type KernelContext, runOnce, runProgram } from '../harness';
import type * as TF from '@tensorflow/tfjs';

/** Uploaded Q, K, V (and mask) for repeated runs, e.g. when timing. Dispose when done. */
export interface DenseAttentionInputs {
  shape: AttentionShape;
  q: TF.Tensor;
  k: TF.Tensor;
  v: TF.Tensor;
  mask: TF.Tensor | null;
  dispose(): void;
}

export function uploadAttentionInputs(
  ctx: KernelContext,
  q: Float32Array,
  k: Float32Array,
  v: Float32Array,
  shape: AttentionShape,
  mask?: Uint8Array,
): DenseAttentionInputs {
  const dims = [shape.heads, shape.seqLen, shape.headDim];
  const tensors = {
    q: ctx.tf.tensor(q, dims, 'float32'),
    k: ctx.tf.tensor(k, dims, 'float32'),
    v: ctx.tf.tensor(v, dims, 'float32'),
    mask: mask ? ctx.tf.tensor(Int32Array.from(mask), [shape.seqLen, shape.seqLen], 'int32') : null,
  };
  return {
    shape,
    ...tensors,
    dispose() {
      tensors.q.dispose();
      tensors.k.dispose();
      tensors.v.dispose();
      tensors.mask?.dispose();
    },
  };
}

/** Enqueues one fused dense attention; returns the output tensor (caller disposes). */
export function denseAttention(ctx: KernelContext, inputs: DenseAttentionInputs): TF.Tensor {
  const { heads, seqLen, headDim } = inputs.shape;
  const program = new DenseAttentionProgram(heads, seqLen, headDim, inputs.mask !== null);
  const tensors = inputs.mask ? [inputs.q, inputs.k, inputs.v, inputs.mask] : [inputs.q, inputs.k, inputs.v];
  return runProgram(ctx, program, tensors, [
    { type: 'int32', data: [seqLen] },
    { type: 'float32', data: [1 / Math.sqrt(headDim)] },
  ]);
}

/** Uploads, runs once, reads back and frees everything: the output as [heads, seqLen, headDim]. */
export async function runDenseAttention(
  ctx: KernelContext,
  q: Float32Array,
  k: Float32Array,
  v: Float32Array,
  shape: AttentionShape,
  mask?: Uint8Array,
): Promise<Float32Array> {
  return runOnce(
    () => uploadAttentionInputs(ctx, q, k, v, shape, mask),
    (inputs) => denseAttention(ctx, inputs),
  );
}
