'use client';

import { useLocale } from '@/components/shell/locale-context';
import { formatNumber } from '@/lib/i18n/locales';
import { pruningMessages } from '@/lib/i18n/pruning';
import type { LiveResult } from './use-pruning-workers';
import { formatPercent, formatPoints } from '@/lib/runtime/format';

/** Dense vs pruned test accuracy, sparsity, weights kept, and how long the evaluation took. */
export function AccuracySummary({ live, pending }: { live: LiveResult | null; pending: boolean }) {
  const locale = useLocale();
  const t = pruningMessages[locale].summary;
  const card = 'rounded-lg border border-zinc-200 p-3 dark:border-zinc-800';
  const big = 'mt-1 font-mono text-2xl font-semibold tabular-nums';
  const delta = live ? live.accuracy - live.denseAccuracy : 0;
  return (
    <section aria-labelledby="summary-title" data-testid="accuracy-summary" aria-busy={pending}>
      <h2 id="summary-title" className="text-lg font-semibold">
        {t.title}
      </h2>
      <div className="mt-2 grid grid-cols-2 gap-3 md:grid-cols-3">
        <div className={card}>
          <div className="text-sm text-zinc-600 dark:text-zinc-400">{t.dense}</div>
          <div className={big} data-testid="dense-accuracy" data-value={live?.denseAccuracy ?? ''}>
            {live ? formatPercent(live.denseAccuracy, locale, 2) : t.computing}
          </div>
        </div>
        <div className={card}>
          <div className="text-sm text-zinc-600 dark:text-zinc-400">{t.pruned}</div>
          <div className={`${big} ${pending ? 'opacity-60' : ''}`} data-testid="pruned-accuracy" data-value={live?.accuracy ?? ''}>
            {live ? formatPercent(live.accuracy, locale, 2) : t.computing}
          </div>
          {live && (
            <div className={`text-sm ${delta < -0.01 ? 'text-red-700 dark:text-red-400' : 'text-zinc-600 dark:text-zinc-400'}`}>
              {t.change(formatPoints(delta, locale, 2))}
            </div>
          )}
        </div>
        <div className={`${card} col-span-2 md:col-span-1`}>
          <div className="text-sm text-zinc-600 dark:text-zinc-400">{t.sparsity}</div>
          <div className={big} data-testid="overall-sparsity" data-value={live?.sparsity ?? ''}>
            {live ? formatPercent(live.sparsity, locale, 1) : t.computing}
          </div>
          {live && (
            <div className="text-sm text-zinc-600 dark:text-zinc-400">
              {t.kept(formatNumber(live.stats.total.kept, locale, 0), formatNumber(live.stats.total.params, locale, 0))}
            </div>
          )}
        </div>
      </div>
      {live && (
        <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400" data-testid="eval-timing">
          {t.timing(
            formatNumber(live.pruneMs + live.evalMs, locale, 0),
            formatNumber(live.pruneMs, locale, 0),
            formatNumber(live.evalMs, locale, 0),
          )}
        </p>
      )}
    </section>
  );
}
