/**
 * Two patterns side by side, without their n × n masks: exact counts of the pairs both attend or
 * only one attends, and the picture of where they differ (the cells of mask-grid.ts).
 */
import type { PatternName, PatternParams } from './params';
import { gridCells, type Region } from './mask-grid';
import { rowBuilder, type RowBuilder } from './row-builder';
import { createRowSegments, fillRowSegments, planRows } from './row-segments';
import { throwIfProblems, validatePatternParams } from './params';

export interface PairOverlap {
  /** Pairs both patterns attend. */
  both: number;
  onlyA: number;
  onlyB: number;
}

/**
 * Exact |A ∩ B|, |A \ B|, |B \ A| of two patterns' attended pairs over query rows
 * [rowStart, rowEnd), a row at a time (O(n) memory, O(n) per row). The worker sums row
 * chunks so it can yield between them.
 */
export function countPairOverlap(
  a: { name: PatternName; params: PatternParams },
  b: { name: PatternName; params: PatternParams },
  rowStart = 0,
  rowEnd = a.params.seqLen,
): PairOverlap {
  throwIfProblems(validatePatternParams(a.name, a.params));
  throwIfProblems(validatePatternParams(b.name, b.params));
  const n = a.params.seqLen;
  if (b.params.seqLen !== n) throw new RangeError('both patterns must have the same sequence length');
  const planA = planRows(a.name, a.params);
  const planB = planRows(b.name, b.params);
  const segA = createRowSegments(planA.capacity);
  const segB = createRowSegments(planB.capacity);
  const rowA = new Uint8Array(n);
  const rowB = new Uint8Array(n);
  const out: PairOverlap = { both: 0, onlyA: 0, onlyB: 0 };
  for (let i = rowStart; i < rowEnd; i++) {
    planA.writeRow(i, segA);
    planB.writeRow(i, segB);
    fillRowSegments(rowA, 0, segA);
    fillRowSegments(rowB, 0, segB);
    for (let j = 0; j < n; j++) {
      const x = rowA[j];
      const y = rowB[j];
      if (x & y) out.both++;
      else if (x) out.onlyA++;
      else if (y) out.onlyB++;
    }
    rowA.fill(0);
    rowB.fill(0);
  }
  return out;
}

/** Per-cell fractions of the pairs both patterns attend, only A attends and only B attends. */
export interface DiffGrid {
  rows: number;
  cols: number;
  blockRows: number;
  blockCols: number;
  both: Float32Array;
  onlyA: Float32Array;
  onlyB: Float32Array;
}

export type DiffGridBuilder = RowBuilder<DiffGrid>;

/**
 * A builder of the difference grid of two patterns over `region` (cells as in
 * createMaskGrid). Each row of both masks is filled into a scratch row (O(n)) and its
 * region columns are binned: O(rows · (n + region width)) in all, O(n) memory.
 */
export function createDiffGrid(
  a: { name: PatternName; params: PatternParams },
  b: { name: PatternName; params: PatternParams },
  region: Region,
  maxPixels: number,
): DiffGridBuilder {
  throwIfProblems(validatePatternParams(a.name, a.params));
  throwIfProblems(validatePatternParams(b.name, b.params));
  const n = a.params.seqLen;
  if (b.params.seqLen !== n) throw new RangeError('both patterns must have the same sequence length');
  const { row0, row1, col0, col1 } = region;
  const { blockRows, blockCols, rows, cols } = gridCells(region, n, maxPixels);
  const both = new Float32Array(rows * cols);
  const onlyA = new Float32Array(rows * cols);
  const onlyB = new Float32Array(rows * cols);
  const accBoth = new Float64Array(cols);
  const accA = new Float64Array(cols);
  const accB = new Float64Array(cols);
  const planA = planRows(a.name, a.params);
  const planB = planRows(b.name, b.params);
  const segA = createRowSegments(planA.capacity);
  const segB = createRowSegments(planB.capacity);
  const rowA = new Uint8Array(n);
  const rowB = new Uint8Array(n);
  return rowBuilder(
    rows,
    (next) => {
      accBoth.fill(0);
      accA.fill(0);
      accB.fill(0);
      const r0 = row0 + next * blockRows;
      const r1 = Math.min(row1, r0 + blockRows);
      for (let i = r0; i < r1; i++) {
        planA.writeRow(i, segA);
        planB.writeRow(i, segB);
        fillRowSegments(rowA, 0, segA);
        fillRowSegments(rowB, 0, segB);
        for (let j = col0; j < col1; j++) {
          const x = rowA[j];
          const y = rowB[j];
          if ((x | y) === 0) continue;
          const c = Math.floor((j - col0) / blockCols);
          if (x & y) accBoth[c]++;
          else if (x) accA[c]++;
          else accB[c]++;
        }
        rowA.fill(0);
        rowB.fill(0);
      }
      for (let c = 0; c < cols; c++) {
        const area = (r1 - r0) * (Math.min(col1, col0 + (c + 1) * blockCols) - (col0 + c * blockCols));
        both[next * cols + c] = accBoth[c] / area;
        onlyA[next * cols + c] = accA[c] / area;
        onlyB[next * cols + c] = accB[c] / area;
      }
    },
    () => ({ rows, cols, blockRows, blockCols, both, onlyA, onlyB }),
    'the grid',
  );
}
