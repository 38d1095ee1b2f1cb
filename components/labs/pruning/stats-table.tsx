'use client';

import { TableCsv } from '@/components/controls/table-csv';
import { useLocale } from '@/components/shell/locale-context';
import { formatBytes, formatNumber } from '@/lib/i18n/locales';
import { pruningMessages } from '@/lib/i18n/pruning';
import type { ModelStats } from '@/lib/pruning/stats';
import { formatPercent } from '@/lib/runtime/format';

/** Per-layer and total: kept weights, sparsity and bytes as dense, CSR and 2:4. */
export function StatsTable({ stats, exportName = 'pruning-stats' }: { stats: ModelStats; exportName?: string }) {
  const locale = useLocale();
  const t = pruningMessages[locale].stats;
  const cell = 'px-2 py-1 text-right font-mono tabular-nums';
  const b24 = (v: number | null) => (v === null ? <span className="text-zinc-600 dark:text-zinc-400">{t.not24}</span> : formatBytes(v));
  return (
    <section data-testid="stats-table">
      <h2 className="text-lg font-semibold">{t.title}</h2>
      <div className="mt-2 overflow-x-auto">
        <table className="w-full min-w-[34rem] whitespace-nowrap text-sm">
          <thead>
            <tr className="border-b border-zinc-300 text-left dark:border-zinc-700">
              <th className="px-2 py-1 font-medium">{t.layer}</th>
              <th className="px-2 py-1 font-medium">{t.shape}</th>
              <th className="px-2 py-1 text-right font-medium">{t.kept}</th>
              <th className="px-2 py-1 text-right font-medium">{t.sparsity}</th>
              <th className="px-2 py-1 text-right font-medium">{t.dense}</th>
              <th className="px-2 py-1 text-right font-medium">{t.csr}</th>
              <th className="px-2 py-1 text-right font-medium">{t.nm24}</th>
            </tr>
          </thead>
          <tbody>
            {stats.layers.map((s) => (
              <tr key={s.name} className="border-b border-zinc-200 dark:border-zinc-800" data-testid={`stats-${s.name}`}>
                <td className="px-2 py-1 font-mono">{s.name}</td>
                <td className="px-2 py-1 font-mono">
                  [{s.rows}, {s.cols}]
                </td>
                <td className={cell}>{formatNumber(s.kept, locale, 0)}</td>
                <td className={cell} data-testid={`sparsity-${s.name}`}>
                  {formatPercent(s.sparsity, locale, 1)}
                </td>
                <td className={cell}>{formatBytes(s.denseBytes)}</td>
                <td className={`${cell} ${s.csrBytes > s.denseBytes ? 'text-red-700 dark:text-red-400' : ''}`}>
                  {formatBytes(s.csrBytes)}
                </td>
                <td className={cell}>{b24(s.bytes24)}</td>
              </tr>
            ))}
            <tr className="font-semibold">
              <td className="px-2 py-1" colSpan={2}>
                {t.total}
              </td>
              <td className={cell}>{formatNumber(stats.total.kept, locale, 0)}</td>
              <td className={cell} data-testid="sparsity-total">
                {formatPercent(stats.total.sparsity, locale, 1)}
              </td>
              <td className={cell}>{formatBytes(stats.total.denseBytes)}</td>
              <td className={`${cell} ${stats.total.csrBytes > stats.total.denseBytes ? 'text-red-700 dark:text-red-400' : ''}`}>
                {formatBytes(stats.total.csrBytes)}
              </td>
              <td className={cell}>{b24(stats.total.bytes24)}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">{t.note(formatNumber(stats.total.biases, locale, 0))}</p>
      <TableCsv
        name={exportName}
        header={['layer', 'rows', 'cols', 'params', 'kept', 'sparsity', 'dense_bytes', 'csr_bytes', 'nm24_bytes']}
        rows={() => [
          ...stats.layers.map((s) => [s.name, s.rows, s.cols, s.params, s.kept, s.sparsity, s.denseBytes, s.csrBytes, s.bytes24]),
          [
            'total',
            null,
            null,
            stats.total.params,
            stats.total.kept,
            stats.total.sparsity,
            stats.total.denseBytes,
            stats.total.csrBytes,
            stats.total.bytes24,
          ],
        ]}
        label={t.title}
        testId="stats-table-export"
      />
    </section>
  );
}
