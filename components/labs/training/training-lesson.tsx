'use client';

import { Callout } from '@/components/lesson/callout';
import { useLocale } from '@/components/shell/locale-context';
import { trainingMessages } from '@/lib/i18n/training';
import type { TrainingState } from '@/lib/state/training';
import { formatPercent } from '@/lib/runtime/format';
import type { RunRow } from './use-trainer';

/** The cubic schedule's formula (Zhu & Gupta 2017, eq. 1, in the lab's notation). */
function CubicFormula() {
  return (
    <p className="my-3 overflow-x-auto rounded bg-zinc-50 px-3 py-2 font-serif text-base dark:bg-zinc-900" data-testid="cubic-formula">
      s<sub>t</sub> = s<sub>f</sub> + (s<sub>i</sub> − s<sub>f</sub>) · (1 − (u − t<sub>0</sub>) / (t<sub>end</sub> − t<sub>0</sub>))
      <sup>3</sup>, &nbsp; u = t<sub>0</sub> + Δt · ⌊(t − t<sub>0</sub>) / Δt⌋
    </p>
  );
}

function Paragraphs({ items }: { items: readonly string[] }) {
  return (
    <>
      {items.map((p) => (
        <p key={p.slice(0, 40)}>{p}</p>
      ))}
    </>
  );
}

/**
 * The tutorial, in parts that sit beside the panels they explain (components/teach/lessons.tsx):
 * why gradual and the cubic schedule beside the schedule chart, the mask-order pitfall (with the
 * reader's measured gap and hard-mask accuracies) beside the live run, lottery tickets beside the
 * runs table, how the lab trains beside the code.
 */
export function ScheduleLesson({ state }: { state: TrainingState }) {
  const locale = useLocale();
  const m = trainingMessages[locale].lesson;
  const now = `sᵢ = ${formatPercent(state.init, locale)}, s_f = ${formatPercent(state.final, locale)}, t₀ = ${state.begin}, t_end = ${state.end}, Δt = ${state.freq}`;
  return (
    <div data-testid="lesson-schedule">
      <h2>{m.whyTitle}</h2>
      <Paragraphs items={m.why} />
      <h2>{m.cubicTitle}</h2>
      <p>{m.cubic[0]}</p>
      <CubicFormula />
      <p>
        {m.cubic[1]} <code>{now}</code>
      </p>
      <p>{m.cubic[2]}</p>
    </div>
  );
}

export function OrderLesson({
  runs,
  liveGap,
}: {
  runs: readonly RunRow[];
  liveGap: { target: number; measured: number; order: 'default' | 'source' } | null;
}) {
  const locale = useLocale();
  const m = trainingMessages[locale].lesson;
  const lastSource = [...runs].reverse().find((r) => r.config.maskOrder === 'source');
  const lastDefault = [...runs].reverse().find((r) => r.config.maskOrder === 'default' && r.config.impRounds === 0);
  const sourceGap =
    liveGap?.order === 'source'
      ? liveGap
      : lastSource
        ? { target: lastSource.summary.finalTarget, measured: lastSource.summary.finalMeasured }
        : null;
  const defaultGap =
    liveGap?.order === 'default'
      ? liveGap
      : lastDefault
        ? { target: lastDefault.summary.finalTarget, measured: lastDefault.summary.finalMeasured }
        : null;
  const hardSource = lastSource?.summary.hardMaskAccuracy ?? null;
  const hardDefault = lastDefault?.summary.hardMaskAccuracy ?? null;
  return (
    <div data-testid="lesson-order">
      <h2>{m.orderTitle}</h2>
      <Paragraphs items={m.order} />
      <div className="mt-3" data-testid="lesson-gap">
        <Callout kind={sourceGap ? 'warn' : 'info'}>
          {sourceGap && (
            <p data-testid="lesson-gap-source">
              {m.orderLive(formatPercent(sourceGap.target, locale), formatPercent(sourceGap.measured, locale))}
            </p>
          )}
          {defaultGap && <p>{m.orderLiveDefault(formatPercent(defaultGap.target, locale), formatPercent(defaultGap.measured, locale))}</p>}
          {hardSource !== null && hardDefault !== null && (
            <p data-testid="lesson-hard">{m.orderHard(formatPercent(hardDefault, locale, 2), formatPercent(hardSource, locale, 2))}</p>
          )}
          {!sourceGap && <p>{m.orderTry}</p>}
        </Callout>
      </div>
    </div>
  );
}

export function TicketLesson() {
  const m = trainingMessages[useLocale()].lesson;
  return (
    <div>
      <h2>{m.ticketTitle}</h2>
      <Paragraphs items={m.ticket} />
    </div>
  );
}

export function HowLesson() {
  const m = trainingMessages[useLocale()].lesson;
  return (
    <div>
      <h2>{m.howTitle}</h2>
      <Paragraphs items={m.how} />
    </div>
  );
}
