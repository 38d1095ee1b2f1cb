'use client';

import { CodePanel } from '@/components/lesson/code-panel';
import type { MoeMessages } from '@/lib/i18n/moe';
import { type CodeSettings, SOURCE_MOE_CODE, fixedMoeCode } from '@/lib/moe/pytorch-code';

/** The tutorial text and the two code panels (the source's layer, and the fix for the current settings). */
export function MoeLesson({ m, code }: { m: MoeMessages; code: CodeSettings }) {
  const l = m.lesson;
  return (
    <div className="space-y-6" data-testid="moe-lesson">
      {l.sections.map((s) => (
        <section key={s.h} className="space-y-2">
          <h2 className="text-xl font-semibold">{s.h}</h2>
          {s.p.map((p) => (
            <p key={p.slice(0, 32)} className="text-zinc-800 dark:text-zinc-200">
              {p}
            </p>
          ))}
        </section>
      ))}
      <CodePanel
        title={l.sourceTitle}
        code={SOURCE_MOE_CODE}
        origin="source"
        testId="code-source"
        note={
          <ul className="list-disc space-y-1 pl-5">
            {l.sourceNote.map((n) => (
              <li key={n.slice(0, 24)}>{n}</li>
            ))}
          </ul>
        }
      />
      <p className="text-zinc-800 dark:text-zinc-200">{l.fixedNote}</p>
      <CodePanel title={l.fixedTitle} code={fixedMoeCode(code)} origin="ours" testId="code-fixed" />
      <section className="space-y-2">
        <h2 className="text-xl font-semibold">{l.benchTitle}</h2>
        <p className="text-zinc-800 dark:text-zinc-200">{l.bench}</p>
      </section>
    </div>
  );
}
