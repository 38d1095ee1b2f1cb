'use client';

import { useLocale } from '@/components/shell/locale-context';
import { formatNumber } from '@/lib/i18n/locales';
import { trainingMessages } from '@/lib/i18n/training';
import { totalSteps } from '@/lib/training/config';
import { formatPercent, formatPoints } from '@/lib/runtime/format';
import type { LiveRun } from './use-trainer';

function Item({
  label,
  value,
  testId,
  dataValue,
  wide,
}: {
  label: string;
  value: string;
  testId: string;
  dataValue?: number | string | null;
  wide?: boolean;
}) {
  return (
    <div className={`rounded border border-zinc-200 px-3 py-2 dark:border-zinc-800 ${wide ? 'col-span-2' : ''}`}>
      <dt className="text-xs text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="font-mono text-sm tabular-nums" data-testid={testId} data-value={dataValue ?? ''}>
        {value}
      </dd>
    </div>
  );
}

/** Numbers of the run on screen: step, sparsity target vs measured, loss, accuracies, time, backend, tensors. */
export function TrainingReadouts({ run }: { run: LiveRun }) {
  const locale = useLocale();
  const m = trainingMessages[locale].readout;
  const last = run.steps[run.steps.length - 1];
  const lastEval = run.evals[run.evals.length - 1];
  const total = totalSteps(run.config);
  const gap = last ? last.measured - last.target : null;
  let maxGap = 0;
  for (const r of run.steps) maxGap = Math.max(maxGap, Math.abs(r.measured - r.target));
  const elapsed = run.summary?.elapsedMs ?? lastEval?.elapsedMs ?? null;
  const tensorsFlat = run.tensors.length > 1 && run.tensors.slice(1).every((t) => t === run.tensors[1]);
  return (
    <div>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-4" data-testid="readouts">
        <Item label={m.step} value={`${run.steps.length} / ${total}`} testId="readout-step" dataValue={run.steps.length} />
        <Item
          label={run.config.impRounds > 0 ? `${m.round} · ${m.epoch}` : m.epoch}
          value={last ? `${run.config.impRounds > 0 ? `${last.round} · ` : ''}${last.epoch + 1} / ${run.config.epochs}` : '—'}
          testId="readout-epoch"
        />
        <Item label={m.target} value={formatPercent(last?.target, locale, 2)} testId="readout-target" dataValue={last?.target ?? null} />
        <Item
          label={m.measured}
          value={formatPercent(last?.measured, locale, 2)}
          testId="readout-measured"
          dataValue={last?.measured ?? null}
        />
        <Item label={m.gap} value={gap === null ? '—' : `${formatPoints(gap, locale, 2)} pp`} testId="readout-gap" dataValue={gap} />
        <Item
          label={m.maxGap}
          value={last ? `${formatPoints(maxGap, locale, 2, false)} pp` : '—'}
          testId="readout-max-gap"
          dataValue={last ? maxGap : null}
        />
        <Item label={m.loss} value={last ? formatNumber(last.loss, locale, 4) : '—'} testId="readout-loss" dataValue={last?.loss ?? null} />
        <Item
          label={m.trainAcc}
          value={formatPercent(lastEval?.trainAccuracy, locale, 1)}
          testId="readout-train-acc"
          dataValue={lastEval?.trainAccuracy ?? null}
        />
        <Item
          label={m.testAcc}
          value={formatPercent(lastEval?.testAccuracy, locale, 2)}
          testId="readout-test-acc"
          dataValue={lastEval?.testAccuracy ?? null}
        />
        <Item
          label={m.elapsed}
          value={elapsed === null ? '—' : `${formatNumber(elapsed / 1000, locale, 1)} s`}
          testId="readout-elapsed"
          dataValue={elapsed}
        />
        <Item label={m.backend} value={run.backend ? run.backend.toUpperCase() : '…'} testId="readout-backend" dataValue={run.backend} />
        <Item
          label={m.tensors}
          value={run.tensors.length > 0 ? `${run.tensors[run.tensors.length - 1]}${tensorsFlat ? ' ✓' : ''}` : '—'}
          testId="readout-tensors"
          dataValue={run.tensors.join(',')}
        />
        {last && (
          <Item
            wide
            label={m.perLayer}
            value={last.perLayer.map((v) => formatPercent(v, locale, 1)).join(' · ')}
            testId="readout-per-layer"
            dataValue={last.perLayer.join(',')}
          />
        )}
      </dl>
      <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">{m.backendNote}</p>
    </div>
  );
}
