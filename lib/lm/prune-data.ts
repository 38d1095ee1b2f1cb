/**
 * The text the language-model pruning lab uses, fixed so every number is reproducible:
 *   calibration: random windows of the TRAINING split, as SparseGPT's get_wikitext2 draws them
 *     (the split's documents joined into one text, a uniformly random start; seed 0 as the papers'
 *     default; Tang poems are mostly shorter than a window, so windows may span poems), 256
 *     characters each (the models' context), CALIBRATION_MAX of them shipped, the lab uses the
 *     first `count` (32 by default, the papers' 128 × 2048 tokens scaled to these models);
 *   test: the first TEST_WINDOWS × 256 characters of the TEST split (documents joined by a blank
 *     line), cut into windows: small enough that one perplexity evaluation takes about a second
 *     on WASM.
 * Windows are counted in code points (one model token each). scripts/build-prune-data.ts writes
 * public/data/lm/<lang>.prune.json from the splits; a test holds the file to these functions.
 */
import { mulberry32 } from '../random';

export const WINDOW = 256;
export const CALIBRATION_MAX = 128;
export const CALIBRATION_DEFAULT = 32;
export const CALIBRATION_SEED = 0;
export const TEST_WINDOWS = 8;

export interface PruneData {
  /** How the windows were drawn, for the reader of the file. */
  rule: string;
  calibration: string[];
  test: string[];
}

/** `count` windows of `length` code points at random starts of the documents joined by a blank line. */
export function calibrationWindows(docs: readonly string[], count: number, length = WINDOW, seed = CALIBRATION_SEED): string[] {
  const cps = Array.from(docs.join('\n\n'));
  if (cps.length <= length) throw new RangeError(`the training split has ${cps.length} characters, not more than ${length}`);
  const random = mulberry32(seed);
  return Array.from({ length: count }, () => {
    const start = Math.floor(random() * (cps.length - length));
    return cps.slice(start, start + length).join('');
  });
}

/** The first `count` consecutive windows of the documents joined by a blank line. */
export function testWindows(docs: readonly string[], count = TEST_WINDOWS, length = WINDOW): string[] {
  const cps = Array.from(docs.join('\n\n'));
  if (cps.length < count * length) throw new RangeError(`the test split has ${cps.length} characters, fewer than ${count} × ${length}`);
  return Array.from({ length: count }, (_, i) => cps.slice(i * length, (i + 1) * length).join(''));
}

export function buildPruneData(train: readonly string[], test: readonly string[]): PruneData {
  return {
    rule: `lib/lm/prune-data.ts: calibration = ${CALIBRATION_MAX} random ${WINDOW}-character windows of the training split's documents joined by a blank line (mulberry32 seed ${CALIBRATION_SEED}, uniform starts); test = the first ${TEST_WINDOWS} × ${WINDOW} characters of the test split`,
    calibration: calibrationWindows(train, CALIBRATION_MAX),
    test: testWindows(test),
  };
}

export function pruneDataUrl(lang: 'en' | 'zh'): string {
  return `/data/lm/${lang}.prune.json`;
}

/** Checks a fetched prune.json; throws a plain Error naming what is wrong. */
export function parsePruneData(raw: unknown): PruneData {
  const o = raw as Partial<PruneData> | null;
  const ok = (a: unknown): a is string[] => Array.isArray(a) && a.length > 0 && a.every((s) => typeof s === 'string');
  if (!o || typeof o !== 'object' || !ok(o.calibration) || !ok(o.test))
    throw new Error('prune.json must hold non-empty string arrays "calibration" and "test"');
  return { rule: String(o.rule ?? ''), calibration: o.calibration, test: o.test };
}
