/**
 * Per-character loss of a text longer than the model's context, by the strided sliding window
 * of Hugging Face's "Perplexity of fixed-length models" guide: windows of C ids start every S
 * ids; the first window scores its positions 1 … C−1, each later one only the positions the
 * previous windows did not reach, so every character after the first C has at least C − S
 * characters of context. With n ≤ C it is one plain forward pass.
 *
 * For each position t ≥ 1: nll[t] = −ln p(ids[t] | ids[window start … t−1]) and the top-k of
 * that distribution (what the model expected at t).
 */
import { LmError } from './errors';

export interface Prediction {
  id: number;
  p: number;
}

export interface CharScore {
  /** −ln p of the actual character, in nats. */
  nll: number;
  /** p of the actual character. */
  p: number;
  /** The model's k most likely characters for this position, most likely first. */
  top: Prediction[];
}

export interface TextScore {
  /** scores[t] for t ≥ 1; scores[0] is null (nothing predicts the first character). */
  scores: (CharScore | null)[];
  /** Mean nll over positions 1 … n−1, in nats per character. */
  meanNll: number;
  bitsPerChar: number;
  perplexity: number;
  /** Forward passes (windows) used. */
  windows: number;
}

/** softmax of one row and its top-k (ties by lower id). */
export function topOfRow(logits: ArrayLike<number>, offset: number, size: number, k: number): { probs: Float64Array; top: Prediction[] } {
  let max = -Infinity;
  for (let i = 0; i < size; i++) max = Math.max(max, logits[offset + i]);
  const probs = new Float64Array(size);
  let z = 0;
  for (let i = 0; i < size; i++) z += probs[i] = Math.exp(logits[offset + i] - max);
  for (let i = 0; i < size; i++) probs[i] /= z;
  const top: Prediction[] = [];
  for (let i = 0; i < size; i++) {
    const p = probs[i];
    if (top.length < k || p > top[top.length - 1].p) {
      let j = top.length < k ? top.length : k - 1;
      while (j > 0 && top[j - 1].p < p) j--;
      top.splice(j, 0, { id: i, p });
      if (top.length > k) top.pop();
    }
  }
  return { probs, top };
}

/**
 * Scores `ids` with `logitsOf(window)` (window.length × V logits, row-major, as TfLm.forward or
 * referenceForward give). `isCancelled` is checked between windows.
 */
export async function scoreIds(
  ids: readonly number[],
  vocabSize: number,
  logitsOf: (window: number[]) => Promise<ArrayLike<number>>,
  options: {
    context: number;
    stride?: number;
    topK?: number;
    isCancelled?: () => boolean;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<TextScore | null> {
  const n = ids.length;
  if (n < 2) throw new LmError('empty-text', `Scoring needs at least 2 characters, got ${n}.`, { length: n });
  const C = options.context;
  const S = Math.max(1, Math.min(options.stride ?? Math.floor(C / 2), C - 1));
  const k = options.topK ?? 5;
  const scores: (CharScore | null)[] = new Array(n).fill(null);
  let next = 1;
  let start = 0;
  let windows = 0;
  let total = 0;
  while (next < n) {
    if (options.isCancelled?.()) return null;
    const end = Math.min(start + C, n);
    const logits = await logitsOf(ids.slice(start, end) as number[]);
    windows++;
    for (let t = next; t < end; t++) {
      const { probs, top } = topOfRow(logits, (t - 1 - start) * vocabSize, vocabSize, k);
      const p = probs[ids[t]];
      const nll = -Math.log(p);
      scores[t] = { nll, p, top };
      total += nll;
    }
    next = end;
    options.onProgress?.(next, n);
    start += S;
  }
  const meanNll = total / (n - 1);
  return { scores, meanNll, bitsPerChar: meanNll / Math.LN2, perplexity: Math.exp(meanNll), windows };
}
