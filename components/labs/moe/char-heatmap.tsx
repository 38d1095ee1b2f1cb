'use client';

import { useEffect, useRef, useState } from 'react';
import { CanvasExport } from '@/components/viz/canvas-export';
import { matrixRows } from '@/lib/export/tables';
import { colorAt, colorTable } from '@/lib/viz/colors';

/** How a character is printed under its column: space ␣, newline ↵, tab →. */
export function visibleChar(ch: string): string {
  return ch === ' ' ? '␣' : ch === '\n' ? '↵' : ch === '\t' ? '→' : ch;
}

const CELL_W = 14;
const CELL_H = 16;

/**
 * Expert × character gate weights of one layer: values [E, n] (row = expert, column = the
 * character at that position), one canvas pixel per cell scaled to 14 × 16 CSS pixels, with the
 * characters printed under their columns; scrolls sideways for long passages. Hover or the arrow
 * keys read a cell out.
 */
export function CharHeatmap({
  values,
  rows,
  chars,
  readout,
  rowLabel,
  label,
  legend,
  testId,
  exportName,
}: {
  values: Float32Array;
  rows: number;
  chars: string[];
  readout: (ch: string, pos: number, row: number, w: string) => string;
  rowLabel: (r: number) => string;
  label: string;
  legend: string;
  testId: string;
  exportName: string;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [cursor, setCursor] = useState<{ row: number; col: number } | null>(null);
  const cols = chars.length;
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || cols === 0) return;
    canvas.width = cols;
    canvas.height = rows;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const table = colorTable('viridis');
    const img = ctx.createImageData(cols, rows);
    const px = new Uint32Array(img.data.buffer);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      px[i] = table[v <= 0 ? 0 : v >= 1 ? 255 : Math.max(1, (v * 255) | 0)];
    }
    ctx.putImageData(img, 0, 0);
  }, [values, rows, cols]);
  const cell = cursor ? values[cursor.row * cols + cursor.col] : null;
  return (
    <figure data-testid={testId} data-rows={rows} data-cols={cols}>
      <div className="flex gap-2">
        <div
          className="flex w-16 shrink-0 flex-col text-right text-[10px] leading-none text-zinc-600 dark:text-zinc-400"
          aria-hidden="true"
        >
          {Array.from({ length: rows }, (_, r) => (
            <span key={r} style={{ height: CELL_H, lineHeight: `${CELL_H}px` }}>
              {rowLabel(r)}
            </span>
          ))}
        </div>
        <div
          className="min-w-0 flex-1 overflow-x-auto outline-none focus-visible:ring-2 focus-visible:ring-teal-600"
          tabIndex={0}
          role="group"
          data-testid={`${testId}-grid`}
          aria-label={label}
          aria-describedby={`${testId}-readout`}
          onKeyDown={(e) => {
            const cur = cursor ?? { row: 0, col: 0 };
            const step = e.shiftKey ? 10 : 1;
            const moves: Record<string, [number, number]> = {
              ArrowUp: [-1, 0],
              ArrowDown: [1, 0],
              ArrowLeft: [0, -step],
              ArrowRight: [0, step],
            };
            const mv = moves[e.key];
            if (mv) {
              e.preventDefault();
              setCursor({ row: Math.min(rows - 1, Math.max(0, cur.row + mv[0])), col: Math.min(cols - 1, Math.max(0, cur.col + mv[1])) });
            } else if (e.key === 'Escape') setCursor(null);
          }}
        >
          <div className="relative" style={{ width: cols * CELL_W }}>
            <canvas
              ref={canvasRef}
              data-testid={`${testId}-canvas`}
              className="block [image-rendering:pixelated]"
              style={{ width: cols * CELL_W, height: rows * CELL_H }}
              onPointerMove={(e) => {
                const r = e.currentTarget.getBoundingClientRect();
                setCursor({
                  row: Math.min(rows - 1, Math.max(0, Math.floor((e.clientY - r.top) / CELL_H))),
                  col: Math.min(cols - 1, Math.max(0, Math.floor((e.clientX - r.left) / CELL_W))),
                });
              }}
              onPointerLeave={() => setCursor(null)}
            />
            {cursor && (
              <span
                aria-hidden="true"
                className="pointer-events-none absolute border-2 border-red-500"
                style={{ left: cursor.col * CELL_W, top: cursor.row * CELL_H, width: CELL_W, height: CELL_H }}
              />
            )}
            <div className="flex font-mono text-xs" data-testid={`${testId}-chars`} aria-hidden="true">
              {chars.map((ch, i) => (
                <span
                  key={i}
                  className={`inline-block text-center ${cursor?.col === i ? 'bg-amber-200 dark:bg-amber-800' : ''}`}
                  style={{ width: CELL_W }}
                  data-i={i}
                >
                  {visibleChar(ch)}
                </span>
              ))}
            </div>
          </div>
        </div>
      </div>
      <figcaption className="mt-1 flex flex-wrap items-center justify-between gap-2 text-xs text-zinc-600 dark:text-zinc-400">
        <span id={`${testId}-readout`} data-testid={`${testId}-readout`} aria-live="polite" className="font-mono">
          {cursor && cell !== null ? readout(chars[cursor.col], cursor.col, cursor.row, cell.toFixed(3)) : `${rows} × ${cols}`}
        </span>
        <span className="flex items-center gap-1.5">
          0
          <span
            className="inline-block h-2.5 w-24 rounded-sm"
            style={{ background: `linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1].map((t) => colorAt(t)).join(', ')})` }}
          />
          1 {legend}
        </span>
      </figcaption>
      <CanvasExport
        name={exportName}
        canvas={canvasRef}
        label={label}
        testId={testId}
        className="mt-1"
        json={() =>
          JSON.stringify({
            rows,
            cols,
            values: 'gate weight of expert (row) for the character at position (column)',
            characters: chars,
            data: matrixRows(values, rows, cols),
          })
        }
      />
    </figure>
  );
}
