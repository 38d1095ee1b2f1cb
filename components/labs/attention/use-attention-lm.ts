'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { useDebounced } from '@/components/hooks/use-url-state';
import type { PatternSpec, SweepFamily } from '@/lib/attention/lm-heads';
import { SWEEP_FAMILIES, sweepSpecs } from '@/lib/attention/lm-heads';
import type { PatternParams } from '@/lib/attention/patterns';
import { EVAL_WINDOW_COUNT } from '@/lib/lm/eval-windows';
import type { LmName } from '@/lib/lm/models';
import type { TraceResult, WindowsInfo } from '@/lib/lm/worker-protocol';
import type { Issue } from '@/lib/i18n/issues';
import { type LmModel, useLmModel } from '../models/use-lm-model';
import { useLmWorker } from '../models/use-lm-worker';

const ALL_WINDOWS = Array.from({ length: EVAL_WINDOW_COUNT }, (_, i) => i);
const mean = (a: readonly number[]) => a.reduce((s, v) => s + v, 0) / a.length;

export interface LiveLoss {
  /** Mean NLL (nats per character) dense and with the pattern `spec` (the settings they were measured for). */
  passage: { dense: number; pattern: number; spec: PatternSpec } | null;
  test: { dense: number; pattern: number; spec: PatternSpec } | null;
  busy: boolean;
  ms: number | null;
  error: Issue | null;
}

export interface SweepPoint {
  family: SweepFamily;
  value: number;
  spec: PatternSpec;
  nll: number;
}

export type SweepState =
  | { kind: 'idle' }
  | { kind: 'running'; id: number; done: number; total: number }
  | { kind: 'done'; dense: number; points: SweepPoint[]; cached: boolean }
  | { kind: 'cancelled' }
  | { kind: 'error'; error: Issue };

export interface SinkRun {
  window: number;
  sinks: number;
  only: number | null;
  both: number | null;
  busy: boolean;
}

export interface AttentionLm {
  lm: LmModel;
  cancelLoad: (id: number) => void;
  windows: WindowsInfo | null;
  trace: TraceResult | null;
  traceError: Issue | null;
  live: LiveLoss;
  sinks: SinkRun | null;
  sweep: SweepState;
  runSweep: () => void;
  cancelSweep: () => void;
}

/**
 * The attention lab's language-model side: loads the model into the page's LM worker, fetches the
 * fixed test sample and the chosen passage's trace, re-measures the pattern's loss whenever the
 * settings settle (the passage first, then the test sample; newer settings supersede older), runs
 * the window-only vs sinks comparison, and the quality-vs-density sweep on demand (cached per
 * model for the tab's life).
 */
export function useAttentionLm(
  model: LmName,
  passage: number,
  spec: PatternSpec,
  base: PatternParams,
  sink: { window: number; sinks: number } | null,
): AttentionLm {
  const worker = useLmWorker();
  const lm = useLmModel(worker, model);
  const { ready } = lm;
  const [windows, setWindows] = useState<WindowsInfo | null>(null);
  const [trace, setTrace] = useState<TraceResult | null>(null);
  const [traceError, setTraceError] = useState<Issue | null>(null);
  const [live, setLive] = useState<LiveLoss>({ passage: null, test: null, busy: false, ms: null, error: null });
  const [sinks, setSinks] = useState<SinkRun | null>(null);
  const [sweep, setSweep] = useState<SweepState>({ kind: 'idle' });
  const sweeps = useRef(new Map<LmName, Extract<SweepState, { kind: 'done' }>>());

  useEffect(() => {
    setWindows(null);
    setTrace(null);
    setLive({ passage: null, test: null, busy: false, ms: null, error: null });
    setSinks(null);
    const hit = sweeps.current.get(model);
    setSweep(hit ? { ...hit, cached: true } : { kind: 'idle' });
  }, [model]);

  useEffect(() => {
    if (!ready) return;
    let live = true;
    void worker.request('windows', { model }).outcome.then((o) => {
      if (!live || o.status === 'cancelled') return;
      if (o.status === 'done') setWindows(o.value);
      else setTraceError(o.issue);
    });
    return () => {
      live = false;
    };
  }, [ready, worker, model]);

  useEffect(() => {
    if (!ready) return;
    let live = true;
    setTrace(null);
    setTraceError(null);
    void worker.request('trace', { model, window: passage }).outcome.then((o) => {
      if (!live || o.status === 'cancelled') return;
      if (o.status === 'done') setTrace(o.value);
      else setTraceError(o.issue);
    });
    return () => {
      live = false;
    };
  }, [ready, worker, model, passage]);

  // Live loss: passage first (one forward pass), then the whole sample. Settings that change
  // cancel what is still running for the old ones, so the new passage number comes first.
  const settled = useDebounced(spec, 150);
  useEffect(() => {
    if (!ready) return;
    let live = true;
    const ids: number[] = [];
    setLive((l) => ({ ...l, busy: true, error: null }));
    const t0 = performance.now();
    const failed = (issue: Issue) => setLive((l) => ({ ...l, busy: false, error: issue }));
    const one = worker.request('pattern-nll', { model, specs: [null, settled], windows: [passage] }, { channel: 'attn-passage' });
    ids.push(one.id);
    void one.outcome.then(async (o) => {
      if (!live || o.status === 'cancelled') return;
      if (o.status === 'failed') return failed(o.issue);
      const r = o.value;
      setLive((l) => ({ ...l, passage: { dense: r.nll[0][0], pattern: r.nll[1][0], spec: settled }, ms: performance.now() - t0 }));
      const all = worker.request('pattern-nll', { model, specs: [null, settled], windows: ALL_WINDOWS }, { channel: 'attn-test' });
      ids.push(all.id);
      const a = await all.outcome;
      if (!live || a.status === 'cancelled') return;
      if (a.status === 'failed') return failed(a.issue);
      setLive((l) => ({ ...l, test: { dense: mean(a.value.nll[0]), pattern: mean(a.value.nll[1]), spec: settled }, busy: false }));
    });
    return () => {
      live = false;
      for (const id of ids) worker.cancel(id);
    };
  }, [ready, worker, model, passage, settled]);

  // Window only against window + k sinks, on the whole sample.
  const sinkSettled = useDebounced(sink, 300);
  useEffect(() => {
    if (!ready || !sinkSettled) {
      setSinks(null);
      return;
    }
    let live = true;
    const { window, sinks: k } = sinkSettled;
    setSinks({ window, sinks: k, only: null, both: null, busy: true });
    const mk = (sinkTokens: number): PatternSpec => ({ name: 'sinks', params: { ...base, causal: true, windowSize: window, sinkTokens } });
    const job = worker.request('pattern-nll', { model, specs: [mk(0), mk(k)], windows: ALL_WINDOWS }, { channel: 'attn-sinks' });
    void job.outcome.then((o) => {
      // cancelled when superseded; a failure is the live loss's to report (the same model and sample)
      if (live && o.status === 'done') setSinks({ window, sinks: k, only: mean(o.value.nll[0]), both: mean(o.value.nll[1]), busy: false });
    });
    return () => {
      live = false;
      worker.cancel(job.id);
    };
    // base's other knobs do not change a sinks mask
  }, [ready, worker, model, sinkSettled]); // eslint-disable-line react-hooks/exhaustive-deps

  const sweepId = useRef<number | null>(null);
  const runSweep = useCallback(() => {
    if (!ready) return;
    const plan = SWEEP_FAMILIES.flatMap((family) => sweepSpecs(family, base).map((s) => ({ family, ...s })));
    const job = worker.request(
      'pattern-nll',
      { model, specs: [null, ...plan.map((p) => p.spec)], windows: ALL_WINDOWS },
      { channel: 'attn-sweep', onProgress: (p) => setSweep({ kind: 'running', id: job.id, done: p.done, total: p.total }) },
    );
    sweepId.current = job.id;
    setSweep({ kind: 'running', id: job.id, done: 0, total: (plan.length + 1) * ALL_WINDOWS.length });
    void job.outcome.then((o) => {
      if (sweepId.current !== job.id) return;
      if (o.status === 'done') {
        const r = o.value;
        const done = {
          kind: 'done' as const,
          dense: mean(r.nll[0]),
          points: plan.map((p, i) => ({ ...p, nll: mean(r.nll[i + 1]) })),
          cached: false,
        };
        sweeps.current.set(model, done);
        setSweep(done);
      } else {
        // the reader's Cancel leaves a notice that the sweep stopped
        setSweep(o.status === 'cancelled' ? { kind: 'cancelled' } : { kind: 'error', error: o.issue });
      }
    });
  }, [ready, worker, model, base]);

  const cancelSweep = useCallback(() => {
    if (sweep.kind === 'running') worker.cancel(sweep.id);
  }, [worker, sweep]);

  return { lm, cancelLoad: worker.cancel, windows, trace, traceError, live, sinks, sweep, runSweep, cancelSweep };
}
