'use client';

import { useLocale } from '@/components/shell/locale-context';
import { formatNumber } from '@/lib/i18n/locales';
import { pruningLmMessages } from '@/lib/i18n/pruning';

/** The language-model lesson, one part per panel: beside the live perplexity, the table and the curves. */
export function LmLesson({
  part,
  cells,
  dense,
}: {
  part: 'live' | 'table' | 'curve';
  cells: Record<string, number>;
  dense: number | null;
}) {
  const locale = useLocale();
  const m = pruningLmMessages[locale].lesson;
  const f = (v: number | undefined | null) => (v === undefined || v === null ? '…' : formatNumber(v, locale, 2));
  if (part === 'live') return <p>{m.oneShot}</p>;
  if (part === 'curve') return <p>{m.structured}</p>;
  const have =
    cells['magnitude|unstructured'] !== undefined &&
    cells['wanda|unstructured'] !== undefined &&
    cells['sparsegpt|unstructured'] !== undefined;
  return (
    <div data-testid="lm-lesson">
      <h3>{m.title}</h3>
      <p>{m.intro}</p>
      {have ? (
        <p data-testid="lm-lesson-measured">
          {m.measured(f(cells['magnitude|unstructured']), f(cells['wanda|unstructured']), f(cells['sparsegpt|unstructured']), f(dense))}{' '}
          {cells['magnitude|2:4'] !== undefined && cells['sparsegpt|2:4'] !== undefined
            ? m.nm(f(cells['magnitude|2:4']), f(cells['sparsegpt|2:4']))
            : ''}
        </p>
      ) : (
        <p className="text-zinc-600 dark:text-zinc-400">{m.pending}</p>
      )}
      <p>{m.small}</p>
    </div>
  );
}
