'use client';

import { useState } from 'react';
import { embedSnippet } from '@/lib/state/embed';
import { useCommon } from '../shell/locale-context';

type Status = { kind: 'idle' } | { kind: 'copied'; what: 'link' | 'embed' } | { kind: 'failed'; text: string };

const buttonClass =
  'rounded border border-teal-700 px-3 py-1 text-sm font-medium text-teal-800 hover:bg-teal-50 dark:border-teal-400 dark:text-teal-200 dark:hover:bg-teal-950';

/**
 * Copies the canonical URL of the current experiment (the address bar is kept canonical by
 * useUrlState), or an iframe snippet of it with embed=1 (lib/state/embed.ts). Where the
 * browser refuses the clipboard, the text is shown, selected, to copy by hand.
 */
export function CopyLink() {
  const m = useCommon().controls;
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const copy = async (what: 'link' | 'embed') => {
    const text = what === 'link' ? window.location.href : embedSnippet(window.location.href, document.title);
    try {
      await navigator.clipboard.writeText(text);
      setStatus({ kind: 'copied', what });
      setTimeout(() => setStatus((s) => (s.kind === 'copied' ? { kind: 'idle' } : s)), 4000);
    } catch {
      setStatus({ kind: 'failed', text });
    }
  };
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button type="button" data-testid="copy-link" className={buttonClass} onClick={() => copy('link')}>
        {m.copyLink}
      </button>
      <button type="button" data-testid="copy-embed" className={`embed-hide ${buttonClass}`} onClick={() => copy('embed')}>
        {m.copyEmbed}
      </button>
      <span role="status" aria-live="polite" className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="copy-status">
        {status.kind === 'copied' ? (status.what === 'link' ? m.copied : m.embedCopied) : status.kind === 'failed' ? m.copyManually : ''}
      </span>
      {status.kind === 'failed' && (
        <input
          readOnly
          value={status.text}
          aria-label={m.copyManually}
          data-testid="copy-manual"
          className="w-full min-w-0 rounded border border-zinc-300 bg-white px-2 py-1 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900"
          ref={(el) => el?.select()}
          onFocus={(e) => e.currentTarget.select()}
        />
      )}
    </span>
  );
}
