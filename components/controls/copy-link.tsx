'use client';

import { useState } from 'react';
import { useCommon } from '../shell/locale-context';

/** Copies the canonical URL of the current experiment (the address bar is kept canonical by useUrlState). */
export function CopyLink() {
  const m = useCommon();
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        data-testid="copy-link"
        className="rounded border border-teal-700 px-3 py-1 text-sm font-medium text-teal-800 hover:bg-teal-50 dark:border-teal-400 dark:text-teal-200 dark:hover:bg-teal-950"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(window.location.href);
            setStatus('copied');
          } catch {
            setStatus('failed');
          }
          setTimeout(() => setStatus('idle'), 2500);
        }}
      >
        {m.controls.copyLink}
      </button>
      <span role="status" aria-live="polite" className="text-xs text-zinc-600 dark:text-zinc-400">
        {status === 'copied' ? m.controls.copied : status === 'failed' ? m.controls.copyFailed : ''}
      </span>
    </span>
  );
}
