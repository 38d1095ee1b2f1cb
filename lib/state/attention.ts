/**
 * The sparse attention lab's one URL schema: every control, the seed included.
 * Values the schema cannot bound alone (a window larger than the sequence, more random
 * blocks than a BigBird row has free, a head beyond `heads`) are checked against each
 * other by lib/labs/attention/config.ts, which clamps them and says why on the page.
 */
import { KNOB_SPECS, PATTERN_KNOBS, type PatternKnob } from '../attention/pattern-fields';
import { PATTERN_NAMES, type PatternName } from '../attention/pattern-registry';
import type { LabInput } from '../labs/attention/config';
import type { IntParam } from './schema';
import { EVAL_WINDOW_COUNT } from '../lm/eval-windows';
import { LM_NAMES } from '../lm/models';
import { GUIDED_STEP_PARAM } from '../teach/step-param';
import { defineSchema, type StateOf } from './schema';

/** Block sizes the block-sparse kernel is compiled for (one query per invocation, b per workgroup). */
export const BLOCK_SIZES = ['16', '32', '64', '128'] as const;
export type BlockSizeValue = (typeof BLOCK_SIZES)[number];

/** 'none' or a pattern to compare against, side by side. */
export const COMPARE_VALUES = ['none', ...PATTERN_NAMES] as readonly ('none' | PatternName)[];

/** Sequence lengths the slider offers (any integer 64..8192 is accepted from the URL or the number field). */
export const SEQ_LEN_STOPS = [64, 128, 256, 512, 1024, 2048, 4096, 8192] as const;

/** Zoom factors the zoom slider offers: the zoomed region is ceil(n / zoom) tokens on a side. */
export const ZOOM_STOPS = [1, 2, 4, 8, 16, 32, 64, 128] as const;

/** Where Q and K come from: a language model ('auto' = the page's language's) or seeded random numbers. */
export const ATTENTION_SOURCES = ['auto', ...LM_NAMES, 'random'] as const;
export type AttentionSource = (typeof ATTENTION_SOURCES)[number];

export const MAX_LAYERS = 64;
export const MAX_HEADS = 16;

/** A pattern knob's URL parameter: bounds and default from its registry entry (pattern-fields.ts). */
function knobParam(knob: PatternKnob): IntParam {
  const { default: value, min, max } = KNOB_SPECS[knob];
  return { kind: 'int', default: value, min, max };
}

export const attentionSchema = defineSchema('attention', 1, {
  /**
   * A language model (its real heads on a test-split window; n = its context, causal) or
   * 'random' (seeded Q, K, V at any n, the lab's first form).
   */
  source: { kind: 'enum', default: 'auto', values: ATTENTION_SOURCES },
  /** Which window of the model's fixed test sample (lib/lm/eval-windows.ts). */
  passage: { kind: 'int', default: 0, min: 0, max: EVAL_WINDOW_COUNT - 1 },
  /** The model head drawn large: layer and head (0-based, clamped to the model). */
  lmLayer: { kind: 'int', default: 0, min: 0, max: 63 },
  lmHead: { kind: 'int', default: 0, min: 0, max: 63 },
  /** Which attention pattern (lib/attention/patterns.ts). */
  pattern: { kind: 'enum', default: 'window', values: PATTERN_NAMES },
  /** n: tokens in the sequence. */
  seqLen: { kind: 'int', default: 2048, min: 64, max: 8192 },
  /** w: window (source convention |i - j| <= floor(w/2); causal variants: the last w keys). */
  windowSize: knobParam('windowSize'),
  /** d: gap between attended keys of the dilated window. */
  dilation: knobParam('dilation'),
  /** l: stride of the Sparse Transformer's strided and fixed patterns. */
  stride: knobParam('stride'),
  /** c: summary positions per stride of the fixed pattern (1..l). */
  summaryTokens: knobParam('summaryTokens'),
  /** g: Longformer global tokens (the first g positions). */
  globalTokens: knobParam('globalTokens'),
  /** r: BigBird random key blocks per non-global query block. */
  randomBlocks: knobParam('randomBlocks'),
  /** b: block (tile) size of the block layout and the block-sparse kernel. */
  blockSize: { kind: 'enum', default: '64', values: BLOCK_SIZES },
  /** k: StreamingLLM attention-sink tokens. */
  sinkTokens: knobParam('sinkTokens'),
  /** AND the pattern with the causal mask. */
  causal: { kind: 'bool', default: false },
  /** Seed of the BigBird random blocks and of the random Q, K, V. */
  seed: knobParam('seed'),
  /** Attention heads of the real computation (each with its own Q, K, V). */
  heads: { kind: 'int', default: 2, min: 1, max: MAX_HEADS },
  /** Head dimension d_head. */
  headDim: { kind: 'int', default: 64, min: 8, max: 256, step: 8 },
  /** Which head's probabilities to draw (0-based, < heads). */
  head: { kind: 'int', default: 0, min: 0, max: MAX_HEADS - 1 },
  /** L: stacked layers for the receptive field. */
  layers: { kind: 'int', default: 2, min: 1, max: MAX_LAYERS },
  /** A second pattern drawn beside the first, with the difference highlighted. */
  compare: { kind: 'enum', default: 'none', values: COMPARE_VALUES },
  /** Zoom factor of the region view (1 = the whole matrix). */
  zoom: { kind: 'int', default: 8, min: 1, max: 128 },
  /** Centre of the zoomed region: query row and key column. */
  zoomRow: { kind: 'int', default: 1024, min: 0, max: 8191 },
  zoomCol: { kind: 'int', default: 1024, min: 0, max: 8191 },
  /** Guided path: the step the reader is at (0 = not started, steps + 1 = finished). */
  step: GUIDED_STEP_PARAM,
});

export type AttentionState = StateOf<typeof attentionSchema>;

/** The lab's pattern input for a URL state; a language model fixes n to its context and makes it causal. */
export function attentionInput(s: AttentionState, seqLen: number, causal: boolean): LabInput {
  const knobs = Object.fromEntries(PATTERN_KNOBS.map((knob) => [knob, s[knob]])) as Record<PatternKnob, number>;
  return {
    ...knobs,
    pattern: s.pattern,
    compare: s.compare,
    seqLen,
    blockSize: Number(s.blockSize),
    causal,
    heads: s.heads,
    head: s.head,
  };
}
