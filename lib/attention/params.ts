/**
 * The unified description of an attention pattern (name + parameters) and its validation.
 *
 * Every problem comes back as { key, message, values }: `message` is short user-facing
 * English naming the offending value, `key` is a stable machine key the UI translates
 * by (e.g. 'window-size-too-large'), `values` holds the numbers the message quotes.
 * The mask builders throw the first problem as a PatternParamError (a RangeError).
 */

/** Largest sequence length the element-level builders accept: an 8192×8192 mask is 64 MiB. */
export const MAX_SEQ_LEN = 8192;

/** Seeds are 32-bit unsigned integers (the mulberry32 state). */
export const MAX_SEED = 0xffffffff;

/**
 * BigBird ITC: a middle query block attends 3 sliding blocks (i-1, i, i+1) and 2 global
 * blocks (first, last) before any random block (Zaheer et al. 2020; HF BigBird).
 */
export const BIGBIRD_FIXED_BLOCKS_PER_ROW = 5;

export type PatternName =
  | 'dense'
  | 'causal'
  | 'window'
  | 'causal-window'
  | 'dilated'
  | 'strided'
  | 'fixed'
  | 'longformer'
  | 'bigbird'
  | 'sinks';

export const PATTERN_NAMES: readonly PatternName[] = [
  'dense',
  'causal',
  'window',
  'causal-window',
  'dilated',
  'strided',
  'fixed',
  'longformer',
  'bigbird',
  'sinks',
];

/** Patterns whose mask is lower-triangular by definition (the `causal` flag changes nothing). */
export const CAUSAL_PATTERNS: readonly PatternName[] = ['causal', 'causal-window', 'strided', 'fixed', 'sinks'];

/**
 * All knobs of all patterns; each pattern reads only its own (see PATTERN_FIELDS).
 * Sizes are in tokens except randomBlocks (in blocks of blockSize tokens).
 */
export interface PatternParams {
  /** n: tokens in the sequence, 1..MAX_SEQ_LEN. The mask is n×n. */
  seqLen: number;
  /**
   * w: window, see windowMask / causalWindowMask / sinkMask for each convention. Any w >= 1 (up
   * to MAX_SEQ_LEN), also beyond n: the source's loop clips start = max(0, i - w//2) and
   * end = min(n, i + w//2 + 1) to the sequence, so a window with floor(w/2) >= n - 1 attends every key.
   */
  windowSize: number;
  /** d: gap between attended keys of the dilated window. */
  dilation: number;
  /** l: stride of Child et al.'s strided and fixed patterns. */
  stride: number;
  /** g: Longformer global tokens (the first g positions). */
  globalTokens: number;
  /** r: BigBird random key blocks per non-global query block. */
  randomBlocks: number;
  /** b: block size of the block layout (and BigBird's block size). */
  blockSize: number;
  /** k: StreamingLLM attention-sink tokens (the first k positions). */
  sinkTokens: number;
  /** BigBird PRNG seed, 0..2^32-1. */
  seed: number;
  /** AND the mask with the causal mask (j <= i) for patterns that are not causal already. */
  causal: boolean;
  /** c: summary positions per stride of the fixed pattern, 1..stride. Default 1. */
  summaryTokens?: number;
}

/** A validation problem: stable key for translation, English message, quoted numbers. */
export interface PatternProblem {
  key: string;
  message: string;
  values: Record<string, number>;
}

/** RangeError carrying the problem's key and values so the UI can translate it. */
export class PatternParamError extends RangeError {
  readonly key: string;
  readonly values: Record<string, number>;

  constructor(problem: PatternProblem) {
    super(problem.message);
    this.name = 'PatternParamError';
    this.key = problem.key;
    this.values = problem.values;
  }
}

type Field =
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

const FIELDS: Record<Field, { key: string; label: string }> = {
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
};

/** Which parameters (besides seqLen and blockSize) each pattern reads. */
export const PATTERN_FIELDS: Record<PatternName, readonly (keyof PatternParams)[]> = {
  dense: [],
  causal: [],
  window: ['windowSize'],
  'causal-window': ['windowSize'],
  dilated: ['windowSize', 'dilation'],
  strided: ['stride'],
  fixed: ['stride', 'summaryTokens'],
  longformer: ['windowSize', 'globalTokens'],
  bigbird: ['randomBlocks', 'seed'],
  sinks: ['sinkTokens', 'windowSize'],
};

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
      values: { value: typeof value === 'number' ? value : Number.NaN },
    });
    return false;
  }
  if (value < min) {
    problems.push({
      key: `${key}-too-small`,
      message: `${label} must be at least ${min} (got ${value}).`,
      values: { value, min },
    });
    return false;
  }
  if (value > max) {
    problems.push({
      key: `${key}-too-large`,
      message: `${label} ${value} is larger than ${maxLabel} (${max}).`,
      values: { value, max },
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
      values: { value: r, max: free, numBlocks },
    });
    return false;
  }
  return true;
}

/**
 * Collects the problems of the parameters `name` reads. `withBlockSize` also checks the
 * block size (always read by BigBird; read by every pattern's block layout).
 * A bad seqLen suppresses the "larger than the sequence length" checks it would garble.
 */
export function collectPatternProblems(
  name: PatternName,
  params: Partial<PatternParams>,
  withBlockSize: boolean,
): PatternProblem[] {
  const problems: PatternProblem[] = [];
  if (!PATTERN_NAMES.includes(name)) {
    problems.push({ key: 'pattern-unknown', message: `Unknown attention pattern "${String(name)}".`, values: {} });
    return problems;
  }
  const seqLenOk = checkWholeNumber(problems, 'seqLen', params.seqLen, 1, MAX_SEQ_LEN);
  const n = seqLenOk ? (params.seqLen as number) : Number.POSITIVE_INFINITY;
  const ofSeq = 'the sequence length';
  let blockSizeOk = false;
  if (withBlockSize || name === 'bigbird') {
    blockSizeOk = checkWholeNumber(problems, 'blockSize', params.blockSize, 1, n, ofSeq);
  }
  switch (name) {
    case 'dense':
    case 'causal':
      break;
    case 'window':
    case 'causal-window':
      checkWholeNumber(problems, 'windowSize', params.windowSize, 1, MAX_SEQ_LEN);
      break;
    case 'dilated':
      checkWholeNumber(problems, 'windowSize', params.windowSize, 1, MAX_SEQ_LEN);
      checkWholeNumber(problems, 'dilation', params.dilation, 1, n, ofSeq);
      break;
    case 'strided':
      checkWholeNumber(problems, 'stride', params.stride, 1, n, ofSeq);
      break;
    case 'fixed': {
      const strideOk = checkWholeNumber(problems, 'stride', params.stride, 1, n, ofSeq);
      const c = params.summaryTokens ?? 1;
      checkWholeNumber(problems, 'summaryTokens', c, 1, strideOk ? (params.stride as number) : Infinity, 'the stride');
      break;
    }
    case 'longformer':
      checkWholeNumber(problems, 'windowSize', params.windowSize, 1, MAX_SEQ_LEN);
      checkWholeNumber(problems, 'globalTokens', params.globalTokens, 0, n, ofSeq);
      break;
    case 'sinks':
      checkWholeNumber(problems, 'sinkTokens', params.sinkTokens, 0, n, ofSeq);
      checkWholeNumber(problems, 'windowSize', params.windowSize, 1, MAX_SEQ_LEN);
      break;
    case 'bigbird':
      if (seqLenOk && blockSizeOk) {
        checkRandomBlocks(problems, params.randomBlocks, Math.ceil(n / (params.blockSize as number)));
      } else {
        checkWholeNumber(problems, 'randomBlocks', params.randomBlocks, 0, Number.POSITIVE_INFINITY);
      }
      checkWholeNumber(problems, 'seed', params.seed, 0, MAX_SEED);
      break;
  }
  return problems;
}

/**
 * Every problem of a full pattern configuration (pattern knobs, seqLen and blockSize),
 * in a stable order; [] when the configuration is valid.
 */
export function validatePatternParams(name: PatternName, params: PatternParams): PatternProblem[] {
  return collectPatternProblems(name, params, true);
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
