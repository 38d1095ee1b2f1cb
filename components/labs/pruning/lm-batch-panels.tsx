'use client';

import { TableCsv } from '@/components/controls/table-csv';
import { LessonBeside } from '@/components/teach/lessons';
import { useLocale } from '@/components/shell/locale-context';
import { formatNumber } from '@/lib/i18n/locales';
import { pruningLmMessages } from '@/lib/i18n/pruning';
import { PAPER_LLAMA7B, TABLE_METHODS, TABLE_PATTERNS, sameOrderingAsPaper } from '@/lib/lm/prune-jobs';
import type { LoadedLm } from '@/lib/lm/prune-protocol';
import type { UrlState } from '@/components/hooks/use-url-state';
import type { pruningSchema } from '@/lib/state/pruning';
import { LmLesson } from './lm-lesson';
import type { BatchState } from './use-lm-pruning';

export const button =
  'rounded border border-zinc-300 px-3 py-1 text-sm hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800';
export const primary = 'rounded bg-teal-700 px-3 py-1 text-sm font-medium text-white hover:bg-teal-800 disabled:opacity-50';

/** A perplexity with two decimals, '…' while it is not known. */
export function formatPerplexity(v: number | null | undefined, locale: Parameters<typeof formatNumber>[1]): string {
  return v === null || v === undefined ? '…' : formatNumber(v, locale, 2);
}

interface BatchPanelProps {
  loaded: LoadedLm;
  run: () => void;
  cancel: () => void;
}

/** The table of the SparseGPT paper (perplexity per method and pattern at 50%), ours beside the paper's LLaMA-7B. */
export function LmTablePanel({
  loaded,
  table,
  tableCells,
  calib,
  run,
  cancel,
}: BatchPanelProps & { table: BatchState; tableCells: Record<string, number>; calib: number }) {
  const locale = useLocale();
  const t = pruningLmMessages[locale];
  const ppl = (v: number | null | undefined) => formatPerplexity(v, locale);
  const ordering = table.finished ? sameOrderingAsPaper(tableCells) : null;
  return (
    <LessonBeside id="lm-table-panel" lesson={<LmLesson part="table" cells={tableCells} dense={loaded.densePerplexity} />}>
      <section
        className="space-y-2"
        data-testid="lm-table"
        data-finished={table.finished}
        data-ordering={ordering ? String(ordering.holds) : ''}
      >
        <h2 className="text-lg font-semibold">{t.table.title}</h2>
        <p className="text-sm">{t.table.intro}</p>
        <BatchButtons state={table} run={run} cancel={cancel} label={t.table.run} testId="lm-table-run" />
        <div className="overflow-x-auto">
          <table className="text-sm">
            <thead>
              <tr>
                <th className="px-2 text-left">{t.table.method}</th>
                {TABLE_PATTERNS.map((p) => (
                  <th key={p} className="px-2 text-right">
                    {t.table.ours(p === 'unstructured' ? '50%' : p)}
                  </th>
                ))}
                {TABLE_PATTERNS.map((p) => (
                  <th key={`paper-${p}`} className="px-2 text-right text-zinc-600 dark:text-zinc-400">
                    {t.table.paper(p === 'unstructured' ? '50%' : p)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                <td className="px-2">{t.table.dense}</td>
                <td className="px-2 text-right font-mono" colSpan={3} data-testid="lm-table-dense">
                  {ppl(loaded.densePerplexity)}
                </td>
                <td className="px-2 text-right font-mono text-zinc-600 dark:text-zinc-400" colSpan={3}>
                  {PAPER_LLAMA7B.dense}
                </td>
              </tr>
              {TABLE_METHODS.map((m) => (
                <tr key={m}>
                  <td className="px-2">{t.methods[m].label}</td>
                  {TABLE_PATTERNS.map((p) => (
                    <td
                      key={p}
                      className="px-2 text-right font-mono"
                      data-testid={`lm-cell-${m}-${p}`}
                      data-value={tableCells[`${m}|${p}`] ?? ''}
                    >
                      {ppl(tableCells[`${m}|${p}`])}
                    </td>
                  ))}
                  {TABLE_PATTERNS.map((p) => (
                    <td key={`paper-${p}`} className="px-2 text-right font-mono text-zinc-600 dark:text-zinc-400">
                      {PAPER_LLAMA7B.cells[m][p] ?? '—'}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {ordering && (
          <p className="font-medium" data-testid="lm-ordering">
            {t.table.ordering(ordering.holds)} {ordering.holds ? '' : t.table.failures(ordering.failures.join(', '))}
          </p>
        )}
        {table.points.length > 0 && (
          <TableCsv
            name={`pruning-lm-table-${loaded.model}-calib${calib}`}
            header={['method', 'pattern', 'perplexity', 'paper_llama7b_perplexity', 'linear_sparsity']}
            rows={table.points.map((p) => [
              p.spec.method,
              p.spec.pattern,
              p.evaluation.perplexity,
              PAPER_LLAMA7B.cells[p.spec.method as (typeof TABLE_METHODS)[number]][p.spec.pattern] ?? '',
              p.evaluation.linearSparsity,
            ])}
            label={t.table.title}
            testId="lm-table-export"
          />
        )}
      </section>
    </LessonBeside>
  );
}

/** Each linear layer type pruned alone at the current setting, its perplexity as a bar. */
export function LmSensitivityPanel({
  loaded,
  state,
  sens,
  structured,
  setting,
  run,
  cancel,
}: BatchPanelProps & { state: UrlState<typeof pruningSchema>['state']; sens: BatchState; structured: boolean; setting: string }) {
  const locale = useLocale();
  const t = pruningLmMessages[locale];
  const ppl = (v: number | null | undefined) => formatPerplexity(v, locale);
  return (
    <section className="space-y-2" data-testid="lm-sensitivity" data-finished={sens.finished}>
      <h2 className="text-lg font-semibold">{t.sensitivity.title}</h2>
      <p className="text-sm">{t.sensitivity.intro(t.methods[state.lmMethod].label, setting)}</p>
      {structured ? null : <BatchButtons state={sens} run={run} cancel={cancel} label={t.sensitivity.run} testId="lm-sensitivity-run" />}
      {sens.points.length > 0 && (
        <>
          <table className="text-sm">
            <thead>
              <tr>
                <th className="px-2 text-left">{t.sensitivity.kind}</th>
                <th className="px-2 text-right">{t.sensitivity.perplexity}</th>
                <th className="px-2" />
              </tr>
            </thead>
            <tbody>
              {sens.points.map((p) => {
                const max = Math.max(...sens.points.map((q) => q.evaluation.perplexity));
                const frac = (p.evaluation.perplexity - loaded.densePerplexity) / Math.max(max - loaded.densePerplexity, 1e-9);
                return (
                  <tr key={p.spec.kinds[0]} data-testid={`lm-sens-${p.spec.kinds[0]}`} data-value={p.evaluation.perplexity}>
                    <td className="px-2 font-mono">{p.spec.kinds[0]}</td>
                    <td className="px-2 text-right font-mono">{ppl(p.evaluation.perplexity)}</td>
                    <td className="px-2">
                      <div className="h-3 rounded-sm bg-[#D55E00]" style={{ width: `${Math.max(2, 160 * frac)}px` }} aria-hidden="true" />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <TableCsv
            name={`pruning-lm-sensitivity-${loaded.model}-${state.lmMethod}-${state.pattern}-a${state.amount}`}
            header={['layer_type', 'perplexity', 'dense_perplexity']}
            rows={sens.points.map((p) => [p.spec.kinds[0], p.evaluation.perplexity, loaded.densePerplexity])}
            label={t.sensitivity.title}
            testId="lm-sensitivity-export"
          />
        </>
      )}
    </section>
  );
}

export function BatchButtons({
  state,
  run,
  cancel,
  label,
  testId,
}: {
  state: BatchState;
  run: () => void;
  cancel: () => void;
  label: string;
  testId: string;
}) {
  const locale = useLocale();
  const t = pruningLmMessages[locale];
  return (
    <div className="flex flex-wrap items-center gap-3">
      <button type="button" className={primary} onClick={run} disabled={state.running} data-testid={testId}>
        {label}
      </button>
      {state.running && (
        <>
          <progress max={state.total || 1} value={state.done} className="w-40" aria-label={t.curve.progress(state.done, state.total)} />
          <span className="text-sm" role="status">
            {t.curve.progress(state.done, state.total)}
          </span>
          <button type="button" className={button} onClick={cancel} data-testid={`${testId}-cancel`}>
            {t.curve.cancel}
          </button>
        </>
      )}
    </div>
  );
}
