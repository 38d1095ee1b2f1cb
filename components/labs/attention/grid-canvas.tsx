'use client';

import { useEffect, useRef, useState } from 'react';
import type { Region } from '@/lib/attention/mask-grid';
import { CanvasExport } from '@/components/viz/canvas-export';
import { moveCursor } from '@/lib/viz/cursor';
import { measureRepaint } from '@/components/controls/perf-marks';
import { GridDataTable } from '@/components/viz/data-table';
import { useCommon } from '@/components/shell/locale-context';
import type { Grid } from '@/lib/viz/aggregate';

export interface Cell {
  row: number;
  col: number;
}

export interface GridCanvasProps {
  /** Grid size in cells (the canvas's pixel size). */
  rows: number;
  cols: number;
  /** Painted pixels, rows × cols (lib/viz/mask-paint.ts). */
  pixels: Uint32Array | null;
  /** The matrix region the grid covers, for cursor coordinates. */
  region: Region;
  label: string;
  /** Text of the read-out for a cell (matrix coordinates). */
  describe?: (cell: Cell) => string;
  onCursor?: (cell: Cell | null) => void;
  /** Click or Enter. */
  onActivate?: (cell: Cell) => void;
  /** A rectangle (matrix coordinates) outlined over the picture, e.g. the zoomed region. */
  outline?: Region | null;
  /** Shows a busy veil while a newer picture is being computed. */
  busy?: boolean;
  testId?: string;
  className?: string;
  caption?: React.ReactNode;
  /** File name stem for a PNG download (and JSON when exportJson is given). */
  exportName?: string;
  exportJson?: () => string;
  /** The control move (perf-marks.ts input id) these pixels answer: drawing them ends its repaint measure. */
  repaintFor?: number;
  /** The values behind the pixels, offered as a table of block means (the picture's text alternative). */
  table?: { grid: Grid; format: (v: number) => string };
}

/**
 * A matrix picture on a canvas, one pixel per grid cell, scaled by CSS with pixelated
 * rendering. Pointer or keyboard (arrows move a cell, Shift moves 10, Enter activates,
 * Escape leaves) moves a cursor reported in matrix coordinates and read out as text.
 */
export function GridCanvas({
  rows,
  cols,
  pixels,
  region,
  label,
  describe,
  onCursor,
  onActivate,
  outline,
  busy,
  testId,
  className,
  caption,
  exportName,
  exportJson,
  repaintFor,
  table,
}: GridCanvasProps) {
  const common = useCommon();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [cursor, setCursor] = useState<Cell | null>(null);
  const spanRows = region.row1 - region.row0;
  const spanCols = region.col1 - region.col0;

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !pixels || pixels.length !== rows * cols || rows === 0) return;
    canvas.width = cols;
    canvas.height = rows;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(cols, rows);
    new Uint32Array(img.data.buffer).set(pixels);
    ctx.putImageData(img, 0, 0);
    if (repaintFor !== undefined) measureRepaint(repaintFor);
  }, [pixels, rows, cols, repaintFor]);

  const move = (cell: Cell | null) => {
    setCursor(cell);
    onCursor?.(cell);
  };
  const cellAt = (clientX: number, clientY: number, rect: DOMRect): Cell => ({
    row: Math.min(region.row1 - 1, Math.max(region.row0, region.row0 + Math.floor(((clientY - rect.top) / rect.height) * spanRows))),
    col: Math.min(region.col1 - 1, Math.max(region.col0, region.col0 + Math.floor(((clientX - rect.left) / rect.width) * spanCols))),
  });
  const pct = (v: number, span: number) => `${(v / span) * 100}%`;

  return (
    <figure className={className} data-testid={testId}>
      <div
        tabIndex={0}
        role="group"
        aria-label={label}
        aria-describedby={testId ? `${testId}-readout` : undefined}
        className="relative outline-none focus-visible:ring-2 focus-visible:ring-teal-600"
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            if (cursor) onActivate?.(cursor);
            return;
          }
          // one arrow press moves one grid cell (a block of matrix entries when aggregated), Shift ten
          const next = moveCursor(e.key, e.shiftKey, cursor, region, {
            rows: Math.max(1, Math.round(spanRows / rows)),
            cols: Math.max(1, Math.round(spanCols / cols)),
            shift: 10,
          });
          if (next === undefined) return;
          if (next) e.preventDefault();
          move(next);
        }}
      >
        <canvas
          ref={canvasRef}
          className={`block w-full border border-zinc-200 [image-rendering:pixelated] dark:border-zinc-800 ${onActivate ? 'cursor-crosshair' : ''}`}
          style={{ aspectRatio: `${spanCols} / ${spanRows}` }}
          onPointerMove={(e) => move(cellAt(e.clientX, e.clientY, e.currentTarget.getBoundingClientRect()))}
          onPointerLeave={() => move(null)}
          onClick={(e) => onActivate?.(cellAt(e.clientX, e.clientY, e.currentTarget.getBoundingClientRect()))}
          data-testid={testId ? `${testId}-canvas` : undefined}
        />
        {outline && (
          <div
            aria-hidden="true"
            className="pointer-events-none absolute border-2 border-fuchsia-600 dark:border-fuchsia-400"
            style={{
              top: pct(outline.row0 - region.row0, spanRows),
              left: pct(outline.col0 - region.col0, spanCols),
              height: pct(outline.row1 - outline.row0, spanRows),
              width: pct(outline.col1 - outline.col0, spanCols),
            }}
          />
        )}
        {busy && <div aria-hidden="true" className="pointer-events-none absolute inset-0 animate-pulse bg-white/20 dark:bg-black/20" />}
      </div>
      <figcaption className="mt-1 space-y-0.5 text-xs text-zinc-600 dark:text-zinc-400">
        <span
          id={testId ? `${testId}-readout` : undefined}
          aria-live="polite"
          className="block font-mono"
          data-testid={testId ? `${testId}-readout` : undefined}
        >
          {cursor && describe ? describe(cursor) : '\u00a0'}
        </span>
        {caption}
      </figcaption>
      {table && <GridDataTable grid={table.grid} {...region} label={label} format={table.format} caption={common.heatmap.table} />}
      {exportName && <CanvasExport name={exportName} canvas={canvasRef} json={exportJson} label={label} testId={testId} />}
    </figure>
  );
}
