'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { type Grid, aggregateGrid } from '@/lib/viz/aggregate';
import { type ColorScaleName, colorTable, packHex } from '@/lib/viz/colors';
import { useCommon } from '../shell/locale-context';
import { CanvasExport } from './canvas-export';
import { moveCursor } from '@/lib/viz/cursor';
import { GridDataTable } from './data-table';
import { measureRepaint } from '../controls/perf-marks';

export interface HeatmapProps {
  /** Row-major values, rows * cols. Ignored when `grid` is given. */
  data?: ArrayLike<number>;
  rows: number;
  cols: number;
  /** A pre-aggregated grid (for callers that can aggregate faster than the generic pass). */
  grid?: Grid;
  /** Values mapped to the colour scale's ends. */
  domain?: [number, number];
  /** Draw exact zeros in the neutral "empty" colour (pruned weights, unattended pairs). */
  neutralZero?: boolean;
  /** Aggregate |value| when shrinking (weights). */
  absolute?: boolean;
  scale?: ColorScaleName;
  /** Largest canvas side in pixels; bigger matrices are aggregated into block means. */
  maxPixels?: number;
  label: string;
  /** Exact value under the cursor (defaults to the aggregated cell's value). */
  valueAt?: (row: number, col: number) => number;
  formatValue?: (v: number) => string;
  /** Called with the hovered/cursor cell (matrix coordinates), or null when it leaves. */
  onCursor?: (cell: { row: number; col: number } | null) => void;
  /** Extra canvas overlay (e.g. a highlighted row), drawn by the caller in matrix coordinates. */
  highlightRow?: number | null;
  highlightCols?: Uint8Array | null;
  testId?: string;
  className?: string;
  /** File name stem for the PNG / JSON downloads; no download buttons when absent. */
  exportName?: string;
  /** Extra JSON export (e.g. the exact mask), offered beside the PNG. */
  exportJson?: () => string;
}

function readEmptyColor(): number {
  if (typeof window === 'undefined') return packHex('#e4e4e7');
  const v = getComputedStyle(document.documentElement).getPropertyValue('--viz-empty').trim();
  return packHex(/^#[0-9a-f]{6}$/i.test(v) ? v : '#e4e4e7');
}

/**
 * Draws a matrix into a canvas through ImageData, one pixel per (aggregated) cell,
 * scaled by CSS with pixelated rendering. Hover or keyboard (arrow keys, with Shift
 * for steps of 10%) moves a cursor whose row, column and value are read out as text.
 */
export function HeatmapCanvas(props: HeatmapProps) {
  const {
    data,
    rows,
    cols,
    domain = [0, 1],
    neutralZero = false,
    absolute = false,
    scale = 'viridis',
    maxPixels = 512,
    label,
    testId,
    className,
  } = props;
  const common = useCommon();
  const m = common.heatmap;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [cursor, setCursor] = useState<{ row: number; col: number } | null>(null);
  const table = useMemo(() => colorTable(scale), [scale]);

  const grid = useMemo<Grid | null>(() => {
    if (props.grid) return props.grid;
    if (!data || rows * cols === 0) return null;
    return aggregateGrid(data, rows, cols, maxPixels, maxPixels, absolute);
  }, [props.grid, data, rows, cols, maxPixels, absolute]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !grid) return;
    canvas.width = grid.cols;
    canvas.height = grid.rows;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(grid.cols, grid.rows);
    const px = new Uint32Array(img.data.buffer);
    const empty = readEmptyColor();
    const [lo, hi] = domain;
    const span = hi - lo || 1;
    const vals = grid.values;
    for (let i = 0; i < vals.length; i++) {
      const v = vals[i];
      if (neutralZero && v === 0) {
        px[i] = empty;
        continue;
      }
      const t = (v - lo) / span;
      px[i] = table[t <= 0 ? 0 : t >= 1 ? 255 : (t * 255) | 0];
    }
    const hr = props.highlightRow;
    if (hr != null && hr >= 0 && hr < rows) {
      const gr = Math.floor(hr / grid.blockRows);
      for (let c = 0; c < grid.cols; c++) px[gr * grid.cols + c] = (px[gr * grid.cols + c] & 0xff00ffff) | 0x00ff0000 | 0xff;
    }
    ctx.putImageData(img, 0, 0);
    measureRepaint();
  }, [grid, table, domain, neutralZero, props.highlightRow, rows]);

  const update = (cell: { row: number; col: number } | null) => {
    setCursor(cell);
    props.onCursor?.(cell);
  };

  const valueOf = (row: number, col: number): number => {
    if (props.valueAt) return props.valueAt(row, col);
    if (!grid) return Number.NaN;
    return grid.values[Math.floor(row / grid.blockRows) * grid.cols + Math.floor(col / grid.blockCols)];
  };
  const fmt = props.formatValue ?? ((v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(3)));
  const aggregated = grid && (grid.blockRows > 1 || grid.blockCols > 1) ? Math.max(grid.blockRows, grid.blockCols) : 0;

  return (
    <figure className={className} data-testid={testId}>
      <div
        tabIndex={0}
        role="group"
        aria-label={label}
        aria-describedby={testId ? `${testId}-readout` : undefined}
        className="relative outline-none focus-visible:ring-2 focus-visible:ring-teal-600"
        onKeyDown={(e) => {
          // one arrow press moves one cell, Shift a tenth of the larger side
          const next = moveCursor(
            e.key,
            e.shiftKey,
            cursor,
            { row0: 0, row1: rows, col0: 0, col1: cols },
            { rows: 1, cols: 1, shift: Math.max(1, Math.round(Math.max(rows, cols) / 10)) },
          );
          if (next === undefined) return;
          if (next) e.preventDefault();
          update(next);
        }}
      >
        <canvas
          ref={canvasRef}
          className="block aspect-square w-full border border-zinc-200 [image-rendering:pixelated] dark:border-zinc-800"
          style={rows !== cols ? { aspectRatio: `${cols} / ${rows}` } : undefined}
          onPointerMove={(e) => {
            const r = e.currentTarget.getBoundingClientRect();
            const col = Math.min(cols - 1, Math.max(0, Math.floor(((e.clientX - r.left) / r.width) * cols)));
            const row = Math.min(rows - 1, Math.max(0, Math.floor(((e.clientY - r.top) / r.height) * rows)));
            update({ row, col });
          }}
          onPointerLeave={() => update(null)}
          data-testid={testId ? `${testId}-canvas` : undefined}
        />
      </div>
      <figcaption className="mt-1 flex flex-wrap justify-between gap-2 text-xs text-zinc-600 dark:text-zinc-400">
        <span
          id={testId ? `${testId}-readout` : undefined}
          aria-live="polite"
          data-testid={testId ? `${testId}-readout` : undefined}
          className="font-mono"
        >
          {cursor
            ? `${m.row} ${cursor.row}, ${m.col} ${cursor.col}: ${m.value} ${fmt(valueOf(cursor.row, cursor.col))}`
            : `${rows} × ${cols}`}
        </span>
        {aggregated > 0 && <span>{m.aggregated(aggregated)}</span>}
      </figcaption>
      {props.exportName && (
        <CanvasExport name={props.exportName} canvas={canvasRef} json={props.exportJson} label={label} testId={testId} />
      )}
      {grid && <GridDataTable grid={grid} row0={0} row1={rows} col0={0} col1={cols} label={label} format={fmt} caption={m.table} />}
    </figure>
  );
}
