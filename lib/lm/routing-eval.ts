/**
 * What a routing change costs the model: mean negative log-likelihood (and perplexity) on a fixed
 * subset of the test split, the same for every change, small enough that one evaluation takes
 * about 1–2 s on WASM.
 *
 * The subset: the test documents joined by "\n\n" (as lib/bench/lm.ts), then EVAL_WINDOWS windows
 * of EVAL_LENGTH characters starting at ⌊i · (L − EVAL_LENGTH) / (EVAL_WINDOWS − 1)⌋, i = 0 …,
 * spread evenly over the whole split. Each window is one forward pass from an empty context;
 * positions 1 … EVAL_LENGTH − 1 of each are scored, so nll = mean over
 * EVAL_WINDOWS · (EVAL_LENGTH − 1) characters of −ln p(x_t | x_<t in the window), and
 * perplexity = exp(nll) per character.
 */
import { nllOfRow } from './reference';
import type { RoutingPolicy } from './routing';
import type { RoutingRecord } from './tf-lm';
import { type Vocab, encodeText } from './vocab';

export const EVAL_WINDOWS = 6;
export const EVAL_LENGTH = 256;

export interface EvalWindow {
  start: number;
  ids: number[];
  chars: string[];
}

/** The fixed evaluation windows of a test split (see the header). */
export function evaluationWindows(
  docs: readonly { text: string }[],
  vocab: Vocab,
  count = EVAL_WINDOWS,
  length = EVAL_LENGTH,
): EvalWindow[] {
  const enc = encodeText(vocab, docs.map((d) => d.text).join('\n\n'));
  const L = enc.ids.length;
  if (L < length) throw new RangeError(`the test split has ${L} characters, fewer than one window of ${length}`);
  return Array.from({ length: count }, (_, i) => {
    const start = count === 1 ? 0 : Math.floor((i * (L - length)) / (count - 1));
    return { start, ids: enc.ids.slice(start, start + length), chars: enc.chars.slice(start, start + length) };
  });
}

export interface RoutingEvaluation {
  /** Mean nats per scored character. */
  nll: number;
  perplexity: number;
  bitsPerChar: number;
  /** Characters scored. */
  scored: number;
  /** The routing of every window, concatenated per layer (chosen [n, k], logits [n, E]). */
  record: RoutingRecord & { logits: Float32Array[] };
  /** Characters of each forward pass, in order. */
  windows: number[];
}

export type ForwardFn = (ids: number[], record: RoutingRecord, policy: RoutingPolicy | null) => Promise<ArrayLike<number>>;

/**
 * Runs `forward` on each window with `policy` and scores it. `isCancelled` is checked before each
 * window (null comes back when it says so); `onProgress(done, total)` after each.
 */
export async function evaluateRouting(
  windows: readonly EvalWindow[],
  vocabSize: number,
  forward: ForwardFn,
  policy: RoutingPolicy | null,
  opts: { isCancelled?: () => boolean; onProgress?: (done: number, total: number) => void } = {},
): Promise<RoutingEvaluation | null> {
  let total = 0;
  let scored = 0;
  const parts: (RoutingRecord & { logits: Float32Array[] })[] = [];
  for (const [i, w] of windows.entries()) {
    if (opts.isCancelled?.()) return null;
    const record = { chosen: [], weights: [], logits: [] } as RoutingRecord & { logits: Float32Array[] };
    const logits = await forward(w.ids, record, policy);
    for (let t = 0; t + 1 < w.ids.length; t++) total += nllOfRow(logits, t * vocabSize, vocabSize, w.ids[t + 1]);
    scored += w.ids.length - 1;
    parts.push(record);
    opts.onProgress?.(i + 1, windows.length);
  }
  const concat = <T extends Int32Array | Float32Array>(arrays: T[], make: (n: number) => T): T => {
    const out = make(arrays.reduce((a, b) => a + b.length, 0));
    let o = 0;
    for (const a of arrays) {
      out.set(a, o);
      o += a.length;
    }
    return out;
  };
  const layers = parts[0]?.chosen.length ?? 0;
  const record = {
    chosen: Array.from({ length: layers }, (_, l) =>
      concat(
        parts.map((p) => p.chosen[l]),
        (n) => new Int32Array(n),
      ),
    ),
    weights: Array.from({ length: layers }, (_, l) =>
      concat(
        parts.map((p) => p.weights[l]),
        (n) => new Float32Array(n),
      ),
    ),
    logits: Array.from({ length: layers }, (_, l) =>
      concat(
        parts.map((p) => p.logits[l]),
        (n) => new Float32Array(n),
      ),
    ),
  };
  const nll = total / scored;
  return { nll, perplexity: Math.exp(nll), bitsPerChar: nll / Math.LN2, scored, record, windows: windows.map((w) => w.ids.length) };
}
