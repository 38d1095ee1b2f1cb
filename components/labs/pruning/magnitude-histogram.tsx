'use client';

import { scaleLinear } from 'd3-scale';
import { useId, useMemo, useRef } from 'react';
import { useLocale } from '@/components/shell/locale-context';
import { ChartExport } from '@/components/viz/chart';
import { formatNumber } from '@/lib/i18n/locales';
import { pruningMessages } from '@/lib/i18n/pruning';
import { binMagnitudes, magnitudeThreshold } from '@/lib/pruning/histogram';
import { KEPT_COLOR, PRUNED_COLOR } from './format';

const W = 640;
const H = 240;
const M = { top: 16, right: 16, bottom: 40, left: 56 };
const BINS = 60;

/**
 * Histogram of |w| for one layer, kept and pruned stacked, with the threshold line when one
 * magnitude separates them (L1 unstructured, global). Other methods show the overlap.
 */
export function MagnitudeHistogram({
  name,
  weight,
  mask,
  exportName,
}: {
  name: string;
  weight: Float32Array;
  mask: Uint8Array | undefined;
  exportName?: string;
}) {
  const locale = useLocale();
  const t = pruningMessages[locale].histogram;
  const id = useId();
  const svgRef = useRef<SVGSVGElement>(null);
  const hist = useMemo(() => binMagnitudes(weight, mask, BINS), [weight, mask]);
  const threshold = useMemo(() => (mask ? magnitudeThreshold(weight, mask) : null), [weight, mask]);
  const x = scaleLinear()
    .domain([0, hist.max])
    .range([M.left, W - M.right]);
  let top = 1;
  for (let b = 0; b < BINS; b++) top = Math.max(top, hist.kept[b] + hist.pruned[b]);
  const y = scaleLinear()
    .domain([0, top])
    .range([H - M.bottom, M.top])
    .nice();
  const line = threshold && threshold.separable && threshold.maxPruned !== null ? threshold.maxPruned : null;
  const fmt = (v: number) => formatNumber(v, locale, 3);

  return (
    <figure className="w-full" data-testid="magnitude-histogram">
      <h3 className="text-sm font-medium">{t.title(name)}</h3>
      <svg
        ref={svgRef}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${id}-t`}
        className="w-full text-zinc-700 dark:text-zinc-300"
      >
        <title id={`${id}-t`}>{t.title(name)}</title>
        {y.ticks(4).map((v) => (
          <g key={v}>
            <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} stroke="var(--viz-grid)" strokeWidth={0.5} />
            <text x={M.left - 6} y={y(v)} textAnchor="end" dominantBaseline="middle" fontSize={11} fill="currentColor">
              {formatNumber(v, locale, 0)}
            </text>
          </g>
        ))}
        {Array.from({ length: BINS }, (_, b) => {
          const x0 = x(hist.edges[b]);
          const bw = Math.max(0.5, x(hist.edges[b + 1]) - x0 - 0.5);
          const k = hist.kept[b];
          const p = hist.pruned[b];
          return (
            <g key={b}>
              <rect x={x0} y={y(k)} width={bw} height={y(0) - y(k)} fill={KEPT_COLOR} />
              <rect x={x0} y={y(k + p)} width={bw} height={y(k) - y(k + p)} fill={PRUNED_COLOR} />
            </g>
          );
        })}
        {x.ticks(6).map((v) => (
          <text key={v} x={x(v)} y={H - M.bottom + 16} textAnchor="middle" fontSize={11} fill="currentColor">
            {fmt(v)}
          </text>
        ))}
        <line x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} stroke="currentColor" />
        <text x={(M.left + W - M.right) / 2} y={H - 6} textAnchor="middle" fontSize={12} fill="currentColor">
          {t.x}
        </text>
        <text transform={`translate(14 ${(M.top + H - M.bottom) / 2}) rotate(-90)`} textAnchor="middle" fontSize={12} fill="currentColor">
          {t.y}
        </text>
        {line !== null && (
          <g data-testid="histogram-threshold">
            <line x1={x(line)} x2={x(line)} y1={M.top} y2={H - M.bottom} stroke="#dc2626" strokeWidth={1.5} strokeDasharray="5 3" />
            <text x={x(line) + 4} y={M.top + 10} fontSize={11} fill="#dc2626" className="fill-red-700 dark:fill-red-400">
              {t.threshold(fmt(line))}
            </text>
          </g>
        )}
      </svg>
      <figcaption className="mt-1 space-y-1 text-xs text-zinc-600 dark:text-zinc-400">
        <span className="flex gap-4">
          <span className="inline-flex items-center gap-1">
            <span className="h-2.5 w-2.5 rounded-sm" style={{ background: KEPT_COLOR }} />
            {t.kept}
          </span>
          <span className="inline-flex items-center gap-1">
            <span className="h-2.5 w-2.5 rounded-sm" style={{ background: PRUNED_COLOR }} />
            {t.pruned}
          </span>
        </span>
        {threshold && threshold.maxPruned !== null && (
          <span className="block">{threshold.separable ? t.separable(fmt(threshold.maxPruned)) : t.overlap}</span>
        )}
        <ChartExport name={exportName ?? `magnitude-histogram-${name}`} svg={svgRef} label={t.title(name)} testId="magnitude-histogram" />
      </figcaption>
    </figure>
  );
}
