'use client';

import { LineChart, type Marker, type Series } from '@/components/viz/chart';
import { useLocale } from '@/components/shell/locale-context';
import {
  type MeasuredRow,
  SOURCE_CLAIMS,
  type SpeedFormat,
  TABLE_SPARSITIES,
  breakEvenSparsity,
  formatAppliesAt,
  idealSpeedup,
} from '@/lib/acceleration/table';
import { accelerationMessages } from '@/lib/i18n/acceleration';
import { FORMAT_COLORS, Section } from './section';

/** Labels only the 1-2-5 ticks of a log axis (the others keep their grid line). */
function logTickLabel(v: number): string {
  const lead = v / 10 ** Math.floor(Math.log10(v) + 1e-9);
  return [1, 2, 5].some((d) => Math.abs(lead - d) < 1e-6) ? `${v}×` : '';
}

const NAME: Record<SpeedFormat, 'csr' | 'bsr' | 's24'> = { csr: 'csr', bsr: 'bsr', '24': 's24' };

export function SpeedChart({
  rows,
  formats,
  exportName = 'acceleration-speedup-vs-sparsity',
}: {
  rows: MeasuredRow[];
  formats: SpeedFormat[];
  exportName?: string;
}) {
  const locale = useLocale();
  const all = accelerationMessages[locale];
  const m = all.chart;
  const series: Series[] = [
    { name: m.ideal, color: '#71717a', dashed: true, points: TABLE_SPARSITIES.map((s) => ({ x: s * 100, y: idealSpeedup(s) })) },
    {
      name: m.claim,
      color: '#b45309',
      dashed: true,
      dots: true,
      points: [{ x: 0, y: 1 }, ...SOURCE_CLAIMS.map((c) => ({ x: c.sparsity * 100, y: c.speedup }))],
    },
  ];
  const markers: Marker[] = [];
  const lines: string[] = [];
  for (const f of formats) {
    const pts = rows
      .filter((r) => r.formats[f] && formatAppliesAt(f, r.sparsity))
      .map((r) => ({ x: r.sparsity * 100, y: r.dense.medianMs / (r.formats[f] as { medianMs: number }).medianMs }));
    if (pts.length === 0) continue;
    const label = all.formatNames[NAME[f]];
    series.push({ name: label, color: FORMAT_COLORS[f], dots: true, points: pts });
    if (f !== '24' && pts.length >= 2) {
      const be = breakEvenSparsity(pts.map((p) => ({ sparsity: p.x / 100, speedup: p.y })));
      lines.push(all.table.breakEven(label, be));
      if (be !== null) markers.push({ x: be * 100, label, color: FORMAT_COLORS[f] });
    }
  }
  const measured = series.length > 2;
  return (
    <Section title={m.title} testId="speed-chart-panel">
      <LineChart
        series={series}
        xLabel={m.x}
        yLabel={m.y}
        xDomain={[0, 100]}
        yLog
        yFormat={logTickLabel}
        hLines={[{ y: 1, label: m.breakEvenLine }]}
        markers={markers}
        title={m.title}
        testId="speed-chart"
        exportName={exportName}
      />
      {!measured && <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{m.empty}</p>}
      {lines.length > 0 && (
        <ul className="mt-2 space-y-0.5 text-sm" data-testid="break-even">
          {lines.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      )}
    </Section>
  );
}
