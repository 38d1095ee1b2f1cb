/**
 * The knobs of the attention patterns, one entry each: the URL bounds and default
 * (lib/state/attention.ts builds its schema from them), the largest value valid for a given
 * configuration (params.ts validation; lib/labs/attention/config.ts clamps to it), the
 * slider range (components/labs/attention/controls-panel.tsx), the FlexAttention constant
 * (flex-code.ts) and README's row. Which pattern reads which knob is pattern-registry.ts.
 *
 * Symbols: w = windowSize, d = dilation, l = stride, c = summaryTokens, g = globalTokens,
 * k = sinkTokens, r = randomBlocks (in blocks of b tokens), n = seqLen.
 */
import { bigBirdFreeBlocks, checkRandomBlocks, checkWholeNumber, MAX_SEED, MAX_SEQ_LEN, type PatternProblem } from './checks';

/** Every knob, in the order the controls, the Python constants and README list them. */
export const PATTERN_KNOBS = [
  'windowSize',
  'dilation',
  'stride',
  'summaryTokens',
  'globalTokens',
  'sinkTokens',
  'randomBlocks',
  'seed',
] as const;
export type PatternKnob = (typeof PATTERN_KNOBS)[number];

/**
 * What a knob's valid range depends on, each Infinity while it is itself invalid:
 * n, the stride l, and numBlocks = ceil(n / b).
 */
export interface KnobContext {
  seqLen: number;
  stride: number;
  numBlocks: number;
}

export interface KnobSpec {
  /** URL default, and the bounds the URL accepts for the knob alone. */
  default: number;
  min: number;
  max: number;
  /** Value read when the knob is absent from a PatternParams (only summaryTokens is optional). */
  fallback?: number;
  /** Largest valid value given the other knobs, and how the message names it (params.ts). */
  limit(ctx: KnobContext): { max: number; label?: string };
  /** A check of its own instead of checkWholeNumber(min, limit) (BigBird's free blocks). */
  check?(problems: PatternProblem[], value: number | undefined, ctx: KnobContext): boolean;
  /** Slider range; default [min, min(max, limit)]. */
  slider?(ctx: KnobContext): { min: number; max: number };
  /** The slider's data-testid, or null when the knob is not a pattern slider (the seed's number field). */
  testId: string | null;
  /** The FlexAttention snippet's constant (flex-code.ts), if the mask_mod reads one. */
  python?: string;
  /** README: what the knob means, and its range when README names it otherwise than min–max. */
  readme: { meaning: string; range?: string };
}

const OF_SEQ = 'the sequence length';
const upToN = (ctx: KnobContext) => ({ max: ctx.seqLen, label: OF_SEQ });
const anyWindow = () => ({ max: MAX_SEQ_LEN });

export const KNOB_SPECS: Record<PatternKnob, KnobSpec> = {
  windowSize: {
    default: 256,
    min: 1,
    max: MAX_SEQ_LEN,
    limit: anyWindow,
    // up to 2n: beyond, every window of the source's convention already covers the sequence
    slider: (ctx) => ({ min: 1, max: Math.min(2 * ctx.seqLen, MAX_SEQ_LEN) }),
    testId: 'control-window',
    python: 'WINDOW',
    readme: {
      meaning:
        "window w; any w, as the source's loop clips to the sequence (a window with ⌊w/2⌋ ≥ n − 1 attends everything, and the lab says so)",
    },
  },
  dilation: {
    default: 2,
    min: 1,
    max: 64,
    limit: upToN,
    testId: 'control-dilation',
    python: 'DILATION',
    readme: { meaning: 'gap between attended keys of the dilated window' },
  },
  stride: {
    default: 128,
    min: 1,
    max: MAX_SEQ_LEN,
    limit: upToN,
    testId: 'control-stride',
    python: 'STRIDE',
    readme: { meaning: 'stride of the strided / fixed patterns' },
  },
  summaryTokens: {
    default: 8,
    min: 1,
    max: MAX_SEQ_LEN,
    fallback: 1,
    limit: (ctx) => ({ max: ctx.stride, label: 'the stride' }),
    testId: 'control-summary',
    python: 'SUMMARY',
    readme: { meaning: 'summary positions per stride (fixed pattern)', range: '1–stride' },
  },
  globalTokens: {
    default: 16,
    min: 0,
    max: MAX_SEQ_LEN,
    limit: upToN,
    testId: 'control-global',
    python: 'GLOBAL',
    readme: { meaning: 'Longformer global tokens', range: '0–n' },
  },
  sinkTokens: {
    default: 4,
    min: 0,
    max: MAX_SEQ_LEN,
    limit: upToN,
    testId: 'control-sinks',
    python: 'SINKS',
    readme: { meaning: 'StreamingLLM attention sinks', range: '0–n' },
  },
  randomBlocks: {
    default: 3,
    // 8192 / 16 blocks at most, so never more than 512 free
    min: 0,
    max: 512,
    limit: (ctx) => ({ max: Number.isFinite(ctx.numBlocks) ? bigBirdFreeBlocks(ctx.numBlocks) : Number.POSITIVE_INFINITY }),
    check: (problems, value, ctx) =>
      Number.isFinite(ctx.numBlocks)
        ? checkRandomBlocks(problems, value, ctx.numBlocks)
        : checkWholeNumber(problems, 'randomBlocks', value, 0, Number.POSITIVE_INFINITY),
    testId: 'control-random',
    readme: {
      meaning: 'BigBird random blocks per row (full attention when numBlocks ≤ 5 + 2r, as in Hugging Face)',
      range: '0–free blocks',
    },
  },
  seed: {
    default: 1,
    min: 0,
    max: MAX_SEED,
    limit: () => ({ max: MAX_SEED }),
    testId: null,
    readme: { meaning: "seed of BigBird's random blocks and of Q, K, V" },
  },
};

/** The value a PatternParams-like object holds for `knob` (the fallback when absent). */
export function knobValue(params: Partial<Record<PatternKnob, number>>, knob: PatternKnob): number | undefined {
  return params[knob] ?? KNOB_SPECS[knob].fallback;
}

/** Pushes a problem unless `value` is valid for `knob` in `ctx`; returns whether it is. */
export function checkKnob(problems: PatternProblem[], knob: PatternKnob, value: number | undefined, ctx: KnobContext): boolean {
  const spec = KNOB_SPECS[knob];
  if (spec.check) return spec.check(problems, value, ctx);
  const { max, label } = spec.limit(ctx);
  return checkWholeNumber(problems, knob, value, spec.min, max, label);
}

/** The slider range of `knob` for a valid configuration: inside the URL bounds and the valid range. */
export function knobSliderRange(knob: PatternKnob, ctx: KnobContext): { min: number; max: number } {
  const spec = KNOB_SPECS[knob];
  if (spec.slider) return spec.slider(ctx);
  return { min: spec.min, max: Math.max(spec.min, Math.min(spec.max, spec.limit(ctx).max)) };
}

/** README's range of a knob: its own wording, or min–max (2³²−1 for the seed). */
export function knobReadmeRange(knob: PatternKnob): string {
  const spec = KNOB_SPECS[knob];
  if (spec.readme.range) return spec.readme.range;
  return `${spec.min}–${spec.max === MAX_SEED ? '2³²−1' : spec.max}`;
}
