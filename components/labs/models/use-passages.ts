'use client';

import { useEffect, useState } from 'react';
import type { Passage } from '@/lib/lm/corpus';
import { passagesUrl } from '@/lib/lm/models';

/** The passages of one language's test split, fetched once per language. */
export function usePassages(lang: 'en' | 'zh'): Passage[] | null {
  const [passages, setPassages] = useState<Record<string, Passage[]>>({});
  useEffect(() => {
    if (passages[lang]) return;
    let live = true;
    fetch(passagesUrl(lang))
      .then((r) => r.json() as Promise<{ passages: Passage[] }>)
      .then((j) => live && setPassages((p) => ({ ...p, [lang]: j.passages })))
      .catch(() => live && setPassages((p) => ({ ...p, [lang]: [] })));
    return () => {
      live = false;
    };
  }, [lang, passages]);
  return passages[lang] ?? null;
}
