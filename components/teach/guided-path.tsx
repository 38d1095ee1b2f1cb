'use client';

/**
 * The guided path at the top of a lab: numbered steps, each "predict → set up (a preset URL,
 * pushed so Back undoes it) → reveal the answer from the page's live values", skippable, with the
 * progress in the URL's `step` and a link to the next lab at the end.
 *
 * Adopting it in a lab (attention, pruning, MoE), after adding `step: GUIDED_STEP_PARAM` to the
 * schema and the path to lib/teach/paths.ts (texts in lib/i18n/teach.ts):
 *
 *   const u = useUrlState(fooSchema);
 *   const live = useMemo(() => ({ 'foo.acc': accuracy }), [accuracy]);   // numbers on the page
 *   <GuidedPath path={fooPath} texts={teachMessages[locale].paths.foo} state={u.state}
 *               live={live} navigate={u.navigate} update={u.update} />
 */
import Link from 'next/link';
import { useState } from 'react';
import { useLocale } from '@/components/shell/locale-context';
import { type StepText, teachMessages } from '@/lib/i18n/teach';
import { nextInCourse } from '@/lib/teach/course';
import { type GuidedPathDef, type LiveValues, currentStep, knownValues, presetState } from '@/lib/teach/guided';
import type { Schema, StateOf } from '@/lib/state/schema';

const button = 'rounded border px-3 py-1.5 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-50';
const primary = `${button} border-teal-700 bg-teal-700 text-white hover:bg-teal-800`;
const secondary = `${button} border-zinc-400 hover:bg-zinc-100 dark:border-zinc-600 dark:hover:bg-zinc-800`;

export interface GuidedPathProps<S extends Schema> {
  path: GuidedPathDef<S>;
  texts: Readonly<Record<string, StepText>>;
  /** The lab's URL state (its `step` is the progress). */
  state: StateOf<S>;
  live: LiveValues;
  /** Replaces the state with a history entry (useUrlState's navigate). */
  navigate: (next: StateOf<S>) => void;
  /** Patches the state in place (useUrlState's update). */
  update: (patch: Partial<StateOf<S>>) => void;
}

function sameAsPreset<S extends Schema>(path: GuidedPathDef<S>, index: number, state: StateOf<S>): boolean {
  const preset = path.steps[index].preset as Record<string, unknown>;
  const now = state as Record<string, unknown>;
  return Object.keys(preset).every((k) => now[k] === preset[k]);
}

export function GuidedPath<S extends Schema>({ path, texts, state, live, navigate, update }: GuidedPathProps<S>) {
  const locale = useLocale();
  const t = teachMessages[locale];
  const m = t.guided;
  const stepValue = (state as Record<string, unknown>).step as number;
  const { index, started, done } = currentStep(path, stepValue);
  const [guesses, setGuesses] = useState<Record<string, number>>({});
  const [revealed, setRevealed] = useState<Record<string, boolean>>({});
  const n = path.steps.length;
  const step = path.steps[index];
  const text = texts[step.id];
  const applied = started && !done && sameAsPreset(path, index, state);
  const known = knownValues(live, step.needs);
  const guess = guesses[step.id];
  const shown = revealed[step.id] && known !== null;
  const verdict = shown && step.verdict ? step.verdict(known) : null;
  const goTo = (k: number) => update({ step: k } as Partial<StateOf<S>>);
  const next = nextInCourse(path.lab);

  return (
    <section
      aria-labelledby="guided-title"
      className="embed-hide rounded-lg border border-teal-300 bg-teal-50/60 p-4 dark:border-teal-800 dark:bg-teal-950/30"
      data-testid="guided-path"
      data-step={stepValue}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="guided-title" className="text-lg font-semibold">
          {m.title}
        </h2>
        <nav aria-label={m.stepsNav}>
          <ol className="flex gap-1">
            {path.steps.map((s, k) => {
              const current = started && !done && k === index;
              return (
                <li key={s.id}>
                  <button
                    type="button"
                    onClick={() => goTo(k + 1)}
                    aria-current={current ? 'step' : undefined}
                    aria-label={m.stepOf(k + 1, n)}
                    className={`h-7 w-7 rounded-full border text-sm tabular-nums ${current ? 'border-teal-700 bg-teal-700 text-white' : (started && k < index) || done ? 'border-teal-600 text-teal-800 dark:text-teal-300' : 'border-zinc-400 text-zinc-600 dark:text-zinc-400'}`}
                    data-testid={`guided-goto-${k + 1}`}
                  >
                    {k + 1}
                  </button>
                </li>
              );
            })}
          </ol>
        </nav>
      </div>
      <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">{m.intro}</p>

      {done ? (
        <div className="mt-3 space-y-2" data-testid="guided-done">
          <p className="font-medium">{m.done}</p>
          <div className="flex flex-wrap items-center gap-3">
            <Link
              href={next ? `/${locale}/${next}` : `/${locale}`}
              className="font-medium text-teal-800 underline dark:text-teal-300"
              data-testid="guided-next-lab"
            >
              {next ? m.nextLab(t.course.titles[next]) : m.courseDone}
            </Link>
            <button type="button" className={secondary} onClick={() => goTo(1)} data-testid="guided-restart">
              {m.restart}
            </button>
          </div>
        </div>
      ) : (
        <div className="mt-3 space-y-3" data-testid="guided-step" data-step-id={step.id} data-index={index + 1}>
          <p className="text-sm font-semibold text-teal-900 dark:text-teal-200">{m.stepOf(index + 1, n)}</p>
          <fieldset>
            <legend className="font-medium">{text.predict}</legend>
            <div className="mt-2 flex flex-wrap gap-x-4 gap-y-1">
              {text.choices.map((c, k) => (
                <label key={c} className="inline-flex items-center gap-1.5 text-sm">
                  <input
                    type="radio"
                    name={`guess-${step.id}`}
                    checked={guess === k}
                    onChange={() => setGuesses((g) => ({ ...g, [step.id]: k }))}
                    data-testid={`guided-choice-${k}`}
                    className="accent-teal-700"
                  />
                  {c}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="flex flex-wrap items-center gap-2">
            <button
              type="button"
              className={applied ? secondary : primary}
              onClick={() => navigate(presetState(path, index))}
              data-testid="guided-apply"
              data-applied={applied ? 'true' : 'false'}
            >
              {m.apply}
            </button>
            <button
              type="button"
              className={applied ? primary : secondary}
              onClick={() => setRevealed((r) => ({ ...r, [step.id]: true }))}
              data-testid="guided-reveal"
              disabled={shown}
            >
              {m.reveal}
            </button>
            <button type="button" className="text-sm underline" onClick={() => goTo(index + 2)} data-testid="guided-skip">
              {m.skip}
            </button>
          </div>
          {applied && (
            <p className="text-sm" data-testid="guided-act">
              <span className="font-medium">{m.applied}</span> {text.act}
            </p>
          )}
          {revealed[step.id] && known === null && (
            <p className="text-sm text-zinc-700 dark:text-zinc-300" role="status" data-testid="guided-waiting">
              {m.waiting} {text.act}
            </p>
          )}
          {shown && (
            <div
              className="space-y-2 rounded border border-teal-600/40 bg-white p-3 text-sm dark:bg-zinc-900"
              role="status"
              data-testid="guided-answer"
              data-values={JSON.stringify(known)}
            >
              {guess !== undefined && verdict !== null && (
                <p className="font-medium" data-testid="guided-verdict" data-right={String(verdict === guess)}>
                  {m.yourGuess} {text.choices[guess]}
                  {locale === 'zh' ? '。' : '. '}
                  {verdict === guess ? m.right : m.wrong}
                </p>
              )}
              <p data-testid="guided-reveal-text">{text.reveal(known, live)}</p>
              <p>
                {m.look}{' '}
                <a href={`#${step.panel}`} className="text-teal-800 underline dark:text-teal-300">
                  {t.panels[step.panel]}
                </a>
              </p>
              <button type="button" className={primary} onClick={() => goTo(index + 2)} data-testid="guided-next">
                {index + 1 < n ? m.next : m.finish}
              </button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
