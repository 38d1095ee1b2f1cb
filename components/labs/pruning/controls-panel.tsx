'use client';

import { useId } from 'react';
import { Select } from '@/components/controls/select';
import { Slider } from '@/components/controls/slider';
import { useLocale } from '@/components/shell/locale-context';
import { pruningMessages } from '@/lib/i18n/pruning';
import { BLOCK_SIZES, COMPARE_VALUES, NM_PRESETS, NORM_VALUES, PRUNE_METHODS, type PruningState, pruningSchema } from '@/lib/state/pruning';
import { formatPercent } from '@/lib/runtime/format';

const FINETUNE_STEPS = [0, 25, 50, 100, 200, 300, 500, 1000] as const;

interface Props {
  state: PruningState;
  update: (patch: Partial<PruningState>) => void;
  /** Overall sparsity the settings reached (null until measured). */
  sparsity: number | null;
  /** Parameters whose controls an embedding page hid (?hide=a,b). */
  hidden?: readonly string[];
}

/** The lab's controls: every one writes the URL state. */
export function ControlsPanel({ state, update, sparsity, hidden = [] }: Props) {
  const locale = useLocale();
  const t = pruningMessages[locale];
  const m = t.controls;
  const isNm = state.method === 'nm';
  const expected = 1 - (1 - state.amount) ** state.iterations;
  const seedId = useId();
  const show = (param: string) => !hidden.includes(param);

  return (
    <div className="space-y-5" data-testid="pruning-controls">
      {show('method') && (
        <Select
          label={m.method}
          value={state.method}
          options={PRUNE_METHODS.map((value) => ({ value, label: t.methods[value].label }))}
          onChange={(method) => update({ method })}
          hint={t.methods[state.method].hint}
          testId="method-select"
        />
      )}

      {show('compare') && (
        <Select
          label={m.compare}
          value={state.compare}
          options={COMPARE_VALUES.map((value) => ({ value, label: value === 'none' ? m.compareNone : t.methods[value].label }))}
          onChange={(compare) => update({ compare })}
          hint={m.compareHint}
          testId="compare-select"
        />
      )}

      {show('amount') && (
        <Slider
          label={m.amount}
          value={state.amount}
          min={0}
          max={1}
          step={0.01}
          onChange={(amount) => update({ amount })}
          format={(v) => formatPercent(v, locale, 0)}
          hint={isNm ? m.amountNm : m.amountHint(sparsity === null ? '…' : formatPercent(1 - sparsity, locale, 1))}
          disabled={isNm}
          testId="amount"
        />
      )}

      {state.method === 'ln-structured' && (
        <div className="space-y-3">
          <Select
            label={m.norm}
            value={state.norm}
            options={NORM_VALUES.map((value) => ({ value, label: m.normOptions[value] }))}
            onChange={(norm) => update({ norm })}
            testId="norm-select"
          />
          <Select
            label={m.dim}
            value={String(state.dim) as '0' | '1'}
            options={(['0', '1'] as const).map((value) => ({ value, label: m.dimOptions[value] }))}
            onChange={(d) => update({ dim: Number(d) })}
            testId="dim-select"
          />
        </div>
      )}

      {isNm && (
        <fieldset className="space-y-3">
          <legend className="text-sm font-medium">{m.nmPresets}</legend>
          <div className="flex flex-wrap gap-2">
            {NM_PRESETS.map(([n, mm]) => {
              const active = state.n === n && state.m === mm;
              return (
                <button
                  key={`${n}:${mm}`}
                  type="button"
                  aria-pressed={active}
                  onClick={() => update({ n, m: mm })}
                  data-testid={`nm-preset-${n}-${mm}`}
                  className={`rounded border px-3 py-1 font-mono text-sm ${active ? 'border-teal-700 bg-teal-700 text-white dark:border-teal-400 dark:bg-teal-400 dark:text-zinc-950' : 'border-zinc-300 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800'}`}
                >
                  {n}:{mm}
                </button>
              );
            })}
          </div>
          <Slider
            label={m.n}
            value={state.n}
            min={pruningSchema.params.n.min}
            max={pruningSchema.params.n.max}
            onChange={(n) => update({ n })}
            testId="nm-n"
          />
          <Slider
            label={m.m}
            value={state.m}
            min={pruningSchema.params.m.min}
            max={pruningSchema.params.m.max}
            onChange={(mm) => update({ m: mm })}
            testId="nm-m"
          />
        </fieldset>
      )}

      {state.method === 'block' && (
        <Slider
          label={m.block}
          value={state.block}
          values={
            (BLOCK_SIZES as readonly number[]).includes(state.block) ? BLOCK_SIZES : [...BLOCK_SIZES, state.block].sort((a, b) => a - b)
          }
          onChange={(block) => update({ block })}
          format={(b) => `${b} × ${b}`}
          hint={m.blockHint}
          testId="block-size"
        />
      )}

      {show('iterations') && (
        <Slider
          label={m.iterations}
          value={state.iterations}
          min={1}
          max={pruningSchema.params.iterations.max}
          onChange={(iterations) => update({ iterations })}
          hint={
            isNm
              ? undefined
              : m.iterationsHint(
                  `1 − (1 − ${formatPercent(state.amount, locale, 0)})^${state.iterations} = ${formatPercent(expected, locale, 1)}`,
                )
          }
          testId="iterations"
        />
      )}

      {show('scope') && (
        <Select
          label={m.scope}
          value={state.scope}
          options={(['all', 'hidden'] as const).map((value) => ({ value, label: m.scopeOptions[value] }))}
          onChange={(scope) => update({ scope })}
          testId="scope-select"
        />
      )}

      {show('finetune') && (
        <Slider
          label={m.finetune}
          value={state.finetune}
          values={
            (FINETUNE_STEPS as readonly number[]).includes(state.finetune)
              ? FINETUNE_STEPS
              : [...FINETUNE_STEPS, state.finetune].sort((a, b) => a - b)
          }
          onChange={(finetune) => update({ finetune })}
          hint={m.finetuneHint}
          testId="finetune-steps"
        />
      )}

      {show('seed') && (
        <div className="space-y-1">
          <label htmlFor={seedId} className="block text-sm font-medium">
            {m.seed}
          </label>
          <input
            id={seedId}
            type="number"
            min={0}
            max={pruningSchema.params.seed.max}
            step={1}
            value={state.seed}
            onChange={(e) => {
              const v = Number(e.target.value);
              if (e.target.value.trim() !== '' && Number.isInteger(v) && v >= 0 && v <= pruningSchema.params.seed.max) update({ seed: v });
            }}
            className="w-32 rounded border border-zinc-300 bg-white px-2 py-1 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900"
            data-testid="seed-input"
          />
        </div>
      )}
    </div>
  );
}
