/**
 * Pictures of a pattern without its n × n mask: the fraction of attended pairs in each
 * cell of a region, at most maxPixels cells a side, computed from the row segments
 * (row-segments.ts), so an 8192 × 8192 pattern costs O(n · cells touched per row), not 64 MiB.
 *
 * Region: query rows [row0, row1) × key columns [col0, col1) (half-open). Cell (gr, gc)
 * covers rows row0 + gr·blockRows .. and columns col0 + gc·blockCols .., clipped at the
 * region's end; its value is attended / (rows · cols) of the cell, in [0, 1]. With
 * blockRows = blockCols = 1 the grid is the exact 0/1 mask of the region.
 * The segments of one row are disjoint for every pattern (planRows emits them so), which
 * lets counts add up; the tests check every pattern against aggregateGrid(patternMask).
 *
 * The builder works in row chunks (addRows) so a worker can yield between chunks and drop
 * a stale run when a newer slider value arrives.
 */
import { rowBuilder, type RowBuilder } from './row-builder';
import type { Grid } from '../viz/aggregate';
import { throwIfProblems, validatePatternParams, type PatternName, type PatternParams } from './params';
import { createRowSegments, fillRowSegments, planRows, type RowSegments } from './row-segments';

export interface Region {
  row0: number;
  row1: number;
  col0: number;
  col1: number;
}

/** The whole n × n matrix. */
export function fullRegion(seqLen: number): Region {
  return { row0: 0, row1: seqLen, col0: 0, col1: seqLen };
}

/**
 * The zoomed region: ceil(n / zoom) tokens a side, centred on (centreRow, centreCol) and
 * shifted to stay inside the matrix.
 */
export function zoomRegion(seqLen: number, zoom: number, centreRow: number, centreCol: number): Region {
  const side = Math.max(1, Math.ceil(seqLen / Math.max(1, zoom)));
  const start = (centre: number) => Math.min(seqLen - side, Math.max(0, Math.round(centre - side / 2)));
  const row0 = start(centreRow);
  const col0 = start(centreCol);
  return { row0, row1: row0 + side, col0, col1: col0 + side };
}

function modulo(x: number, p: number): number {
  const r = x % p;
  return r < 0 ? r + p : r;
}

/**
 * Adds the count of segment-attended columns of one row into `acc` (one slot per grid
 * column). An interval adds its partial end cells to `acc` directly and its run of whole
 * cells to `runs` as a difference (+blockCols at the first, -blockCols after the last), so
 * a row costs O(segments), not O(cells crossed); flushRuns folds `runs` into `acc`. A
 * periodic segment costs the fewer of its attended columns and the cells it crosses
 * (O(1) when the period divides the cell width).
 */
function addRowCounts(acc: Float64Array, runs: Float64Array, segs: RowSegments, col0: number, col1: number, blockCols: number): void {
  for (let k = 0; k < segs.count; k++) {
    const lo = Math.max(segs.lo[k], col0);
    const hi = Math.min(segs.hi[k], col1);
    if (lo >= hi) continue;
    const p = segs.period[k];
    if (p === 1) {
      // interval [lo, hi): cells a..b, partial at either end
      const a = Math.floor((lo - col0) / blockCols);
      const b = Math.floor((hi - 1 - col0) / blockCols);
      if (a === b) {
        acc[a] += hi - lo;
        continue;
      }
      acc[a] += col0 + (a + 1) * blockCols - lo;
      acc[b] += hi - (col0 + b * blockCols);
      if (b > a + 1) {
        runs[a + 1] += blockCols;
        runs[b] -= blockCols;
      }
      continue;
    }
    const w = segs.width[k];
    const phase = segs.phase[k];
    const a = Math.floor((lo - col0) / blockCols);
    const b = Math.floor((hi - 1 - col0) / blockCols);
    // With periodicCount(x) = #{j < x : mod(j − phase, p) < w} (up to a constant), a cell
    // holds periodicCount(end) − periodicCount(start); when p divides blockCols every whole
    // cell holds exactly blockCols / p · w (a run: O(1) per segment), otherwise one count per
    // cell boundary, used when that beats visiting the attended columns.
    if (b > a + 1 && blockCols % p === 0) {
      const start = col0 + (a + 1) * blockCols;
      const end = col0 + b * blockCols;
      acc[a] += periodicCount(start, p, phase, w) - periodicCount(lo, p, phase, w);
      acc[b] += periodicCount(hi, p, phase, w) - periodicCount(end, p, phase, w);
      const perCell = (blockCols / p) * w;
      runs[a + 1] += perCell;
      runs[b] -= perCell;
      continue;
    }
    if (3 * (b - a + 1) < ((hi - lo) * w) / p) {
      let prev = periodicCount(lo, p, phase, w);
      for (let c = a; c <= b; c++) {
        const next = periodicCount(Math.min(hi, col0 + (c + 1) * blockCols), p, phase, w);
        acc[c] += next - prev;
        prev = next;
      }
      continue;
    }
    // periodic: chunks [s, s + w) every p, starting at the chunk containing or preceding lo
    for (let s = lo - modulo(lo - phase, p); s < hi; s += p) {
      const a0 = Math.max(s, lo);
      const e = Math.min(s + w, hi);
      for (let j = a0; j < e; j++) acc[Math.floor((j - col0) / blockCols)] += 1;
    }
  }
}

/** #{j ∈ [phase, x) : mod(j − phase, p) < w} for x >= phase, extended to all x so that differences count any [x0, x1). */
function periodicCount(x: number, p: number, phase: number, w: number): number {
  const d = x - phase;
  return Math.floor(d / p) * w + Math.min(w, modulo(d, p));
}

/** acc[c] += Σ_{c' <= c} runs[c'] (the whole cells of addRowCounts' intervals); clears runs. */
function flushRuns(acc: Float64Array, runs: Float64Array): void {
  let run = 0;
  for (let c = 0; c < acc.length; c++) {
    run += runs[c];
    acc[c] += run;
    runs[c] = 0;
  }
}

/** Grid rows in chunks (row-builder.ts). */
export type MaskGridBuilder = RowBuilder<Grid>;

/** The cells of a picture of `region` at most maxPixels a side (see the top); throws if the region leaves the n × n matrix. */
export function gridCells(
  region: Region,
  n: number,
  maxPixels: number,
): { blockRows: number; blockCols: number; rows: number; cols: number } {
  const { row0, row1, col0, col1 } = region;
  if (!(0 <= row0 && row0 < row1 && row1 <= n && 0 <= col0 && col0 < col1 && col1 <= n)) {
    throw new RangeError(`region rows ${row0}..${row1}, cols ${col0}..${col1} is not inside 0..${n}`);
  }
  const blockRows = Math.max(1, Math.ceil((row1 - row0) / maxPixels));
  const blockCols = Math.max(1, Math.ceil((col1 - col0) / maxPixels));
  return { blockRows, blockCols, rows: Math.ceil((row1 - row0) / blockRows), cols: Math.ceil((col1 - col0) / blockCols) };
}

/** A builder of the attended-fraction grid of `region` (see the top); call addRows until rowsLeft is 0. */
export function createMaskGrid(name: PatternName, params: PatternParams, region: Region, maxPixels: number): MaskGridBuilder {
  throwIfProblems(validatePatternParams(name, params));
  const n = params.seqLen;
  const { row0, row1, col0, col1 } = region;
  const { blockRows, blockCols, rows, cols } = gridCells(region, n, maxPixels);
  const values = new Float32Array(rows * cols);
  const acc = new Float64Array(cols);
  const runs = new Float64Array(cols);
  const plan = planRows(name, params);
  const segs = createRowSegments(plan.capacity);
  return rowBuilder(
    rows,
    (next) => {
      acc.fill(0);
      const r0 = row0 + next * blockRows;
      const r1 = Math.min(row1, r0 + blockRows);
      for (let i = r0; i < r1; i++) {
        plan.writeRow(i, segs);
        addRowCounts(acc, runs, segs, col0, col1, blockCols);
      }
      flushRuns(acc, runs);
      for (let c = 0; c < cols; c++) {
        const width = Math.min(col1, col0 + (c + 1) * blockCols) - (col0 + c * blockCols);
        values[next * cols + c] = acc[c] / ((r1 - r0) * width);
      }
    },
    () => ({ rows, cols, values, blockRows, blockCols }),
    'the grid',
  );
}

/** The whole grid in one call (tests, small sizes). */
export function maskGrid(name: PatternName, params: PatternParams, region: Region, maxPixels: number): Grid {
  const builder = createMaskGrid(name, params, region, maxPixels);
  builder.addRows(builder.rowsLeft);
  return builder.finish();
}

/**
 * The whole grid if it can be computed within `budgetMs` (the clock is read every 1/32 of
 * the rows), else null: the lab draws the whole-matrix picture on the main thread in the
 * same frame as the slider move when it is cheap, and leaves the rest to its worker.
 */
export function maskGridWithin(
  name: PatternName,
  params: PatternParams,
  region: Region,
  maxPixels: number,
  budgetMs: number,
  now: () => number = () => performance.now(),
): Grid | null {
  const builder = createMaskGrid(name, params, region, maxPixels);
  const t0 = now();
  const step = Math.max(1, Math.ceil(builder.rowsLeft / 32));
  while (builder.rowsLeft > 0) {
    builder.addRows(step);
    if (builder.rowsLeft > 0 && now() - t0 > budgetMs) return null;
  }
  return builder.finish();
}

/** The keys query `row` reads: Uint8Array(n) with 1 where attended, and its [lo, hi) key ranges (merged). */
export function rowKeys(
  name: PatternName,
  params: PatternParams,
  row: number,
): { keys: Uint8Array; ranges: [number, number][]; count: number } {
  throwIfProblems(validatePatternParams(name, params));
  const n = params.seqLen;
  if (!Number.isInteger(row) || row < 0 || row >= n) throw new RangeError(`query row ${row} is outside 0..${n - 1}`);
  const plan = planRows(name, params);
  const segs = createRowSegments(plan.capacity);
  plan.writeRow(row, segs);
  const keys = new Uint8Array(n);
  fillRowSegments(keys, 0, segs);
  const ranges: [number, number][] = [];
  let count = 0;
  for (let j = 0; j < n; j++) {
    if (keys[j] === 0) continue;
    count++;
    const last = ranges[ranges.length - 1];
    if (last && last[1] === j) last[1] = j + 1;
    else ranges.push([j, j + 1]);
  }
  return { keys, ranges, count };
}
