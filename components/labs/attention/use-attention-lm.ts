'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { useDebounced } from '@/components/hooks/use-url-state';
import type { PatternSpec, SweepFamily } from '@/lib/attention/lm-heads';
import { SWEEP_FAMILIES, sweepSpecs } from '@/lib/attention/lm-heads';
import type { PatternParams } from '@/lib/attention/patterns';
import { EVAL_WINDOW_COUNT } from '@/lib/lm/eval-windows';
import type { LmName } from '@/lib/lm/models';
import type { PatternNllResult, TraceResult, WindowsInfo, WorkerErrorData } from '@/lib/lm/worker-protocol';
import { asError, type LmModel, useLmModel } from '../models/use-lm-model';
import { useLmWorker } from '../models/use-lm-worker';

const ALL_WINDOWS = Array.from({ length: EVAL_WINDOW_COUNT }, (_, i) => i);
const mean = (a: readonly number[]) => a.reduce((s, v) => s + v, 0) / a.length;

export interface LiveLoss {
  /** Mean NLL (nats per character) dense and with the pattern `spec` (the settings they were measured for). */
  passage: { dense: number; pattern: number; spec: PatternSpec } | null;
  test: { dense: number; pattern: number; spec: PatternSpec } | null;
  busy: boolean;
  ms: number | null;
  error: WorkerErrorData | null;
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
  | { kind: 'error'; error: WorkerErrorData };

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
  traceError: WorkerErrorData | null;
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
export function useAttentionLm(model: LmName, passage: number, spec: PatternSpec, base: PatternParams, sink: { window: number; sinks: number } | null): AttentionLm {
  const worker = useLmWorker();
  const lm = useLmModel(worker, model);
  const { ready } = lm;
  const [windows, setWindows] = useState<WindowsInfo | null>(null);
  const [trace, setTrace] = useState<TraceResult | null>(null);
  const [traceError, setTraceError] = useState<WorkerErrorData | null>(null);
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
    worker.call<'windows', WindowsInfo>('windows', { model }).done.then(
      (w) => live && setWindows(w),
      (err) => live && setTraceError(asError(err)),
    );
    return () => {
      live = false;
    };
  }, [ready, worker, model]);

  useEffect(() => {
    if (!ready) return;
    let live = true;
    setTrace(null);
    setTraceError(null);
    worker.call<'trace', TraceResult>('trace', { model, window: passage }).done.then(
      (t) => live && setTrace(t),
      (err) => live && setTraceError(asError(err)),
    );
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
    const one = worker.call<'pattern-nll', PatternNllResult>('pattern-nll', { model, channel: 'attn-passage', specs: [null, settled], windows: [passage] });
    ids.push(one.id);
    one.done
      .then((r) => {
        if (!live) return null;
        setLive((l) => ({ ...l, passage: { dense: r.nll[0][0], pattern: r.nll[1][0], spec: settled }, ms: performance.now() - t0 }));
        const all = worker.call<'pattern-nll', PatternNllResult>('pattern-nll', { model, channel: 'attn-test', specs: [null, settled], windows: ALL_WINDOWS });
        ids.push(all.id);
        return all.done;
      })
      .then(
        (r) => {
          if (!live || !r) return;
          setLive((l) => ({ ...l, test: { dense: mean(r.nll[0]), pattern: mean(r.nll[1]), spec: settled }, busy: false }));
        },
        (err) => {
          if (!live) return;
          const e = asError(err);
          setLive((l) => ({ ...l, busy: e.key === 'cancelled' ? l.busy : false, error: e.key === 'cancelled' ? null : e }));
        },
      );
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
    const call = worker.call<'pattern-nll', PatternNllResult>('pattern-nll', { model, channel: 'attn-sinks', specs: [mk(0), mk(k)], windows: ALL_WINDOWS });
    call.done.then(
      (r) => live && setSinks({ window, sinks: k, only: mean(r.nll[0]), both: mean(r.nll[1]), busy: false }),
      () => undefined, // superseded, or the live loss reports the same failure
    );
    return () => {
      live = false;
      worker.cancel(call.id);
    };
    // base's other knobs do not change a sinks mask
  }, [ready, worker, model, sinkSettled]); // eslint-disable-line react-hooks/exhaustive-deps

  const sweepId = useRef<number | null>(null);
  const runSweep = useCallback(() => {
    if (!ready) return;
    const plan = SWEEP_FAMILIES.flatMap((family) => sweepSpecs(family, base).map((s) => ({ family, ...s })));
    const call = worker.call<'pattern-nll', PatternNllResult>(
      'pattern-nll',
      { model, channel: 'attn-sweep', specs: [null, ...plan.map((p) => p.spec)], windows: ALL_WINDOWS },
      { onProgress: (done, total) => setSweep({ kind: 'running', id: call.id, done, total }) },
    );
    sweepId.current = call.id;
    setSweep({ kind: 'running', id: call.id, done: 0, total: (plan.length + 1) * ALL_WINDOWS.length });
    call.done.then(
      (r) => {
        if (sweepId.current !== call.id) return;
        const done = { kind: 'done' as const, dense: mean(r.nll[0]), points: plan.map((p, i) => ({ ...p, nll: mean(r.nll[i + 1]) })), cached: false };
        sweeps.current.set(model, done);
        setSweep(done);
      },
      (err) => {
        if (sweepId.current !== call.id) return;
        const e = asError(err);
        setSweep(e.key === 'cancelled' ? { kind: 'cancelled' } : { kind: 'error', error: e });
      },
    );
  }, [ready, worker, model, base]);

  const cancelSweep = useCallback(() => {
    if (sweep.kind === 'running') worker.cancel(sweep.id);
  }, [worker, sweep]);

  return { lm, cancelLoad: worker.cancel, windows, trace, traceError, live, sinks, sweep, runSweep, cancelSweep };
}
