'use client';

import { CopyLink } from '@/components/controls/copy-link';
import { CorrectionsNotice } from '@/components/controls/corrections-notice';
import { useUrlState } from '@/components/hooks/use-url-state';
import { useLocale } from '@/components/shell/locale-context';
import { lmMessages } from '@/lib/i18n/lm';
import { modelsSchema } from '@/lib/state/models';
import { ModelCards } from './model-cards';
import { TextPanel } from './text-panel';

/** /[locale]/models: the three language models, their numbers, and the text panel. */
export function ModelsPage() {
  const m = lmMessages[useLocale()];
  const u = useUrlState(modelsSchema);
  return (
    <article className="space-y-8">
      <header className="max-w-3xl">
        <h1 className="embed-compact text-3xl font-bold tracking-tight">{m.title}</h1>
        <p className="embed-hide mt-2 text-zinc-700 dark:text-zinc-300">{m.lead}</p>
      </header>
      <div className="flex flex-wrap items-center gap-3">
        <CopyLink />
      </div>
      <CorrectionsNotice corrections={u.corrections} onDismiss={u.dismissCorrections} />
      {u.ready && <TextPanel settings={u.state} update={u.update} />}
      <ModelCards />
      {!u.embed && (
        <section className="embed-hide prose-lab max-w-3xl">
          {m.lesson.map((s) => (
            <div key={s.h}>
              <h2>{s.h}</h2>
              {s.p.map((p) => (
                <p key={p.slice(0, 24)}>{p}</p>
              ))}
            </div>
          ))}
        </section>
      )}
    </article>
  );
}
