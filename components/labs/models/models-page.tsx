'use client';

import { useCallback, useMemo, useState } from 'react';
import { CopyLink } from '@/components/controls/copy-link';
import { CorrectionsNotice } from '@/components/controls/corrections-notice';
import { useUrlState } from '@/components/hooks/use-url-state';
import { WIDE } from '@/components/lesson/lesson-shell';
import { useLocale } from '@/components/shell/locale-context';
import { GuidedPath } from '@/components/teach/guided-path';
import { LabCheck } from '@/components/teach/lab-check';
import { LessonBeside, LessonToggle } from '@/components/teach/lessons';
import { NextLabs } from '@/components/teach/next-labs';
import { lmMessages } from '@/lib/i18n/lm';
import { teachMessages } from '@/lib/i18n/teach';
import { modelsSchema } from '@/lib/state/models';
import { modelsLive } from '@/lib/teach/live';
import { modelsPath } from '@/lib/teach/paths';
import { ModelCards } from './model-cards';
import { TextPanel, type TextPanelLive } from './text-panel';

function Sections({ sections }: { sections: readonly { h: string; p: readonly string[] }[] }) {
  return (
    <>
      {sections.map((s) => (
        <div key={s.h}>
          <h2>{s.h}</h2>
          {s.p.map((p) => (
            <p key={p.slice(0, 24)}>{p}</p>
          ))}
        </div>
      ))}
    </>
  );
}

/**
 * /[locale]/models: the three language models, their numbers, and the text panel; a guided path
 * on top, the lesson beside the panel it explains, a check and the next labs at the end.
 */
export function ModelsPage() {
  const locale = useLocale();
  const m = lmMessages[locale];
  const teach = teachMessages[locale];
  const u = useUrlState(modelsSchema);
  // what the text panel measured in this page view (scores per model and text, the last generation speed)
  const [measured, setMeasured] = useState<{ bpc: Record<string, number>; uniform: Record<string, number>; cps: number | null }>({
    bpc: {},
    uniform: {},
    cps: null,
  });
  const onLive = useCallback((e: TextPanelLive) => {
    setMeasured((prev) =>
      e.kind === 'score'
        ? { ...prev, bpc: { ...prev.bpc, [e.key]: e.bitsPerChar }, uniform: { ...prev.uniform, [e.model]: e.uniformBits } }
        : { ...prev, cps: e.charsPerSecond },
    );
  }, []);
  const live = useMemo(() => modelsLive({ bpc: measured.bpc, uniformBits: measured.uniform, charsPerSecond: measured.cps }), [measured]);
  return (
    <article className={`space-y-8 ${WIDE}`}>
      <header className="max-w-3xl">
        <h1 className="embed-compact text-3xl font-bold tracking-tight">{m.title}</h1>
        <p className="embed-hide mt-2 text-zinc-700 dark:text-zinc-300">{m.lead}</p>
      </header>
      <div className="flex flex-wrap items-center gap-3">
        <LessonToggle />
        <CopyLink />
      </div>
      {!u.embed && (
        <GuidedPath path={modelsPath} texts={teach.paths.models} state={u.state} live={live} navigate={u.navigate} update={u.update} />
      )}
      <CorrectionsNotice corrections={u.corrections} onDismiss={u.dismissCorrections} />
      <LessonBeside id="reading" lesson={<Sections sections={m.lesson.slice(0, 2)} />}>
        {u.ready && <TextPanel settings={u.state} update={u.update} onLive={onLive} />}
      </LessonBeside>
      <LessonBeside id="cards" lesson={<Sections sections={m.lesson.slice(2)} />}>
        <ModelCards />
      </LessonBeside>
      {!u.embed && (
        <div className="embed-hide space-y-6">
          <LabCheck questions={modelsPath.check} texts={teach.checks.models} live={live} />
          <NextLabs lab="models" />
        </div>
      )}
    </article>
  );
}
