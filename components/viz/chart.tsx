'use client';

import { scaleBand, scaleLinear, scaleLog } from 'd3-scale';
import { useId, useRef } from 'react';
import { ExportButtons } from '../controls/export-buttons';
import { svgToBlob, svgToPng } from '../controls/download';

export interface Series {
  name: string;
  points: { x: number; y: number }[];
  color: string;
  dashed?: boolean;
  /** Draw dots at the points. */
  dots?: boolean;
}

export interface Marker {
  x: number;
  y?: number;
  label: string;
  color?: string;
}

export interface LineChartProps {
  series: Series[];
  xLabel: string;
  yLabel: string;
  xDomain?: [number, number];
  yDomain?: [number, number];
  yLog?: boolean;
  xFormat?: (v: number) => string;
  yFormat?: (v: number) => string;
  markers?: Marker[];
  /** Horizontal reference lines (e.g. speed-up 1 = break-even). */
  hLines?: { y: number; label: string }[];
  height?: number;
  title: string;
  testId?: string;
  /** File name stem for SVG / PNG downloads; no buttons when absent. */
  exportName?: string;
}

const W = 640;

/**
 * SVG and PNG downloads of a chart drawn as <svg> (this file's charts and the labs'
 * hand-written d3 ones): the SVG is the element itself with its colours inlined, the PNG
 * that SVG rendered at 2x. Buttons get `${testId}-export-svg` / `-png`.
 */
export function ChartExport({
  name,
  svg,
  testId,
  label,
  className,
}: {
  name: string;
  svg: React.RefObject<SVGSVGElement | null>;
  testId?: string;
  label?: string;
  className?: string;
}) {
  const get = () => {
    if (!svg.current) throw new Error('nothing drawn yet');
    return svg.current;
  };
  return (
    <ExportButtons
      testId={testId ? `${testId}-export` : undefined}
      label={label}
      className={className}
      items={[
        { format: 'SVG', filename: `${name}.svg`, make: () => svgToBlob(get()) },
        { format: 'PNG', filename: `${name}.png`, make: () => svgToPng(get()) },
      ]}
    />
  );
}
const M = { top: 16, right: 16, bottom: 44, left: 56 };

/** Line chart: d3 scales and ticks, rendered as React SVG (works in server output too). */
export function LineChart({
  series,
  xLabel,
  yLabel,
  xDomain,
  yDomain,
  yLog,
  xFormat,
  yFormat,
  markers = [],
  hLines = [],
  height = 320,
  title,
  testId,
  exportName,
}: LineChartProps) {
  const id = useId();
  const svgRef = useRef<SVGSVGElement>(null);
  const all = series.flatMap((s) => s.points);
  const xd = xDomain ?? [Math.min(...all.map((p) => p.x), 0), Math.max(...all.map((p) => p.x), 1)];
  const ys = all.map((p) => p.y).filter((y) => Number.isFinite(y) && (!yLog || y > 0));
  const yd = yDomain ?? [yLog ? Math.min(...ys, 1) : Math.min(0, ...ys), Math.max(...ys, 1)];
  const x = scaleLinear()
    .domain(xd)
    .range([M.left, W - M.right])
    .nice();
  const y = (yLog ? scaleLog().domain(yd) : scaleLinear().domain(yd)).range([height - M.bottom, M.top]).nice();
  const fx = xFormat ?? ((v: number) => String(v));
  const fy = yFormat ?? ((v: number) => String(v));
  const path = (s: Series) =>
    s.points
      .filter((p) => Number.isFinite(p.y) && (!yLog || p.y > 0))
      .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`)
      .join('');
  return (
    <figure data-testid={testId} className="w-full">
      <svg
        ref={svgRef}
        viewBox={`0 0 ${W} ${height}`}
        role="img"
        aria-labelledby={`${id}-t`}
        className="w-full text-zinc-700 dark:text-zinc-300"
      >
        <title id={`${id}-t`}>{title}</title>
        {y.ticks(6).map((t) => (
          <g key={`y${t}`}>
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} stroke="var(--viz-grid)" strokeWidth={0.5} />
            <text x={M.left - 6} y={y(t)} textAnchor="end" dominantBaseline="middle" fontSize={11} fill="currentColor">
              {fy(t)}
            </text>
          </g>
        ))}
        {x.ticks(8).map((t) => (
          <text key={`x${t}`} x={x(t)} y={height - M.bottom + 16} textAnchor="middle" fontSize={11} fill="currentColor">
            {fx(t)}
          </text>
        ))}
        <line x1={M.left} x2={W - M.right} y1={height - M.bottom} y2={height - M.bottom} stroke="currentColor" />
        <line x1={M.left} x2={M.left} y1={M.top} y2={height - M.bottom} stroke="currentColor" />
        <text x={(M.left + W - M.right) / 2} y={height - 6} textAnchor="middle" fontSize={12} fill="currentColor">
          {xLabel}
        </text>
        <text
          transform={`translate(14 ${(M.top + height - M.bottom) / 2}) rotate(-90)`}
          textAnchor="middle"
          fontSize={12}
          fill="currentColor"
        >
          {yLabel}
        </text>
        {hLines.map((h) => (
          <g key={`h${h.y}`}>
            <line x1={M.left} x2={W - M.right} y1={y(h.y)} y2={y(h.y)} stroke="currentColor" strokeDasharray="2 3" />
            <text x={W - M.right} y={y(h.y) - 4} textAnchor="end" fontSize={10} fill="currentColor">
              {h.label}
            </text>
          </g>
        ))}
        {series.map((s) => (
          <g key={s.name}>
            <path d={path(s)} fill="none" stroke={s.color} strokeWidth={2} strokeDasharray={s.dashed ? '6 4' : undefined} />
            {s.dots &&
              s.points
                .filter((p) => Number.isFinite(p.y) && (!yLog || p.y > 0))
                .map((p) => <circle key={`${p.x}`} cx={x(p.x)} cy={y(p.y)} r={3} fill={s.color} />)}
          </g>
        ))}
        {markers.map((mk) => (
          <g key={`${mk.label}${mk.x}`}>
            <line x1={x(mk.x)} x2={x(mk.x)} y1={M.top} y2={height - M.bottom} stroke={mk.color ?? 'currentColor'} strokeDasharray="3 3" />
            <text x={x(mk.x) + 3} y={mk.y !== undefined ? y(mk.y) - 6 : M.top + 10} fontSize={10} fill={mk.color ?? 'currentColor'}>
              {mk.label}
            </text>
          </g>
        ))}
      </svg>
      <figcaption>
        <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-xs">
          {series.map((s) => (
            <li key={s.name} className="flex items-center gap-1.5">
              <svg width="20" height="8" aria-hidden="true">
                <line x1="0" x2="20" y1="4" y2="4" stroke={s.color} strokeWidth="2" strokeDasharray={s.dashed ? '4 3' : undefined} />
              </svg>
              {s.name}
            </li>
          ))}
        </ul>
        {exportName && <ChartExport name={exportName} svg={svgRef} testId={testId} label={title} className="mt-1" />}
      </figcaption>
    </figure>
  );
}

export interface BarChartProps {
  bars: { label: string; value: number; color?: string }[];
  xLabel: string;
  yLabel: string;
  /** Horizontal reference lines (e.g. an expert's capacity). */
  hLines?: { y: number; label: string }[];
  yFormat?: (v: number) => string;
  height?: number;
  title: string;
  testId?: string;
  exportName?: string;
}

/** Vertical bar chart with d3 band and linear scales. */
export function BarChart({ bars, xLabel, yLabel, hLines = [], yFormat, height = 260, title, testId, exportName }: BarChartProps) {
  const id = useId();
  const svgRef = useRef<SVGSVGElement>(null);
  const x = scaleBand<string>()
    .domain(bars.map((b) => b.label))
    .range([M.left, W - M.right])
    .padding(0.15);
  const top = Math.max(1e-9, ...bars.map((b) => b.value), ...hLines.map((h) => h.y));
  const y = scaleLinear()
    .domain([0, top])
    .range([height - M.bottom, M.top])
    .nice();
  const fy = yFormat ?? ((v: number) => String(v));
  const every = Math.max(1, Math.ceil(bars.length / 16));
  return (
    <figure data-testid={testId} className="w-full">
      <svg
        ref={svgRef}
        viewBox={`0 0 ${W} ${height}`}
        role="img"
        aria-labelledby={`${id}-t`}
        className="w-full text-zinc-700 dark:text-zinc-300"
      >
        <title id={`${id}-t`}>{title}</title>
        {y.ticks(5).map((t) => (
          <g key={t}>
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} stroke="var(--viz-grid)" strokeWidth={0.5} />
            <text x={M.left - 6} y={y(t)} textAnchor="end" dominantBaseline="middle" fontSize={11} fill="currentColor">
              {fy(t)}
            </text>
          </g>
        ))}
        {bars.map((b, i) => (
          <g key={b.label} data-testid={testId ? `${testId}-bar` : undefined} data-value={b.value}>
            <rect
              x={x(b.label)}
              y={y(b.value)}
              width={x.bandwidth()}
              height={Math.max(0, height - M.bottom - y(b.value))}
              fill={b.color ?? '#0f766e'}
            >
              <title>{`${b.label}: ${fy(b.value)}`}</title>
            </rect>
            {i % every === 0 && (
              <text
                x={(x(b.label) ?? 0) + x.bandwidth() / 2}
                y={height - M.bottom + 14}
                textAnchor="middle"
                fontSize={10}
                fill="currentColor"
              >
                {b.label}
              </text>
            )}
          </g>
        ))}
        {hLines.map((h) => (
          <g key={h.label}>
            <line x1={M.left} x2={W - M.right} y1={y(h.y)} y2={y(h.y)} stroke="#dc2626" strokeWidth={1.5} strokeDasharray="5 3" />
            <text x={W - M.right} y={y(h.y) - 4} textAnchor="end" fontSize={11} fill="#dc2626">
              {h.label}
            </text>
          </g>
        ))}
        <line x1={M.left} x2={W - M.right} y1={height - M.bottom} y2={height - M.bottom} stroke="currentColor" />
        <text x={(M.left + W - M.right) / 2} y={height - 6} textAnchor="middle" fontSize={12} fill="currentColor">
          {xLabel}
        </text>
        <text
          transform={`translate(14 ${(M.top + height - M.bottom) / 2}) rotate(-90)`}
          textAnchor="middle"
          fontSize={12}
          fill="currentColor"
        >
          {yLabel}
        </text>
      </svg>
      {exportName && <ChartExport name={exportName} svg={svgRef} testId={testId} label={title} className="mt-1" />}
    </figure>
  );
}
