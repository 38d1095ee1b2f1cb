'use client';

import { useCommon } from '../shell/locale-context';

/**
 * The layout of a lab page: title and lead, then controls beside the pictures, then the
 * lesson text. Stacks into one column below 1024 px. In embed mode (?embed=1) the lead
 * and the lesson text are hidden and the lab remains under its title. They carry the
 * embed-hide class, which the inline script's html[data-embed] hides before the first
 * paint, so an embedded lab never flashes them while React reads the URL.
 */
export function LessonShell({ title, lead, controls, children, lesson, embed = false, toolbar }: { title: string; lead: string; controls: React.ReactNode; children: React.ReactNode; lesson?: React.ReactNode; embed?: boolean; toolbar?: React.ReactNode }) {
  const m = useCommon();
  return (
    <article>
      <header className="max-w-3xl">
        <h1 className="embed-compact text-3xl font-bold tracking-tight">{title}</h1>
        <p className="embed-hide mt-2 text-zinc-700 dark:text-zinc-300">{lead}</p>
      </header>
      {toolbar && <div className="mt-4 flex flex-wrap items-center gap-3">{toolbar}</div>}
      <div className="mt-6 grid gap-6 lg:grid-cols-[18rem_minmax(0,1fr)]">
        <aside aria-label={m.controls.controls} className="space-y-4 self-start rounded-lg border border-zinc-200 p-4 lg:sticky lg:top-4 dark:border-zinc-800">
          {controls}
        </aside>
        <div className="min-w-0 space-y-6">{children}</div>
      </div>
      {lesson && !embed && <section className="embed-hide prose-lab mt-12 max-w-3xl">{lesson}</section>}
    </article>
  );
}
