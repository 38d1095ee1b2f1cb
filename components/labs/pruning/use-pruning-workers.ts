'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CurvePoint } from '@/lib/pruning/curve';
import type { EvaluateResult, FineTuneProgress } from '@/lib/pruning/lab-jobs';
import type { PruneSettings } from '@/lib/pruning/model-masks';
import type { JobKind, WorkerRequest, WorkerResponse } from '@/lib/pruning/worker-protocol';
import type { MlpWeights } from '@/lib/models/mlp';
import { type PruningData, loadTrainBytes } from './use-pruning-data';

/** An evaluation plus the dense model's accuracy (measured once by the worker). */
export type LiveResult = EvaluateResult & { denseAccuracy: number };

export interface CurveHandlers {
  onPoint: (point: CurvePoint, done: number, total: number) => void;
  onDone: () => void;
}

export interface FineTuneHandlers {
  onProgress: (p: FineTuneProgress) => void;
  onDone: (weights: MlpWeights, accuracy: number) => void;
}

function startWorker(data: PruningData): Worker {
  const worker = new Worker(new URL('./pruning.worker.ts', import.meta.url), { type: 'module' });
  const init: WorkerRequest = { kind: 'init', weights: data.weights, test: data.test, calibration: data.calibration };
  worker.postMessage(init);
  return worker;
}

/**
 * Three workers running lib/pruning/lab-jobs.ts: one for the live evaluation, one for the
 * background curves, one for fine-tuning, so none waits for another. Results of superseded
 * requests are dropped here by id (the worker also stops them at its next tick).
 */
export function usePruningWorkers(data: PruningData | null) {
  const workers = useRef<Record<JobKind, Worker> | null>(null);
  const ids = useRef<Record<JobKind, number>>({ evaluate: 0, curve: 0, finetune: 0, compare: 0 });
  const evaluateWaiter = useRef<{ id: number; resolve: (r: LiveResult | null) => void; reject: (e: Error) => void } | null>(null);
  const compareWaiter = useRef<{ id: number; resolve: (r: EvaluateResult | null) => void; reject: (e: Error) => void } | null>(null);
  const curveHandlers = useRef<CurveHandlers | null>(null);
  const ftHandlers = useRef<FineTuneHandlers | null>(null);
  const trainSent = useRef<Promise<void> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    if (!data) return;
    const live = startWorker(data);
    // The compare job shares the live-evaluation worker (it is the same kind of work).
    const all: Record<JobKind, Worker> = { evaluate: live, curve: startWorker(data), finetune: startWorker(data), compare: live };
    workers.current = all;
    const onMessage = (event: MessageEvent<WorkerResponse>) => {
      const msg = event.data;
      switch (msg.kind) {
        case 'evaluate': {
          const w = evaluateWaiter.current;
          if (w && w.id === msg.id) {
            evaluateWaiter.current = null;
            w.resolve({ ...msg.result, denseAccuracy: msg.denseAccuracy });
          }
          break;
        }
        case 'compare': {
          const w = compareWaiter.current;
          if (w && w.id === msg.id) {
            compareWaiter.current = null;
            w.resolve(msg.result);
          }
          break;
        }
        case 'curve-point':
          if (msg.id === ids.current.curve) curveHandlers.current?.onPoint(msg.point, msg.done, msg.total);
          break;
        case 'curve-done':
          if (msg.id === ids.current.curve) curveHandlers.current?.onDone();
          break;
        case 'finetune-progress':
          if (msg.id === ids.current.finetune) ftHandlers.current?.onProgress(msg.progress);
          break;
        case 'finetune-done':
          if (msg.id === ids.current.finetune) ftHandlers.current?.onDone(msg.weights, msg.accuracy);
          break;
        case 'error':
          if (msg.of === 'evaluate' && evaluateWaiter.current?.id === msg.id) {
            evaluateWaiter.current.reject(new Error(msg.message));
            evaluateWaiter.current = null;
          } else if (msg.of === 'compare' && compareWaiter.current?.id === msg.id) {
            compareWaiter.current.reject(new Error(msg.message));
            compareWaiter.current = null;
          } else if (msg.of === 'init' || msg.id === ids.current[msg.of]) {
            setError(msg.message);
          }
          break;
      }
    };
    for (const w of new Set(Object.values(all))) {
      w.onmessage = onMessage;
      w.onerror = (event) => setError(event.message || 'worker failed');
    }
    setReady(true);
    return () => {
      for (const w of new Set(Object.values(all))) w.terminate();
      workers.current = null;
      evaluateWaiter.current?.resolve(null);
      evaluateWaiter.current = null;
      compareWaiter.current?.resolve(null);
      compareWaiter.current = null;
      trainSent.current = null;
      setReady(false);
    };
  }, [data]);

  /** Prunes and evaluates; resolves null when a newer call superseded this one. */
  const evaluate = useCallback((settings: PruneSettings): Promise<LiveResult | null> => {
    const w = workers.current;
    if (!w) return Promise.resolve(null);
    const id = ++ids.current.evaluate;
    evaluateWaiter.current?.resolve(null);
    return new Promise((resolve, reject) => {
      evaluateWaiter.current = { id, resolve, reject };
      w.evaluate.postMessage({ kind: 'evaluate', id, settings } satisfies WorkerRequest);
    });
  }, []);

  /** Prunes and evaluates the "Compare with" method; resolves null when superseded. */
  const compare = useCallback((settings: PruneSettings): Promise<EvaluateResult | null> => {
    const w = workers.current;
    if (!w) return Promise.resolve(null);
    const id = ++ids.current.compare;
    compareWaiter.current?.resolve(null);
    return new Promise((resolve, reject) => {
      compareWaiter.current = { id, resolve, reject };
      w.compare.postMessage({ kind: 'compare', id, settings } satisfies WorkerRequest);
    });
  }, []);

  /** Starts the curves for `settings`, cancelling any earlier run. Returns a cancel function. */
  const startCurve = useCallback((settings: PruneSettings, handlers: CurveHandlers): (() => void) => {
    const w = workers.current;
    if (!w) return () => {};
    const id = ++ids.current.curve;
    curveHandlers.current = handlers;
    w.curve.postMessage({ kind: 'curve', id, settings } satisfies WorkerRequest);
    return () => {
      if (ids.current.curve !== id) return;
      const cancelId = ++ids.current.curve;
      w.curve.postMessage({ kind: 'cancel', of: 'curve', id: cancelId } satisfies WorkerRequest);
    };
  }, []);

  /** Fine-tunes the model pruned by `masks`; loads the training digits on first use. Returns a cancel function. */
  const startFineTune = useCallback(
    (masks: (Uint8Array | undefined)[], steps: number, seed: number, handlers: FineTuneHandlers, onLoading: (loading: boolean) => void): (() => void) => {
      const w = workers.current;
      if (!w) return () => {};
      const id = ++ids.current.finetune;
      ftHandlers.current = handlers;
      if (!trainSent.current) {
        onLoading(true);
        trainSent.current = loadTrainBytes().then(({ images, labels }) => {
          w.finetune.postMessage({ kind: 'train', images, labels } satisfies WorkerRequest, [images.buffer, labels.buffer]);
        });
        trainSent.current.catch((err: unknown) => {
          trainSent.current = null;
          setError(err instanceof Error ? err.message : String(err));
        });
      }
      trainSent.current
        .then(() => {
          onLoading(false);
          if (ids.current.finetune !== id) return;
          // Copies of the masks: the worker keeps them for the whole run.
          w.finetune.postMessage({ kind: 'finetune', id, masks: masks.map((m) => (m ? Uint8Array.from(m) : undefined)), steps, seed } satisfies WorkerRequest);
        })
        .catch(() => onLoading(false));
      return () => {
        if (ids.current.finetune !== id) return;
        const cancelId = ++ids.current.finetune;
        w.finetune.postMessage({ kind: 'cancel', of: 'finetune', id: cancelId } satisfies WorkerRequest);
      };
    },
    [],
  );

  return useMemo(() => ({ ready, error, evaluate, compare, startCurve, startFineTune }), [ready, error, evaluate, compare, startCurve, startFineTune]);
}
