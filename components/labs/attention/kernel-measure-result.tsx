'use client';

/** The kernel panel's measurement result (kernel-panel.tsx): one row per path, the refused paths, the CSV export. */
import { TableCsv } from '@/components/controls/table-csv';
import type { attentionMessages } from '@/lib/i18n/attention';
import { type Locale, formatBytes, formatNumber } from '@/lib/i18n/locales';
import { type PathName, type PathTiming, type RunPlan, SOFTWARE_MEASURE_MAX_SEQ } from '@/lib/labs/attention/lab-runs';
import { formatDensity, formatRatio } from '@/lib/runtime/format';
import { ResultTable } from './kernel-results';

/** A finished measurement: median times per path, the paths refused for the buffer limit, the pattern's block density. */
export type MeasureDone = {
  status: 'done';
  plan: RunPlan;
  rows: PathTiming[];
  refused: { path: PathName; need: number }[];
  blockDensity: number;
};

export interface MeasureResultProps {
  measure: MeasureDone;
  m: (typeof attentionMessages)['en']['kernel'];
  num: (v: number) => string;
  pathLabel: Record<PathName, string>;
  limit: number;
  device: string;
  emulated: boolean;
  locale: Locale;
}

export function MeasureResult({ measure, m, num, pathLabel, limit, device, emulated, locale }: MeasureResultProps) {
  return (
    <div className="mt-3 text-sm" data-testid="kernel-measure-result">
      <p className="mb-2 text-xs text-zinc-600 dark:text-zinc-400">
        {m.measuredAt(num(measure.plan.shape.seqLen), measure.plan.shape.heads, measure.plan.shape.headDim)}{' '}
        {measure.plan.capped === 'software' && m.softwareMeasureCap(num(measure.plan.shape.seqLen), num(SOFTWARE_MEASURE_MAX_SEQ))}
      </p>
      <ResultTable headers={[m.variant, m.median, m.cv, m.vsDense]}>
        {measure.rows.map((r) => {
          const dense = measure.rows.find((x) => x.name === 'dense-fused');
          return (
            <tr
              key={r.name}
              className="border-b border-zinc-100 dark:border-zinc-900"
              data-testid={`kernel-time-${r.name}`}
              data-value={r.medianMs}
            >
              <td className="py-1 pr-2 font-sans">{pathLabel[r.name]}</td>
              <td className="py-1 pr-2">{`${formatNumber(r.medianMs, locale, 3)} ms`}</td>
              <td className="py-1 pr-2">{formatDensity(r.cv, locale)}</td>
              <td className="py-1">{dense ? `${formatRatio(r.medianMs / dense.medianMs, locale)}×` : '—'}</td>
            </tr>
          );
        })}
        {measure.refused.map((r) => (
          <tr key={r.path} className="border-b border-zinc-100 dark:border-zinc-900">
            <td className="py-1 pr-2 font-sans">{pathLabel[r.path]}</td>
            <td className="py-1 font-sans" colSpan={3}>
              {m.refuse(pathLabel[r.path], formatBytes(r.need), formatBytes(limit))}
            </td>
          </tr>
        ))}
      </ResultTable>
      <TableCsv
        name={`attention-kernel-times-${measure.plan.name}-n${measure.plan.shape.seqLen}-b${measure.plan.params.blockSize}`}
        header={[
          'variant',
          'median_ms',
          'cv',
          'time_vs_dense_fused',
          'refused_needs_bytes',
          'buffer_limit_bytes',
          'seq_len',
          'heads',
          'head_dim',
          'block_size',
          'device',
        ]}
        rows={() => {
          const dense = measure.rows.find((x) => x.name === 'dense-fused');
          const shape = [
            measure.plan.shape.seqLen,
            measure.plan.shape.heads,
            measure.plan.shape.headDim,
            measure.plan.params.blockSize,
            device,
          ];
          return [
            ...measure.rows.map((r) => [r.name, r.medianMs, r.cv, dense ? r.medianMs / dense.medianMs : null, null, null, ...shape]),
            ...measure.refused.map((r) => [r.path, null, null, null, r.need, limit, ...shape]),
          ];
        }}
        label={m.measure}
        testId="kernel-measure-export"
      />
      <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">{m.ideal(formatDensity(measure.blockDensity, locale))}</p>
      {emulated && <p className="mt-1 text-xs font-medium text-amber-800 dark:text-amber-300">{m.emulated}</p>}
      <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">{m.device(device)}</p>
    </div>
  );
}
