'use client';

import { useState } from 'react';
import { useCommon } from '../shell/locale-context';

/**
 * A code block with a copy button. `origin` labels where the code comes from:
 * 'source' marks the source article's own code (shown with what is wrong with it),
 * 'ours' marks code generated for the current settings.
 */
export function CodePanel({
  title,
  code,
  language = 'python',
  origin = 'ours',
  note,
  testId,
}: {
  title: string;
  code: string;
  language?: string;
  origin?: 'source' | 'ours';
  note?: React.ReactNode;
  testId?: string;
}) {
  const m = useCommon();
  const [copied, setCopied] = useState(false);
  return (
    <section
      data-testid={testId}
      className={`overflow-hidden rounded-lg border ${origin === 'source' ? 'border-amber-500' : 'border-zinc-300 dark:border-zinc-700'}`}
    >
      <header
        className={`flex items-center justify-between gap-2 px-3 py-1.5 text-sm ${origin === 'source' ? 'bg-amber-100 text-amber-950 dark:bg-amber-950 dark:text-amber-100' : 'bg-zinc-100 dark:bg-zinc-900'}`}
      >
        <span className="font-medium">{title}</span>
        <button
          type="button"
          className="rounded border border-current px-2 py-0.5 text-xs"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(code);
              setCopied(true);
              setTimeout(() => setCopied(false), 2000);
            } catch {
              setCopied(false);
            }
          }}
        >
          {copied ? m.controls.codeCopied : m.controls.copyCode}
        </button>
      </header>
      <pre
        tabIndex={0}
        aria-label={title}
        className="overflow-x-auto bg-zinc-50 p-3 text-xs leading-relaxed focus-visible:outline-2 focus-visible:outline-teal-600 dark:bg-zinc-900/60"
        data-language={language}
      >
        <code>{code}</code>
      </pre>
      {note && (
        <div className="border-t border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100">
          {note}
        </div>
      )}
    </section>
  );
}
