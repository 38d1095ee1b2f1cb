'use client';

import { memo } from 'react';
import { Select } from '@/components/controls/select';
import { Slider } from '@/components/controls/slider';
import { Toggle } from '@/components/controls/toggle';
import { useLocale } from '@/components/shell/locale-context';
import { KNOB_SPECS, knobSliderRange, knobValue, PATTERN_KNOBS, type PatternKnob } from '@/lib/attention/pattern-fields';
import { CAUSAL_PATTERNS, PATTERN_NAMES, type PatternName } from '@/lib/attention/pattern-registry';
import { controlsFor, type LabConfig } from '@/lib/labs/attention/config';
import { attentionMessages } from '@/lib/i18n/attention';
import { formatNumber } from '@/lib/i18n/locales';
import { attentionLmMessages } from '@/lib/i18n/attention-lm';
import type { LmName } from '@/lib/lm/models';
import { type AttentionState, ATTENTION_SOURCES, BLOCK_SIZES, COMPARE_VALUES, MAX_HEADS, SEQ_LEN_STOPS } from '@/lib/state/attention';
import { Group, NumberField } from '@/components/controls/number-field';

export interface ControlsPanelProps {
  state: AttentionState;
  config: LabConfig;
  /** The language model Q and K come from, or null for seeded random numbers. */
  model?: LmName | null;
  update: (patch: Partial<AttentionState>) => void;
  reset: () => void;
  /** Parameters an embedding page hid with ?hide=a,b (their controls are not shown). */
  hidden?: readonly string[];
}

/** Knobs counted in tokens that reach thousands: their values are written with digit grouping. */
const COUNTED: ReadonlySet<PatternKnob> = new Set(['windowSize', 'stride']);

/** The lab's controls: only those the chosen pattern reads are shown (pattern-registry.ts, pattern-fields.ts). */
export const ControlsPanel = memo(function ControlsPanel({ state, config, model = null, update, reset, hidden = [] }: ControlsPanelProps) {
  const locale = useLocale();
  const m = attentionMessages[locale];
  const lmm = attentionLmMessages[locale].source;
  const c = m.controls;
  const p = config.params;
  const n = p.seqLen;
  const hide = new Set(hidden);
  const uses = new Set(controlsFor(state.pattern).filter((k) => !hide.has(k)));
  // with a language model n, causality and the heads are the model's
  const show = (param: keyof AttentionState) =>
    !hide.has(param) && !(model && ['seqLen', 'causal', 'heads', 'headDim', 'head'].includes(param));
  const sourceOptions = ATTENTION_SOURCES.filter((v) => v !== 'auto').map((v) => ({
    value: v,
    label: v === 'random' ? lmm.random : lmm.models[v as LmName],
  }));
  const num = (v: number) => formatNumber(v, locale, 0);
  const windowHint = c.windowHint[state.pattern];
  const causalBuiltIn = CAUSAL_PATTERNS.includes(state.pattern);
  const patternOptions = PATTERN_NAMES.map((name) => ({ value: name, label: m.patterns[name].label }));
  // the slider ranges of pattern-fields.ts for this configuration
  const ctx = { seqLen: n, stride: p.stride, numBlocks: config.numBlocks };
  const hints: Partial<Record<PatternKnob, string>> = {
    windowSize: windowHint,
    dilation: c.dilationHint,
    stride: c.strideHint,
    summaryTokens: c.summaryHint,
    globalTokens: c.globalHint,
    sinkTokens: c.sinkHint,
    randomBlocks: c.randomHint,
  };

  return (
    <div className="space-y-4" data-testid="attention-controls">
      {!hide.has('source') && (
        <Select
          label={lmm.label}
          value={model ?? 'random'}
          options={sourceOptions}
          onChange={(source) => update({ source: source as AttentionState['source'] })}
          hint={lmm.hint}
          testId="control-source"
        />
      )}
      <Group title={m.sections.pattern}>
        {show('pattern') && (
          <Select
            label={c.pattern}
            value={state.pattern}
            options={patternOptions}
            onChange={(pattern) => update({ pattern })}
            hint={m.patterns[state.pattern].keeps}
            testId="control-pattern"
          />
        )}
        {PATTERN_KNOBS.filter((knob) => uses.has(knob) && KNOB_SPECS[knob].testId).map((knob) => {
          const range = knobSliderRange(knob, ctx);
          return (
            <Slider
              key={knob}
              label={c[knob]}
              value={knobValue(p, knob) ?? range.min}
              min={range.min}
              max={range.max}
              onChange={(value) => update({ [knob]: value })}
              format={COUNTED.has(knob) ? num : undefined}
              hint={hints[knob]}
              testId={KNOB_SPECS[knob].testId ?? undefined}
              disabled={range.max === range.min}
            />
          );
        })}
        {model ? (
          <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="control-causal-model">
            {lmm.causalForced}
          </p>
        ) : causalBuiltIn ? (
          <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="control-causal-builtin">
            {c.causalBuiltIn}
          </p>
        ) : (
          show('causal') && (
            <Toggle
              label={c.causal}
              checked={state.causal}
              onChange={(causal) => update({ causal })}
              hint={c.causalHint}
              testId="control-causal"
            />
          )
        )}
      </Group>

      <Group title={m.sections.sizes}>
        {model && <p className="text-xs text-zinc-600 dark:text-zinc-400">{lmm.nFixed(n)}</p>}
        {show('seqLen') && (
          <Slider
            label={c.seqLen}
            value={n}
            values={SEQ_LEN_STOPS}
            freeInput
            min={64}
            max={8192}
            onChange={(seqLen) => update({ seqLen })}
            format={num}
            hint={c.seqLenHint}
            testId="control-seqlen"
          />
        )}
        {show('blockSize') && (
          <Slider
            label={c.blockSize}
            value={p.blockSize}
            values={BLOCK_SIZES.map(Number)}
            onChange={(b) => update({ blockSize: String(b) as AttentionState['blockSize'] })}
            hint={c.blockSizeHint}
            testId="control-block"
          />
        )}
      </Group>

      <Group title={m.sections.computation}>
        {show('heads') && (
          <Slider
            label={c.heads}
            value={state.heads}
            min={1}
            max={MAX_HEADS}
            onChange={(heads) => update({ heads })}
            hint={c.headsHint}
            testId="control-heads"
          />
        )}
        {show('headDim') && (
          <Slider
            label={c.headDim}
            value={state.headDim}
            min={8}
            max={256}
            step={8}
            onChange={(headDim) => update({ headDim })}
            hint={c.headDimHint}
            testId="control-headdim"
          />
        )}
        {show('head') && (
          <Slider
            label={c.head}
            value={config.head}
            min={0}
            max={state.heads - 1}
            onChange={(head) => update({ head })}
            hint={c.headHint}
            testId="control-head"
            disabled={state.heads === 1}
          />
        )}
        {show('seed') && (
          <NumberField
            label={c.seed}
            value={state.seed}
            min={0}
            max={0xffffffff}
            onChange={(seed) => update({ seed })}
            hint={c.seedHint}
            testId="control-seed"
          />
        )}
      </Group>

      <Group title={m.sections.view}>
        {show('compare') && (
          <Select
            label={c.compare}
            value={config.compare ?? 'none'}
            options={COMPARE_VALUES.filter((v) => v !== state.pattern).map((v) => ({
              value: v,
              label: v === 'none' ? c.compareNone : m.patterns[v as PatternName].label,
            }))}
            onChange={(compare) => update({ compare })}
            hint={c.compareHint}
            testId="control-compare"
          />
        )}
      </Group>

      <button
        type="button"
        onClick={reset}
        className="rounded border border-zinc-300 px-3 py-1 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-900"
        data-testid="control-reset"
      >
        {c.reset}
      </button>
    </div>
  );
});
