'use client';

import { useEffect, useState } from 'react';
import { useLocale } from '@/components/shell/locale-context';
import { lmMessages } from '@/lib/i18n/lm';
import { formatNumber } from '@/lib/i18n/locales';
import { LM_MODELS, LM_NAMES, type LmName, modelUrl } from '@/lib/lm/models';

/** The part of a model folder's training.json (scripts/train_lm.py) the cards show. */
interface TrainingSummary {
  spec: { arch: string; hidden: number; layers: number; heads: number; kv_heads: number; ffn: number; experts?: number; top_k?: number };
  metrics: {
    test_nll: number;
    unigram_test_nll: number;
    train_seconds: number;
    steps: number;
    parameters: number;
    active_parameters?: number;
  };
}

/** The three models with their measured numbers, read from each folder's training.json. */
export function ModelCards() {
  const locale = useLocale();
  const m = lmMessages[locale];
  const [summaries, setSummaries] = useState<Partial<Record<LmName, TrainingSummary>>>({});
  useEffect(() => {
    let live = true;
    for (const name of LM_NAMES) {
      fetch(modelUrl(name, 'training.json'))
        .then((r) => r.json() as Promise<TrainingSummary>)
        .then((s) => live && setSummaries((prev) => ({ ...prev, [name]: s })))
        .catch(() => undefined);
    }
    return () => {
      live = false;
    };
  }, []);
  const n = (v: number, d = 3) => formatNumber(v, locale, d);
  return (
    <section aria-labelledby="model-cards-title">
      <h2 id="model-cards-title" className="text-xl font-semibold">
        {m.cards.title}
      </h2>
      <ul className="mt-3 grid gap-4 md:grid-cols-3" data-testid="model-cards">
        {LM_NAMES.map((name) => {
          const s = summaries[name];
          const sp = s?.spec;
          return (
            <li key={name} className="rounded-lg border border-zinc-200 p-4 text-sm dark:border-zinc-800">
              <h3 className="font-mono text-lg font-semibold text-teal-800 dark:text-teal-300">{name}</h3>
              <p className="mt-1 text-zinc-700 dark:text-zinc-300">{m.models[name].what}</p>
              {s && sp ? (
                <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
                  <dt className="text-zinc-600 dark:text-zinc-400">{m.cards.arch}</dt>
                  <dd className="font-mono text-xs">
                    {LM_MODELS[name].arch === 'mixtral' ? 'MixtralForCausalLM' : 'LlamaForCausalLM'}: {sp.layers} × H{sp.hidden}, {sp.heads}
                    /{sp.kv_heads} heads
                    {sp.experts ? `, ${sp.experts} experts top-${sp.top_k}` : ''}
                  </dd>
                  <dt className="text-zinc-600 dark:text-zinc-400">{m.cards.params}</dt>
                  <dd>
                    {n(s.metrics.parameters / 1e6, 2)} M
                    {s.metrics.active_parameters ? ` (${n(s.metrics.active_parameters / 1e6, 2)} M ${m.cards.active})` : ''}
                  </dd>
                  <dt className="text-zinc-600 dark:text-zinc-400">{m.cards.testLoss}</dt>
                  <dd data-testid={`card-${name}-test`}>
                    {n(s.metrics.test_nll)} nats/char · {n(s.metrics.test_nll / Math.LN2)} bpc
                  </dd>
                  <dt className="text-zinc-600 dark:text-zinc-400">{m.cards.unigram}</dt>
                  <dd>{n(s.metrics.unigram_test_nll)} nats/char</dd>
                  <dt className="text-zinc-600 dark:text-zinc-400">{m.cards.trained}</dt>
                  <dd>
                    {s.metrics.steps} {m.cards.steps}, {m.cards.minutes(s.metrics.train_seconds / 60)}
                  </dd>
                </dl>
              ) : (
                <p className="mt-3 text-zinc-500">{m.cards.pending}</p>
              )}
              <a className="mt-3 inline-block text-teal-800 underline dark:text-teal-300" href={modelUrl(name, 'README.md')}>
                {m.cards.card}
              </a>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
