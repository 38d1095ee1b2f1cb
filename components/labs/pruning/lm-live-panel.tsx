'use client';

import { LessonBeside } from '@/components/teach/lessons';
import { useLocale } from '@/components/shell/locale-context';
import { formatNumber } from '@/lib/i18n/locales';
import { pruningLmMessages } from '@/lib/i18n/pruning';
import type { Evaluation } from '@/lib/lm/prune-jobs';
import type { LoadedLm } from '@/lib/lm/prune-protocol';
import { formatPercent } from '@/lib/runtime/format';
import { formatPerplexity } from './lm-batch-panels';
import { LmLesson } from './lm-lesson';
import type { Progress } from './use-lm-pruning';

/** The current setting's perplexity beside the dense one, and the pruned share of the linear weights. */
export function LmLivePanel({
  loaded,
  tableCells,
  live: liveEval,
  stale,
  progress,
}: {
  loaded: LoadedLm;
  tableCells: Record<string, number>;
  live: Evaluation | null;
  stale: boolean;
  progress: Progress | null;
}) {
  const locale = useLocale();
  const t = pruningLmMessages[locale];
  const pct = (v: number, d = 1) => formatPercent(v, locale, d);
  const ppl = (v: number | null | undefined) => formatPerplexity(v, locale);
  return (
    <LessonBeside id="lm-live" lesson={<LmLesson part="live" cells={tableCells} dense={loaded.densePerplexity} />}>
      <section className="space-y-2" data-testid="lm-live" aria-busy={stale}>
        <h2 className="text-lg font-semibold">{t.live.title}</h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="lm-ready" data-backend={loaded.backend}>
          {t.loaded(loaded.model, loaded.backend)} {t.live.subset(loaded.testWindows, loaded.windowLength)}
        </p>
        <dl className="grid max-w-xl grid-cols-3 gap-3">
          <div>
            <dt className="text-xs text-zinc-600 dark:text-zinc-400">{t.live.dense}</dt>
            <dd className="font-mono text-2xl" data-testid="lm-dense-ppl" data-value={loaded.densePerplexity}>
              {ppl(loaded.densePerplexity)}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-zinc-600 dark:text-zinc-400">{t.live.pruned}</dt>
            <dd
              className={`font-mono text-2xl ${stale ? 'opacity-50' : ''}`}
              data-testid="lm-ppl"
              data-value={liveEval?.perplexity ?? ''}
              data-current={!stale}
            >
              {ppl(liveEval?.perplexity)}
            </dd>
            {liveEval && (
              <dd className="text-xs text-zinc-600 dark:text-zinc-400">
                {t.live.ratio(formatNumber(liveEval.perplexity / loaded.densePerplexity, locale, 2))}
              </dd>
            )}
          </div>
          <div>
            <dt className="text-xs text-zinc-600 dark:text-zinc-400">{t.live.sparsity}</dt>
            <dd className="font-mono text-2xl" data-testid="lm-sparsity" data-value={liveEval?.linearSparsity ?? ''}>
              {liveEval ? pct(liveEval.linearSparsity) : '…'}
            </dd>
          </div>
        </dl>
        {progress && (
          <p role="status" className="text-xs text-zinc-600 dark:text-zinc-400">
            {t.live.working(`${t.live.phases[progress.phase]} ${progress.done}/${progress.total}`)}
          </p>
        )}
      </section>
    </LessonBeside>
  );
}
