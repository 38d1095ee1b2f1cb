/**
 * The attention benchmark's check of one path at its row's size before timing (lib/bench/check.ts's
 * rule): block-sparse against blockSparseAttentionReference, dense fused against attentionReference,
 * tfjs unfused (the pattern as an additive bias) against attentionReference under the pattern's mask.
 */
import { buildBlockCsr } from '../attention/block-csr';
import { patternMask } from '../attention/patterns';
import { blockSparseAttentionReference } from '../kernels/attention/attention-block-sparse-reference';
import { attentionReference } from '../kernels/attention/attention-dense-reference';
import { attentionInputs } from '../kernels/attention/attention-inputs';
import { type PathName, type RunPlan } from '../labs/attention/lab-runs';
import { maskBias, unfusedAttention } from '../kernels/attention/attention-unfused';
import { type KernelContext } from '../kernels/harness';
import { runBlockSparseAttention } from '../kernels/attention/run-attention-block-sparse';
import { runDenseAttention } from '../kernels/attention/run-attention-dense';
import { type BenchCheck, checkOutputs } from './check';

/** Runs one path once on the plan's seeded inputs at the plan's size and compares it with its twin. */
export async function checkPath(k: KernelContext, plan: RunPlan, path: PathName, seed: number): Promise<BenchCheck> {
  const { q, k: keys, v } = attentionInputs(seed, plan.shape);
  if (path === 'block-sparse') {
    const csr = buildBlockCsr(plan.name, plan.params);
    return checkOutputs(await runBlockSparseAttention(k, q, keys, v, plan.shape, csr), blockSparseAttentionReference(q, keys, v, plan.shape, csr));
  }
  const mask = patternMask(plan.name, plan.params);
  if (path === 'dense-fused' || path === 'dense-fused-masked') {
    const m = path === 'dense-fused-masked' ? mask : undefined;
    return checkOutputs(await runDenseAttention(k, q, keys, v, plan.shape, m), attentionReference(q, keys, v, plan.shape, m));
  }
  const tf = k.tf;
  const dims: [number, number, number] = [plan.shape.heads, plan.shape.seqLen, plan.shape.headDim];
  const t = [tf.tensor3d(q, dims), tf.tensor3d(keys, dims), tf.tensor3d(v, dims), tf.tensor2d(maskBias(mask), [plan.shape.seqLen, plan.shape.seqLen])];
  try {
    const out = unfusedAttention(tf, t[0], t[1], t[2], t[3]);
    try {
      return checkOutputs((await out.data()) as Float32Array, attentionReference(q, keys, v, plan.shape, mask));
    } finally {
      out.dispose();
    }
  } finally {
    t.forEach((x) => x.dispose());
  }
}

export const PATH_NAMES: Record<PathName, string> = {
  'block-sparse': 'block-sparse attention',
  'dense-fused': 'dense fused attention',
  'dense-fused-masked': 'dense fused attention (masked)',
  'tfjs-unfused': 'tfjs unfused attention',
};
