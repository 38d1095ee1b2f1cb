/**
 * Aggregates a row-major [rows, cols] matrix into a [outRows, outCols] grid of block
 * means, for drawing a matrix larger than its canvas (a 4096 x 4096 mask on a 512-pixel
 * canvas: each pixel is the mean of an 8 x 8 block). Blocks at the edges may be partial.
 * With `abs`, the mean of |value| is taken (weights).
 */
export interface Grid {
  rows: number;
  cols: number;
  values: Float32Array;
  /** Cells per output pixel along each axis (1 when no aggregation). */
  blockRows: number;
  blockCols: number;
}

export function aggregateGrid(data: ArrayLike<number>, rows: number, cols: number, maxRows: number, maxCols: number, abs = false): Grid {
  const blockRows = Math.max(1, Math.ceil(rows / maxRows));
  const blockCols = Math.max(1, Math.ceil(cols / maxCols));
  const outRows = Math.ceil(rows / blockRows);
  const outCols = Math.ceil(cols / blockCols);
  const sums = new Float64Array(outRows * outCols);
  const rowSums = new Float64Array(outCols);
  for (let r0 = 0; r0 < outRows; r0++) {
    rowSums.fill(0);
    const rEnd = Math.min(rows, (r0 + 1) * blockRows);
    for (let r = r0 * blockRows; r < rEnd; r++) {
      const base = r * cols;
      for (let c0 = 0, c = 0; c0 < outCols; c0++) {
        const cEnd = Math.min(cols, c + blockCols);
        let s = 0;
        if (abs) for (; c < cEnd; c++) s += Math.abs(data[base + c]);
        else for (; c < cEnd; c++) s += data[base + c];
        rowSums[c0] += s;
      }
    }
    const nr = rEnd - r0 * blockRows;
    for (let c0 = 0; c0 < outCols; c0++) {
      const nc = Math.min(cols, (c0 + 1) * blockCols) - c0 * blockCols;
      sums[r0 * outCols + c0] = rowSums[c0] / (nr * nc);
    }
  }
  return { rows: outRows, cols: outCols, values: Float32Array.from(sums), blockRows, blockCols };
}
