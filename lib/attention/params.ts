/**
 * The unified description of an attention pattern (name + parameters) and its validation.
 * The patterns and the knobs each reads are the registry's (pattern-registry.ts, whose
 * knob bounds are pattern-fields.ts); the shared checks are checks.ts, re-exported here.
 *
 * Every problem comes back as { key, params, message } (checks.ts PatternProblem, an Issue):
 * `key` is a PatternProblemKey (e.g. 'window-size-too-large'), `params` holds the numbers
 * the message quotes, `message` is short English naming the offending value.
 * The mask builders throw the first problem as a PatternParamError (a RangeError).
 */
import { checkWholeNumber, MAX_SEQ_LEN, type PatternProblem } from './checks';
import { checkKnob, knobValue, type KnobContext } from './pattern-fields';
import { isPatternName, PATTERN_REGISTRY, type PatternName } from './pattern-registry';

export {
  assertWholeNumber,
  BIGBIRD_FIXED_BLOCKS_PER_ROW,
  bigBirdFreeBlocks,
  checkRandomBlocks,
  checkWholeNumber,
  MAX_SEED,
  MAX_SEQ_LEN,
  PatternParamError,
  throwIfProblems,
  type PatternProblem,
  type PatternProblemKey,
} from './checks';
export { CAUSAL_PATTERNS, PATTERN_FIELDS, PATTERN_NAMES, type PatternName } from './pattern-registry';

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

/**
 * Collects the problems of the parameters `name` reads, in the registry's knob order.
 * `withBlockSize` also checks the block size (always read by a pattern with readsBlockSize,
 * BigBird; read by every pattern's block layout). A bad seqLen suppresses the "larger than
 * the sequence length" checks it would garble, and a bad stride the summary's.
 */
export function collectPatternProblems(name: PatternName, params: Partial<PatternParams>, withBlockSize: boolean): PatternProblem[] {
  const problems: PatternProblem[] = [];
  if (!isPatternName(name)) {
    problems.push({ key: 'pattern-unknown', message: `Unknown attention pattern "${String(name)}".`, params: {} });
    return problems;
  }
  const entry = PATTERN_REGISTRY[name];
  const seqLenOk = checkWholeNumber(problems, 'seqLen', params.seqLen, 1, MAX_SEQ_LEN);
  const n = seqLenOk ? (params.seqLen as number) : Number.POSITIVE_INFINITY;
  let blockSizeOk = false;
  if (withBlockSize || entry.readsBlockSize) {
    blockSizeOk = checkWholeNumber(problems, 'blockSize', params.blockSize, 1, n, 'the sequence length');
  }
  const ctx: KnobContext = {
    seqLen: n,
    stride: Number.POSITIVE_INFINITY,
    numBlocks: seqLenOk && blockSizeOk ? Math.ceil(n / (params.blockSize as number)) : Number.POSITIVE_INFINITY,
  };
  for (const knob of entry.knobs) {
    const value = knobValue(params, knob);
    if (checkKnob(problems, knob, value, ctx) && knob === 'stride') ctx.stride = value as number;
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
