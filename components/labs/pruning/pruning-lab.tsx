'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { CopyLink } from '@/components/controls/copy-link';
import { CorrectionsNotice } from '@/components/controls/corrections-notice';
import { Select } from '@/components/controls/select';
import { type UrlState, useUrlState } from '@/components/hooks/use-url-state';
import { LessonShell } from '@/components/lesson/lesson-shell';
import { LessonBeside, LessonToggle } from '@/components/teach/lessons';
import { useCommon, useLocale } from '@/components/shell/locale-context';
import { pruningLmMessages, pruningMessages } from '@/lib/i18n/pruning';
import type { MlpWeights } from '@/lib/models/mlp';
import { type PruneSettings, settingsFromState } from '@/lib/pruning/model-masks';
import { mnistLiveKey } from '@/lib/teach/path-pruning';
import { ByoMatrixPanel } from '../shared/byo-matrix-panel';
import { LAYER_NAMES, pruningSchema } from '@/lib/state/pruning';
import { type Issue, issueDetail } from '@/lib/i18n/issues';
import { AccuracyCurveChart } from './accuracy-curve-chart';
import { AccuracySummary } from './accuracy-summary';
import { ComparePanel } from './compare-panel';
import { CodePanels } from './code-panels';
import { ControlsPanel } from './controls-panel';
import { DrawingPad } from './drawing-pad';
import { FineTunePanel } from './finetune-panel';
import { pruningExportStem } from './format';
import { IssuesNotice } from './issues-notice';
import { LmPruningLab } from './lm-pruning-lab';
import { CurveLesson, FineTuneLesson, MaskLesson, SpeedLesson, StructureLesson } from './lesson';
import { StatsTable } from './stats-table';
import { usePruningData } from './use-pruning-data';
import { type LiveResult, usePruningWorkers } from './use-pruning-workers';
import { type PruningTeach, usePruningTeach } from './teach-layer';
import { useAccuracyCurve, useComparedMethod, useFineTune } from './use-mnist-jobs';
import { WeightSection } from './weight-section';

/** True when every weight a mask prunes is exactly 0 in `weights`. */
function keepsMask(weights: MlpWeights, masks: readonly (Uint8Array | undefined)[]): boolean {
  return weights.layers.every((layer, l) => {
    const m = masks[l];
    if (!m) return true;
    for (let i = 0; i < m.length; i++) if (m[i] === 0 && layer.weight[i] !== 0) return false;
    return true;
  });
}

/**
 * The pruning lab has two models: the MNIST network (the default, so links made before the
 * language model arrived open what they showed) and a language model (lm-en / lm-zh). One URL
 * schema holds both halves' settings.
 */
export function PruningLab() {
  const locale = useLocale();
  const u = useUrlState(pruningSchema);
  const t = pruningLmMessages[locale];
  const modelSwitch = u.hidden.includes('model') ? null : (
    <Select
      label={t.modelSwitch}
      value={u.state.model}
      options={(['lm', 'mnist'] as const).map((value) => ({ value, label: t.models[value] }))}
      onChange={(model) => u.update({ model })}
      hint={t.modelHint}
      testId="model-select"
    />
  );
  const teach = usePruningTeach(u);
  return (
    <>
      {u.state.model === 'lm' ? (
        <LmPruningLab u={u} modelSwitch={modelSwitch} teach={teach} />
      ) : (
        <MnistPruningLab u={u} modelSwitch={modelSwitch} teach={teach} />
      )}
      {teach.portals}
    </>
  );
}

/**
 * The MNIST half: URL state → pruning and evaluation in a worker → pictures. The live
 * evaluation follows the sliders (one request in flight, newest settings queued); curves and
 * fine-tuning run in their own workers and are cancelled when their inputs change.
 */
function MnistPruningLab({
  u,
  modelSwitch,
  teach,
}: {
  u: UrlState<typeof pruningSchema>;
  modelSwitch: React.ReactNode;
  teach: PruningTeach;
}) {
  const locale = useLocale();
  const common = useCommon();
  const t = pruningMessages[locale];
  const { state, update } = u;
  const { data, error: loadError } = usePruningData();
  const workers = usePruningWorkers(data);
  const { ready: workersReady, evaluate, compare, startCurve, startFineTune } = workers;
  const settings = useMemo(() => settingsFromState(state), [state]);
  const stem = pruningExportStem(settings);
  const { report } = teach;

  // Live evaluation: at most one request in flight; while it runs, only the newest settings
  // wait (so a dragged slider updates the pictures at the worker's pace and ends on its value).
  const [live, setLive] = useState<LiveResult | null>(null);
  const [pending, setPending] = useState(true);
  const [jobError, setJobError] = useState<Issue | null>(null);
  const inflight = useRef(false);
  const queued = useRef<PruneSettings | null>(null);
  const request = useCallback(
    (s: PruneSettings) => {
      if (inflight.current) {
        queued.current = s;
        return;
      }
      inflight.current = true;
      setPending(true);
      evaluate(s)
        .then((o) => {
          if (o.status === 'cancelled') return;
          if (o.status === 'failed') return setJobError(o.issue);
          const r = o.value;
          setLive(r);
          // remembered for the guided path and the check, under the name of these settings
          const key = mnistLiveKey(s);
          report(key && r.issues.length === 0 ? { 'mnist.dense': r.denseAccuracy, [key]: r.accuracy } : { 'mnist.dense': r.denseAccuracy });
        })
        .finally(() => {
          inflight.current = false;
          const next = queued.current;
          queued.current = null;
          if (next) request(next);
          else setPending(false);
        });
    },
    [evaluate, report],
  );
  useEffect(() => {
    if (workersReady && u.ready) request(settings);
  }, [settings, workersReady, u.ready, request]);

  // "Compare with": the same settings pruned by a second method, on the live-evaluation worker
  // (a newer request supersedes an older one there, so a moved slider never waits for it).
  const compareMethod = state.compare === 'none' ? null : state.compare;
  const { compared, comparePending } = useComparedMethod(settings, state.compare, workersReady, u.ready, compare, setJobError);
  // Accuracy-vs-sparsity curves: only the settings they use restart them.
  const curve = useAccuracyCurve(state, settings, workersReady, u.ready, startCurve);
  // Fine-tuning of the current pruned model.
  const ft = useFineTune(live, state.finetune, state.seed, workersReady, startFineTune);

  const layerIdx = LAYER_NAMES.indexOf(state.layer);
  const error = loadError
    ? t.loadFailed(loadError)
    : workers.error || jobError
      ? t.workerFailed(issueDetail((workers.error ?? jobError)!, locale))
      : null;
  const nothingPruned = !!live && live.issues.some((i) => i.fatal);
  const tunedOk = ft?.weights && ft.final !== null ? keepsMask(ft.weights, ft.masks) : false;

  const controls = (
    <>
      {modelSwitch}
      <ControlsPanel state={state} update={update} sparsity={live?.sparsity ?? null} hidden={u.hidden} />
      <button
        type="button"
        onClick={u.reset}
        className="rounded border border-zinc-300 px-3 py-1 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
        data-testid="reset"
      >
        {common.controls.reset}
      </button>
    </>
  );

  return (
    <LessonShell
      title={t.title}
      lead={t.lead}
      controls={controls}
      embed={u.embed}
      wide
      toolbar={
        <>
          <LessonToggle />
          <CopyLink />
        </>
      }
      guide={teach.guide}
      after={teach.after}
    >
      <CorrectionsNotice corrections={u.corrections} onDismiss={u.dismissCorrections} />
      {error && (
        <p
          role="alert"
          className="rounded border border-red-400 bg-red-50 p-3 text-sm text-red-900 dark:border-red-700 dark:bg-red-950/50 dark:text-red-100"
          data-testid="lab-error"
        >
          {error}
        </p>
      )}
      {!data ? (
        !loadError && (
          <p role="status" data-testid="lab-loading" className="text-sm text-zinc-600 dark:text-zinc-400">
            {t.loading}
          </p>
        )
      ) : (
        <>
          <LessonBeside id="accuracy-summary" lesson={<MaskLesson />}>
            <AccuracySummary live={live} pending={pending} />
            {live && <IssuesNotice issues={live.issues} nothingPruned={nothingPruned} />}
          </LessonBeside>
          {compareMethod && (
            <ComparePanel
              layer={data.weights.layers[layerIdx]}
              layerIndex={layerIdx}
              methodA={state.method}
              methodB={compareMethod}
              a={live}
              b={compared}
              pendingA={pending}
              pendingB={comparePending}
              exportNames={{ a: stem, b: pruningExportStem({ ...settings, method: compareMethod }) }}
            />
          )}
          <LessonBeside id="weights" lesson={<StructureLesson points={curve.points} blockSize={state.block} />}>
            <WeightSection
              data={data.weights}
              live={live}
              layer={state.layer}
              onLayer={(layer) => update({ layer })}
              method={state.method}
              norm={settings.norm}
              dim={state.dim}
              grid={state.method === 'nm' ? { cols: state.m } : state.method === 'block' ? { cols: state.block, rows: state.block } : null}
              exportName={stem}
            />
          </LessonBeside>
          <LessonBeside id="stats" lesson={<SpeedLesson stats={live?.stats ?? null} layerIndex={layerIdx} />}>
            {live && <StatsTable stats={live.stats} exportName={`${stem}-stats`} />}
          </LessonBeside>
          <LessonBeside
            id="curve"
            lesson={<CurveLesson points={curve.points} curveFinished={curve.finished} dense={live?.denseAccuracy ?? null} />}
          >
            <AccuracyCurveChart
              curve={curve}
              dense={live?.denseAccuracy ?? null}
              current={live ? { sparsity: live.sparsity, accuracy: live.accuracy } : null}
              method={state.method}
              exportName={`pruning-accuracy-vs-sparsity-l${state.norm}-dim${state.dim}-b${state.block}-${state.scope}`}
            />
          </LessonBeside>
          <LessonBeside
            id="finetune"
            lesson={
              <FineTuneLesson
                fineTune={ft && ft.final !== null && live ? { before: live.accuracy, after: ft.final, steps: ft.steps } : null}
              />
            }
          >
            <FineTunePanel
              state={ft}
              before={live?.accuracy ?? null}
              dense={live?.denseAccuracy ?? null}
              exportName={`${stem}-finetune-seed${state.seed}`}
            />
          </LessonBeside>
          {tunedOk && <span hidden data-testid="finetune-mask-held" />}
          <DrawingPad
            weights={data.weights}
            masks={live?.masks ?? null}
            tuned={ft?.final !== null ? (ft?.weights ?? null) : null}
            test={data.test}
          />
          <ByoMatrixPanel
            settings={{
              method: settings.method,
              amount: settings.amount,
              norm: settings.norm,
              dim: settings.dim,
              n: settings.n,
              m: settings.m,
              block: settings.blockSize,
            }}
          />
          <CodePanels settings={settings} finetune={state.finetune} />
        </>
      )}
    </LessonShell>
  );
}
