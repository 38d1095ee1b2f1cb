/**
 * Pieces of the kernel panel's results (kernel-panel.tsx): the pass / fail verdict of a
 * check and the result tables.
 */
import type { ReactNode } from 'react';
import type { attentionMessages } from '@/lib/i18n/attention';

/** Pass or fail of one kernel against its twin, coloured. */
export function Verdict({ ok, m }: { ok: boolean; m: (typeof attentionMessages)['en']['kernel'] }) {
  return <span className={ok ? 'font-semibold text-teal-700 dark:text-teal-300' : 'font-semibold text-red-700 dark:text-red-400'}>{ok ? m.pass : m.fail}</span>;
}

/** The panel's result tables: a header row, then monospace rows (the caller's <tr>s). */
export function ResultTable({ headers, children }: { headers: readonly string[]; children: ReactNode }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-xs">
        <thead>
          <tr className="border-b border-zinc-200 dark:border-zinc-800">
            {headers.map((h, i) => (
              <th key={h} className={i < headers.length - 1 ? 'py-1 pr-2' : 'py-1'}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="font-mono">{children}</tbody>
      </table>
    </div>
  );
}
