/**
 * The checks every attention module shares: whole-number bounds with a stable problem key,
 * the error that carries it, and the size limits. A leaf module (no imports), so that the
 * pattern registry (pattern-registry.ts) and BigBird's layout (bigbird.ts) can use it while
 * params.ts validates whole configurations with the registry.
 *
 * Every problem is an Issue (lib/runtime/issue.ts) with an English `message`: `key` is a
 * PatternProblemKey (e.g. 'window-size-too-large'), `params` holds the numbers the message
 * quotes, `message` is short English naming the offending value (for errors and tests). The
 * attention lab shows the problems it clamps with its own messages (lib/i18n/attention.ts).
 */
import type { Issue } from '../runtime/issue';

/** Largest sequence length the element-level builders accept: an 8192×8192 mask is 64 MiB. */
export const MAX_SEQ_LEN = 8192;

/** Seeds are 32-bit unsigned integers (the mulberry32 state). */
export const MAX_SEED = 0xffffffff;

/**
 * BigBird ITC: a middle query block attends 3 sliding blocks (i-1, i, i+1) and 2 global
 * blocks (first, last) before any random block (Zaheer et al. 2020; HF BigBird).
 */
export const BIGBIRD_FIXED_BLOCKS_PER_ROW = 5;

/** How a whole-number field can be out of bounds (checkWholeNumber). */
export const BOUND_PROBLEMS = ['not-whole', 'too-small', 'too-large'] as const;
export type BoundProblem = (typeof BOUND_PROBLEMS)[number];

/**
 * Every key a pattern check reports: `<field key>-<bound problem>` for each field of FIELDS
 * ('window-size-too-large', 'seq-len-not-whole', ...; 'random-blocks-too-large' also when r
 * exceeds BigBird's free blocks), and 'pattern-unknown'.
 */
export type PatternProblemKey = `${FieldKey}-${BoundProblem}` | 'pattern-unknown';

/** A validation problem: an Issue with the numbers its message quotes, and that message in English. */
export interface PatternProblem extends Issue<PatternProblemKey> {
  params: Record<string, number>;
  message: string;
}

/** RangeError carrying the problem's key and params so the UI can translate it. */
export class PatternParamError extends RangeError {
  readonly key: PatternProblemKey;
  readonly params: Record<string, number>;

  constructor(problem: PatternProblem) {
    super(problem.message);
    this.name = 'PatternParamError';
    this.key = problem.key;
    this.params = problem.params;
  }
}

export type Field =
  | 'seqLen'
  | 'numBlocks'
  | 'windowSize'
  | 'dilation'
  | 'stride'
  | 'summaryTokens'
  | 'globalTokens'
  | 'randomBlocks'
  | 'blockSize'
  | 'sinkTokens'
  | 'seed'
  | 'headDim'
  | 'numHeads'
  | 'layers'
  | 'query';

export const FIELDS = {
  seqLen: { key: 'seq-len', label: 'Sequence length' },
  numBlocks: { key: 'num-blocks', label: 'Number of blocks' },
  windowSize: { key: 'window-size', label: 'Window size' },
  dilation: { key: 'dilation', label: 'Dilation' },
  stride: { key: 'stride', label: 'Stride' },
  summaryTokens: { key: 'summary-tokens', label: 'Summary tokens' },
  globalTokens: { key: 'global-tokens', label: 'Global tokens' },
  randomBlocks: { key: 'random-blocks', label: 'Random blocks' },
  blockSize: { key: 'block-size', label: 'Block size' },
  sinkTokens: { key: 'sink-tokens', label: 'Sink tokens' },
  seed: { key: 'seed', label: 'Seed' },
  headDim: { key: 'head-dim', label: 'Head dimension' },
  numHeads: { key: 'num-heads', label: 'Number of heads' },
  layers: { key: 'layers', label: 'Number of layers' },
  query: { key: 'query', label: 'Query position' },
} as const satisfies Record<Field, { key: string; label: string }>;

/** A field's kebab-case key, the stem of its problem keys. */
export type FieldKey = (typeof FIELDS)[Field]['key'];

/**
 * Pushes a problem unless `value` is a whole number in [min, max]; returns whether it is.
 * `maxLabel` names the upper bound in the message ("the sequence length").
 */
export function checkWholeNumber(
  problems: PatternProblem[],
  field: Field,
  value: number | undefined,
  min: number,
  max: number,
  maxLabel = 'the maximum',
): boolean {
  const { key, label } = FIELDS[field];
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    problems.push({
      key: `${key}-not-whole`,
      message: `${label} must be a whole number (got ${String(value)}).`,
      params: { value: typeof value === 'number' ? value : Number.NaN },
    });
    return false;
  }
  if (value < min) {
    problems.push({
      key: `${key}-too-small`,
      message: `${label} must be at least ${min} (got ${value}).`,
      params: { value, min },
    });
    return false;
  }
  if (value > max) {
    problems.push({
      key: `${key}-too-large`,
      message: `${label} ${value} is larger than ${maxLabel} (${max}).`,
      params: { value, max },
    });
    return false;
  }
  return true;
}

/**
 * Free blocks of the most constrained non-global BigBird row: a middle row already attends
 * 5 blocks (i-1, i, i+1, first, last), so n - 5 are free; rows 1 and n-2 have n - 4.
 * With n <= 5 every row already attends every block, so 0 are free.
 */
export function bigBirdFreeBlocks(numBlocks: number): number {
  return Math.max(0, numBlocks - BIGBIRD_FIXED_BLOCKS_PER_ROW);
}

/** Pushes a problem unless 0 <= r <= bigBirdFreeBlocks(numBlocks) (whole number). */
export function checkRandomBlocks(problems: PatternProblem[], randomBlocks: number | undefined, numBlocks: number): boolean {
  if (!checkWholeNumber(problems, 'randomBlocks', randomBlocks, 0, Number.POSITIVE_INFINITY)) return false;
  const r = randomBlocks as number;
  const free = bigBirdFreeBlocks(numBlocks);
  if (r > free) {
    problems.push({
      key: 'random-blocks-too-large',
      message: `Random blocks ${r} is more than the ${free} free blocks per row (${numBlocks} blocks, 5 already attended: 3 neighbours and 2 global).`,
      params: { value: r, max: free, numBlocks },
    });
    return false;
  }
  return true;
}

/** Throws the first problem as a PatternParamError (a RangeError); does nothing on []. */
export function throwIfProblems(problems: readonly PatternProblem[]): void {
  if (problems.length > 0) throw new PatternParamError(problems[0]);
}

/** Throws unless `value` is a whole number in [min, max] (for the cost helpers). */
export function assertWholeNumber(field: Field, value: number, min: number, max: number, maxLabel?: string): void {
  const problems: PatternProblem[] = [];
  checkWholeNumber(problems, field, value, min, max, maxLabel);
  throwIfProblems(problems);
}
