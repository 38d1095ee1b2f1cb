/**
 * Table and data exports. CSV goes through d3's csvFormat (d3-dsv: RFC 4180 quoting of
 * commas, quotes and newlines), so a cell can never break the file's structure.
 */
import { csvFormat } from 'd3';

export type Row = Record<string, string | number | boolean | null>;

/** Rows -> CSV text with a header line; `columns` fixes the order (default: the first row's keys). */
export function toCsv(rows: readonly Row[], columns?: readonly string[]): string {
  const cols = columns ?? (rows.length > 0 ? Object.keys(rows[0]) : []);
  return csvFormat(
    rows.map((r) => Object.fromEntries(cols.map((c) => [c, r[c] === null || r[c] === undefined ? '' : String(r[c])]))),
    [...cols],
  );
}

/** A 0/1 mask or layout as JSON: { rows, cols, ...meta, data: number[][] } (row arrays). */
export function maskToJson(mask: ArrayLike<number>, rows: number, cols: number, meta: Record<string, unknown> = {}): string {
  if (mask.length !== rows * cols) throw new RangeError(`mask has ${mask.length} entries, not ${rows} × ${cols}`);
  const data: number[][] = [];
  for (let r = 0; r < rows; r++) data.push(Array.from({ length: cols }, (_, c) => mask[r * cols + c]));
  return JSON.stringify({ ...meta, rows, cols, data });
}

/** A file name made safe for every OS: letters, digits, dot, dash, underscore. */
export function safeFileName(name: string): string {
  return name.replace(/[^a-z0-9._-]+/gi, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'sparselab';
}
