'use client';

import { scaleLinear } from 'd3-scale';
import { useId, useRef } from 'react';
import { TableCsv } from '@/components/controls/table-csv';
import { useLocale } from '@/components/shell/locale-context';
import { ChartExport } from '@/components/viz/chart';
import { pruningMessages } from '@/lib/i18n/pruning';
import { SOURCE_CLAIMS, judgeClaim } from '@/lib/pruning/claims';
import { CURVE_METHODS, type CurvePoint, accuracyAtClaims, curveOf } from '@/lib/pruning/curve';
import type { PruneMethod } from '@/lib/state/pruning';
import { formatPercent, formatPoints } from '@/lib/runtime/format';
import { CLAIM_COLOR, METHOD_COLORS } from './format';

const W = 640;
const H = 360;
const M = { top: 16, right: 16, bottom: 44, left: 56 };

export interface CurveState {
  points: CurvePoint[];
  done: number;
  total: number;
  finished: boolean;
}

interface Props {
  curve: CurveState;
  dense: number | null;
  current: { sparsity: number; accuracy: number } | null;
  method: PruneMethod;
  /** File name stem of the downloads (the settings the curves depend on). */
  exportName?: string;
}

/**
 * Accuracy vs measured sparsity, one line per method, filling in as the worker reports points;
 * the source's claimed loss ranges are drawn as bars hanging below the dense accuracy.
 */
export function AccuracyCurveChart({ curve, dense, current, method, exportName = 'pruning-accuracy-vs-sparsity' }: Props) {
  const locale = useLocale();
  const t = pruningMessages[locale];
  const m = t.curve;
  const id = useId();
  const svgRef = useRef<SVGSVGElement>(null);
  const x = scaleLinear()
    .domain([0, 1])
    .range([M.left, W - M.right]);
  const y = scaleLinear()
    .domain([0, 1])
    .range([H - M.bottom, M.top]);
  const pct = (v: number) => formatPercent(v, locale, 0);

  return (
    <section className="space-y-3" data-testid="accuracy-curves" data-points={curve.points.length} data-finished={curve.finished}>
      <h2 className="text-lg font-semibold">{m.title}</h2>
      <figure>
        <svg
          ref={svgRef}
          viewBox={`0 0 ${W} ${H}`}
          role="img"
          aria-labelledby={`${id}-t`}
          className="w-full text-zinc-700 dark:text-zinc-300"
        >
          <title id={`${id}-t`}>{m.title}</title>
          {y.ticks(10).map((v) => (
            <g key={`y${v}`}>
              <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} stroke="var(--viz-grid)" strokeWidth={0.5} />
              <text x={M.left - 6} y={y(v)} textAnchor="end" dominantBaseline="middle" fontSize={11} fill="currentColor">
                {pct(v)}
              </text>
            </g>
          ))}
          {x.ticks(10).map((v) => (
            <text key={`x${v}`} x={x(v)} y={H - M.bottom + 16} textAnchor="middle" fontSize={11} fill="currentColor">
              {pct(v)}
            </text>
          ))}
          <line x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} stroke="currentColor" />
          <line x1={M.left} x2={M.left} y1={M.top} y2={H - M.bottom} stroke="currentColor" />
          <text x={(M.left + W - M.right) / 2} y={H - 6} textAnchor="middle" fontSize={12} fill="currentColor">
            {m.x}
          </text>
          <text transform={`translate(14 ${(M.top + H - M.bottom) / 2}) rotate(-90)`} textAnchor="middle" fontSize={12} fill="currentColor">
            {m.y}
          </text>
          {dense !== null &&
            SOURCE_CLAIMS.map((c) => (
              <g key={c.sparsity} data-testid="claim-bar">
                <rect
                  x={x(c.sparsity) - 5}
                  y={y(dense - c.minLoss)}
                  width={10}
                  height={Math.max(2, y(dense - c.maxLoss) - y(dense - c.minLoss))}
                  fill={CLAIM_COLOR}
                  opacity={0.35}
                  stroke={CLAIM_COLOR}
                >
                  <title>{`${m.claim}: ${formatPercent(c.sparsity, locale, 0)} → ${formatPercent(dense - c.maxLoss, locale, 1)}–${formatPercent(dense - c.minLoss, locale, 1)}`}</title>
                </rect>
              </g>
            ))}
          {CURVE_METHODS.map((meth) => {
            const pts = curveOf(curve.points, meth);
            if (pts.length === 0) return null;
            const d = pts.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.sparsity).toFixed(1)},${y(p.accuracy).toFixed(1)}`).join('');
            return (
              <g key={meth} data-testid={`curve-${meth}`} data-points={pts.length}>
                <path d={d} fill="none" stroke={METHOD_COLORS[meth]} strokeWidth={meth === method ? 3 : 1.75} />
                {pts.map((p) => (
                  <circle
                    key={`${p.sparsity}-${p.label ?? ''}`}
                    cx={x(p.sparsity)}
                    cy={y(p.accuracy)}
                    r={meth === method ? 3.5 : 2.5}
                    fill={METHOD_COLORS[meth]}
                  >
                    <title>{`${t.methods[meth].label}${p.label ? ` ${p.label}` : ''}: ${formatPercent(p.sparsity, locale, 1)} → ${formatPercent(p.accuracy, locale, 2)}`}</title>
                  </circle>
                ))}
              </g>
            );
          })}
          {current && (
            <g data-testid="curve-current">
              <circle cx={x(current.sparsity)} cy={y(current.accuracy)} r={7} fill="none" stroke="currentColor" strokeWidth={2} />
              <text x={x(current.sparsity) + 9} y={y(current.accuracy) - 9} fontSize={11} fill="currentColor">
                {m.current}
              </text>
            </g>
          )}
        </svg>
        <figcaption className="mt-1 space-y-1 text-xs text-zinc-600 dark:text-zinc-400">
          <ul className="flex flex-wrap gap-x-4 gap-y-1">
            {CURVE_METHODS.map((meth) => (
              <li key={meth} className="inline-flex items-center gap-1.5">
                <svg width="18" height="8" aria-hidden="true">
                  <line x1="0" x2="18" y1="4" y2="4" stroke={METHOD_COLORS[meth]} strokeWidth="3" />
                </svg>
                {t.methods[meth].label}
              </li>
            ))}
            <li className="inline-flex items-center gap-1.5">
              <span className="inline-block h-3 w-2.5 border" style={{ background: `${CLAIM_COLOR}59`, borderColor: CLAIM_COLOR }} />
              {m.claim}
            </li>
          </ul>
          <p>{m.claimLegend}</p>
          <p>{m.settingsNote}</p>
          <p role="status" data-testid="curve-progress">
            {curve.finished ? m.done(curve.points.length) : m.progress(curve.done, curve.total || 1)}
          </p>
          <ChartExport name={exportName} svg={svgRef} label={m.title} testId="accuracy-curves" />
        </figcaption>
      </figure>
      <ClaimsTable curve={curve} dense={dense} exportName={`${exportName}-claims`} />
    </section>
  );
}

function ClaimsTable({ curve, dense, exportName }: { curve: CurveState; dense: number | null; exportName: string }) {
  const locale = useLocale();
  const t = pruningMessages[locale];
  const m = t.curve;
  const verdictClass = {
    better: 'text-teal-700 dark:text-teal-300',
    within: 'text-zinc-700 dark:text-zinc-300',
    worse: 'text-red-700 dark:text-red-400',
  };
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[32rem] text-sm" data-testid="claims-table">
        <caption className="mb-1 text-left text-sm font-medium">{m.table}</caption>
        <thead>
          <tr className="border-b border-zinc-300 text-left dark:border-zinc-700">
            <th className="px-2 py-1 font-medium">{m.method}</th>
            {SOURCE_CLAIMS.map((c) => (
              <th key={c.sparsity} className="px-2 py-1 text-right font-medium">
                {m.at(formatPercent(c.sparsity, locale, 0))}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr className="border-b border-zinc-200 text-fuchsia-700 dark:border-zinc-800 dark:text-fuchsia-300">
            <td className="px-2 py-1">{m.claimRow}</td>
            {SOURCE_CLAIMS.map((c) => (
              <td key={c.sparsity} className="px-2 py-1 text-right font-mono">
                {c.minLoss === 0
                  ? `< ${formatPercent(c.maxLoss, locale, 0)}`
                  : `${formatPercent(c.minLoss, locale, 0)}–${formatPercent(c.maxLoss, locale, 0)}`}
              </td>
            ))}
          </tr>
          {CURVE_METHODS.map((meth) => (
            <tr key={meth} className="border-b border-zinc-200 dark:border-zinc-800" data-testid={`claims-${meth}`}>
              <td className="px-2 py-1">
                <span className="mr-1.5 inline-block h-2.5 w-2.5 rounded-sm" style={{ background: METHOD_COLORS[meth] }} />
                {t.methods[meth].label}
              </td>
              {accuracyAtClaims(curve.points, meth).map((a, k) => {
                if (a.accuracy === null || dense === null) {
                  return (
                    <td key={k} className="px-2 py-1 text-right font-mono text-zinc-600 dark:text-zinc-400">
                      {curve.finished ? m.none : m.pending}
                    </td>
                  );
                }
                const verdict = judgeClaim(SOURCE_CLAIMS[k], dense, a.accuracy);
                return (
                  <td
                    key={k}
                    className={`px-2 py-1 text-right font-mono ${verdictClass[verdict]}`}
                    title={`${m.verdict[verdict]}${a.interpolated ? `; ${m.interpolated}` : ''}`}
                    data-verdict={verdict}
                  >
                    {formatPercent(a.accuracy, locale, 1)} ({formatPoints(a.accuracy - dense, locale, 1)}){a.interpolated ? '*' : ''}
                    <span className="sr-only">, {m.verdict[verdict]}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">* {m.interpolated}</p>
      <TableCsv
        name={exportName}
        header={[
          'method',
          'sparsity',
          'accuracy',
          'dense_accuracy',
          'change_vs_dense',
          'interpolated',
          'source_claim_min_loss',
          'source_claim_max_loss',
          'verdict',
        ]}
        rows={() =>
          CURVE_METHODS.flatMap((meth) =>
            accuracyAtClaims(curve.points, meth).map((a, k) => {
              const c = SOURCE_CLAIMS[k];
              const known = a.accuracy !== null && dense !== null;
              return [
                meth,
                c.sparsity,
                a.accuracy,
                dense,
                known ? a.accuracy! - dense! : null,
                a.accuracy === null ? null : a.interpolated,
                c.minLoss,
                c.maxLoss,
                known ? judgeClaim(c, dense!, a.accuracy!) : null,
              ];
            }),
          )
        }
        label={m.table}
        testId="claims-table-export"
      />
    </div>
  );
}
