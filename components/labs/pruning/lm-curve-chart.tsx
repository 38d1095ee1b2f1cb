'use client';

import { scaleLinear, scaleLog } from 'd3-scale';
import { useId, useRef } from 'react';
import { TableCsv } from '@/components/controls/table-csv';
import { useLocale } from '@/components/shell/locale-context';
import { ChartExport } from '@/components/viz/chart';
import { formatNumber } from '@/lib/i18n/locales';
import { pruningLmMessages } from '@/lib/i18n/pruning';
import type { LmPruneMethod } from '@/lib/lm/prune';
import { CURVE_METHODS } from '@/lib/lm/prune-jobs';
import type { PointResult } from '@/lib/lm/prune-protocol';
import { formatPercent } from '@/lib/runtime/format';

const W = 640;
const H = 360;
const M = { top: 16, right: 16, bottom: 44, left: 56 };

/** Okabe–Ito colours per language-model method. */
export const LM_METHOD_COLORS: Record<LmPruneMethod, string> = {
  magnitude: '#0072B2',
  wanda: '#D55E00',
  sparsegpt: '#009E73',
  heads: '#CC79A7',
  channels: '#E69F00',
};

/**
 * Test perplexity (log scale) against the pruned fraction, one line per method, filling in as the
 * worker reports points; the dense perplexity is the dashed line.
 */
export function LmCurveChart({ points, dense, exportName }: { points: readonly PointResult[]; dense: number; exportName: string }) {
  const locale = useLocale();
  const t = pruningLmMessages[locale];
  const id = useId();
  const svgRef = useRef<SVGSVGElement>(null);
  const top = Math.max(dense * 2, ...points.map((p) => p.evaluation.perplexity));
  const x = scaleLinear()
    .domain([0, 1])
    .range([M.left, W - M.right]);
  const y = scaleLog()
    .domain([dense * 0.95, top * 1.05])
    .range([H - M.bottom, M.top]);
  const f = (v: number) => formatNumber(v, locale, v < 10 ? 2 : 1);
  return (
    <figure>
      <svg
        ref={svgRef}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${id}-t`}
        className="w-full text-zinc-700 dark:text-zinc-300"
      >
        <title id={`${id}-t`}>{t.curve.title}</title>
        {y.ticks(6).map((v) => (
          <g key={`y${v}`}>
            <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} stroke="var(--viz-grid)" strokeWidth={0.5} />
            <text x={M.left - 6} y={y(v)} textAnchor="end" dominantBaseline="middle" fontSize={11} fill="currentColor">
              {f(v)}
            </text>
          </g>
        ))}
        {x.ticks(10).map((v) => (
          <text key={`x${v}`} x={x(v)} y={H - M.bottom + 16} textAnchor="middle" fontSize={11} fill="currentColor">
            {formatPercent(v, locale, 0)}
          </text>
        ))}
        <line x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} stroke="currentColor" />
        <line x1={M.left} x2={M.left} y1={M.top} y2={H - M.bottom} stroke="currentColor" />
        <line x1={M.left} x2={W - M.right} y1={y(dense)} y2={y(dense)} stroke="currentColor" strokeDasharray="4 4" />
        <text x={(M.left + W - M.right) / 2} y={H - 6} textAnchor="middle" fontSize={12} fill="currentColor">
          {t.curve.x}
        </text>
        <text transform={`translate(14 ${(M.top + H - M.bottom) / 2}) rotate(-90)`} textAnchor="middle" fontSize={12} fill="currentColor">
          {t.curve.y}
        </text>
        {CURVE_METHODS.map((meth) => {
          const pts = points.filter((p) => p.spec.method === meth).sort((a, b) => a.spec.amount - b.spec.amount);
          if (pts.length === 0) return null;
          const d = pts
            .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.spec.amount).toFixed(1)},${y(p.evaluation.perplexity).toFixed(1)}`)
            .join('');
          return (
            <g key={meth} data-testid={`lm-curve-${meth}`} data-points={pts.length}>
              <path d={d} fill="none" stroke={LM_METHOD_COLORS[meth]} strokeWidth={2} />
              {pts.map((p) => (
                <circle key={p.spec.amount} cx={x(p.spec.amount)} cy={y(p.evaluation.perplexity)} r={3} fill={LM_METHOD_COLORS[meth]}>
                  <title>{`${t.methods[meth].label}: ${formatPercent(p.spec.amount, locale, 0)} → ${f(p.evaluation.perplexity)}`}</title>
                </circle>
              ))}
            </g>
          );
        })}
      </svg>
      <figcaption className="mt-1 space-y-1 text-xs text-zinc-600 dark:text-zinc-400">
        <ul className="flex flex-wrap gap-x-4 gap-y-1">
          {CURVE_METHODS.map((meth) => (
            <li key={meth} className="inline-flex items-center gap-1.5">
              <svg width="18" height="8" aria-hidden="true">
                <line x1="0" x2="18" y1="4" y2="4" stroke={LM_METHOD_COLORS[meth]} strokeWidth="3" />
              </svg>
              {t.methods[meth].label}
            </li>
          ))}
        </ul>
        <ChartExport name={exportName} svg={svgRef} label={t.curve.title} testId="lm-curve" />
        {points.length > 0 && (
          <TableCsv
            name={exportName}
            header={['method', 'amount', 'perplexity', 'dense_perplexity', 'linear_sparsity']}
            rows={() => points.map((p) => [p.spec.method, p.spec.amount, p.evaluation.perplexity, dense, p.evaluation.linearSparsity])}
            label={t.curve.title}
            testId="lm-curve-table"
          />
        )}
      </figcaption>
    </figure>
  );
}
