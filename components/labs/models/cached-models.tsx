'use client';

import { useCallback, useEffect, useState } from 'react';
import { useLocale } from '@/components/shell/locale-context';
import { lmMessages } from '@/lib/i18n/lm';
import { formatBytes } from '@/lib/i18n/locales';
import { cachedModels, clearModelCache } from '@/lib/lm/download';
import { LM_NAMES, type LmName } from '@/lib/lm/models';

/** The About page's list of language models stored in Cache Storage, with a button that clears them. */
export function CachedModels() {
  const m = lmMessages[useLocale()].cache;
  const [list, setList] = useState<{ name: LmName; bytes: number }[] | null | 'unavailable'>(null);
  const [cleared, setCleared] = useState(false);
  const refresh = useCallback(() => {
    if (typeof caches === 'undefined') {
      setList('unavailable');
      return;
    }
    cachedModels(caches, LM_NAMES).then(setList, () => setList('unavailable'));
  }, []);
  useEffect(refresh, [refresh]);
  return (
    <section aria-labelledby="cached-models-title" data-testid="cached-models">
      <h2 id="cached-models-title" className="text-xl font-semibold">
        {m.title}
      </h2>
      <p className="mt-2 text-sm text-zinc-700 dark:text-zinc-300">{m.body}</p>
      {list === null && <p className="mt-2 text-sm">{m.checking}</p>}
      {list === 'unavailable' && <p className="mt-2 text-sm">{m.unavailable}</p>}
      {Array.isArray(list) && (
        <>
          {list.length === 0 ? (
            <p className="mt-2 text-sm" data-testid="cached-none">
              {cleared ? m.cleared : m.none}
            </p>
          ) : (
            <ul className="mt-2 text-sm" data-testid="cached-list">
              {list.map((c) => (
                <li key={c.name} className="font-mono">
                  {c.name} · {formatBytes(c.bytes)}
                </li>
              ))}
            </ul>
          )}
          <button
            type="button"
            disabled={list.length === 0}
            className="mt-3 rounded border border-zinc-400 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 disabled:cursor-not-allowed disabled:opacity-50 dark:border-zinc-600 dark:hover:bg-zinc-800"
            onClick={() => clearModelCache(caches).then(() => (setCleared(true), refresh()))}
            data-testid="clear-models"
          >
            {m.clear}
          </button>
        </>
      )}
    </section>
  );
}
