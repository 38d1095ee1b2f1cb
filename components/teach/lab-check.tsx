'use client';

/**
 * The end-of-lab check: 3–4 questions answered from the live values on the page (multiple choice
 * or a number), graded against what the reader's own runs measured; feedback points at the panel
 * to look at (its element id). Adopting it: <LabCheck questions={fooPath.check}
 * texts={teachMessages[locale].checks.foo} live={live} />.
 */
import { useState } from 'react';
import { useLocale } from '@/components/shell/locale-context';
import { type QuestionText, teachMessages } from '@/lib/i18n/teach';
import { type CheckQuestion, type LiveValues, gradeAnswer, knownValues, parseTypedNumber } from '@/lib/teach/guided';

const button =
  'rounded border border-teal-700 bg-teal-700 px-3 py-1 text-sm font-medium text-white hover:bg-teal-800 disabled:cursor-not-allowed disabled:opacity-50';

function Question({ q, text, live, n }: { q: CheckQuestion; text: QuestionText; live: LiveValues; n: number }) {
  const t = teachMessages[useLocale()];
  const m = t.check;
  const [choice, setChoice] = useState<number | null>(null);
  const [typed, setTyped] = useState('');
  const [graded, setGraded] = useState<boolean | null>(null);
  const known = knownValues(live, q.needs);
  const given = text.choices ? choice : parseTypedNumber(typed);
  const check = () => {
    if (!known) return;
    setGraded(gradeAnswer(q.answer(known), given));
  };
  const panel = (
    <a href={`#${q.panel}`} className="text-teal-800 underline dark:text-teal-300">
      {t.panels[q.panel]}
    </a>
  );
  return (
    <li className="space-y-2" data-testid={`check-${q.id}`} data-known={known ? 'true' : 'false'}>
      <fieldset>
        <legend className="font-medium">
          {n}. {text.question}
        </legend>
        {text.choices ? (
          <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {text.choices.map((c, k) => (
              <label key={c} className="inline-flex items-center gap-1.5 text-sm">
                <input
                  type="radio"
                  name={`check-${q.id}`}
                  checked={choice === k}
                  onChange={() => {
                    setChoice(k);
                    setGraded(null);
                  }}
                  data-testid={`check-${q.id}-choice-${k}`}
                  className="accent-teal-700"
                />
                {c}
              </label>
            ))}
          </div>
        ) : (
          <label className="mt-1 inline-flex items-center gap-2 text-sm">
            <span className="sr-only">{m.answerLabel}</span>
            <input
              type="text"
              inputMode="decimal"
              value={typed}
              onChange={(e) => {
                setTyped(e.target.value.slice(0, 20));
                setGraded(null);
              }}
              className="w-28 rounded border border-zinc-300 bg-white px-2 py-1 font-mono dark:border-zinc-700 dark:bg-zinc-900"
              data-testid={`check-${q.id}-input`}
            />
            {text.unit}
          </label>
        )}
      </fieldset>
      <button type="button" className={button} onClick={check} disabled={!known || given === null} data-testid={`check-${q.id}-submit`}>
        {m.submit}
      </button>
      {!known && (
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          {m.notYet} {text.waiting} {m.look} {panel}.
        </p>
      )}
      {known && graded !== null && (
        <p
          role="status"
          className={`text-sm ${graded ? 'text-teal-900 dark:text-teal-200' : 'text-amber-900 dark:text-amber-200'}`}
          data-testid={`check-${q.id}-feedback`}
          data-right={String(graded)}
        >
          {graded ? `${m.right} ${text.explain(known)}` : m.wrong} {m.look} {panel}.
        </p>
      )}
    </li>
  );
}

export function LabCheck({
  questions,
  texts,
  live,
}: {
  questions: readonly CheckQuestion[];
  texts: Readonly<Record<string, QuestionText>>;
  live: LiveValues;
}) {
  const m = teachMessages[useLocale()].check;
  return (
    <section
      aria-labelledby="check-title"
      className="embed-hide rounded-lg border border-zinc-300 p-4 dark:border-zinc-700"
      data-testid="lab-check"
      id="check"
    >
      <h2 id="check-title" className="text-lg font-semibold">
        {m.title}
      </h2>
      <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">{m.intro}</p>
      <ol className="mt-3 space-y-4">
        {questions.map((q, i) => (
          <Question key={q.id} q={q} text={texts[q.id]} live={live} n={i + 1} />
        ))}
      </ol>
    </section>
  );
}
