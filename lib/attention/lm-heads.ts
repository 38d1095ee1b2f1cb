/**
 * Measurements of a language model's real attention against a sparse pattern.
 *
 * A pattern is applied to a causal model as the model would run it: the pattern's element mask
 * (patterns.ts) ANDed with causality, key j <= query i. Per head, from the dense probabilities
 * p (n × n, row = query, rows sum to 1 over j <= i):
 *   mass kept      (1/n) Σ_i Σ_{j ∈ pattern(i)} p_ij     the share of the dense softmax inside the pattern
 *   distance       (1/n) Σ_i Σ_j p_ij (i − j)             how far back the head looks, in characters
 *   sink mass      mean over i >= k of Σ_{j < k} p_ij     mass on the first k tokens (StreamingLLM's
 *                  sinks, Xiao et al. 2023), against a head that spreads evenly: mean of k / (i + 1)
 * Density is counted over the pairs a causal model can use: kept pairs j <= i over n(n+1)/2.
 */
import { PATTERN_REGISTRY } from './pattern-registry';
import { patternMask, type PatternName, type PatternParams } from './patterns';

export interface PatternSpec {
  name: PatternName;
  params: PatternParams;
}

/** The pattern's mask at length n, ANDed with causality. */
export function causalPatternMask(spec: PatternSpec, n: number): Uint8Array {
  const mask = patternMask(spec.name, { ...spec.params, seqLen: n, causal: true });
  for (let i = 0; i < n; i++) mask.fill(0, i * n + i + 1, (i + 1) * n);
  return mask;
}

/** Share of the n(n+1)/2 causal pairs a causal mask keeps. */
export function causalDensity(mask: Uint8Array, n: number): number {
  let kept = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) kept += mask[i * n + j];
  return kept / ((n * (n + 1)) / 2);
}

export interface HeadStats {
  layer: number;
  head: number;
  massKept: number;
  distance: number;
  sinkMass: number;
  /** What sinkMass would be for a head that spreads evenly over the keys it may read. */
  uniformSinkMass: number;
}

/** The statistics above for one head's n × n probabilities; `mask` null = dense (mass kept 1). */
export function headStats(p: ArrayLike<number>, n: number, mask: Uint8Array | null, sinkTokens: number, layer = 0, head = 0): HeadStats {
  let kept = 0;
  let distance = 0;
  let sink = 0;
  let uniform = 0;
  let sinkRows = 0;
  const k = Math.max(0, Math.floor(sinkTokens));
  for (let i = 0; i < n; i++) {
    const row = i * n;
    let first = 0;
    for (let j = 0; j <= i; j++) {
      const v = p[row + j];
      if (!mask || mask[row + j]) kept += v;
      distance += v * (i - j);
      if (j < k) first += v;
    }
    if (k > 0 && i >= k) {
      sink += first;
      uniform += k / (i + 1);
      sinkRows++;
    }
  }
  return {
    layer,
    head,
    massKept: kept / n,
    distance: distance / n,
    sinkMass: sinkRows ? sink / sinkRows : 0,
    uniformSinkMass: sinkRows ? uniform / sinkRows : 0,
  };
}

/** headStats of every layer × head of a trace (attention[layer][head], each n × n). */
export function traceStats(
  attention: readonly (readonly ArrayLike<number>[])[],
  n: number,
  mask: Uint8Array | null,
  sinkTokens: number,
): HeadStats[] {
  return attention.flatMap((heads, layer) => heads.map((p, head) => headStats(p, n, mask, sinkTokens, layer, head)));
}

/** KV-cache shape of a decoder: K and V of every layer and KV head are kept for each cached token. */
export interface KvShape {
  layers: number;
  kvHeads: number;
  headDim: number;
  bytesPerValue: number;
}

/** Llama-2-7B (Touvron et al. 2023): 32 layers, 32 heads of 128 (no GQA at 7B), fp16. */
export const LLAMA2_7B_KV: KvShape = { layers: 32, kvHeads: 32, headDim: 128, bytesPerValue: 2 };

export const KV_STRATEGIES = ['dense', 'window', 'sinks'] as const;
export type KvStrategy = (typeof KV_STRATEGIES)[number];

/** Bytes of K and V per cached token: 2 · layers · kvHeads · headDim · bytes. */
export function kvBytesPerToken(s: KvShape): number {
  return 2 * s.layers * s.kvHeads * s.headDim * s.bytesPerValue;
}

/**
 * Tokens in the cache after `length` tokens: dense keeps all; a window of w keys keeps the last w
 * (older K, V can never be read again); sinks + window keeps the first k and the last w
 * (StreamingLLM's rolling cache).
 */
export function cachedTokens(strategy: KvStrategy, length: number, window: number, sinks: number): number {
  if (strategy === 'dense') return length;
  if (strategy === 'window') return Math.min(length, window);
  return Math.min(length, window + sinks);
}

/**
 * Recent keys the last query of a causal pattern reads at a long length, besides its sink or
 * global tokens: what a decoder's rolling cache must keep (the registry's recentKeys), or null
 * for a pattern without a window.
 */
export function decodeWindow(spec: PatternSpec): number | null {
  return PATTERN_REGISTRY[spec.name].recentKeys?.(spec.params) ?? null;
}

/** The families the quality-vs-density curves sweep, each over its main parameter. */
export const SWEEP_FAMILIES = ['window', 'sinks', 'dilated', 'bigbird'] as const;
export type SweepFamily = (typeof SWEEP_FAMILIES)[number];

/** Window sizes swept (source convention for 'window': |i − j| <= ⌊w/2⌋, so 2 … 129 causal keys). */
export const SWEEP_WINDOWS = [4, 8, 16, 32, 64, 128, 192, 256] as const;
/** BigBird block sizes swept at n = 256 with r = 1 random block (b = 64 gives 4 blocks <= 5 + 2r: full attention, as HF). */
export const SWEEP_BLOCKS = [4, 8, 16, 32] as const;

/** The patterns of one family's sweep: `base` supplies the knobs the family does not sweep. */
export function sweepSpecs(family: SweepFamily, base: PatternParams): { value: number; spec: PatternSpec }[] {
  const p = (over: Partial<PatternParams>): PatternParams => ({ ...base, causal: true, ...over });
  switch (family) {
    case 'window':
      return SWEEP_WINDOWS.map((w) => ({ value: w, spec: { name: 'window', params: p({ windowSize: w }) } }));
    case 'sinks':
      return SWEEP_WINDOWS.map((w) => ({
        value: w,
        spec: { name: 'sinks', params: p({ windowSize: Math.floor(w / 2) + 1, sinkTokens: Math.max(1, base.sinkTokens) }) },
      }));
    case 'dilated':
      return SWEEP_WINDOWS.map((w) => ({
        value: w,
        spec: { name: 'dilated', params: p({ windowSize: w, dilation: Math.max(2, base.dilation) }) },
      }));
    case 'bigbird':
      return SWEEP_BLOCKS.map((b) => ({ value: b, spec: { name: 'bigbird', params: p({ blockSize: b, randomBlocks: 1 }) } }));
  }
}
