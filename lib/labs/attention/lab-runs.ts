/**
 * What the attention lab runs on the GPU, and at what size: the kernel check (block-sparse
 * and dense fused kernels vs their twins) and the speed comparison (block-sparse vs dense
 * fused vs tfjs unfused), shared by the lab's kernel panel and lib/bench/attention.ts.
 *
 * Sizes: the twins cost heads·n²·d multiply-adds in JavaScript and a software adapter
 * emulates the GPU on the CPU, so checks and measurements are capped (and the page says
 * so); buffers beyond the device's binding limit are refused, naming the limit.
 */
import type * as TF from '@tensorflow/tfjs';
import { buildBlockCsr, type BlockCsr } from '../../attention/block-csr';
import { resolveLabConfig, type LabInput } from './config';
import { patternMask, type PatternName, type PatternParams } from '../../attention/patterns';
import { timeInterleaved, type TimingResult } from '../../compute/timing';
import type { AttentionShape } from '../../kernels/attention/attention-dense-reference';
import { attentionInputs } from '../../kernels/attention/attention-inputs';
import { maskBias, unfusedAttention, unfusedScoreBytes } from '../../kernels/attention/attention-unfused';
import { type KernelContext, waitForGpu } from '../../kernels/harness';
import { blockSparseAttention, runBlockSparseAttention, uploadBlockSparseInputs } from '../../kernels/attention/run-attention-block-sparse';
import { denseAttention, runDenseAttention, uploadAttentionInputs } from '../../kernels/attention/run-attention-dense';

/** Largest check on a software adapter (tokens, heads). */
export const SOFTWARE_CHECK_MAX_SEQ = 512;
export const SOFTWARE_CHECK_MAX_HEADS = 2;
/** Multiply-adds one twin may cost (heads · n² · d), about a second of JavaScript. */
export const TWIN_BUDGET_MACS = 2e8;
/** Largest measurement on a software adapter. */
export const SOFTWARE_MEASURE_MAX_SEQ = 1024;
export const SOFTWARE_MEASURE_MAX_HEADS = 1;

export type PathName = 'block-sparse' | 'dense-fused' | 'dense-fused-masked' | 'tfjs-unfused';

export interface RunPlan {
  name: PatternName;
  /** The pattern at the planned size (knobs re-clamped when n was capped). */
  params: PatternParams;
  shape: AttentionShape;
  /** Why the size differs from the settings, if it does. */
  capped: 'software' | 'twin' | null;
}

function rescale(input: LabInput, seqLen: number): PatternParams {
  return resolveLabConfig({ ...input, seqLen, compare: 'none' }).params;
}

/** The size the kernel check runs at (see the top). */
export function planCheck(input: LabInput, headDim: number, emulated: boolean): RunPlan {
  let n = input.seqLen;
  let heads = input.heads;
  let capped: RunPlan['capped'] = null;
  if (emulated && (n > SOFTWARE_CHECK_MAX_SEQ || heads > SOFTWARE_CHECK_MAX_HEADS)) {
    n = Math.min(n, SOFTWARE_CHECK_MAX_SEQ);
    heads = Math.min(heads, SOFTWARE_CHECK_MAX_HEADS);
    capped = 'software';
  }
  if (heads * n * n * headDim > TWIN_BUDGET_MACS) {
    heads = Math.min(heads, 2);
    n = Math.max(64, Math.min(n, Math.floor(Math.sqrt(TWIN_BUDGET_MACS / (heads * headDim)))));
    capped ??= 'twin';
  }
  return { name: input.pattern, params: rescale(input, n), shape: { heads, seqLen: n, headDim }, capped };
}

/** The size the speed comparison runs at: the settings, or at most 1,024 tokens and 1 head on a software adapter. */
export function planMeasure(input: LabInput, headDim: number, emulated: boolean): RunPlan {
  if (emulated && (input.seqLen > SOFTWARE_MEASURE_MAX_SEQ || input.heads > SOFTWARE_MEASURE_MAX_HEADS)) {
    const n = Math.min(input.seqLen, SOFTWARE_MEASURE_MAX_SEQ);
    return {
      name: input.pattern,
      params: rescale(input, n),
      shape: { heads: Math.min(input.heads, SOFTWARE_MEASURE_MAX_HEADS), seqLen: n, headDim },
      capped: 'software',
    };
  }
  return {
    name: input.pattern,
    params: rescale(input, input.seqLen),
    shape: { heads: input.heads, seqLen: input.seqLen, headDim },
    capped: null,
  };
}

/** Largest single buffer each path binds (bytes): Q/K/V/O, the int32 mask, the score matrix, the block list. */
export function bufferNeeds(shape: AttentionShape, csrBytes: number): Record<PathName, number> {
  const qkv = shape.heads * shape.seqLen * shape.headDim * 4;
  const mask = shape.seqLen * shape.seqLen * 4;
  return {
    'block-sparse': Math.max(qkv, csrBytes),
    'dense-fused': qkv,
    'dense-fused-masked': Math.max(qkv, mask),
    'tfjs-unfused': Math.max(qkv, unfusedScoreBytes(shape)),
  };
}

/** The paths whose largest buffer exceeds `limitBytes`, with what they need. */
export function refusedPaths(shape: AttentionShape, csrBytes: number, limitBytes: number): { path: PathName; need: number }[] {
  const needs = bufferNeeds(shape, csrBytes);
  return (Object.keys(needs) as PathName[]).filter((p) => needs[p] > limitBytes).map((path) => ({ path, need: needs[path] }));
}

/** Upper bound of the CSR bytes without building it: every tile partial. */
export function csrBytesBound(seqLen: number, blockSize: number, nonEmptyBlocks: number): number {
  const nb = Math.ceil(seqLen / blockSize);
  return 4 * (nb + 1 + 2 * nonEmptyBlocks + nonEmptyBlocks * Math.ceil((blockSize * blockSize) / 32));
}

export interface KernelOutputs {
  blockSparse: Float32Array;
  dense: Float32Array;
  csr: BlockCsr;
}

/** Runs the block-sparse and the masked dense kernels once on the plan's seeded inputs. */
export async function runCheckKernels(ctx: KernelContext, plan: RunPlan, seed: number): Promise<KernelOutputs> {
  const { q, k, v } = attentionInputs(seed, plan.shape);
  const csr = buildBlockCsr(plan.name, plan.params);
  const blockSparse = await runBlockSparseAttention(ctx, q, k, v, plan.shape, csr);
  const dense = await runDenseAttention(ctx, q, k, v, plan.shape, patternMask(plan.name, plan.params));
  return { blockSparse, dense, csr };
}

/** One block-sparse variant for custom timings (e.g. two sequence lengths interleaved). Dispose when done. */
export function blockSparseVariant(ctx: KernelContext, plan: RunPlan, seed: number): { run: () => void; dispose: () => void } {
  const { q, k, v } = attentionInputs(seed, plan.shape);
  const inputs = uploadBlockSparseInputs(ctx, q, k, v, plan.shape, buildBlockCsr(plan.name, plan.params));
  let last: TF.Tensor | null = null;
  return {
    run() {
      last?.dispose();
      last = blockSparseAttention(ctx, inputs);
    },
    dispose() {
      last?.dispose();
      inputs.dispose();
    },
  };
}

export interface MeasureOptions {
  paths?: readonly PathName[];
  samples?: number;
  warmup?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export interface PathTiming extends TimingResult {
  name: PathName;
}

/**
 * Times the chosen paths interleaved (lib/compute/timing.ts) on the plan's seeded inputs,
 * disposing every tensor, also when cancelled or failing.
 */
export async function measurePaths(ctx: KernelContext, plan: RunPlan, seed: number, options: MeasureOptions = {}): Promise<PathTiming[]> {
  const paths = options.paths ?? (['block-sparse', 'dense-fused', 'dense-fused-masked', 'tfjs-unfused'] as const);
  const { tf } = ctx;
  const { q, k, v } = attentionInputs(seed, plan.shape);
  const needsMask = paths.includes('dense-fused-masked') || paths.includes('tfjs-unfused');
  const mask = needsMask ? patternMask(plan.name, plan.params) : null;
  const disposers: (() => void)[] = [];
  try {
    const variants: { name: PathName; run: () => void }[] = [];
    let last: TF.Tensor | null = null;
    const keep = (t: TF.Tensor) => {
      last?.dispose();
      last = t;
    };
    disposers.push(() => last?.dispose());
    for (const path of paths) {
      if (path === 'block-sparse') {
        const inputs = uploadBlockSparseInputs(ctx, q, k, v, plan.shape, buildBlockCsr(plan.name, plan.params));
        disposers.push(() => inputs.dispose());
        variants.push({ name: path, run: () => keep(blockSparseAttention(ctx, inputs)) });
      } else if (path === 'dense-fused' || path === 'dense-fused-masked') {
        const inputs = uploadAttentionInputs(ctx, q, k, v, plan.shape, path === 'dense-fused-masked' && mask ? mask : undefined);
        disposers.push(() => inputs.dispose());
        variants.push({ name: path, run: () => keep(denseAttention(ctx, inputs)) });
      } else {
        const dims: [number, number, number] = [plan.shape.heads, plan.shape.seqLen, plan.shape.headDim];
        const tq = tf.tensor3d(q, dims);
        const tk = tf.tensor3d(k, dims);
        const tv = tf.tensor3d(v, dims);
        const bias = tf.tensor2d(maskBias(mask as Uint8Array), [plan.shape.seqLen, plan.shape.seqLen]);
        disposers.push(() => [tq, tk, tv, bias].forEach((t) => t.dispose()));
        variants.push({ name: path, run: () => keep(unfusedAttention(tf, tq, tk, tv, bias)) });
      }
    }
    const results = await timeInterleaved(variants, () => waitForGpu(ctx), {
      samples: options.samples ?? 20,
      warmup: options.warmup ?? 2,
      minSampleMs: 1,
      signal: options.signal,
      onProgress: options.onProgress,
    });
    return results.map((r, i) => ({ ...r, name: variants[i].name }));
  } finally {
    for (const d of disposers.reverse()) d();
  }
}
