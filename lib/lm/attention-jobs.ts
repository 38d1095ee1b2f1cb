/**
 * The attention lab's model work, shared by the worker and the tests (no DOM):
 *   attentionTrace  one window through the float64 reference with every head's probabilities
 *                   and every layer's Q, K (after RoPE) and V, handed over as float32
 *   patternNll      mean NLL per window with a sparse pattern in every layer, on the fast path
 *                   (TfLm): the same semantics as reference.ts's meanNll(ckpt, ids, allowed), the
 *                   allowed pairs being the pattern's mask ANDed with causality.
 */
import { causalPatternMask, type PatternSpec } from '../attention/lm-heads';
import type { Checkpoint } from './checkpoint';
import { nllOfRow, referenceForward } from './reference';

export interface AttentionTrace {
  n: number;
  layers: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  /** attention[layer · heads + head]: n × n probabilities, row = query. */
  attention: Float32Array[];
  /** Per layer: q n × (heads·d), k and v n × (kvHeads·d); q and k after RoPE. */
  q: Float32Array[];
  k: Float32Array[];
  v: Float32Array[];
}

export function attentionTrace(ckpt: Checkpoint, ids: readonly number[]): AttentionTrace {
  const c = ckpt.config;
  const r = referenceForward(ckpt, ids, { attention: true, qkv: true });
  return {
    n: ids.length,
    layers: c.layers,
    heads: c.heads,
    kvHeads: c.kvHeads,
    headDim: c.headDim,
    attention: r.attention!.flatMap((layer) => layer.map((p) => Float32Array.from(p))),
    q: r.qkv!.map((l) => Float32Array.from(l.q)),
    k: r.qkv!.map((l) => Float32Array.from(l.k)),
    v: r.qkv!.map((l) => Float32Array.from(l.v)),
  };
}

/** Every buffer of a trace, to transfer it to another thread without a copy. */
export function traceBuffers(t: AttentionTrace): ArrayBuffer[] {
  return [...t.attention, ...t.q, ...t.k, ...t.v].map((a) => a.buffer as ArrayBuffer);
}

/** Mean NLL (nats) of ids[t+1] given ids[0..t] from n × V logits. */
export function meanNllOfLogits(logits: ArrayLike<number>, ids: readonly number[], vocabSize: number): number {
  let total = 0;
  for (let t = 0; t + 1 < ids.length; t++) total += nllOfRow(logits, t * vocabSize, vocabSize, ids[t + 1]);
  return total / (ids.length - 1);
}

export interface Forward {
  forward(ids: readonly number[], allowed?: (q: number, k: number) => boolean): Promise<ArrayLike<number>>;
}

export interface NllHooks {
  isCancelled?: () => boolean;
  onProgress?: (done: number, total: number) => void;
  /** Called between forward passes (the worker yields so a cancel can arrive). */
  pause?: () => Promise<void>;
}

/**
 * nll[s][w]: mean NLL of window w with pattern specs[s] in every layer (null = dense, causal only).
 * Returns null when cancelled.
 */
export async function patternNll(
  model: Forward,
  vocabSize: number,
  windows: readonly (readonly number[])[],
  specs: readonly (PatternSpec | null)[],
  hooks: NllHooks = {},
): Promise<number[][] | null> {
  const total = specs.length * windows.length;
  let done = 0;
  const out: number[][] = [];
  for (const spec of specs) {
    const row: number[] = [];
    for (const ids of windows) {
      await hooks.pause?.();
      if (hooks.isCancelled?.()) return null;
      const n = ids.length;
      const mask = spec ? causalPatternMask(spec, n) : null;
      const logits = await model.forward(ids, mask ? (q, k) => mask[q * n + k] === 1 : undefined);
      row.push(meanNllOfLogits(logits, ids, vocabSize));
      hooks.onProgress?.(++done, total);
    }
    out.push(row);
  }
  return out;
}

/**
 * One head's Q, K, V from a trace, each [n, d] row-major (the block-sparse kernel's
 * [heads = 1, seqLen, headDim]): query head h reads KV head ⌊h / (heads / kvHeads)⌋.
 */
export function headQkv(t: AttentionTrace, layer: number, head: number): { q: Float32Array; k: Float32Array; v: Float32Array } {
  if (layer < 0 || layer >= t.layers || head < 0 || head >= t.heads) throw new RangeError(`no head ${head} in layer ${layer}`);
  const { n, headDim: d, heads, kvHeads } = t;
  const g = Math.floor(head / (heads / kvHeads));
  const pick = (src: Float32Array, width: number, col: number) => {
    const out = new Float32Array(n * d);
    for (let i = 0; i < n; i++) out.set(src.subarray(i * width + col * d, i * width + col * d + d), i * d);
    return out;
  };
  return { q: pick(t.q[layer], heads * d, head), k: pick(t.k[layer], kvHeads * d, g), v: pick(t.v[layer], kvHeads * d, g) };
}
