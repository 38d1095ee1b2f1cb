'use client';

import { useId } from 'react';
import { Select } from '@/components/controls/select';
import { Slider } from '@/components/controls/slider';
import { Toggle } from '@/components/controls/toggle';
import type { MoeMessages } from '@/lib/i18n/moe';
import { useLocale } from '@/components/shell/locale-context';
import { moeLmMessages } from '@/lib/i18n/moe-lm';
import type { Passage } from '@/lib/lm/corpus';
import { MOE_LM_LAYERS, type MoeState } from '@/lib/state/moe';
import { ROUTING_VARIANTS } from '@/lib/moe/variants';

const CAPACITY_FACTORS = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4, 8] as const;
const AUX_WEIGHTS = [0, 0.001, 0.01, 0.03, 0.1, 0.3, 1] as const;
const ROUTER_SCALES = [0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32] as const;
const TOKENS = [16, 64, 256, 512, 1024, 2048, 4096] as const;
const HIDDEN = [8, 16, 32, 64, 128, 256, 512] as const;
const MODES = ['lm', 'mnist', 'synthetic'] as const;

function Group({ title, children }: { title: string; children: React.ReactNode }) {
  const id = useId();
  return (
    <div
      role="group"
      aria-labelledby={id}
      className="space-y-3 border-t border-zinc-200 pt-3 first:border-t-0 first:pt-0 dark:border-zinc-800"
    >
      <p id={id} className="text-xs font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-400">
        {title}
      </p>
      {children}
    </div>
  );
}

export function MoeControls({
  s,
  update,
  reset,
  m,
  hidden,
  passages,
}: {
  s: MoeState;
  update: (patch: Partial<MoeState>) => void;
  reset: () => void;
  m: MoeMessages;
  hidden: readonly string[];
  /** LM mode: the English test-split passages (null while loading). */
  passages: Passage[] | null;
}) {
  const c = m.controls;
  const t = moeLmMessages[useLocale()];
  const show = (name: keyof MoeState) => !hidden.includes(name);
  const mnist = s.mode === 'mnist';
  const lm = s.mode === 'lm';
  if (lm) {
    const passageIndex = passages && passages.length > 0 ? Math.min(s.passage, passages.length - 1) : s.passage;
    return (
      <div className="space-y-4" data-testid="moe-controls">
        <Group title={c.groupData}>
          {show('mode') && (
            <Select
              label={c.mode}
              value={s.mode}
              options={MODES.map((v) => ({ value: v, label: c.modes[v] }))}
              onChange={(mode) => update({ mode })}
              hint={c.modeHint.lm}
              testId="control-mode"
            />
          )}
          {show('passage') && (
            <Select
              label={t.passage}
              value={String(passageIndex)}
              options={(passages ?? [{ id: '', text: '…' }]).map((p, i) => ({
                value: String(i),
                label: `${i + 1}. ${Array.from(p.text.replace(/\n/g, ' ')).slice(0, 28).join('')}…`,
              }))}
              onChange={(v) => update({ passage: Number(v) })}
              testId="control-passage"
            />
          )}
          {show('backend') && (
            <Select
              label={t.backend}
              value={s.backend}
              options={[
                { value: 'auto' as const, label: t.backendAuto },
                { value: 'webgpu' as const, label: 'WebGPU' },
                { value: 'wasm' as const, label: 'WebAssembly (WASM)' },
              ]}
              onChange={(backend) => update({ backend })}
              testId="control-backend"
            />
          )}
        </Group>
        <Group title={c.groupRouting}>
          {show('layer') && (
            <Slider
              label={t.layer}
              value={s.layer}
              min={0}
              max={MOE_LM_LAYERS - 1}
              onChange={(layer) => update({ layer })}
              testId="control-layer"
            />
          )}
          {show('capacityFactor') && (
            <Slider
              label={c.capacityFactor}
              value={s.capacityFactor}
              values={CAPACITY_FACTORS}
              onChange={(capacityFactor) => update({ capacityFactor })}
              hint={c.capacityHint}
              testId="control-capacity"
            />
          )}
        </Group>
        <button type="button" onClick={reset} className="text-sm text-teal-800 underline dark:text-teal-300" data-testid="control-reset">
          {c.reset}
        </button>
      </div>
    );
  }
  const kUnused = s.variant === 'switch' || s.variant === 'expert-choice';
  return (
    <div className="space-y-4" data-testid="moe-controls">
      <Group title={c.groupData}>
        {show('mode') && (
          <Select
            label={c.mode}
            value={s.mode}
            options={MODES.map((v) => ({ value: v, label: c.modes[v] }))}
            onChange={(mode) => update({ mode })}
            hint={c.modeHint[s.mode]}
            testId="control-mode"
          />
        )}
        {mnist && show('groupBy') && (
          <Select
            label={c.groupBy}
            value={s.groupBy}
            options={(['class', 'position'] as const).map((v) => ({ value: v, label: c.groupByOptions[v] }))}
            onChange={(groupBy) => update({ groupBy })}
            testId="control-group-by"
          />
        )}
        {!mnist && (
          <>
            {show('tokens') && (
              <Slider label={c.tokens} value={s.tokens} values={TOKENS} onChange={(tokens) => update({ tokens })} testId="control-tokens" />
            )}
            {show('hidden') && (
              <Slider label={c.hidden} value={s.hidden} values={HIDDEN} onChange={(h) => update({ hidden: h })} testId="control-hidden" />
            )}
            {show('skew') && (
              <Slider
                label={c.skew}
                value={s.skew}
                min={0}
                max={1}
                step={0.05}
                format={(v) => `${Math.round(v * 100)}%`}
                onChange={(skew) => update({ skew })}
                hint={c.skewHint}
                testId="control-skew"
              />
            )}
            {show('routerScale') && (
              <Slider
                label={c.routerScale}
                value={s.routerScale}
                values={ROUTER_SCALES}
                format={(v) => `×${v}`}
                onChange={(routerScale) => update({ routerScale })}
                hint={c.routerScaleHint}
                testId="control-router-scale"
              />
            )}
            {show('activation') && (
              <Select
                label={c.activation}
                value={s.activation}
                options={(['gelu', 'relu'] as const).map((v) => ({ value: v, label: v.toUpperCase() }))}
                onChange={(activation) => update({ activation })}
                testId="control-activation"
              />
            )}
          </>
        )}
      </Group>
      <Group title={c.groupRouting}>
        {show('variant') && (
          <Select
            label={c.variant}
            value={s.variant}
            options={ROUTING_VARIANTS.map((v) => ({ value: v, label: c.variants[v] }))}
            onChange={(variant) => update({ variant })}
            hint={c.variantHints[s.variant]}
            testId="control-variant"
          />
        )}
        {show('compare') && (
          <Select
            label={m.compare.label}
            value={s.compare}
            options={(['none', ...ROUTING_VARIANTS] as const).map((v) => ({
              value: v,
              label: v === 'none' ? m.compare.none : c.variants[v],
            }))}
            onChange={(compare) => update({ compare })}
            hint={m.compare.hint}
            testId="control-compare"
          />
        )}
        {show('numExperts') && (
          <Slider
            label={c.numExperts}
            value={s.numExperts}
            min={1}
            max={mnist ? 16 : 64}
            onChange={(numExperts) => update({ numExperts })}
            hint={mnist ? c.numExpertsHintMnist : undefined}
            testId="control-experts"
          />
        )}
        {show('k') && (
          <Slider
            label={c.k}
            value={s.k}
            min={1}
            max={8}
            onChange={(k) => update({ k })}
            hint={kUnused ? c.kIgnored : undefined}
            testId="control-k"
          />
        )}
        {show('capacityFactor') && (
          <Slider
            label={c.capacityFactor}
            value={s.capacityFactor}
            values={CAPACITY_FACTORS}
            onChange={(capacityFactor) => update({ capacityFactor })}
            hint={c.capacityHint}
            testId="control-capacity"
          />
        )}
        {s.variant === 'noisy' && (
          <>
            {show('noise') && <Toggle label={c.noise} checked={s.noise} onChange={(noise) => update({ noise })} testId="control-noise" />}
            {show('noiseScale') && (
              <Slider
                label={c.noiseScale}
                value={s.noiseScale}
                min={0}
                max={4}
                step={0.1}
                onChange={(noiseScale) => update({ noiseScale })}
                testId="control-noise-scale"
              />
            )}
          </>
        )}
        {s.variant === 'shared' && show('numShared') && (
          <Slider
            label={c.numShared}
            value={s.numShared}
            min={0}
            max={4}
            onChange={(numShared) => update({ numShared })}
            testId="control-shared"
          />
        )}
        {show('seed') && (
          <Slider label={c.seed} value={s.seed} min={0} max={99} onChange={(seed) => update({ seed })} testId="control-seed" />
        )}
      </Group>
      {mnist && show('auxWeight') && (
        <Group title={c.groupTraining}>
          <Slider
            label={c.auxWeight}
            value={s.auxWeight}
            values={AUX_WEIGHTS}
            onChange={(auxWeight) => update({ auxWeight })}
            hint={c.auxHint}
            testId="control-aux"
          />
        </Group>
      )}
      <button type="button" onClick={reset} className="text-sm text-teal-800 underline dark:text-teal-300" data-testid="control-reset">
        {c.reset}
      </button>
    </div>
  );
}
