'use client';

/**
 * The MoE lab's tutorial, in parts that sit beside the panels they explain
 * (components/teach/lessons.tsx LessonBeside): `LessonSections` picks sections of
 * lib/i18n/moe.ts by id, `CodeLesson` says what the source gets right before its critiques,
 * `BenchLesson` points at the About page for the device. The code panels themselves are a panel
 * of the lab (`CodePanels`), not lesson text: hiding the lessons keeps them.
 */
import Link from 'next/link';
import { CodePanel } from '@/components/lesson/code-panel';
import type { Locale } from '@/lib/i18n/locales';
import type { LessonId, MoeMessages } from '@/lib/i18n/moe';
import { type CodeSettings, SOURCE_MOE_CODE, fixedMoeCode } from '@/lib/moe/pytorch-code';

/** The lesson sections with these ids, in the order given. */
export function LessonSections({ m, ids }: { m: MoeMessages; ids: readonly LessonId[] }) {
  return (
    <>
      {ids.map((id) => {
        const s = m.lesson.sections.find((x) => x.id === id);
        if (!s) return null;
        return (
          <section key={id} data-testid={`moe-lesson-${id}`}>
            <h3>{s.h}</h3>
            {s.p.map((p) => (
              <p key={p.slice(0, 32)}>{p}</p>
            ))}
          </section>
        );
      })}
    </>
  );
}

/** The source's layer and a fixed layer for the current settings (a panel of the lab). */
export function CodePanels({ m, code }: { m: MoeMessages; code: CodeSettings }) {
  const l = m.lesson;
  return (
    <section className="min-w-0 space-y-3 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800" data-testid="moe-code">
      <h2 className="text-lg font-semibold">{l.codeTitle}</h2>
      <CodePanel title={l.sourceTitle} code={SOURCE_MOE_CODE} origin="source" testId="code-source" />
      <CodePanel title={l.fixedTitle} code={fixedMoeCode(code)} origin="ours" testId="code-fixed" />
    </section>
  );
}

/** Beside the code: what the source gets right, then what it leaves out, then the fix. */
export function CodeLesson({ m }: { m: MoeMessages }) {
  const l = m.lesson;
  return (
    <div data-testid="moe-lesson-code">
      <p data-testid="moe-source-good">{l.sourceGood}</p>
      <ul>
        {l.sourceNote.map((n) => (
          <li key={n.slice(0, 24)}>{n}</li>
        ))}
      </ul>
      <p>{l.fixedNote}</p>
    </div>
  );
}

/** Beside the kernel check: what the benchmark measures, and the About page for this device. */
export function BenchLesson({ m, locale }: { m: MoeMessages; locale: Locale }) {
  const l = m.lesson;
  return (
    <div data-testid="moe-lesson-bench">
      <h3>{l.benchTitle}</h3>
      <p>{l.bench}</p>
      <p>
        <Link href={`/${locale}/about`} className="text-teal-800 underline dark:text-teal-300" data-testid="moe-about-link">
          {l.benchAbout}
        </Link>
      </p>
    </div>
  );
}
