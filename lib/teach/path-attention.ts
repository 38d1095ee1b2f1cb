/**
 * The attention lab's guided path and check, and its live values (texts: lib/i18n/teach-attention.ts).
 *
 * Every step runs on the page language's model (source = auto: lm-en on /en, lm-zh on /zh; n = its
 * context of 256 characters, every pattern ANDed with causality), and every answer is read from the
 * lab's language-model panels: the test-sample perplexity of the pattern and of dense attention
 * (6 passages × 255 predicted characters), the heads' statistics on the passage, the attention-sink
 * experiment and the KV-cache table. Each preset is a few forward passes: seconds on WASM.
 *
 * Measured on lm-en (float64 reference, 2026-12-07): dense 4.27; window 32 (17 keys, 12.8% of the
 * causal pairs) 4.32 (+1.4%); window 4 (3 keys) 6.23 (+46%); dilated window w = 32, d = 2 (12.4%)
 * 25.7; sinks: no head puts more than 0.6× an even share on the first 4 characters, and 4 sinks
 * beside a window of 8 change 4.40 to 4.39.
 */
import { resolveLabConfig } from '../labs/attention/config';
import { causalPatternMask, type HeadStats, type PatternSpec } from '../attention/lm-heads';
import { LM_MODELS, type LmName } from '../lm/models';
import { type AttentionState, attentionInput, attentionSchema } from '../state/attention';
import { type LiveValues, defineGuidedPath, presetState } from './guided';

/** A head "is a sink head" when it puts at least this many times an even share on the first k tokens. */
export const SINK_RATIO = 2;
/** The decoded length at which the KV-cache table is read (lm-kv panel). */
export const KV_LENGTH = 4096;

/** The pattern a language model runs for a state: n = the model's context, ANDed with causality. */
export function lmSpecOf(s: AttentionState, model: LmName): PatternSpec {
  const config = resolveLabConfig(attentionInput(s, LM_MODELS[model].context, true));
  return { name: config.pattern, params: { ...config.params, causal: true } };
}

/** A short fingerprint of a mask (FNV-1a over its bytes, with its length): equal masks, equal keys. */
export function maskKey(mask: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < mask.length; i++) {
    h ^= mask[i];
    h = Math.imul(h, 0x01000193);
  }
  return `${mask.length}:${(h >>> 0).toString(16)}`;
}

export const attentionPath = defineGuidedPath({
  lab: 'attention',
  schema: attentionSchema,
  steps: [
    // the source's window: |i − j| <= 16, so a causal model reads 17 characters
    {
      id: 'window32',
      preset: { pattern: 'window', windowSize: 32 },
      needs: ['ppl.dense', 'ppl.w32', 'density.w32'],
      verdict: (v) => riseClass(v['ppl.w32'] / v['ppl.dense'] - 1),
      panel: 'lm-cost',
    },
    {
      id: 'window4',
      preset: { pattern: 'window', windowSize: 4 },
      needs: ['ppl.dense', 'ppl.w4', 'density.w4'],
      verdict: (v) => riseClass(v['ppl.w4'] / v['ppl.dense'] - 1),
      panel: 'lm-cost',
    },
    // j = i − 2m, m <= 16: as many keys as step 1 over twice the span
    {
      id: 'dilated',
      preset: { pattern: 'dilated', windowSize: 32, dilation: 2 },
      needs: ['ppl.dil', 'density.dil', 'ppl.w32', 'density.w32'],
      verdict: (v) => (v['ppl.dil'] < 0.95 * v['ppl.w32'] ? 0 : v['ppl.dil'] <= 1.05 * v['ppl.w32'] ? 1 : 2),
      panel: 'lm-cost',
    },
    {
      id: 'sinks',
      preset: { pattern: 'sinks', windowSize: 8, sinkTokens: 4 },
      needs: ['sink.ratio', 'sink.layer', 'sink.head', 'sink.k', 'sink.only', 'sink.both', 'sink.window', 'sink.nk'],
      verdict: (v) => (v['sink.ratio'] >= SINK_RATIO ? 0 : 1),
      panel: 'lm-sinks',
    },
    // Llama-2-7B's cache at 4,096 tokens with StreamingLLM's 4 sinks + a recent window of 256
    {
      id: 'kv',
      preset: { pattern: 'sinks', windowSize: 256, sinkTokens: 4 },
      needs: ['kv.dense', 'kv.sinks', 'kv.w', 'kv.k', 'kv.perToken'],
      verdict: (v) => savedClass(1 - v['kv.sinks'] / v['kv.dense']),
      panel: 'lm-kv',
    },
  ],
  check: [
    {
      id: 'cost',
      needs: ['ppl.now', 'ppl.dense'],
      answer: (v) => ({ kind: 'number', value: 100 * (v['ppl.now'] / v['ppl.dense'] - 1), tolerance: 0.15 }),
      panel: 'lm-cost',
    },
    {
      id: 'farthest',
      needs: ['far.layer', 'far.head', 'far.distance'],
      answer: (v) => ({ kind: 'number', value: v['far.layer'], tolerance: 0 }),
      panel: 'lm-heads',
    },
    {
      id: 'sinkHeads',
      needs: ['sink.ratio', 'sink.layer', 'sink.head'],
      answer: (v) => ({ kind: 'choice', index: v['sink.ratio'] >= SINK_RATIO ? 0 : 1 }),
      panel: 'lm-sinks',
    },
    {
      id: 'sameDensity',
      needs: ['ppl.w32', 'ppl.dil', 'density.w32', 'density.dil'],
      answer: (v) => ({ kind: 'choice', index: v['ppl.w32'] <= v['ppl.dil'] ? 0 : 1 }),
      panel: 'lm-cost',
    },
  ],
});

/** Perplexity rise → choice: below 5%, 5–25%, above 25%. */
export function riseClass(rise: number): number {
  return rise < 0.05 ? 0 : rise <= 0.25 ? 1 : 2;
}

/** Share of the KV cache saved → choice: under 60%, 60–90%, 90% or more. */
export function savedClass(saved: number): number {
  return saved < 0.6 ? 0 : saved < 0.9 ? 1 : 2;
}

/** The named experiments of the path, by the step whose preset defines them. */
const NAMED: Record<string, string> = { w32: 'window32', w4: 'window4', dil: 'dilated' };

/** The mask key of a step's preset as the language model runs it (n = context, causal). */
export function presetMaskKey(stepId: string, model: LmName): string {
  const index = attentionPath.steps.findIndex((s) => s.id === stepId);
  const spec = lmSpecOf(presetState(attentionPath, index), model);
  return maskKey(causalPatternMask(spec, LM_MODELS[model].context));
}

/** One test-sample measurement: mean NLL in nats per character, dense and with the pattern. */
export interface TestMeasure {
  dense: number;
  pattern: number;
  /** Share of the causal (query, key) pairs the pattern keeps. */
  density: number;
}

export interface AttentionLiveInput {
  model: LmName;
  /** Test-sample measurements of this page view for `model`, by maskKey of the pattern. */
  tests: Readonly<Record<string, TestMeasure>>;
  /** maskKey of the current settings' pattern. */
  current: string | null;
  /** Dense statistics of every head on the passage (headStats with k = sinkK), or null while tracing. */
  heads: readonly HeadStats[] | null;
  sinkK: number;
  /** The sink experiment on the test sample (mean NLL, nats), or null. */
  sinks: { window: number; sinks: number; only: number; both: number } | null;
  /** Llama-2-7B's KV cache at KV_LENGTH tokens, bytes: per token, dense, window w, k sinks + window w. */
  kv: { perToken: number; dense: number; window: number; sinks: number; w: number; k: number } | null;
}

/**
 * Keys (perplexities are e^NLL of the test sample, as the cost table prints them):
 *   ppl.dense, ppl.now, density.now       dense, and the current settings once measured
 *   ppl.<w32|w4|dil>, density.<…>         the path's experiments, once measured in this page view
 *   far.* / near.* (layer, head, distance) the heads that look farthest / nearest back on average
 *   sink.ratio, sink.layer, sink.head, sink.k   the head with the most mass on the first k tokens,
 *                                         as a multiple of an even head's share
 *   sink.window, sink.nk, sink.only, sink.both  the sink experiment (perplexities)
 *   kv.perToken, kv.dense, kv.window, kv.sinks, kv.w, kv.k   Llama-2-7B's KV cache at 4,096 tokens
 */
export function attentionLive(input: AttentionLiveInput): LiveValues {
  const out: Record<string, number | null> = {};
  const entries = Object.values(input.tests);
  out['ppl.dense'] = entries.length ? Math.exp(entries[0].dense) : null;
  const now = input.current ? input.tests[input.current] : undefined;
  out['ppl.now'] = now ? Math.exp(now.pattern) : null;
  out['density.now'] = now ? now.density : null;
  for (const [name, stepId] of Object.entries(NAMED)) {
    const m = input.tests[presetMaskKey(stepId, input.model)];
    out[`ppl.${name}`] = m ? Math.exp(m.pattern) : null;
    out[`density.${name}`] = m ? m.density : null;
  }
  if (input.heads && input.heads.length) {
    const byDistance = [...input.heads].sort((a, b) => a.distance - b.distance);
    for (const [key, s] of [
      ['near', byDistance[0]],
      ['far', byDistance[byDistance.length - 1]],
    ] as const) {
      out[`${key}.layer`] = s.layer;
      out[`${key}.head`] = s.head;
      out[`${key}.distance`] = s.distance;
    }
    const ratio = (s: HeadStats) => (s.uniformSinkMass > 0 ? s.sinkMass / s.uniformSinkMass : 0);
    const top = input.heads.reduce((a, b) => (ratio(b) > ratio(a) ? b : a));
    out['sink.ratio'] = ratio(top);
    out['sink.layer'] = top.layer;
    out['sink.head'] = top.head;
    out['sink.k'] = input.sinkK;
  }
  if (input.sinks) {
    out['sink.window'] = input.sinks.window;
    out['sink.nk'] = input.sinks.sinks;
    out['sink.only'] = Math.exp(input.sinks.only);
    out['sink.both'] = Math.exp(input.sinks.both);
  }
  if (input.kv) {
    out['kv.perToken'] = input.kv.perToken;
    out['kv.dense'] = input.kv.dense;
    out['kv.window'] = input.kv.window;
    out['kv.sinks'] = input.kv.sinks;
    out['kv.w'] = input.kv.w;
    out['kv.k'] = input.kv.k;
  }
  return out;
}
