'use client';

/**
 * Lesson text beside the panel it explains, and the one site-wide switch that hides all lesson
 * text (remembered in localStorage under `sparselab.lessons`; every mounted switch and lesson
 * follows a change at once, other tabs through the storage event).
 *
 * Adopting it in a lab (attention, pruning, MoE):
 *   <LessonToggle />                                        once, e.g. in the toolbar
 *   <LessonBeside id="masks" lesson={<p>…</p>}>{panel}</LessonBeside>   per panel
 * The lesson sits to the right of the panel from 1280 px on and directly under it below that.
 * In embed mode (html[data-embed]) the lesson column carries embed-hide and is hidden.
 */
import { useSyncExternalStore } from 'react';
import { useLocale } from '@/components/shell/locale-context';
import { teachMessages } from '@/lib/i18n/teach';

const KEY = 'sparselab.lessons';
const EVENT = 'sparselab-lessons';

function subscribe(onChange: () => void): () => void {
  window.addEventListener(EVENT, onChange);
  window.addEventListener('storage', onChange);
  return () => {
    window.removeEventListener(EVENT, onChange);
    window.removeEventListener('storage', onChange);
  };
}

function read(): boolean {
  // embed mode (?embed=1, set on <html> before the first paint) never shows lesson text
  if (document.documentElement.dataset.embed === '1') return false;
  try {
    return window.localStorage.getItem(KEY) !== 'hidden';
  } catch {
    return true; // storage blocked: lessons stay visible
  }
}

/** True while lesson text is shown (the static HTML always shows it). */
export function useLessonsVisible(): boolean {
  return useSyncExternalStore(subscribe, read, () => true);
}

export function setLessonsVisible(visible: boolean): void {
  try {
    window.localStorage.setItem(KEY, visible ? 'shown' : 'hidden');
  } catch {
    // blocked storage: the switch still works for this page view through the event
  }
  window.dispatchEvent(new Event(EVENT));
}

/** The switch: one for the whole site. */
export function LessonToggle() {
  const m = teachMessages[useLocale()].lessons;
  const visible = useLessonsVisible();
  return (
    <label className="embed-hide inline-flex cursor-pointer items-center gap-2 text-sm" title={m.hint}>
      <input
        type="checkbox"
        role="switch"
        checked={visible}
        onChange={(e) => setLessonsVisible(e.target.checked)}
        data-testid="lessons-switch"
        aria-describedby="lessons-hint"
        className="h-4 w-4 accent-teal-700"
      />
      <span>
        {m.label}: {visible ? m.on : m.off}
      </span>
      <span id="lessons-hint" className="sr-only">
        {m.hint}
      </span>
    </label>
  );
}

/** Lesson text that only renders while lessons are shown. */
export function Lesson({ children, testId }: { children: React.ReactNode; testId?: string }) {
  const visible = useLessonsVisible();
  if (!visible) return null;
  return (
    <div className="embed-hide prose-lab text-sm" data-testid={testId} data-lesson="">
      {children}
    </div>
  );
}

/** A panel with its lesson beside it (≥ 1280 px) or directly under it. `id` is the panel's anchor. */
export function LessonBeside({
  id,
  children,
  lesson,
  testId,
}: {
  id: string;
  children: React.ReactNode;
  lesson: React.ReactNode;
  testId?: string;
}) {
  const visible = useLessonsVisible();
  return (
    <div id={id} className={`scroll-mt-4 ${visible ? 'grid gap-4 xl:grid-cols-[minmax(0,1fr)_19rem]' : ''}`} data-testid={testId}>
      <div className="min-w-0 space-y-4">{children}</div>
      {visible && (
        <aside
          className="embed-hide prose-lab self-start border-l-2 border-teal-600/60 pl-4 text-sm xl:sticky xl:top-4"
          data-lesson=""
          data-testid={testId ? `${testId}-lesson` : undefined}
        >
          {lesson}
        </aside>
      )}
    </div>
  );
}
