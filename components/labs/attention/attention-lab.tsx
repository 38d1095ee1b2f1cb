'use client';

import { startTransition, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { CopyLink } from '@/components/controls/copy-link';
import { CorrectionsNotice } from '@/components/controls/corrections-notice';
import { useCompute } from '@/components/hooks/use-compute';
import { useDebounced, useUrlState } from '@/components/hooks/use-url-state';
import { LessonShell } from '@/components/lesson/lesson-shell';
import { useCommon, useLocale } from '@/components/shell/locale-context';
import { GuidedPath } from '@/components/teach/guided-path';
import { LabCheck } from '@/components/teach/lab-check';
import { LessonBeside, LessonToggle } from '@/components/teach/lessons';
import { NextLabs } from '@/components/teach/next-labs';
import { RealLlmNote } from '@/components/teach/real-llm-note';
import { attentionTeachMessages } from '@/lib/i18n/teach-attention';
import { attentionLive, attentionPath, type TestMeasure } from '@/lib/teach/path-attention';
import { resolveLabConfig, type LabInput } from '@/lib/labs/attention/config';
import type { ProbabilityRequest, ProbabilityResult, ViewRequest, ViewResult } from '@/lib/labs/attention/jobs';
import { fullRegion, maskGridWithin, zoomRegion } from '@/lib/attention/mask-grid';
import { latestInput } from '@/components/controls/perf-marks';
import { attentionMessages } from '@/lib/i18n/attention';
import { defaultModelFor, LM_MODELS } from '@/lib/lm/models';
import { issueDetail } from '@/lib/i18n/issues';
import { attentionInput, attentionSchema, MAX_LAYERS } from '@/lib/state/attention';
import { BlocksPanel } from './blocks-panel';
import { ComparePanel } from './compare-panel';
import { ControlsPanel } from './controls-panel';
import { FiguresPanel } from './figures-panel';
import { IssuesNotice } from './issues-notice';
import { KernelPanel } from './kernel-panel';
import { FlexCodePanel, KeepsLesson, LoopLesson, SourceCodePanel, SpeedLesson, WhyLesson } from './lesson';
import { type LmLiveReport, LmSection } from './lm-section';
import { MaskPanel, type OverviewPicture } from './mask-panel';
import { ProbabilitiesPanel } from './probabilities-panel';
import { ReceptivePanel } from './receptive-panel';
import { useAttentionWorker } from './use-attention-worker';

/** Largest side of the mask pictures in cells (bigger regions are aggregated). */
const MAX_PIXELS = 512;
/** Longest the main thread spends on the whole-matrix picture before leaving it to the worker. */
const QUICK_MS = 12;

/**
 * The sparse attention lab: URL state -> a valid configuration (lib/labs/attention/config.ts)
 * -> the worker's pictures and figures (lib/labs/attention/jobs.ts) -> the panels.
 * Every slider move posts a new request; the worker drops stale ones, so the controls stay
 * responsive and the pictures follow as fast as they can be computed.
 */
export function AttentionLab() {
  const locale = useLocale();
  const common = useCommon();
  const m = attentionMessages[locale];
  const u = useUrlState(attentionSchema);
  const s = u.state;
  const compute = useCompute();
  const runWorker = useAttentionWorker();
  // a second worker only for the whole-matrix picture, which a slider move repaints first
  const runPreview = useAttentionWorker();

  // A language model fixes n to its context and makes every pattern causal.
  const model = s.source === 'random' ? null : s.source === 'auto' ? defaultModelFor(locale) : s.source;
  const seqLen = model ? LM_MODELS[model].context : s.seqLen;
  const causal = model ? true : s.causal;
  // One object per distinct input (numbers, names and flags only, so its JSON is its identity):
  // the configuration is resolved again only when a value it reads changes.
  const inputKey = JSON.stringify(attentionInput(s, seqLen, causal));
  const input = useMemo(() => JSON.parse(inputKey) as LabInput, [inputKey]);
  const config = useMemo(() => resolveLabConfig(input), [input]);
  const n = config.params.seqLen;
  const region = useMemo(
    () => zoomRegion(n, s.zoom, Math.min(s.zoomRow, n - 1), Math.min(s.zoomCol, n - 1)),
    [n, s.zoom, s.zoomRow, s.zoomCol],
  );

  const main = useMemo(() => ({ name: config.pattern, params: config.params }), [config]);
  // Pictures, figures, block layout and receptive field: one worker job per settings change.
  const viewRequest = useMemo<Omit<ViewRequest, 'kind' | 'id'>>(
    () => ({
      main,
      compare: config.compare && config.compareParams ? { name: config.compare, params: config.compareParams } : null,
      region,
      maxPixels: MAX_PIXELS,
      headDim: s.headDim,
      heads: s.heads,
      maxLayers: MAX_LAYERS,
    }),
    [main, config, region, s.headDim, s.heads],
  );
  // The whole-matrix picture is what a slider move repaints first (the repaint budget: 4096 x 4096
  // within 16.7 ms). When it is cheap it is computed right here, in the render that follows
  // the move, so it is drawn in the same frame; when it would take longer than QUICK_MS
  // the main thread gives up and a second worker computes it (a message from a worker
  // waits for the next frame or later, so even a fast worker misses the budget).
  const quick = useMemo<OverviewPicture | null>(() => {
    if (!u.ready) return null;
    try {
      const grid = maskGridWithin(main.name, main.params, fullRegion(main.params.seqLen), MAX_PIXELS, QUICK_MS);
      return grid ? { main, grid, input: latestInput() } : null;
    } catch {
      return null; // the worker reports the problem
    }
  }, [main, u.ready]);

  // Each settings change gets a sequence number; without a quick picture the overview shown
  // is the newer of the preview worker's and the view job's.
  const seq = useRef(0);
  const [view, setView] = useState<{ seq: number; input: number; request: ViewRequest; result: ViewResult } | null>(null);
  const [preview, setPreview] = useState<(OverviewPicture & { seq: number }) | null>(null);
  const [viewBusy, setViewBusy] = useState(true);
  const [workerError, setWorkerError] = useState<string | null>(null);
  const hasQuick = quick !== null;
  useEffect(() => {
    if (!u.ready) return;
    const mine = ++seq.current;
    const input = latestInput();
    setViewBusy(true);
    // Without a quick picture, the preview first, then the rest: on a machine with few
    // cores the view job would otherwise compete with the preview for the CPU.
    const previewDone = hasQuick
      ? Promise.resolve()
      : runPreview('overview', { main: viewRequest.main, maxPixels: viewRequest.maxPixels }).then((o) => {
          // a failure is the view job's to report (the same computation)
          if (o.status === 'done') setPreview({ seq: mine, main: viewRequest.main, grid: o.value.overview, input });
        });
    previewDone
      .then(() => (mine === seq.current ? runWorker('view', viewRequest) : null)) // a newer move: skip
      .then((o) => {
        if (!o || o.status === 'cancelled') return; // superseded by a newer request
        if (o.status === 'failed') {
          setViewBusy(false);
          setWorkerError(issueDetail(o.issue, locale));
          return;
        }
        const result = o.value;
        // an interruptible render: the next slider move's picture goes first
        startTransition(() => {
          setView({ seq: mine, input, request: { ...viewRequest, kind: 'view', id: result.id }, result });
          setViewBusy(false);
          setWorkerError(null);
        });
      });
  }, [viewRequest, runWorker, runPreview, u.ready, hasQuick, locale]);
  const overview = quick ?? (preview && (!view || preview.seq >= view.seq) ? preview : null);

  // Probabilities: heavier, so they wait for the sliders to settle a moment.
  const probsBody = useMemo<Omit<ProbabilityRequest, 'kind' | 'id'>>(
    () => ({ main: { name: config.pattern, params: config.params }, seed: s.seed, head: config.head, headDim: s.headDim, region }),
    [config, s.seed, s.headDim, region],
  );
  const probsDebounced = useDebounced(probsBody, 200);
  const [probs, setProbs] = useState<{ request: ProbabilityRequest; result: ProbabilityResult } | null>(null);
  const [probsBusy, setProbsBusy] = useState(true);
  useEffect(() => {
    if (!u.ready || model) return; // a model's own probabilities are in its section
    setProbsBusy(true);
    void runWorker('probs', probsDebounced).then((o) => {
      if (o.status === 'cancelled') return; // superseded
      setProbsBusy(false);
      if (o.status === 'failed') setWorkerError(issueDetail(o.issue, locale));
      else setProbs({ request: { ...probsDebounced, kind: 'probs', id: o.value.id }, result: o.value });
    });
  }, [probsDebounced, runWorker, u.ready, model, locale]);

  const [inspect, setInspect] = useState<number | null>(null);
  const { update } = u;
  const onZoom = useCallback((zoom: number) => update({ zoom }), [update]);
  const onCentre = useCallback(
    (cell: { row: number; col: number }) => update({ zoomRow: cell.row, zoomCol: cell.col, zoom: s.zoom === 1 ? 8 : s.zoom }),
    [update, s.zoom],
  );
  const onLayers = useCallback((layers: number) => update({ layers }), [update]);
  const kernelInput = useMemo(() => ({ ...input, blockSize: config.params.blockSize }), [input, config.params.blockSize]);
  // The lesson's code and the kernel panel follow the settings in a low-priority render, so
  // a slider move only re-renders the controls before the pictures come back.
  const lessonConfig = useDeferredValue(config);
  const deferredKernelInput = useDeferredValue(kernelInput);

  // Live values of the guided path and the check: what the language-model panels show, and every
  // test-sample measurement of this page view (per model, by the mask it was measured for).
  const [lmReport, setLmReport] = useState<LmLiveReport | null>(null);
  const [tests, setTests] = useState<Partial<Record<string, Record<string, TestMeasure>>>>({});
  const onLmLive = useCallback((r: LmLiveReport) => {
    setLmReport(r);
    const t = r.test;
    if (t)
      setTests((prev) =>
        prev[r.model]?.[t.key]?.pattern === t.pattern
          ? prev
          : { ...prev, [r.model]: { ...prev[r.model], [t.key]: { dense: t.dense, pattern: t.pattern, density: t.density } } },
      );
  }, []);
  const live = useMemo(
    () => (model && lmReport && lmReport.model === model ? attentionLive({ ...lmReport, tests: tests[model] ?? {} }) : {}),
    [model, lmReport, tests],
  );
  const teach = attentionTeachMessages[locale];

  return (
    <LessonShell
      title={common.labs.attention.title}
      lead={m.lead}
      embed={u.embed}
      wide
      toolbar={
        <span className="ml-auto flex flex-wrap items-center gap-3">
          <LessonToggle />
          <CopyLink />
        </span>
      }
      guide={<GuidedPath path={attentionPath} texts={teach.steps} state={s} live={live} navigate={u.navigate} update={u.update} />}
      controls={<ControlsPanel state={s} config={config} model={model} update={u.update} reset={u.reset} hidden={u.hidden} />}
      after={
        <>
          <LabCheck questions={attentionPath.check} texts={teach.questions} live={live} />
          <div className="max-w-3xl">
            <RealLlmNote topic="attention" />
          </div>
          <NextLabs lab="attention" />
        </>
      }
    >
      <CorrectionsNotice corrections={u.corrections} onDismiss={u.dismissCorrections} />
      <IssuesNotice issues={config.issues} />
      {workerError && (
        <p
          role="alert"
          className="rounded border border-red-400 bg-red-50 p-3 text-sm text-red-900 dark:border-red-700 dark:bg-red-950/50 dark:text-red-100"
          data-testid="worker-error"
        >
          {m.workerError(workerError)}
        </p>
      )}
      {model && u.ready && <LmSection model={model} state={s} config={config} update={u.update} compute={compute} onLive={onLmLive} />}
      <LessonBeside id="figures" lesson={<WhyLesson />}>
        <FiguresPanel view={view?.result.main ?? null} busy={viewBusy} />
      </LessonBeside>
      <LessonBeside id="masks" lesson={<KeepsLesson />}>
        <MaskPanel
          view={view?.result.main ?? null}
          request={view?.request ?? null}
          overview={overview}
          viewInput={view?.input}
          busy={viewBusy}
          zoom={s.zoom}
          onZoom={onZoom}
          onCentre={onCentre}
          inspect={inspect}
          onInspect={setInspect}
        />
      </LessonBeside>
      <LessonBeside id="blocks" lesson={<SpeedLesson />}>
        <BlocksPanel view={view?.result.main ?? null} request={view?.request ?? null} />
      </LessonBeside>
      <ReceptivePanel view={view?.result.main ?? null} layers={s.layers} onLayers={onLayers} />
      {!model && <ProbabilitiesPanel result={probs?.result ?? null} request={probs?.request ?? null} busy={probsBusy} />}
      <ComparePanel result={view?.result ?? null} request={view?.request ?? null} />
      {!model && (
        <KernelPanel
          input={deferredKernelInput}
          headDim={s.headDim}
          compute={compute}
          stats={view?.result.main.stats ?? null}
          runWorker={runWorker}
        />
      )}
      <LessonBeside id="source-code" lesson={<LoopLesson />}>
        <SourceCodePanel />
      </LessonBeside>
      <div id="flex-code" className="scroll-mt-4">
        <FlexCodePanel pattern={lessonConfig.pattern} params={lessonConfig.params} heads={s.heads} headDim={s.headDim} />
      </div>
    </LessonShell>
  );
}
