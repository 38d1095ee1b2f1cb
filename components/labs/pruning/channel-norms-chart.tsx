'use client';

import { scaleLinear } from 'd3-scale';
import { useId, useMemo, useRef } from 'react';
import { useLocale } from '@/components/shell/locale-context';
import { ChartExport } from '@/components/viz/chart';
import { formatNumber } from '@/lib/i18n/locales';
import { pruningMessages } from '@/lib/i18n/pruning';
import { computeChannelNorms, keptChannels } from '@/lib/pruning/channel-norms';
import { KEPT_COLOR, PRUNED_COLOR } from './format';

const W = 640;
const H = 240;
const M = { top: 16, right: 16, bottom: 40, left: 56 };

interface Props {
  name: string;
  weight: Float32Array;
  shape: [number, number];
  mask: Uint8Array | undefined;
  norm: number;
  dim: number;
  /** File name stem of the downloads. */
  exportName?: string;
}

/** One bar per row (dim 0) or column (dim 1): its L-n norm, grey when ln_structured removed it. */
export function ChannelNormsChart({ name, weight, shape, mask, norm, dim, exportName }: Props) {
  const locale = useLocale();
  const t = pruningMessages[locale].norms;
  const id = useId();
  const svgRef = useRef<SVGSVGElement>(null);
  const norms = useMemo(() => computeChannelNorms(weight, shape, norm, dim), [weight, shape, norm, dim]);
  const kept = useMemo(
    () => (mask ? keptChannels(mask, shape, dim) : new Uint8Array(norms.length).fill(1)),
    [mask, shape, dim, norms.length],
  );
  const n = norms.length;
  let top = 0;
  let threshold = -1;
  for (let c = 0; c < n; c++) {
    top = Math.max(top, norms[c]);
    if (kept[c] === 0) threshold = Math.max(threshold, norms[c]);
  }
  const removed = n - kept.reduce((a, b) => a + b, 0);
  const x = scaleLinear()
    .domain([0, n])
    .range([M.left, W - M.right]);
  const y = scaleLinear()
    .domain([0, top || 1])
    .range([H - M.bottom, M.top])
    .nice();
  const bw = Math.max(0.3, (W - M.left - M.right) / n - (n > 100 ? 0 : 1));
  const normName = norm === Number.POSITIVE_INFINITY ? 'L∞' : `L${norm}`;

  return (
    <figure className="w-full" data-testid="channel-norms" data-removed={removed}>
      <h3 className="text-sm font-medium">{t.title(name, dim, normName)}</h3>
      <svg
        ref={svgRef}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${id}-t`}
        className="w-full text-zinc-700 dark:text-zinc-300"
      >
        <title id={`${id}-t`}>{t.title(name, dim, normName)}</title>
        {y.ticks(4).map((v) => (
          <g key={v}>
            <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} stroke="var(--viz-grid)" strokeWidth={0.5} />
            <text x={M.left - 6} y={y(v)} textAnchor="end" dominantBaseline="middle" fontSize={11} fill="currentColor">
              {formatNumber(v, locale, 2)}
            </text>
          </g>
        ))}
        {Array.from(norms, (v, c) => (
          <rect key={c} x={x(c)} y={y(v)} width={bw} height={y(0) - y(v)} fill={kept[c] ? KEPT_COLOR : PRUNED_COLOR} />
        ))}
        {threshold >= 0 && (
          <line x1={M.left} x2={W - M.right} y1={y(threshold)} y2={y(threshold)} stroke="#dc2626" strokeDasharray="5 3" strokeWidth={1.5} />
        )}
        {x.ticks(8).map((v) => (
          <text key={v} x={x(v)} y={H - M.bottom + 16} textAnchor="middle" fontSize={11} fill="currentColor">
            {v}
          </text>
        ))}
        <line x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} stroke="currentColor" />
        <text x={(M.left + W - M.right) / 2} y={H - 6} textAnchor="middle" fontSize={12} fill="currentColor">
          {t.x(dim)}
        </text>
        <text transform={`translate(14 ${(M.top + H - M.bottom) / 2}) rotate(-90)`} textAnchor="middle" fontSize={12} fill="currentColor">
          {t.y}
        </text>
      </svg>
      <figcaption className="mt-1 space-y-1 text-xs text-zinc-600 dark:text-zinc-400">
        <span className="flex gap-4">
          <span className="inline-flex items-center gap-1">
            <span className="h-2.5 w-2.5 rounded-sm" style={{ background: KEPT_COLOR }} />
            {t.keptLabel} {n - removed}
          </span>
          <span className="inline-flex items-center gap-1">
            <span className="h-2.5 w-2.5 rounded-sm" style={{ background: PRUNED_COLOR }} />
            {t.removed} {removed}
          </span>
        </span>
        {dim === 0 && removed > 0 && <span className="block">{t.biasNote}</span>}
        <ChartExport
          name={exportName ?? `channel-norms-${name}-dim${dim}-${normName}`}
          svg={svgRef}
          label={t.title(name, dim, normName)}
          testId="channel-norms"
        />
      </figcaption>
    </figure>
  );
}
