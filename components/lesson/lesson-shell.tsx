'use client';

import { useCommon } from '../shell/locale-context';

/**
 * The layout of a lab page: title and lead, then controls beside the pictures, then the
 * lesson text. Stacks into one column below 1024 px. In embed mode (?embed=1) the lead
 * and the lesson text are hidden and the lab remains under its title. They carry the
 * embed-hide class, which the inline script's html[data-embed] hides before the first
 * paint, so an embedded lab never flashes them while React reads the URL.
 * `wide` lets the lab use up to 88rem of a wide screen (room for lessons beside panels).
 * `guide` (a guided path) sits above the controls and pictures, `after` (a check, notes, links to
 * the next labs) below them, both full width.
 */
/** Centred on the viewport and wider than the site's 72rem column from 1280 px on. */
export const WIDE = 'xl:relative xl:left-1/2 xl:w-[min(88rem,calc(100vw-3rem))] xl:-translate-x-1/2';

export function LessonShell({
  title,
  lead,
  controls,
  children,
  lesson,
  embed = false,
  toolbar,
  guide,
  after,
  wide = false,
}: {
  title: string;
  lead: string;
  controls: React.ReactNode;
  children: React.ReactNode;
  lesson?: React.ReactNode;
  embed?: boolean;
  toolbar?: React.ReactNode;
  guide?: React.ReactNode;
  after?: React.ReactNode;
  wide?: boolean;
}) {
  const m = useCommon();
  return (
    <article className={wide ? WIDE : undefined}>
      <header className="max-w-3xl">
        <h1 className="embed-compact text-3xl font-bold tracking-tight">{title}</h1>
        <p className="embed-hide mt-2 text-zinc-700 dark:text-zinc-300">{lead}</p>
      </header>
      {toolbar && <div className="mt-4 flex flex-wrap items-center gap-3">{toolbar}</div>}
      {guide && !embed && <div className="mt-4">{guide}</div>}
      <div className="mt-6 grid gap-6 lg:grid-cols-[18rem_minmax(0,1fr)]">
        <aside
          aria-label={m.controls.controls}
          className="space-y-4 self-start rounded-lg border border-zinc-200 p-4 lg:sticky lg:top-4 dark:border-zinc-800"
        >
          {controls}
        </aside>
        <div className="min-w-0 space-y-6">{children}</div>
      </div>
      {lesson && !embed && <section className="embed-hide prose-lab mt-12 max-w-3xl">{lesson}</section>}
      {after && !embed && <div className="embed-hide mt-8 space-y-6">{after}</div>}
    </article>
  );
}
