'use client';

import type { UrlState } from '@/components/hooks/use-url-state';
import { useLocale } from '@/components/shell/locale-context';
import { pruningLmMessages } from '@/lib/i18n/pruning';
import type { GeneratedPair, LoadedLm } from '@/lib/lm/prune-protocol';
import type { pruningSchema } from '@/lib/state/pruning';
import { formatPerplexity, primary } from './lm-batch-panels';

/** The same prompt continued by the dense and the pruned model, each with its perplexity. */
export function LmGeneratePanel({
  loaded,
  state,
  update,
  gen,
  busy,
  run,
}: {
  loaded: LoadedLm;
  state: UrlState<typeof pruningSchema>['state'];
  update: UrlState<typeof pruningSchema>['update'];
  gen: GeneratedPair | null;
  busy: boolean;
  run: () => void;
}) {
  const locale = useLocale();
  const t = pruningLmMessages[locale];
  const ppl = (v: number | null | undefined) => formatPerplexity(v, locale);
  return (
    <section className="space-y-2" data-testid="lm-generate">
      <h2 className="text-lg font-semibold">{t.generate.title}</h2>
      <label className="block text-sm">
        {t.generate.prompt}
        <input
          type="text"
          value={state.prompt}
          maxLength={200}
          placeholder={loaded.defaultPrompt}
          onChange={(e) => update({ prompt: e.target.value })}
          className="mt-1 block w-full rounded border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
          data-testid="lm-prompt"
        />
        <span className="text-xs text-zinc-600 dark:text-zinc-400">{t.generate.promptHint}</span>
      </label>
      <label className="block text-sm">
        {t.generate.seed}
        <input
          type="number"
          min={0}
          max={999999}
          value={state.genSeed}
          onChange={(e) => update({ genSeed: Math.max(0, Math.min(999999, Math.round(Number(e.target.value) || 0))) })}
          className="ml-2 w-28 rounded border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
          data-testid="lm-gen-seed"
        />
      </label>
      <button type="button" className={primary} onClick={run} disabled={busy} data-testid="lm-generate-run">
        {t.generate.run}
      </button>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">{t.generate.note}</p>
      {gen && (
        <div className="grid gap-4 md:grid-cols-2">
          <figure>
            <figcaption className="text-sm font-medium">{t.generate.dense(ppl(loaded.densePerplexity))}</figcaption>
            <p
              className="whitespace-pre-wrap rounded border border-zinc-200 p-2 font-mono text-sm dark:border-zinc-800"
              data-testid="lm-gen-dense"
            >
              <span className="text-zinc-600 dark:text-zinc-400">{gen.prompt}</span>
              {gen.dense}
            </p>
          </figure>
          <figure>
            <figcaption className="text-sm font-medium">{t.generate.pruned(ppl(gen.perplexity))}</figcaption>
            <p
              className="whitespace-pre-wrap rounded border border-zinc-200 p-2 font-mono text-sm dark:border-zinc-800"
              data-testid="lm-gen-pruned"
            >
              <span className="text-zinc-600 dark:text-zinc-400">{gen.prompt}</span>
              {gen.pruned}
            </p>
          </figure>
        </div>
      )}
    </section>
  );
}
