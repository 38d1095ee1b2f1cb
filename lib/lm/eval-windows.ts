/**
 * A fixed sample of the test split for measurements that must be fast enough to rerun on every
 * slider move: the test documents joined as training joined them (scripts/train_lm.py,
 * DOC_SEPARATOR = "\n\n"), encoded with the model's vocabulary, cut into consecutive
 * non-overlapping windows of `length` ids (train_lm.py's eval_windows), of which `count` are
 * taken evenly spaced: window ⌊j · W / count⌋ for j = 0 … count − 1 (W full windows).
 * Every window is a whole context (256 characters for the shipped models), so each is longer
 * than any window pattern a lab applies to it.
 */
import { LmError } from './errors';
import type { Vocab } from './vocab';
import { encodeText } from './vocab';

export const DOC_SEPARATOR = '\n\n';
/** Windows in the sample the attention lab measures (6 × 255 predicted characters). */
export const EVAL_WINDOW_COUNT = 6;

export interface EvalWindows {
  /** count × length token ids. */
  ids: number[][];
  /** The same windows as text (unknown characters shown as themselves). */
  texts: string[];
  /** Which of the W full windows each one is. */
  index: number[];
  /** W: full windows in the split. */
  total: number;
}

export function evalWindows(docs: readonly { text: string }[], vocab: Vocab, count: number, length: number): EvalWindows {
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(length) || length < 2)
    throw new RangeError(`need count >= 1 and length >= 2, got ${count} and ${length}`);
  const joined = docs.map((d) => d.text).join(DOC_SEPARATOR);
  const enc = encodeText(vocab, joined);
  const chars = enc.chars;
  const total = Math.floor(enc.ids.length / length);
  if (total < count)
    throw new LmError('empty-text', `The split has ${total} windows of ${length} characters, fewer than ${count}.`, {
      length: enc.ids.length,
    });
  const ids: number[][] = [];
  const texts: string[] = [];
  const index: number[] = [];
  for (let j = 0; j < count; j++) {
    const w = Math.floor((j * total) / count);
    index.push(w);
    ids.push(enc.ids.slice(w * length, (w + 1) * length));
    texts.push(chars.slice(w * length, (w + 1) * length).join(''));
  }
  return { ids, texts, index, total };
}
