'use client';

import { TableCsv } from '@/components/controls/table-csv';
import { useLocale } from '@/components/shell/locale-context';
import { formatNumber } from '@/lib/i18n/locales';
import { trainingMessages } from '@/lib/i18n/training';
import { groupByValue } from '@/lib/training/series';
import { formatPercent } from '@/lib/runtime/format';
import type { RunRow } from './use-trainer';

/** Runs whose measured final sparsity differs by at most this much count as "equal sparsity". */
const EQUAL_SPARSITY = 0.005;
const GROUP_COLORS = [
  'bg-teal-50 dark:bg-teal-950/40',
  'bg-violet-50 dark:bg-violet-950/40',
  'bg-sky-50 dark:bg-sky-950/40',
  'bg-rose-50 dark:bg-rose-950/40',
];

/** The finished runs of this session; runs at equal measured final sparsity share a highlight, the best of each group in bold. */
export function RunsTable({ runs, onClear }: { runs: readonly RunRow[]; onClear: () => void }) {
  const locale = useLocale();
  const m = trainingMessages[locale].runs;
  const groups = groupByValue(
    runs.map((r) => r.summary.finalMeasured),
    EQUAL_SPARSITY,
  ).filter((g) => g.length > 1);
  const groupOf = new Map<number, number>();
  const best = new Set<number>();
  groups.forEach((g, k) => {
    g.forEach((i) => groupOf.set(i, k));
    const top = g.reduce((a, b) => ((runs[b].summary.finalTestAccuracy ?? 0) > (runs[a].summary.finalTestAccuracy ?? 0) ? b : a), g[0]);
    best.add(top);
  });
  const c = m.cols;
  return (
    <section aria-labelledby="runs-title" data-testid="runs" className="space-y-2">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="runs-title" className="text-lg font-semibold">
          {m.title}
        </h2>
        {runs.length > 0 && (
          <button type="button" onClick={onClear} className="text-xs underline" data-testid="runs-clear">
            {trainingMessages[locale].actions.clearRuns}
          </button>
        )}
      </div>
      {runs.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{m.empty}</p>
      ) : (
        <>
          <p className="text-xs text-zinc-600 dark:text-zinc-400">{m.hint}</p>
          <div className="overflow-x-auto">
            <table className="w-full min-w-[40rem] text-left text-sm" data-testid="runs-table">
              <thead className="border-b border-zinc-300 text-xs text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
                <tr>
                  {[c.n, c.schedule, c.order, c.scope, c.optimizer, c.data, c.target, c.measured, c.test, c.hard, c.time].map((h) => (
                    <th key={h} scope="col" className="px-2 py-1 font-medium">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {runs.map((r, i) => {
                  const g = groupOf.get(i);
                  const cfg = r.config;
                  return (
                    <tr
                      key={r.id}
                      data-testid="run-row"
                      data-order={cfg.maskOrder}
                      data-schedule={cfg.schedule}
                      data-target={r.summary.finalTarget}
                      data-measured={r.summary.finalMeasured}
                      data-test={r.summary.finalTestAccuracy ?? ''}
                      data-hard={r.summary.hardMaskAccuracy ?? ''}
                      data-group={g ?? ''}
                      className={`border-b border-zinc-100 dark:border-zinc-800 ${g !== undefined ? GROUP_COLORS[g % GROUP_COLORS.length] : ''} ${best.has(i) ? 'font-semibold' : ''}`}
                    >
                      <td className="px-2 py-1 font-mono">{i + 1}</td>
                      <td className="px-2 py-1">{cfg.impRounds > 0 ? m.imp(cfg.impRounds) : m.scheduleShort[cfg.schedule]}</td>
                      <td className="px-2 py-1">{m.orderShort[cfg.maskOrder]}</td>
                      <td className="px-2 py-1">{m.scopeShort[cfg.scope]}</td>
                      <td className="px-2 py-1">
                        {cfg.optimizer === 'adam' ? 'Adam' : 'SGD'} {formatNumber(cfg.learningRate, locale, 5)}
                      </td>
                      <td className="px-2 py-1 font-mono">
                        {cfg.epochs} × {formatNumber(cfg.subset, locale)}
                      </td>
                      <td className="px-2 py-1 font-mono">{formatPercent(r.summary.finalTarget, locale)}</td>
                      <td className="px-2 py-1 font-mono">{formatPercent(r.summary.finalMeasured, locale)}</td>
                      <td className="px-2 py-1 font-mono">{formatPercent(r.summary.finalTestAccuracy, locale, 2)}</td>
                      <td className="px-2 py-1 font-mono" data-testid="run-hard">
                        {formatPercent(r.summary.hardMaskAccuracy ?? null, locale, 2)}
                      </td>
                      <td className="px-2 py-1 font-mono">
                        {m.seconds(r.summary.elapsedMs / 1000)} {r.backend.toUpperCase()}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <TableCsv
            name="training-runs"
            header={[
              'run',
              'schedule',
              'imp_rounds',
              'final_sparsity_setting',
              'mask_order',
              'scope',
              'optimizer',
              'learning_rate',
              'epochs',
              'subset',
              'batch_size',
              'seed',
              'final_target_sparsity',
              'final_measured_sparsity',
              'final_test_accuracy',
              'hard_mask_test_accuracy',
              'elapsed_ms',
              'backend',
              'equal_sparsity_group',
            ]}
            rows={() =>
              runs.map((r, i) => {
                const cfg = r.config;
                const s = r.summary;
                return [
                  i + 1,
                  cfg.schedule,
                  cfg.impRounds,
                  cfg.final,
                  cfg.maskOrder,
                  cfg.scope,
                  cfg.optimizer,
                  cfg.learningRate,
                  cfg.epochs,
                  cfg.subset,
                  cfg.batchSize,
                  cfg.seed,
                  s.finalTarget,
                  s.finalMeasured,
                  s.finalTestAccuracy,
                  s.hardMaskAccuracy ?? null,
                  s.elapsedMs,
                  r.backend,
                  groupOf.get(i),
                ];
              })
            }
            label={m.title}
            testId="runs-table-export"
          />
        </>
      )}
    </section>
  );
}
