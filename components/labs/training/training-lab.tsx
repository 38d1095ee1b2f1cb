'use client';

import { useMemo } from 'react';
import { CopyLink } from '@/components/controls/copy-link';
import { CorrectionsNotice } from '@/components/controls/corrections-notice';
import { useUrlState } from '@/components/hooks/use-url-state';
import { LessonShell } from '@/components/lesson/lesson-shell';
import { useLocale } from '@/components/shell/locale-context';
import { GuidedPath } from '@/components/teach/guided-path';
import { LabCheck } from '@/components/teach/lab-check';
import { LessonBeside, LessonToggle } from '@/components/teach/lessons';
import { NextLabs } from '@/components/teach/next-labs';
import { RealLlmNote } from '@/components/teach/real-llm-note';
import { teachMessages } from '@/lib/i18n/teach';
import { trainingLive } from '@/lib/teach/live';
import { trainingPath } from '@/lib/teach/paths';
import { trainingMessages } from '@/lib/i18n/training';
import { toTrainingConfig, trainingSchema } from '@/lib/state/training';
import { fitCubicToRun, isRunnable, stepsPerEpoch, stepsPerRound, validateTrainingConfig } from '@/lib/training/config';
import { type IssueFix, IssuesPanel } from './issues-panel';
import { LiveCharts, SchedulePreview } from './training-charts';
import { TrainingCode } from './training-code';
import { TrainingControls } from './training-controls';
import { HowLesson, OrderLesson, ScheduleLesson, TicketLesson } from './training-lesson';
import { TrainingReadouts } from './training-readouts';
import { RunsTable } from './runs-table';
import { useTrainer } from './use-trainer';

const button = 'rounded px-3 py-1.5 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-50 border';
const primary = `${button} border-teal-700 bg-teal-700 text-white hover:bg-teal-800`;
const secondary = `${button} border-zinc-400 hover:bg-zinc-100 dark:border-zinc-600 dark:hover:bg-zinc-800`;

export function TrainingLab() {
  const locale = useLocale();
  const m = trainingMessages[locale];
  const u = useUrlState(trainingSchema);
  const s = u.state;
  const config = useMemo(() => toTrainingConfig(s), [s]);
  const issues = useMemo(() => validateTrainingConfig(config), [config]);
  const runnable = isRunnable(issues);
  const noCountErrors = !issues.some((i) => i.key === 'setting-invalid');
  const perEpoch = noCountErrors ? stepsPerEpoch(config.subset, config.batchSize) : null;
  const perRound = noCountErrors ? stepsPerRound(config) : null;
  const trainer = useTrainer();
  const { run } = trainer;
  const active = run !== null && (run.status === 'loading' || run.status === 'running' || run.status === 'paused');
  const changed = run !== null && active && JSON.stringify(run.config) !== JSON.stringify(config);

  const fixes: IssueFix[] = [
    { key: 'final-out-of-range', label: m.issues.fixFinal, apply: () => u.update({ final: 0.9 }) },
    { key: 'frequency-invalid', label: m.issues.fixFrequency, apply: () => u.update({ freq: 1 }) },
  ];
  if (perEpoch && perRound) {
    const fit = fitCubicToRun(perRound, perEpoch);
    const applyFit = () => u.update({ begin: fit.beginStep, end: fit.endStep, freq: Math.max(1, s.freq >= 1 ? s.freq : fit.frequency) });
    fixes.push(
      { key: 'end-not-after-begin', label: m.issues.fixEnd, apply: applyFit },
      { key: 'end-beyond-run', label: m.issues.fixEnd, apply: applyFit },
    );
  }

  const status = run ? run.status : 'idle';
  const lastStep = run?.steps[run.steps.length - 1];
  const live = useMemo(() => trainingLive(trainer.runs, config), [trainer.runs, config]);
  const teach = teachMessages[locale];
  const liveGap =
    run && lastStep && run.config.impRounds === 0
      ? { target: lastStep.target, measured: lastStep.measured, order: run.config.maskOrder }
      : null;

  const toolbar = (
    <>
      <button type="button" className={primary} disabled={!runnable || active} onClick={() => trainer.start(config)} data-testid="train">
        {m.actions.start}
      </button>
      {run?.status === 'paused' ? (
        <button type="button" className={secondary} onClick={trainer.resume} data-testid="resume">
          {m.actions.resume}
        </button>
      ) : (
        <button type="button" className={secondary} disabled={!active} onClick={trainer.pause} data-testid="pause">
          {m.actions.pause}
        </button>
      )}
      <button type="button" className={secondary} disabled={run === null} onClick={trainer.reset} data-testid="reset">
        {m.actions.reset}
      </button>
      <span role="status" aria-live="polite" data-testid="status" data-status={status} className="text-sm text-zinc-700 dark:text-zinc-300">
        {status === 'loading' ? m.status.loading : m.status[status]}
      </span>
      <span className="ml-auto flex flex-wrap items-center gap-3">
        <LessonToggle />
        <CopyLink />
      </span>
    </>
  );

  return (
    <LessonShell
      wide
      title={m.title}
      lead={m.lead}
      embed={u.embed}
      toolbar={toolbar}
      guide={<GuidedPath path={trainingPath} texts={teach.paths.training} state={s} live={live} navigate={u.navigate} update={u.update} />}
      controls={
        <div id="controls" className="scroll-mt-4">
          <TrainingControls
            state={s}
            update={u.update}
            onResetSettings={u.reset}
            perEpoch={perEpoch}
            perRound={perRound}
            hidden={u.embed ? u.hidden : []}
          />
        </div>
      }
      after={
        <>
          <LabCheck questions={trainingPath.check} texts={teach.checks.training} live={live} />
          <div className="max-w-3xl">
            <RealLlmNote topic="training" />
          </div>
          <NextLabs lab="training" />
        </>
      }
    >
      <CorrectionsNotice corrections={u.corrections} onDismiss={u.dismissCorrections} />
      <IssuesPanel issues={issues} fixes={fixes} />
      {trainer.workerError && (
        <p role="alert" className="rounded border border-red-400 p-3 text-sm">
          {m.errors.noWorker}
        </p>
      )}
      {run?.status === 'error' && (
        <p
          role="alert"
          data-testid="run-error"
          className="rounded border border-red-400 bg-red-50 p-3 text-sm text-red-950 dark:bg-red-950/50 dark:text-red-100"
        >
          {m.errors.worker(run.error ?? '')}
        </p>
      )}
      {changed && (
        <p role="status" data-testid="settings-changed" className="rounded border border-zinc-300 p-3 text-sm dark:border-zinc-700">
          {m.settingsChanged}
        </p>
      )}
      <LessonBeside id="schedule-preview" lesson={<ScheduleLesson state={s} />}>
        <SchedulePreview config={noCountErrors && runnable ? config : null} />
      </LessonBeside>
      <LessonBeside id="readouts" lesson={<OrderLesson runs={trainer.runs} liveGap={liveGap} />}>
        {run ? (
          <>
            <TrainingReadouts run={run} />
            <LiveCharts run={run} />
          </>
        ) : (
          <p className="rounded border border-dashed border-zinc-300 p-6 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
            {m.charts.empty}
          </p>
        )}
      </LessonBeside>
      <LessonBeside id="runs" lesson={<TicketLesson />}>
        <RunsTable runs={trainer.runs} onClear={trainer.clearRuns} />
      </LessonBeside>
      <LessonBeside id="code" lesson={<HowLesson />}>
        <TrainingCode config={noCountErrors && runnable ? config : null} />
      </LessonBeside>
    </LessonShell>
  );
}
