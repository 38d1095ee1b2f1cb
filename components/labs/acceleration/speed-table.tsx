'use client';

import { TableCsv } from '@/components/controls/table-csv';
import { useLocale } from '@/components/shell/locale-context';
import {
  type AccuracyRow,
  type MeasuredRow,
  type SpeedFormat,
  TABLE_SPARSITIES,
  formatAppliesAt,
  idealSpeedup,
  sourceClaimAt,
} from '@/lib/acceleration/table';
import { accelerationMessages } from '@/lib/i18n/acceleration';
import { formatNumber } from '@/lib/i18n/locales';
import { FORMAT_COLORS, Section } from './section';

export interface SpeedTableProps {
  size: number;
  batch: number;
  formats: SpeedFormat[];
  rows: MeasuredRow[];
  /** Index of the row being measured, or null. */
  measuringRow: number | null;
  accuracy: AccuracyRow[];
  baselineAccuracy: number | null;
  accuracyNote: string | null;
}

const KEY: Record<SpeedFormat, 'csr' | 'bsr' | 's24'> = { csr: 'csr', bsr: 'bsr', '24': 's24' };
const pctText = (x: number, d = 0) => `${(x * 100).toFixed(d)}%`;

export function SpeedTable(p: SpeedTableProps) {
  const locale = useLocale();
  const m = accelerationMessages[locale].table;
  const fmts = p.formats;
  const th = 'px-1.5 py-1 font-medium';
  const td = 'px-1.5 py-1.5';
  const speedCell = (row: MeasuredRow | undefined, f: SpeedFormat, s: number, i: number) => {
    if (!formatAppliesAt(f, s)) return <span className="text-zinc-600 dark:text-zinc-400">{m.notApplicable}</span>;
    const t = row?.formats[f];
    if (!row || !t) return <span className="text-zinc-600 dark:text-zinc-400">{p.measuringRow === i ? m.pending : m.notMeasured}</span>;
    const su = row.dense.medianMs / t.medianMs;
    return (
      <span
        data-value={su.toFixed(4)}
        className={su >= 1 ? 'font-semibold text-teal-800 dark:text-teal-300' : 'text-red-700 dark:text-red-400'}
      >
        {formatNumber(su, locale, 2)}×
        <span className="block whitespace-nowrap text-xs font-normal text-zinc-600 dark:text-zinc-400">{m.cv(t.cv)}</span>
      </span>
    );
  };
  const accCell = (f: SpeedFormat, s: number) => {
    if (!formatAppliesAt(f, s)) return <span className="text-zinc-600 dark:text-zinc-400">{m.notApplicable}</span>;
    const a = p.accuracy.find((r) => Math.abs(r.sparsity - s) < 1e-9)?.accuracy[f];
    if (a === undefined || p.baselineAccuracy === null) return <span className="text-zinc-600 dark:text-zinc-400">{m.pending}</span>;
    const loss = p.baselineAccuracy - a;
    return (
      <span data-value={loss.toFixed(4)} title={m.accuracyTitle(a)}>
        {pctText(Math.max(0, loss), 1)}
      </span>
    );
  };
  return (
    <Section title={m.title} testId="speed-table-panel">
      <p className="text-sm text-zinc-700 dark:text-zinc-300">{m.caption(p.size, p.batch)}</p>
      <div className="mt-3 overflow-x-auto" tabIndex={0} role="region" aria-label={m.title}>
        <table className="w-full min-w-[42rem] text-right text-sm tabular-nums" data-testid="speed-table">
          <thead className="text-xs text-zinc-600 dark:text-zinc-400">
            <tr>
              <th rowSpan={2} className={`${th} text-left align-bottom`}>
                {m.sparsity}
              </th>
              <th rowSpan={2} className={`${th} align-bottom`}>
                {m.density}
              </th>
              <th rowSpan={2} className={`${th} align-bottom`}>
                {m.kept}
              </th>
              <th colSpan={fmts.length || 1} className={`${th} border-b border-zinc-300 text-center dark:border-zinc-700`}>
                {m.speedup}
              </th>
              <th rowSpan={2} className={`${th} align-bottom`}>
                {m.ideal}
              </th>
              <th rowSpan={2} className={`${th} align-bottom bg-amber-50 dark:bg-amber-950/40`}>
                {m.claim}
              </th>
              <th colSpan={fmts.length || 1} className={`${th} border-b border-zinc-300 text-center dark:border-zinc-700`}>
                {m.accuracy}
              </th>
              <th rowSpan={2} className={`${th} align-bottom bg-amber-50 dark:bg-amber-950/40`}>
                {m.claimAccuracy}
              </th>
            </tr>
            <tr className="border-b border-zinc-300 dark:border-zinc-700">
              {fmts.map((f) => (
                <th key={`s${f}`} className={th}>
                  <span
                    aria-hidden="true"
                    className="mr-1 inline-block h-2 w-2 rounded-full"
                    style={{ backgroundColor: FORMAT_COLORS[f] }}
                  />
                  {m[KEY[f]]}
                </th>
              ))}
              {fmts.length === 0 && <th className={th} />}
              {fmts.map((f) => (
                <th key={`a${f}`} className={th}>
                  <span
                    aria-hidden="true"
                    className="mr-1 inline-block h-2 w-2 rounded-full"
                    style={{ backgroundColor: FORMAT_COLORS[f] }}
                  />
                  {m[KEY[f]]}
                </th>
              ))}
              {fmts.length === 0 && <th className={th} />}
            </tr>
          </thead>
          <tbody>
            {TABLE_SPARSITIES.map((s, i) => {
              const row = p.rows.find((r) => Math.abs(r.sparsity - s) < 1e-9);
              const claim = sourceClaimAt(s);
              const kept = Math.round((1 - s) * p.size * p.size);
              return (
                <tr key={s} className="border-b border-zinc-100 dark:border-zinc-800" data-testid={`speed-row-${Math.round(s * 100)}`}>
                  <td className={`${td} text-left font-medium`}>{pctText(s)}</td>
                  <td className={td}>{pctText(1 - s)}</td>
                  <td className={td}>{formatNumber(kept, locale, 0)}</td>
                  {fmts.map((f) => (
                    <td key={`s${f}`} className={td} data-testid={`speed-${f}-${Math.round(s * 100)}`}>
                      {speedCell(row, f, s, i)}
                    </td>
                  ))}
                  {fmts.length === 0 && <td className={td} />}
                  <td className={td}>{formatNumber(idealSpeedup(s), locale, 1)}×</td>
                  <td className={`${td} bg-amber-50 dark:bg-amber-950/40`}>{claim ? `${formatNumber(claim.speedup, locale, 1)}×` : ''}</td>
                  {fmts.map((f) => (
                    <td key={`a${f}`} className={td} data-testid={`accuracy-${f}-${Math.round(s * 100)}`}>
                      {accCell(f, s)}
                    </td>
                  ))}
                  {fmts.length === 0 && <td className={td} />}
                  <td className={`${td} bg-amber-50 dark:bg-amber-950/40`}>
                    {claim
                      ? claim.accuracyLoss[0] === 0
                        ? `<${pctText(claim.accuracyLoss[1])}`
                        : `${pctText(claim.accuracyLoss[0])}–${pctText(claim.accuracyLoss[1])}`
                      : ''}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <TableCsv
        name={`acceleration-speed-table-${p.size}-n${p.batch}`}
        header={[
          'sparsity',
          'density',
          'kept_weights',
          ...fmts.flatMap((f) => [`speedup_${f === '24' ? 'nm24' : f}`, `cv_${f === '24' ? 'nm24' : f}`]),
          'dense_median_ms',
          'ideal_speedup',
          'source_claim_speedup',
          ...fmts.map((f) => `accuracy_loss_${f === '24' ? 'nm24' : f}`),
          'source_claim_accuracy_loss_min',
          'source_claim_accuracy_loss_max',
        ]}
        rows={() =>
          TABLE_SPARSITIES.map((s) => {
            const row = p.rows.find((r) => Math.abs(r.sparsity - s) < 1e-9);
            const claim = sourceClaimAt(s);
            const acc = p.accuracy.find((r) => Math.abs(r.sparsity - s) < 1e-9);
            return [
              s,
              1 - s,
              Math.round((1 - s) * p.size * p.size),
              ...fmts.flatMap((f) => {
                const t = formatAppliesAt(f, s) ? row?.formats[f] : undefined;
                return row && t ? [row.dense.medianMs / t.medianMs, t.cv] : [null, null];
              }),
              row?.dense.medianMs,
              idealSpeedup(s),
              claim?.speedup,
              ...fmts.map((f) => {
                const a = formatAppliesAt(f, s) ? acc?.accuracy[f] : undefined;
                return a === undefined || p.baselineAccuracy === null ? null : p.baselineAccuracy - a;
              }),
              claim?.accuracyLoss[0],
              claim?.accuracyLoss[1],
            ];
          })
        }
        label={m.title}
        testId="speed-table-export"
      />
      <div className="mt-2 space-y-1 text-xs text-zinc-600 dark:text-zinc-400">
        {p.rows[0] && (
          <p data-testid="baselines">{m.baselines(p.rows[0].dense.medianMs, p.rows[0].tfjs ? p.rows[0].tfjs.medianMs : null)}</p>
        )}
        {p.baselineAccuracy !== null && <p>{m.baselineAccuracy(p.baselineAccuracy)}</p>}
        <p>{m.methods(fmts.map((f) => m.method[KEY[f]]))}</p>
        {p.accuracy.length < TABLE_SPARSITIES.length && <p>{m.accuracyComputing}</p>}
        {p.accuracyNote && <p>{p.accuracyNote}</p>}
      </div>
    </Section>
  );
}
