'use client';

import { useLocale } from '@/components/shell/locale-context';
import { LineChart } from '@/components/viz/chart';
import { pruningMessages } from '@/lib/i18n/pruning';
import type { FineTuneProgress } from '@/lib/pruning/lab-jobs';
import { formatPercent, formatPoints } from '@/lib/runtime/format';
import { KEPT_COLOR } from './format';

export interface FineTuneState {
  steps: number;
  progress: FineTuneProgress[];
  /** Accuracy after the last step, once done. */
  final: number | null;
  loadingTrain: boolean;
}

interface Props {
  state: FineTuneState | null;
  /** Accuracy of the pruned model before fine-tuning, and of the dense model. */
  before: number | null;
  dense: number | null;
  /** File name stem of the chart's downloads. */
  exportName?: string;
}

/** Accuracy recovered by fine-tuning with the mask held, step by step. */
export function FineTunePanel({ state, before, dense, exportName = 'pruning-finetune' }: Props) {
  const locale = useLocale();
  const t = pruningMessages[locale].finetune;
  const pct = (v: number) => formatPercent(v, locale, 2);
  let body: React.ReactNode;
  if (!state) body = <p>{t.off}</p>;
  else if (state.loadingTrain) body = <p>{t.loadingTrain}</p>;
  else if (before === null || dense === null) body = <p>{t.waiting}</p>;
  else {
    const last = state.progress.at(-1);
    const points = [{ x: 0, y: before }, ...state.progress.map((p) => ({ x: p.step, y: p.accuracy }))];
    body = (
      <>
        <p role="status" data-testid="finetune-status">
          {state.final === null
            ? t.running(last?.step ?? 0, state.steps)
            : `${t.result(pct(before), pct(state.final), pct(dense))} ${t.recovered(formatPoints(state.final - before, locale, 2))}`}
        </p>
        {state.progress.length > 0 && (
          <LineChart
            series={[{ name: t.y, points, color: KEPT_COLOR, dots: true }]}
            xLabel={t.x}
            yLabel={t.y}
            xDomain={[0, state.steps]}
            yDomain={[Math.max(0, Math.min(before, ...state.progress.map((p) => p.accuracy)) - 0.02), 1]}
            yFormat={(v) => formatPercent(v, locale, 0)}
            hLines={[{ y: dense, label: `${pruningMessages[locale].summary.dense} ${pct(dense)}` }]}
            height={220}
            title={t.title}
            testId="finetune-chart"
            exportName={`${exportName}-steps${state.steps}`}
          />
        )}
        {state.final !== null && <p className="text-xs text-zinc-600 dark:text-zinc-400">{t.stillZero}</p>}
      </>
    );
  }
  return (
    <section className="space-y-2 text-sm" data-testid="finetune-panel">
      <h2 className="text-lg font-semibold">{t.title}</h2>
      {body}
    </section>
  );
}
