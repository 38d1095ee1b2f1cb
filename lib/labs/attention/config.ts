/**
 * From the lab's URL state to a valid pattern configuration, and what had to change.
 *
 * The URL schema bounds each value alone (seqLen 64..8192, window 1..8192, ...); this
 * module checks them against each other with params.ts's validation, clamps every value a
 * pattern reads into its valid range, and lists each change as a LabIssue the page
 * translates: more random blocks than a BigBird row has free, a head beyond the head count. A window
 * larger than the sequence is kept, as the source's loop keeps it (it clips to the sequence). It also notes two facts that
 * are not errors: the sequence is padded to whole blocks when b does not divide n, and
 * BigBird falls back to full attention when numBlocks <= 5 + 2r (as Hugging Face does).
 */
import { bigBirdIsFull } from '../../attention/bigbird';
import { BOUND_PROBLEMS, FIELDS, type BoundProblem } from '../../attention/checks';
import { PATTERN_KNOBS, type PatternKnob } from '../../attention/pattern-fields';
import { PATTERN_FIELDS } from '../../attention/pattern-registry';
import { validatePatternParams, type PatternName, type PatternParams, type PatternProblem } from '../../attention/params';
import type { Issue } from '../../runtime/issue';

/** The fields the lab clamps: every pattern knob and the block size. */
export const CLAMPED_FIELDS = [...PATTERN_KNOBS, 'blockSize'] as const;
export type ClampedField = (typeof CLAMPED_FIELDS)[number];

/** A params.ts problem key of a clamped field ('window-size-too-large', 'random-blocks-too-large', 'seed-not-whole', ...). */
export type ClampIssueKey = `${(typeof FIELDS)[ClampedField]['key']}-${BoundProblem}`;

/**
 * Everything the lab can say about its settings: a clamped problem (ClampIssueKey), or
 * 'block-size-too-large' (b > n, lowered to a compiled power of two), 'head-too-large',
 * 'padded', 'bigbird-full', 'window-covers-sequence' (a note: floor(w/2) >= n - 1 attends everything).
 */
export type LabIssueKey = ClampIssueKey | 'padded' | 'bigbird-full' | 'window-covers-sequence' | 'head-too-large';

/** Every LabIssueKey, in the order of CLAMPED_FIELDS then BOUND_PROBLEMS, then the notes. */
export const LAB_ISSUE_KEYS: readonly LabIssueKey[] = [
  ...CLAMPED_FIELDS.flatMap((field) => BOUND_PROBLEMS.map((bound): ClampIssueKey => `${FIELDS[field].key}-${bound}`)),
  'padded',
  'bigbird-full',
  'window-covers-sequence',
  'head-too-large',
];

export interface LabIssue extends Issue<LabIssueKey> {
  /** Numbers the message quotes: value (given), max (used), and key-specific extras. */
  params: Record<string, number>;
  /** Which pattern the issue belongs to (the compared pattern may have its own). */
  pattern: PatternName;
}

/** The subset of the lab state the configuration reads: every pattern knob (pattern-fields.ts) and these. */
export type LabInput = Record<PatternKnob, number> & {
  pattern: PatternName;
  compare: PatternName | 'none';
  seqLen: number;
  blockSize: number;
  causal: boolean;
  heads: number;
  head: number;
};

export interface LabConfig {
  pattern: PatternName;
  /** Valid parameters of `pattern` (every knob clamped). */
  params: PatternParams;
  compare: PatternName | null;
  /** Valid parameters of `compare` (same knobs, clamped for that pattern). */
  compareParams: PatternParams | null;
  numBlocks: number;
  /** ceil(n / b) b. */
  paddedLength: number;
  /** True when b does not divide n (the kernel pads the last block and bounds-checks it). */
  padded: boolean;
  /** BigBird with numBlocks <= 5 + 2r: full attention (HF's fallback). */
  bigBirdFull: boolean;
  /** The head whose probabilities are drawn, clamped to heads - 1. */
  head: number;
  issues: LabIssue[];
}

/** A problem of a clamped field: the field, how it is out of bounds, and the issue key; null for other problems. */
function clampedProblem(key: PatternProblem['key']): { field: ClampedField; bound: BoundProblem; key: ClampIssueKey } | null {
  for (const field of CLAMPED_FIELDS) {
    for (const bound of BOUND_PROBLEMS) {
      const clampKey: ClampIssueKey = `${FIELDS[field].key}-${bound}`;
      if (key === clampKey) return { field, bound, key: clampKey };
    }
  }
  return null;
}

/**
 * Clamps the knobs `name` reads until params.ts accepts them. Each '-too-large' problem
 * (window > n, c > l, r > free blocks, b > n) sets its field to the problem's max and is
 * recorded; '-too-small' sets it to min. Terminates: every fix moves a field into range
 * and later fixes only lower bounds that depend on already-fixed fields.
 */
function clampPattern(name: PatternName, input: PatternParams, issues: LabIssue[]): PatternParams {
  const params = { ...input };
  for (let round = 0; round < 8; round++) {
    const problems: PatternProblem[] = validatePatternParams(name, params);
    if (problems.length === 0) return params;
    const p = problems[0];
    const clamped = clampedProblem(p.key);
    if (!clamped) throw new RangeError(p.message);
    const { field, bound, key } = clamped;
    const current = params[field] as number;
    let next: number;
    if (bound === 'too-large') next = p.params.max;
    else if (bound === 'too-small') next = p.params.min;
    else next = Math.round(Number.isFinite(current) ? current : 0);
    (params[field] as number) = next;
    issues.push({ key, params: { ...p.params, value: current, max: next }, pattern: name });
  }
  throw new RangeError(`could not make the ${name} parameters valid`);
}

/** Resolves the lab state into valid configurations plus the issues to show (see the top). */
export function resolveLabConfig(input: LabInput): LabConfig {
  const issues: LabIssue[] = [];
  const n = input.seqLen;
  const knobs = Object.fromEntries(PATTERN_KNOBS.map((knob) => [knob, input[knob]])) as Record<PatternKnob, number>;
  const base: PatternParams = { ...knobs, seqLen: n, blockSize: input.blockSize, causal: input.causal };
  if (base.blockSize > n) {
    // Keep b a power of two the kernel is compiled for: the largest of 16, 32, 64, 128 <= n.
    const fitted = [128, 64, 32, 16].find((b) => b <= n) ?? 1;
    issues.push({ key: 'block-size-too-large', params: { value: base.blockSize, max: fitted }, pattern: input.pattern });
    base.blockSize = fitted;
  }
  const params = clampPattern(input.pattern, base, issues);
  const compare = input.compare === 'none' || input.compare === input.pattern ? null : input.compare;
  let compareParams: PatternParams | null = null;
  if (compare) {
    const own: LabIssue[] = [];
    compareParams = clampPattern(compare, { ...base, blockSize: params.blockSize }, own);
    for (const issue of own) if (!issues.some((i) => i.key === issue.key)) issues.push(issue);
  }
  const b = params.blockSize;
  const numBlocks = Math.ceil(n / b);
  const paddedLength = numBlocks * b;
  const padded = paddedLength !== n;
  if (padded) issues.push({ key: 'padded', params: { seqLen: n, blockSize: b, paddedLength, numBlocks }, pattern: input.pattern });
  const bigBirdParams = input.pattern === 'bigbird' ? params : compare === 'bigbird' ? compareParams : null;
  const bigBirdFull = bigBirdParams !== null && bigBirdIsFull(numBlocks, bigBirdParams.randomBlocks);
  if (bigBirdParams && bigBirdFull) {
    const r = bigBirdParams.randomBlocks;
    issues.push({
      key: 'bigbird-full',
      params: { numBlocks, randomBlocks: r, threshold: 5 + 2 * r, blockSize: b },
      pattern: 'bigbird',
    });
  }
  // Not an error: the source's window loop clips to the sequence, so such a window is dense.
  for (const [name, p] of [
    [input.pattern, params],
    [compare, compareParams],
  ] as const) {
    if (name === 'window' && p && Math.floor(p.windowSize / 2) >= n - 1) {
      issues.push({
        key: 'window-covers-sequence',
        params: { value: p.windowSize, seqLen: n, half: Math.floor(p.windowSize / 2) },
        pattern: name,
      });
    }
  }
  let head = input.head;
  if (head > input.heads - 1) {
    head = input.heads - 1;
    issues.push({ key: 'head-too-large', params: { value: input.head, max: head }, pattern: input.pattern });
  }
  return { pattern: input.pattern, params, compare, compareParams, numBlocks, paddedLength, padded, bigBirdFull, head, issues };
}

/** The knobs a pattern reads (besides seqLen, blockSize and causal): which controls to show. */
export function controlsFor(name: PatternName): readonly (keyof PatternParams)[] {
  return PATTERN_FIELDS[name];
}
