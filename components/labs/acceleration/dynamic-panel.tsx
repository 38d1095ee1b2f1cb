'use client';

import { useEffect, useMemo, useState } from 'react';
import { useDebounced } from '@/components/hooks/use-url-state';
import { Select } from '@/components/controls/select';
import { Slider } from '@/components/controls/slider';
import { CodePanel } from '@/components/lesson/code-panel';
import { useLocale } from '@/components/shell/locale-context';
import { LineChart } from '@/components/viz/chart';
import type { DynamicMode } from '@/lib/acceleration/dynamic';
import { type GatherMeasurement, measureGather, minSampleMsFor } from '@/lib/acceleration/measure';
import { SOURCE_DYNAMIC_SNIPPET, torchDynamicCode } from '@/lib/acceleration/pytorch-code';
import { accelerationMessages } from '@/lib/i18n/acceleration';
import { gemvLayoutFor } from '@/lib/kernels/matmul/matmul-config';
import type { AccelerationState } from '@/lib/state/acceleration';
import { ActivationHistogram } from './activation-histogram';
import { Notice, Section, buttonClass } from './section';
import type { AccelerationClient } from './use-acceleration-worker';
import type { CurvePoint, DynamicReply, ModelInfo } from '@/lib/acceleration/worker-protocol';
import { valueOf } from '@/lib/runtime/worker-client';

export interface DynamicPanelProps {
  state: AccelerationState;
  update: (p: Partial<AccelerationState>) => void;
  modelWorker: AccelerationClient;
  opsWorker: AccelerationClient;
  model: ModelInfo | null;
  modelError: string | null;
  kernels: boolean | null;
  emulated: boolean;
  /** The accuracy shown for the current settings (null while computing): the lab's guided path reads it. */
  onResult?: (r: { accuracy: number; kept: number; mode: DynamicMode; keep: number; threshold: number } | null) => void;
}

const pct = (x: number, d = 1) => `${(x * 100).toFixed(d)}%`;

export function DynamicPanel({ state, update, modelWorker, opsWorker, model, modelError, kernels, emulated, onResult }: DynamicPanelProps) {
  const locale = useLocale();
  const m = accelerationMessages[locale].dynamic;
  const mode = state.mode as DynamicMode;
  const size = Number(state.size);
  // Debounce a string key: an object literal would be a new value on every render.
  const key = useDebounced(JSON.stringify({ mode, keep: state.keep, threshold: state.threshold, layer: state.layer }), 150);
  const settings = useMemo(() => JSON.parse(key) as { mode: DynamicMode; keep: number; threshold: number; layer: 'h1' | 'h2' }, [key]);
  const [result, setResult] = useState<(DynamicReply & { settings: typeof settings }) | null>(null);
  const [curves, setCurves] = useState<Partial<Record<DynamicMode, CurvePoint[]>>>({});
  const [gather, setGather] = useState<{ running: boolean; result?: GatherMeasurement; error?: string }>({ running: false });

  useEffect(() => {
    if (!model) return;
    let alive = true;
    void modelWorker
      .request(
        'dynamic',
        { opts: { mode: settings.mode, keep: settings.keep, threshold: settings.threshold }, layer: settings.layer },
        { channel: 'dynamic' },
      )
      .outcome.then((o) => {
        // cancelled: superseded; failed: the model's error says why (the same worker and data)
        if (alive && o.status === 'done') setResult({ ...o.value, settings });
      });
    return () => {
      alive = false;
    };
  }, [model, modelWorker, settings]);

  useEffect(() => {
    if (!model || curves[settings.mode]) return;
    let alive = true;
    void modelWorker.request('curve', { mode: settings.mode }).outcome.then((o) => {
      if (alive && o.status === 'done') setCurves((c) => ({ ...c, [settings.mode]: o.value }));
    });
    return () => {
      alive = false;
    };
  }, [model, modelWorker, settings.mode, curves]);

  const keptNow = result ? (result.keptFraction[0] + result.keptFraction[1]) / 2 : null;
  useEffect(() => {
    onResult?.(
      result && keptNow !== null
        ? {
            accuracy: result.accuracy,
            kept: keptNow,
            mode: result.settings.mode,
            keep: result.settings.keep,
            threshold: result.settings.threshold,
          }
        : null,
    );
  }, [result, keptNow, onResult]);

  async function runGather() {
    const keep = mode === 'topk' ? state.keep : (keptNow ?? state.keep);
    setGather({ running: true });
    try {
      const { kernelBackend } = await import('@/lib/compute/tf');
      const ctx = await kernelBackend();
      const inputs = await valueOf(opsWorker.request('gather', { size, keep, seed: state.seed }).outcome);
      const r = await measureGather(ctx, size, inputs.w, inputs.x, inputs.idx, {
        samples: state.samples,
        minSampleMs: minSampleMsFor(emulated),
        gemvLayout: gemvLayoutFor(emulated),
      });
      setGather({ running: false, result: r });
    } catch (err) {
      setGather({ running: false, error: err instanceof Error ? err.message : String(err) });
    }
  }

  const hist = model?.histograms[state.layer];
  const curve = curves[mode];
  const layerName = state.layer;
  return (
    <Section title={m.title} testId="dynamic-panel" id="dynamic">
      <p className="text-sm text-zinc-700 dark:text-zinc-300">{m.intro}</p>
      <div className="mt-4 grid gap-4 md:grid-cols-3">
        <Select
          label={m.mode}
          value={state.mode}
          options={[
            { value: 'topk', label: m.modeTopk },
            { value: 'threshold', label: m.modeThreshold },
          ]}
          onChange={(v) => update({ mode: v })}
          testId="control-mode"
        />
        {mode === 'topk' ? (
          <Slider
            label={m.keep}
            value={state.keep}
            min={0.02}
            max={1}
            step={0.01}
            format={(v) => pct(v, 0)}
            onChange={(keep) => update({ keep })}
            testId="control-keep"
          />
        ) : (
          <Slider
            label={m.threshold}
            value={state.threshold}
            min={0}
            max={4}
            step={0.05}
            format={(v) => v.toFixed(2)}
            onChange={(threshold) => update({ threshold })}
            testId="control-threshold"
          />
        )}
        <Select
          label={m.layer}
          value={state.layer}
          options={(['h1', 'h2'] as const).map((v) => ({ value: v, label: m.layerOption[v] }))}
          onChange={(layer) => update({ layer })}
          testId="control-layer"
        />
      </div>
      {modelError && (
        <div className="mt-3">
          <Notice kind="error">{modelError}</Notice>
        </div>
      )}
      {!model && !modelError && <p className="mt-3 text-sm">{m.loading}</p>}
      {hist && (
        <div className="mt-4">
          <h3 className="text-sm font-semibold">{m.histTitle(layerName)}</h3>
          <ActivationHistogram
            hist={hist}
            cutoff={result?.cutoff ?? 0}
            title={m.histTitle(layerName)}
            xLabel={m.histX}
            yLabel={m.histY}
            cutoffLabel={mode === 'topk' ? m.cutoffTopk(result?.cutoff ?? 0) : `${m.cutoff} t = ${state.threshold.toFixed(2)}`}
            droppedLabel={m.dropped}
            keptLabel={m.kept}
            testId="activation-histogram"
            exportName={`acceleration-activations-${layerName}-${mode === 'topk' ? `top${state.keep}` : `t${state.threshold}`}`}
          />
          <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="relu-zeros">
            {m.zeros(hist.zeros / hist.total)}
          </p>
        </div>
      )}
      {result && model && (
        <dl className="mt-4 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]" data-testid="dynamic-result">
          <dt className="text-zinc-600 dark:text-zinc-400">{m.accuracy}</dt>
          <dd className="font-mono" data-testid="dynamic-accuracy" data-value={result.accuracy}>
            {m.accuracyValue(result.accuracy, model.baselineAccuracy)}
          </dd>
          <dt className="text-zinc-600 dark:text-zinc-400">{m.error}</dt>
          <dd className="font-mono" data-testid="dynamic-error" data-value={result.outputError}>
            {result.outputError.toFixed(4)}
          </dd>
          <dt className="text-zinc-600 dark:text-zinc-400">{m.keptLabel}</dt>
          <dd className="font-mono" data-testid="dynamic-kept">
            {m.keptH(result.keptFraction[0], result.keptFraction[1], result.naturalFraction[0], result.naturalFraction[1])}
          </dd>
        </dl>
      )}
      {curve && model && (
        <div className="mt-4">
          <h3 className="text-sm font-semibold">{m.curveTitle}</h3>
          <LineChart
            series={[
              {
                name: m.curveSeries,
                color: '#0d9488',
                dots: true,
                points: [...curve].sort((a, b) => a.kept - b.kept).map((p) => ({ x: p.kept * 100, y: p.accuracy * 100 })),
              },
              {
                name: m.curveDense,
                color: '#71717a',
                dashed: true,
                points: [
                  { x: 0, y: model.baselineAccuracy * 100 },
                  { x: 100, y: model.baselineAccuracy * 100 },
                ],
              },
            ]}
            xLabel={m.curveX}
            yLabel={m.curveY}
            xDomain={[0, 100]}
            markers={keptNow !== null && result ? [{ x: keptNow * 100, y: result.accuracy * 100, label: m.current, color: '#dc2626' }] : []}
            height={260}
            title={m.curveTitle}
            testId="dynamic-curve"
            exportName={`acceleration-dynamic-accuracy-vs-kept-${mode}`}
          />
        </div>
      )}

      <div className="mt-6 space-y-2 rounded border border-zinc-200 p-3 dark:border-zinc-800" data-testid="gather-panel">
        <h3 className="font-semibold">{m.gatherTitle}</h3>
        <p className="text-sm text-zinc-700 dark:text-zinc-300">{m.gatherBody(size)}</p>
        <button
          type="button"
          className={buttonClass}
          onClick={runGather}
          disabled={gather.running || kernels !== true}
          data-testid="gather-run"
        >
          {gather.running ? m.gatherRunning : m.gatherRun}
        </button>
        <div aria-live="polite">
          {gather.result && (
            <p className="text-sm" data-testid="gather-result" data-speedup={gather.result.speedup}>
              <strong>{m.gatherResult(gather.result.speedup, gather.result.ideal, gather.result.keptFraction)}</strong>{' '}
              <span className="text-xs text-zinc-600 dark:text-zinc-400">
                ({m.gatherTimes(gather.result.gather.medianMs, gather.result.dense.medianMs)})
              </span>
            </p>
          )}
          {gather.error && <Notice kind="error">{gather.error}</Notice>}
        </div>
        <p className="text-xs text-zinc-600 dark:text-zinc-400">{m.gatherNote}</p>
      </div>

      <div className="mt-6 space-y-4">
        <CodePanel title={m.sourceTitle} code={SOURCE_DYNAMIC_SNIPPET} origin="source" note={m.sourceNote} testId="source-dynamic-code" />
        <CodePanel title={m.oursTitle} code={torchDynamicCode(mode, state.keep, state.threshold)} testId="ours-dynamic-code" />
      </div>
    </Section>
  );
}
