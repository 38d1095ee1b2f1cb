'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { CanvasExport } from '@/components/viz/canvas-export';
import { matrixRows } from '@/lib/export/tables';
import type { RoutingHeatmap as Heatmap } from '@/lib/moe/lab-view';
import { colorAt, colorTable } from '@/lib/viz/colors';

/**
 * Token × expert gate weights: one canvas pixel per (expert row, token column), scaled by CSS
 * with pixelated rendering; group separators and labels drawn as HTML over and under it.
 * Hover or arrow keys read out the cell.
 */
export function RoutingHeatmap({
  heatmap,
  groupLabel,
  rowLabel,
  readout,
  label,
  legend,
  testId,
  exportName,
}: {
  heatmap: Heatmap;
  groupLabel: (g: number) => string;
  rowLabel: (r: number) => string;
  readout: (token: number, group: string, expert: string, w: string) => string;
  label: string;
  legend: string;
  testId: string;
  /** File name stem of the PNG / JSON downloads; none when absent. */
  exportName?: string;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [cursor, setCursor] = useState<{ row: number; col: number } | null>(null);
  const table = useMemo(() => colorTable('viridis'), []);
  const { rows, cols, values, groupStarts, tokens } = heatmap;
  const groups = groupStarts.length - 1;

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || cols === 0) return;
    canvas.width = cols;
    canvas.height = rows;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(cols, rows);
    const px = new Uint32Array(img.data.buffer);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      px[i] = table[v <= 0 ? 0 : v >= 1 ? 255 : Math.max(1, (v * 255) | 0)];
    }
    ctx.putImageData(img, 0, 0);
  }, [rows, cols, values, table]);

  const groupOf = (col: number) => {
    let g = 0;
    while (g < groups - 1 && groupStarts[g + 1] <= col) g++;
    return g;
  };
  const height = Math.min(420, Math.max(112, rows * 16));
  const cell = cursor ? values[cursor.row * cols + cursor.col] : null;

  return (
    <figure data-testid={testId} data-rows={rows} data-cols={cols}>
      <div className="flex gap-2">
        <div
          className="flex w-16 shrink-0 flex-col justify-between py-0.5 text-right text-[10px] leading-none text-zinc-600 dark:text-zinc-400"
          style={{ height }}
          aria-hidden="true"
        >
          {rows <= 24
            ? Array.from({ length: rows }, (_, r) => <span key={r}>{rowLabel(r)}</span>)
            : [<span key="a">{rowLabel(0)}</span>, <span key="b">{rowLabel(rows - 1)}</span>]}
        </div>
        <div className="min-w-0 flex-1">
          <div
            tabIndex={0}
            role="group"
            aria-label={label}
            aria-describedby={`${testId}-readout`}
            className="relative outline-none focus-visible:ring-2 focus-visible:ring-teal-600"
            onKeyDown={(e) => {
              const cur = cursor ?? { row: 0, col: 0 };
              const step = e.shiftKey ? Math.max(1, Math.round(cols / 20)) : 1;
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
            <canvas
              ref={canvasRef}
              data-testid={`${testId}-canvas`}
              className="block w-full border border-zinc-200 [image-rendering:pixelated] dark:border-zinc-800"
              style={{ height }}
              onPointerMove={(e) => {
                const r = e.currentTarget.getBoundingClientRect();
                const col = Math.min(cols - 1, Math.max(0, Math.floor(((e.clientX - r.left) / r.width) * cols)));
                const row = Math.min(rows - 1, Math.max(0, Math.floor(((e.clientY - r.top) / r.height) * rows)));
                setCursor({ row, col });
              }}
              onPointerLeave={() => setCursor(null)}
            />
            {Array.from({ length: groups - 1 }, (_, g) => (
              <span
                key={g}
                aria-hidden="true"
                className="pointer-events-none absolute top-0 h-full w-px bg-white/80 dark:bg-zinc-950/80"
                style={{ left: `${(groupStarts[g + 1] / cols) * 100}%` }}
              />
            ))}
            {cursor && (
              <span
                aria-hidden="true"
                className="pointer-events-none absolute border border-red-500"
                style={{
                  left: `${(cursor.col / cols) * 100}%`,
                  top: `${(cursor.row / rows) * 100}%`,
                  width: `max(2px, ${100 / cols}%)`,
                  height: `${100 / rows}%`,
                }}
              />
            )}
          </div>
          <div className="relative mt-1 h-4 text-[10px] text-zinc-600 dark:text-zinc-400" aria-hidden="true">
            {Array.from({ length: groups }, (_, g) => (
              <span
                key={g}
                className="absolute -translate-x-1/2 whitespace-nowrap"
                style={{ left: `${((groupStarts[g] + groupStarts[g + 1]) / 2 / cols) * 100}%` }}
              >
                {groupLabel(g).replace(/^\D+/, '')}
              </span>
            ))}
          </div>
        </div>
      </div>
      <figcaption className="mt-1 flex flex-wrap items-center justify-between gap-2 text-xs text-zinc-600 dark:text-zinc-400">
        <span id={`${testId}-readout`} data-testid={`${testId}-readout`} aria-live="polite" className="font-mono">
          {cursor && cell !== null
            ? readout(tokens[cursor.col], groupLabel(groupOf(cursor.col)), rowLabel(cursor.row), cell.toFixed(3))
            : `${rows} × ${cols}`}
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
      {exportName && (
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
              values: 'gate weight of expert (row) for token (column); rows are expert ids, shared experts first',
              experts: Array.from({ length: rows }, (_, r) => rowLabel(r)),
              tokens: Array.from(tokens),
              groupStarts: Array.from(groupStarts),
              data: matrixRows(values, rows, cols),
            })
          }
        />
      )}
    </figure>
  );
}
