/**
 * The harness's proof: fused dense attention vs its twin on seeded inputs.
 * Used by the About page's self-test and by the end-to-end kernel test.
 */
import { uniformArray } from '../../random';
import { attentionReference } from './attention-dense-reference';
import { type KernelVerdict, checkKernel } from '../../runtime/check-kernel';
import type { KernelContext } from '../harness';
import { runDenseAttention } from './run-attention-dense';

/** Judged by lib/runtime/check-kernel.ts (attention outputs lie in [-1, 1], so the bound is 1e-4). */
export interface SelfTestResult extends KernelVerdict {
  ms: number;
  shape: { heads: number; seqLen: number; headDim: number };
}

export function causalMask(seqLen: number): Uint8Array {
  const m = new Uint8Array(seqLen * seqLen);
  for (let i = 0; i < seqLen; i++) m.fill(1, i * seqLen, i * seqLen + i + 1);
  return m;
}

export async function runAttentionSelfTest(ctx: KernelContext, seqLen = 128, heads = 2, headDim = 32): Promise<SelfTestResult> {
  const shape = { heads, seqLen, headDim };
  const n = heads * seqLen * headDim;
  const q = uniformArray(n, 11);
  const k = uniformArray(n, 12);
  const v = uniformArray(n, 13);
  const mask = causalMask(seqLen);
  const t0 = performance.now();
  const actual = await runDenseAttention(ctx, q, k, v, shape, mask);
  const ms = performance.now() - t0;
  return { ...checkKernel(actual, attentionReference(q, k, v, shape, mask)), ms, shape };
}
