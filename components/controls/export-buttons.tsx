'use client';

import { useState } from 'react';
import { safeFileName } from '@/lib/export/tables';
import { downloadBlob } from './download';
import { useCommon } from '../shell/locale-context';

export interface ExportItem {
  /** Button text, e.g. 'PNG', 'SVG', 'CSV', 'JSON'. */
  format: string;
  filename: string;
  make: () => Blob | Promise<Blob>;
}

/**
 * A row of small download buttons; a failure is shown, never thrown. `label` (e.g. the
 * figure's or table's title) names the row as a group, so screen readers hear which
 * picture or table a "CSV" or "PNG" button belongs to.
 */
export function ExportButtons({
  items,
  testId,
  label,
  className = '',
}: {
  items: readonly ExportItem[];
  testId?: string;
  label?: string;
  className?: string;
}) {
  const m = useCommon().controls;
  const [error, setError] = useState('');
  return (
    <div
      className={`flex flex-wrap items-center gap-1.5 text-xs ${className}`}
      data-testid={testId}
      role={label ? 'group' : undefined}
      aria-label={label ? `${m.download}: ${label}` : undefined}
    >
      <span className="text-zinc-600 dark:text-zinc-400">{m.download}</span>
      {items.map((it) => (
        <button
          key={it.format}
          type="button"
          className="rounded border border-zinc-300 px-1.5 py-0.5 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
          data-testid={testId ? `${testId}-${it.format.toLowerCase()}` : undefined}
          onClick={async () => {
            try {
              setError('');
              downloadBlob(await it.make(), safeFileName(it.filename));
            } catch (err) {
              setError(err instanceof Error ? err.message : String(err));
            }
          }}
        >
          {it.format}
        </button>
      ))}
      {error && (
        <span role="alert" className="text-red-700 dark:text-red-400">
          {error}
        </span>
      )}
    </div>
  );
}
