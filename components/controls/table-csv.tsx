'use client';

import { type Cell, rowsToCsv } from '@/lib/export/tables';
import { ExportButtons } from './export-buttons';

export type CsvRows = readonly (readonly Cell[])[];

export interface TableCsvProps {
  /** File name stem; `.csv` is added. */
  name: string;
  /** Column names of the file (stable snake_case keys with units, the same in every locale). */
  header: readonly string[];
  /** Raw values, one array per row (numbers unformatted); a function is called only on click. */
  rows: CsvRows | (() => CsvRows);
  /** The table's visible title, for the button row's accessible name. */
  label?: string;
  /** The button gets `${testId}-csv`. */
  testId?: string;
  className?: string;
}

/**
 * A "Download CSV" button for a data table, built from the values the caller passes (not
 * scraped from the DOM), so numbers are raw and the file is the same in every locale.
 */
export function TableCsv({ name, header, rows, label, testId, className = 'mt-2' }: TableCsvProps) {
  return (
    <ExportButtons
      testId={testId}
      label={label}
      className={className}
      items={[
        {
          format: 'CSV',
          filename: `${name}.csv`,
          make: () => new Blob([rowsToCsv(header, typeof rows === 'function' ? rows() : rows)], { type: 'text/csv;charset=utf-8' }),
        },
      ]}
    />
  );
}
