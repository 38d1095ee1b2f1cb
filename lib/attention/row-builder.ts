/**
 * The shape of the lab's chunked jobs (mask grids, difference grids, probabilities): a
 * result computed one row at a time, so a worker can yield between chunks of rows and drop
 * a stale job (lib/labs/attention/jobs.ts).
 */
export interface RowBuilder<T> {
  /** Rows still to compute. */
  readonly rowsLeft: number;
  /** Computes the next `count` rows (fewer at the end). */
  addRows(count: number): void;
  /** The result; throws until every row is computed. */
  finish(): T;
}

/** A RowBuilder over rows 0 .. rows − 1: addRow(r) computes row r, result() assembles the answer. */
export function rowBuilder<T>(rows: number, addRow: (row: number) => void, result: () => T, what = 'the result'): RowBuilder<T> {
  let next = 0;
  return {
    get rowsLeft() {
      return rows - next;
    },
    addRows(count: number) {
      const stop = Math.min(rows, next + count);
      for (; next < stop; next++) addRow(next);
    },
    finish() {
      if (next < rows) throw new Error(`${what} is not finished`);
      return result();
    },
  };
}
