'use client';

import type { Correction } from '@/lib/state/parse';
import { useCommon } from '../shell/locale-context';

/** Lists what the page corrected in the link. Values are rendered as text, never as HTML. */
export function CorrectionsNotice({ corrections, onDismiss }: { corrections: readonly Correction[]; onDismiss: () => void }) {
  const m = useCommon().corrections;
  if (corrections.length === 0) return null;
  return (
    <div
      role="status"
      data-testid="corrections"
      className="mb-4 rounded border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950/60 dark:text-amber-100"
    >
      <div className="flex items-start justify-between gap-4">
        <p className="font-medium">{m.title}</p>
        <button type="button" onClick={onDismiss} className="rounded px-2 text-xs underline">
          {m.dismiss}
        </button>
      </div>
      <ul className="mt-1 list-disc pl-5">
        {corrections.map((c, i) => (
          <li key={i} data-param={c.param} data-reason={c.reason}>
            {m[c.reason](c.param, c.given, c.used)}
          </li>
        ))}
      </ul>
    </div>
  );
}
