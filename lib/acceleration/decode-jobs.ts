/**
 * The jobs of the acceleration lab's "Decode a real model" (its worker and the benchmark share them):
 *   decodeTable   prune lm-en for each configuration (lib/lm/sparse-linear.ts), measure its test
 *                 perplexity (tfjs, whatever backend `perplexity` runs on), then decode every
 *                 configuration token by token INTERLEAVED (token i of every configuration before
 *                 token i + 1 of any, the first of each round rotating), greedy, from the same prompt; tokens per second = 1 / the
 *                 median unprofiled step; then a few profiled steps per configuration give the parts
 *                 of a step (lib/lm/kernel-decode.ts), with a bare readback's round trip taken off
 *                 each sync (lib/acceleration/amdahl.ts stepBreakdown);
 *   decodeCheck   greedy decoding with a configuration's kernel, then ONE float64 reference forward
 *                 (lib/lm/reference.ts) of the same pruned weights over prompt + generated tokens:
 *                 the tokens agree when the reference's argmax at every generated position is the
 *                 token the kernel path chose (by induction, the reference's own greedy decoding
 *                 then gives the same tokens), and the logits of every step are compared.
 */
import type * as TF from '@tensorflow/tfjs';
import type { Checkpoint } from '../lm/checkpoint';
import { KernelDecoder, type LinearFactory, type PartTimes, STEP_PARTS, kernelTimer, syncTimer, zeroParts } from '../lm/kernel-decode';
import type { GramStats } from '../lm/prune-forward';
import { referenceForward } from '../lm/reference';
import { yieldToEventLoop } from '../runtime/yield';
import { type DecodeConfig, effectiveSparsity, linearSparsityOf, needsStats, prunedFor, prunedKey } from '../lm/sparse-linear';
import { type StepBreakdown, median, stepBreakdown } from './amdahl';

export interface DecodeRow {
  config: DecodeConfig;
  /** Sparsity the kernel runs at, and zeros measured among the linear weights. */
  sparsity: number;
  linearSparsity: number;
  /** Test-split perplexity per character of the pruned model. */
  perplexity: number;
  /** Median ms per generated token (unprofiled), its coefficient of variation, tokens per second. */
  msPerToken: number;
  cv: number;
  tokensPerSecond: number;
  /** Bytes of the linear weights as the kernel stores them (head included). */
  linearBytes: number;
  /** The generated continuation (decoded by the caller's vocabulary). */
  ids: number[];
  breakdown: StepBreakdown;
}

export interface DecodeEnv {
  tf: typeof TF;
  /** The linear layers of a configuration (WGSL kernels, or tf.matMul on the fallback). */
  linear: (cfg: DecodeConfig) => LinearFactory;
  /** Test perplexity of a checkpoint whose pruned weights have this prunedKey (may switch backends; called before decoding starts). */
  perplexity: (ckpt: Checkpoint, key: string) => Promise<number>;
  /** Calibration statistics (Wanda, SparseGPT), computed once by the caller. */
  stats: () => Promise<GramStats | null>;
  /** Awaited often: yield, report, throw to cancel. */
  step?: (phase: 'prune' | 'decode' | 'profile' | 'check', done: number, total: number) => Promise<void> | void;
  /** Before decoding: make the decoding backend active again after `perplexity`. */
  beforeDecode?: () => Promise<void>;
  /**
   * How the parts of a step are timed: 'kernel' (tf.time: GPU timestamp queries on WebGPU, the ops'
   * own time on WASM / CPU; the default) or 'sync' (a readback after each part, for WebGPU devices
   * without timestamp queries).
   */
  timing?: 'kernel' | 'sync';
}

const argmax = (a: ArrayLike<number>): number => {
  let best = 0;
  for (let i = 1; i < a.length; i++) if (a[i] > a[best]) best = i;
  return best;
};

/**
 * ms of a bare round trip: one small op, then its readback (median of 15 after 3 warm-ups). 4,096
 * values: tfjs's WebGPU backend runs ops on fewer than WEBGPU_CPU_HANDOFF_SIZE_THRESHOLD (1,000)
 * CPU-resident values on the CPU, which would time no GPU round trip at all.
 */
export async function roundTripMs(tf: typeof TF): Promise<number> {
  const x = tf.range(0, 4096, 1, 'float32');
  const times: number[] = [];
  try {
    for (let i = 0; i < 18; i++) {
      const s = performance.now();
      const y = tf.add(x, 1);
      await y.data();
      y.dispose();
      if (i >= 3) times.push(performance.now() - s);
    }
  } finally {
    x.dispose();
  }
  return median(times);
}

export async function decodeTable(
  env: DecodeEnv,
  ckpt: Checkpoint,
  prompt: number[],
  configs: DecodeConfig[],
  tokens: number,
  profileSteps: number,
): Promise<{ rows: DecodeRow[]; roundTripMs: number; timing: 'kernel' | 'sync' }> {
  if (prompt.length === 0) throw new Error('the prompt is empty');
  if (prompt.length + tokens + profileSteps > ckpt.config.maxPositions)
    throw new RangeError(`prompt + tokens exceed the model's context of ${ckpt.config.maxPositions}`);
  const stats = configs.some(needsStats) ? await env.stats() : null;
  const pruned = new Map<string, { ckpt: Checkpoint; perplexity: number }>();
  for (const [i, cfg] of configs.entries()) {
    const key = prunedKey(cfg);
    if (!pruned.has(key)) {
      const p = await prunedFor(ckpt, cfg, stats, () => env.step?.('prune', i, configs.length));
      pruned.set(key, { ckpt: p, perplexity: await env.perplexity(p, key) });
    }
    await env.step?.('prune', i + 1, configs.length);
  }
  await env.beforeDecode?.();
  const tf = env.tf;
  const decoders = configs.map((cfg) => new KernelDecoder(tf, pruned.get(prunedKey(cfg))!.ckpt, env.linear(cfg)));
  try {
    const timing = env.timing ?? 'kernel';
    const timer = timing === 'kernel' ? kernelTimer(tf) : syncTimer;
    const rt = timing === 'sync' ? await roundTripMs(tf) : 0;
    // the prompt (also the warm-up: the first steps compile every pipeline)
    const next: number[] = [];
    for (const [k, dec] of decoders.entries()) {
      let last = 0;
      for (const id of prompt) last = argmax((await dec.step(id)).logits);
      next[k] = last;
      await env.step?.('decode', 0, tokens);
    }
    const times: number[][] = configs.map(() => []);
    const out: number[][] = configs.map(() => []);
    // Round i starts at configuration i mod n (each goes first equally often), and the event loop
    // runs before every timed step: callbacks the backend left pending (buffer releases after
    // readbacks) would otherwise land in whichever step comes first after a yield.
    const order = (i: number) => configs.map((_, j) => (i + j) % configs.length);
    for (let i = 0; i < tokens; i++) {
      for (const k of order(i)) {
        const dec = decoders[k];
        out[k].push(next[k]);
        await yieldToEventLoop();
        const r = await dec.step(next[k], { sample: argmax });
        next[k] = r.next!;
        times[k].push(r.ms);
      }
      await env.step?.('decode', i + 1, tokens);
    }
    const profiled = configs.map(() => zeroParts());
    const syncs = configs.map(() => zeroParts());
    for (let i = 0; i < profileSteps; i++) {
      for (const k of order(i)) {
        const dec = decoders[k];
        await yieldToEventLoop();
        const r = await dec.step(next[k], { profile: timer, sample: argmax });
        next[k] = r.next!;
        for (const p of STEP_PARTS) {
          profiled[k][p] += r.parts[p] / profileSteps;
          syncs[k][p] += r.syncs[p] / profileSteps;
        }
      }
      await env.step?.('profile', i + 1, profileSteps);
    }
    const rows = configs.map((cfg, k): DecodeRow => {
      const ms = median(times[k]);
      const mean = times[k].reduce((a, b) => a + b, 0) / times[k].length;
      const sd = Math.sqrt(times[k].reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, times[k].length - 1));
      const p = pruned.get(prunedKey(cfg))!;
      return {
        config: cfg,
        sparsity: effectiveSparsity(cfg.kernel, cfg.sparsity),
        linearSparsity: linearSparsityOf(p.ckpt),
        perplexity: p.perplexity,
        msPerToken: ms,
        cv: mean > 0 ? sd / mean : 0,
        tokensPerSecond: 1000 / ms,
        linearBytes: decoders[k].linearBytes,
        ids: out[k],
        breakdown: stepBreakdown(profiled[k], timing === 'sync' ? syncs[k] : zeroParts(), rt, ms),
      };
    });
    return { rows, roundTripMs: rt, timing };
  } finally {
    for (const d of decoders) d.dispose();
  }
}

export interface CheckRow {
  config: DecodeConfig;
  tokens: number;
  /** Whether the reference's argmax agrees at every generated position; the first position where it does not. */
  sameTokens: boolean;
  firstMismatch: number | null;
  /** max |logit − reference logit| over every step (prompt and generated). */
  maxAbsError: number;
  /** max |reference logit| over the same steps (tolerances of the form 1e-4 · scale use it). */
  scale: number;
}

export async function decodeCheck(
  env: DecodeEnv,
  ckpt: Checkpoint,
  prompt: number[],
  cfg: DecodeConfig,
  tokens: number,
): Promise<CheckRow> {
  const stats = needsStats(cfg) ? await env.stats() : null;
  const weights = await prunedFor(ckpt, cfg, stats);
  await env.beforeDecode?.();
  const dec = new KernelDecoder(env.tf, weights, env.linear(cfg));
  const V = ckpt.config.vocabSize;
  const ids = [...prompt];
  const logits: Float32Array[] = [];
  try {
    for (let i = 0; i < prompt.length + tokens - 1; i++) {
      const r = await dec.step(ids[i]);
      logits.push(r.logits);
      if (i >= prompt.length - 1) ids.push(argmax(r.logits));
      await env.step?.('decode', Math.max(0, i - prompt.length + 2), tokens);
    }
  } finally {
    dec.dispose();
  }
  const ref = referenceForward(weights, ids.slice(0, ids.length - 1)).logits;
  let maxAbsError = 0;
  let scale = 0;
  let firstMismatch: number | null = null;
  logits.forEach((row, t) => {
    for (let v = 0; v < V; v++) {
      const d = Math.abs(row[v] - ref[t * V + v]);
      maxAbsError = Math.max(maxAbsError, Number.isFinite(d) ? d : Number.POSITIVE_INFINITY);
      scale = Math.max(scale, Math.abs(ref[t * V + v]));
    }
    if (t >= prompt.length - 1 && firstMismatch === null) {
      const refNext = argmax(ref.subarray(t * V, (t + 1) * V));
      if (refNext !== ids[t + 1]) firstMismatch = t + 1 - prompt.length;
    }
  });
  return { config: cfg, tokens, sameTokens: firstMismatch === null, firstMismatch, maxAbsError, scale };
}

/** Speed-ups of each row against the dense row: whole step, linear part, and Amdahl's prediction from the dense step's linear share. */
export function decodeSpeedups(rows: readonly DecodeRow[]): { speedup: number; linearSpeedup: number; predicted: number; limit: number }[] {
  const dense = rows.find((r) => r.config.kernel === 'dense');
  return rows.map((r) => {
    if (!dense) return { speedup: NaN, linearSpeedup: NaN, predicted: NaN, limit: NaN };
    const p = dense.breakdown.linearShare;
    const linearSpeedup = r.breakdown.parts.linear > 0 ? dense.breakdown.parts.linear / r.breakdown.parts.linear : NaN;
    const predicted = Number.isFinite(linearSpeedup) && linearSpeedup > 0 ? 1 / (1 - p + p / linearSpeedup) : NaN;
    return { speedup: dense.msPerToken / r.msPerToken, linearSpeedup, predicted, limit: p < 1 ? 1 / (1 - p) : Infinity };
  });
}

export type { PartTimes };
