/**
 * Table and data exports. CSV goes through d3's csvFormat (d3-dsv: RFC 4180 quoting of
 * commas, quotes and newlines), so a cell can never break the file's structure.
 */
import { csvFormat, csvFormatRows } from 'd3-dsv';

export type Row = Record<string, string | number | boolean | null>;

/** Rows -> CSV text with a header line; `columns` fixes the order (default: the first row's keys). */
export function toCsv(rows: readonly Row[], columns?: readonly string[]): string {
  const cols = columns ?? (rows.length > 0 ? Object.keys(rows[0]) : []);
  return csvFormat(
    rows.map((r) => Object.fromEntries(cols.map((c) => [c, r[c] === null || r[c] === undefined ? '' : String(r[c])]))),
    [...cols],
  );
}

/** One CSV cell: numbers are written raw (full precision, '.' decimal point), never localized. */
export type Cell = string | number | boolean | null | undefined;

/**
 * A header and rows of plain values -> CSV text. Numbers keep their full value (String(v));
 * null, undefined and non-finite numbers become empty cells. Every row must have the
 * header's length, so a column can never shift.
 */
export function rowsToCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const cell = (v: Cell): string => (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v)) ? '' : String(v));
  rows.forEach((r, i) => {
    if (r.length !== header.length) throw new RangeError(`row ${i} has ${r.length} cells, the header ${header.length}`);
  });
  return csvFormatRows([[...header], ...rows.map((r) => r.map(cell))]);
}

/** A 0/1 mask or layout as JSON: { rows, cols, ...meta, data: number[][] } (row arrays). */
export function maskToJson(mask: ArrayLike<number>, rows: number, cols: number, meta: Record<string, unknown> = {}): string {
  return JSON.stringify({ ...meta, rows, cols, data: matrixRows(mask, rows, cols) });
}

/** Row-major values [rows, cols] -> an array of row arrays (for JSON); throws when the sizes disagree. */
export function matrixRows(values: ArrayLike<number>, rows: number, cols: number): number[][] {
  if (values.length !== rows * cols) throw new RangeError(`mask has ${values.length} entries, not ${rows} × ${cols}`);
  const data: number[][] = [];
  for (let r = 0; r < rows; r++) data.push(Array.from({ length: cols }, (_, c) => values[r * cols + c]));
  return data;
}

/** A file name made safe for every OS: letters, digits, dot, dash, underscore. */
export function safeFileName(name: string): string {
  return (
    name
      .replace(/[^a-z0-9._-]+/gi, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'sparselab'
  );
}
