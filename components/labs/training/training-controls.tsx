'use client';

import { Select } from '@/components/controls/select';
import { Slider } from '@/components/controls/slider';
import { useCommon, useLocale } from '@/components/shell/locale-context';
import { formatNumber } from '@/lib/i18n/locales';
import { trainingMessages } from '@/lib/i18n/training';
import { DEFAULT_LR, type TrainingState } from '@/lib/state/training';
import { fitCubicToRun } from '@/lib/training/config';
import { formatPercent } from '@/lib/runtime/format';

const BATCHES = [16, 32, 64, 128, 256, 512] as const;
const LRS = [0.0001, 0.0003, 0.001, 0.002, 0.003, 0.01, 0.03, 0.05, 0.1, 0.3] as const;
const SUBSETS = [256, 512, 1000, 2000, 4000, 8000] as const;

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <fieldset className="space-y-3 border-t border-zinc-200 pt-3 first:border-t-0 first:pt-0 dark:border-zinc-800">
      <legend className="text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">{title}</legend>
      {children}
    </fieldset>
  );
}

export interface TrainingControlsProps {
  state: TrainingState;
  update: (patch: Partial<TrainingState>) => void;
  onResetSettings: () => void;
  /** Steps per epoch and per round (= the run without IMP) for the current settings, or null if they are invalid. */
  perEpoch: number | null;
  perRound: number | null;
  /** URL parameters whose controls are hidden (embed mode's hide=a,b). */
  hidden?: readonly string[];
}

export function TrainingControls({ state: s, update, onResetSettings, perEpoch, perRound, hidden = [] }: TrainingControlsProps) {
  const locale = useLocale();
  const m = trainingMessages[locale];
  const c = m.controls;
  const common = useCommon();
  const steps = perRound ?? 1;
  const asEpochs = (step: number) => (perEpoch ? c.inEpochs(formatNumber(step / perEpoch, locale, 2)) : undefined);
  const imp = s.imp > 0;
  const show = (param: string) => !hidden.includes(param);
  return (
    <div className="space-y-4" data-testid="training-controls">
      <Section title={m.sections.schedule}>
        {show('sched') && (
          <Select
            label={c.schedule}
            value={s.sched}
            options={(['cubic', 'linear', 'one-shot'] as const).map((v) => ({ value: v, label: c.scheduleOptions[v] }))}
            onChange={(v) => update({ sched: v })}
            testId="control-schedule"
          />
        )}
        {show('final') && (
          <Slider
            label={c.final}
            value={s.final}
            min={0}
            max={0.99}
            step={0.01}
            format={(v) => formatPercent(v, locale)}
            onChange={(v) => update({ final: v })}
            testId="control-final"
          />
        )}
        {s.sched === 'cubic' && !imp && (
          <>
            {show('init') && (
              <Slider
                label={c.initial}
                value={s.init}
                min={0}
                max={0.99}
                step={0.01}
                format={(v) => formatPercent(v, locale)}
                onChange={(v) => update({ init: v })}
                testId="control-initial"
              />
            )}
            {show('begin') && (
              <Slider
                label={c.begin}
                value={s.begin}
                min={0}
                max={Math.max(steps, s.begin)}
                step={1}
                hint={asEpochs(s.begin)}
                onChange={(v) => update({ begin: v })}
                testId="control-begin"
              />
            )}
            {show('end') && (
              <Slider
                label={c.end}
                value={s.end}
                min={0}
                max={Math.max(steps, s.end)}
                step={1}
                hint={asEpochs(s.end)}
                onChange={(v) => update({ end: v })}
                testId="control-end"
              />
            )}
            {show('freq') && (
              <Slider
                label={c.frequency}
                value={s.freq}
                min={1}
                max={Math.max(64, s.freq)}
                step={1}
                onChange={(v) => update({ freq: v })}
                testId="control-frequency"
              />
            )}
            {perEpoch && perRound && (
              <button
                type="button"
                data-testid="control-fit"
                className="rounded border border-teal-700 px-2 py-1 text-xs font-medium text-teal-800 hover:bg-teal-50 dark:border-teal-400 dark:text-teal-200 dark:hover:bg-teal-950"
                onClick={() => {
                  const fit = fitCubicToRun(perRound, perEpoch);
                  update({ begin: fit.beginStep, end: fit.endStep, freq: fit.frequency });
                }}
              >
                {c.fit}
              </button>
            )}
          </>
        )}
        {s.sched === 'one-shot' && !imp && show('t0') && (
          <Slider
            label={c.t0}
            value={s.t0}
            min={0}
            max={Math.max(steps - 1, s.t0)}
            step={1}
            hint={asEpochs(s.t0)}
            onChange={(v) => update({ t0: v })}
            testId="control-t0"
          />
        )}
        {perEpoch && perRound && <p className="text-xs text-zinc-600 dark:text-zinc-400">{c.stepsHint(perEpoch, perRound)}</p>}
      </Section>

      <Section title={m.sections.pruning}>
        {show('order') && (
          <Select
            label={c.order}
            value={s.order}
            options={(['default', 'source'] as const).map((v) => ({ value: v, label: c.orderOptions[v] }))}
            onChange={(v) => update({ order: v })}
            hint={c.orderHint[s.order]}
            testId="control-order"
          />
        )}
        {show('scope') && (
          <Select
            label={c.scope}
            value={s.scope}
            options={(['global', 'layer'] as const).map((v) => ({ value: v, label: c.scopeOptions[v] }))}
            onChange={(v) => update({ scope: v })}
            testId="control-scope"
          />
        )}
      </Section>

      <Section title={m.sections.training}>
        {show('epochs') && (
          <Slider
            label={c.epochs}
            value={s.epochs}
            min={1}
            max={20}
            step={1}
            onChange={(v) => update({ epochs: v })}
            testId="control-epochs"
          />
        )}
        {show('subset') && (
          <Slider
            label={c.subset}
            value={s.subset}
            values={SUBSETS}
            format={(v) => formatNumber(v, locale)}
            onChange={(v) => update({ subset: v })}
            testId="control-subset"
          />
        )}
        {show('batch') && (
          <Slider label={c.batch} value={s.batch} values={BATCHES} onChange={(v) => update({ batch: v })} testId="control-batch" />
        )}
        {show('opt') && (
          <Select
            label={c.optimizer}
            value={s.opt}
            options={(['adam', 'sgd'] as const).map((v) => ({ value: v, label: c.optimizerOptions[v] }))}
            onChange={(v) => update({ opt: v, lr: DEFAULT_LR[v] })}
            testId="control-optimizer"
          />
        )}
        {show('lr') && <Slider label={c.lr} value={s.lr} values={LRS} onChange={(v) => update({ lr: v })} testId="control-lr" />}
        {show('seed') && (
          <Slider label={c.seed} value={s.seed} min={0} max={999} step={1} onChange={(v) => update({ seed: v })} testId="control-seed" />
        )}
      </Section>

      <Section title={m.sections.imp}>
        {show('imp') && (
          <Slider
            label={c.imp}
            value={s.imp}
            min={0}
            max={5}
            step={1}
            onChange={(v) => update({ imp: v })}
            hint={c.impHint}
            testId="control-imp"
          />
        )}
        {imp && show('rewind') && (
          <Slider
            label={c.rewind}
            value={s.rewind}
            min={0}
            max={Math.max(steps - 1, s.rewind)}
            step={1}
            hint={asEpochs(s.rewind)}
            onChange={(v) => update({ rewind: v })}
            testId="control-rewind"
          />
        )}
      </Section>

      <button type="button" onClick={onResetSettings} className="text-xs underline" data-testid="reset-settings">
        {common.controls.reset}
      </button>
    </div>
  );
}
