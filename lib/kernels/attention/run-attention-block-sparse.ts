import type * as TF from '@tensorflow/tfjs';
import type { BlockCsr } from '../../attention/block-csr';
import { BlockSparseAttentionProgram } from './attention-block-sparse-program';
import type { AttentionShape } from './attention-dense-reference';
import { type KernelContext, runOnce, runProgram } from '../harness';

/** Uploaded Q, K, V and block structure for repeated runs (timing). Dispose when done. */
export interface BlockSparseAttentionInputs {
  shape: AttentionShape;
  blockSize: number;
  q: TF.Tensor;
  k: TF.Tensor;
  v: TF.Tensor;
  rowPtr: TF.Tensor;
  blocks: TF.Tensor;
  maskBits: TF.Tensor;
  dispose(): void;
}

/** (colIdx, maskOffset) pairs, as the kernel reads them; at least one pair so the buffer is never empty. */
export function interleaveBlocks(csr: BlockCsr): Int32Array {
  const nnz = csr.colIdx.length;
  const out = new Int32Array(Math.max(2, 2 * nnz));
  for (let e = 0; e < nnz; e++) {
    out[2 * e] = csr.colIdx[e];
    out[2 * e + 1] = csr.maskOffset[e];
  }
  return out;
}

export function uploadBlockSparseInputs(
  ctx: KernelContext,
  q: Float32Array,
  k: Float32Array,
  v: Float32Array,
  shape: AttentionShape,
  csr: BlockCsr,
): BlockSparseAttentionInputs {
  if (csr.seqLen !== shape.seqLen) throw new RangeError(`the block layout is for seqLen ${csr.seqLen}, not ${shape.seqLen}`);
  const { tf } = ctx;
  const dims = [shape.heads, shape.seqLen, shape.headDim];
  const blocks = interleaveBlocks(csr);
  const bits =
    csr.maskBits.length > 0 ? new Int32Array(csr.maskBits.buffer, csr.maskBits.byteOffset, csr.maskBits.length) : new Int32Array(1);
  const t = {
    q: tf.tensor(q, dims, 'float32'),
    k: tf.tensor(k, dims, 'float32'),
    v: tf.tensor(v, dims, 'float32'),
    rowPtr: tf.tensor(csr.rowPtr, [csr.rowPtr.length], 'int32'),
    blocks: tf.tensor(blocks, [blocks.length], 'int32'),
    maskBits: tf.tensor(bits, [bits.length], 'int32'),
  };
  return {
    shape,
    blockSize: csr.blockSize,
    ...t,
    dispose() {
      for (const x of Object.values(t)) x.dispose();
    },
  };
}

/** Enqueues one block-sparse attention; returns the output tensor (caller disposes). */
export function blockSparseAttention(ctx: KernelContext, inputs: BlockSparseAttentionInputs): TF.Tensor {
  const { heads, seqLen, headDim } = inputs.shape;
  const program = new BlockSparseAttentionProgram(heads, seqLen, headDim, inputs.blockSize);
  return runProgram(
    ctx,
    program,
    [inputs.q, inputs.k, inputs.v, inputs.rowPtr, inputs.blocks, inputs.maskBits],
    [
      { type: 'int32', data: [seqLen] },
      { type: 'float32', data: [1 / Math.sqrt(headDim)] },
    ],
  );
}

/** Uploads, runs once, reads back and frees everything: the output as [heads, seqLen, headDim]. */
export async function runBlockSparseAttention(
  ctx: KernelContext,
  q: Float32Array,
  k: Float32Array,
  v: Float32Array,
  shape: AttentionShape,
  csr: BlockCsr,
): Promise<Float32Array> {
  return runOnce(
    () => uploadBlockSparseInputs(ctx, q, k, v, shape, csr),
    (inputs) => blockSparseAttention(ctx, inputs),
  );
}
