'use client';

import { useMemo, useState } from 'react';
import { aggregateGrid, type Grid } from '@/lib/viz/aggregate';

/** Largest side of the table alternative of a picture (block means beyond it). */
export const TABLE_SIDE = 16;

export interface GridDataTableProps {
  /** The picture's grid; cell (r, c) covers grid.blockRows × grid.blockCols matrix entries. */
  grid: Grid;
  /** Matrix coordinates the grid covers: rows [row0, row1), columns [col0, col1). */
  row0: number;
  row1: number;
  col0: number;
  col1: number;
  label: string;
  format: (v: number) => string;
  /** The disclosure's text, e.g. "Show as a table (block means)". */
  caption: string;
}

/**
 * A picture as a small table of block means (at most TABLE_SIDE a side), for screen
 * readers and keyboard users; headers give the matrix ranges each cell covers. Built only
 * when opened.
 */
export function GridDataTable({ grid, row0, row1, col0, col1, label, format, caption }: GridDataTableProps) {
  const [open, setOpen] = useState(false);
  const small = useMemo(() => (open ? aggregateGrid(grid.values, grid.rows, grid.cols, TABLE_SIDE, TABLE_SIDE) : null), [open, grid]);
  const rowStep = small ? small.blockRows * grid.blockRows : 1;
  const colStep = small ? small.blockCols * grid.blockCols : 1;
  const range = (start: number, i: number, step: number, end: number) => `${start + i * step}–${Math.min(end, start + (i + 1) * step) - 1}`;
  return (
    <details className="mt-1 text-xs" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">{caption}</summary>
      {small && (
        <div className="max-h-80 overflow-auto">
          <table className="mt-1 border-collapse font-mono">
            <caption className="sr-only">{label}</caption>
            <thead>
              <tr>
                <th scope="col" />
                {Array.from({ length: small.cols }, (_, c) => (
                  <th key={c} scope="col" className="px-1 text-right font-normal text-zinc-600 dark:text-zinc-400">
                    {range(col0, c, colStep, col1)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {Array.from({ length: small.rows }, (_, r) => (
                <tr key={r}>
                  <th scope="row" className="px-1 text-right font-normal text-zinc-600 dark:text-zinc-400">
                    {range(row0, r, rowStep, row1)}
                  </th>
                  {Array.from({ length: small.cols }, (_, c) => (
                    <td key={c} className="px-1 text-right">
                      {format(small.values[r * small.cols + c])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}
