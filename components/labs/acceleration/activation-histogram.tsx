'use client';

import { scaleLinear } from 'd3-scale';
import { useId, useRef } from 'react';
import { ChartExport } from '@/components/viz/chart';
import type { Histogram } from '@/lib/acceleration/dynamic';

const W = 640;
const H = 240;
const M = { top: 16, right: 16, bottom: 44, left: 64 };

/**
 * Histogram of non-zero activation values with the cut-off drawn as a vertical line;
 * bins below it (dropped) are grey, the rest teal. d3 scales, React SVG.
 */
export function ActivationHistogram({
  hist,
  cutoff,
  title,
  xLabel,
  yLabel,
  cutoffLabel,
  droppedLabel,
  keptLabel,
  testId,
  exportName,
}: {
  hist: Histogram;
  cutoff: number;
  title: string;
  xLabel: string;
  yLabel: string;
  cutoffLabel: string;
  droppedLabel: string;
  keptLabel: string;
  testId?: string;
  exportName?: string;
}) {
  const id = useId();
  const svgRef = useRef<SVGSVGElement>(null);
  const hi = hist.lo + hist.width * hist.counts.length;
  const x = scaleLinear()
    .domain([hist.lo, hi])
    .range([M.left, W - M.right]);
  const y = scaleLinear()
    .domain([0, Math.max(1, ...hist.counts)])
    .range([H - M.bottom, M.top])
    .nice();
  const cut = Math.min(hi, Math.max(hist.lo, cutoff));
  return (
    <figure data-testid={testId} data-cutoff={cutoff}>
      <svg
        ref={svgRef}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${id}-t`}
        className="w-full text-zinc-700 dark:text-zinc-300"
      >
        <title id={`${id}-t`}>{title}</title>
        {y.ticks(5).map((t) => (
          <g key={t}>
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} stroke="var(--viz-grid)" strokeWidth={0.5} />
            <text x={M.left - 6} y={y(t)} textAnchor="end" dominantBaseline="middle" fontSize={11} fill="currentColor">
              {t >= 1000 ? `${t / 1000}k` : t}
            </text>
          </g>
        ))}
        {hist.counts.map((c, i) => {
          const x0 = hist.lo + i * hist.width;
          const dropped = x0 + hist.width <= cut + 1e-9;
          return (
            <rect
              key={i}
              x={x(x0) + 0.5}
              width={Math.max(0, x(x0 + hist.width) - x(x0) - 1)}
              y={y(c)}
              height={Math.max(0, H - M.bottom - y(c))}
              fill={dropped ? '#a1a1aa' : '#0d9488'}
            />
          );
        })}
        {x.ticks(8).map((t) => (
          <text key={t} x={x(t)} y={H - M.bottom + 16} textAnchor="middle" fontSize={11} fill="currentColor">
            {t}
          </text>
        ))}
        <line x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} stroke="currentColor" />
        <line x1={x(cut)} x2={x(cut)} y1={M.top} y2={H - M.bottom} stroke="#dc2626" strokeWidth={2} strokeDasharray="5 3" />
        <text x={x(cut) + 4} y={M.top + 10} fontSize={11} fill="#dc2626">
          {cutoffLabel}
        </text>
        <text x={(M.left + W - M.right) / 2} y={H - 6} textAnchor="middle" fontSize={12} fill="currentColor">
          {xLabel}
        </text>
        <text transform={`translate(14 ${(M.top + H - M.bottom) / 2}) rotate(-90)`} textAnchor="middle" fontSize={12} fill="currentColor">
          {yLabel}
        </text>
      </svg>
      <figcaption className="flex gap-4 text-xs">
        <span className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block h-3 w-3 rounded-sm" style={{ background: '#a1a1aa' }} />
          {droppedLabel}
        </span>
        <span className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block h-3 w-3 rounded-sm" style={{ background: '#0d9488' }} />
          {keptLabel}
        </span>
      </figcaption>
      {exportName && <ChartExport name={exportName} svg={svgRef} label={title} testId={testId} className="mt-1" />}
    </figure>
  );
}
