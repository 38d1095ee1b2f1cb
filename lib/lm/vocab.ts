/**
 * The character vocabulary of a model folder's vocab.json: a JSON array of strings in id order,
 * one per Unicode code point, plus `<unk>` for every character the model never saw
 * (scripts/train_lm.py build_vocab puts it at id 0).
 */
import { UNK } from './corpus';
import { LmError } from './errors';

export interface Vocab {
  /** id → string. */
  strings: string[];
  /** code point string → id. */
  index: Map<string, number>;
  unkId: number;
}

export function parseVocab(raw: unknown, expectedSize?: number): Vocab {
  if (!Array.isArray(raw) || !raw.every((s) => typeof s === 'string'))
    throw new LmError('bad-vocab', 'vocab.json is not a JSON array of strings.');
  const unkId = raw.indexOf(UNK);
  if (unkId < 0) throw new LmError('bad-vocab', `vocab.json has no "${UNK}" entry.`);
  if (expectedSize !== undefined && raw.length !== expectedSize) {
    throw new LmError('bad-vocab', `vocab.json has ${raw.length} entries, but config.json says vocab_size ${expectedSize}.`, {
      have: raw.length,
      want: expectedSize,
    });
  }
  const strings = raw as string[];
  return { strings, index: new Map(strings.map((s, i) => [s, i])), unkId };
}

export interface Encoded {
  ids: number[];
  /** The characters (code points) of the text, one per id. */
  chars: string[];
  /** Positions whose character is not in the vocabulary (encoded as <unk>). */
  unknown: number[];
}

/** Text → ids, one per code point; characters outside the vocabulary become <unk>. */
export function encodeText(vocab: Vocab, text: string): Encoded {
  const chars = Array.from(text);
  const unknown: number[] = [];
  const ids = chars.map((ch, i) => {
    const id = vocab.index.get(ch);
    if (id === undefined || id === vocab.unkId) {
      unknown.push(i);
      return vocab.unkId;
    }
    return id;
  });
  return { ids, chars, unknown };
}

/** ids → text; <unk> is shown as U+FFFD (the replacement character). */
export function decodeIds(vocab: Vocab, ids: readonly number[]): string {
  return ids.map((id) => (id === vocab.unkId ? '\uFFFD' : (vocab.strings[id] ?? '\uFFFD'))).join('');
}
