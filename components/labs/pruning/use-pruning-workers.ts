'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CurvePoint } from '@/lib/pruning/curve';
import type { EvaluateResult, FineTuneProgress } from '@/lib/pruning/lab-jobs';
import type { PruneSettings } from '@/lib/pruning/model-masks';
import type { PruningProtocol } from '@/lib/pruning/worker-protocol';
import type { MlpWeights } from '@/lib/models/mlp';
import type { Issue } from '@/lib/i18n/issues';
import type { Outcome } from '@/lib/runtime/protocol';
import { WorkerClient, type WorkerPort } from '@/lib/runtime/worker-client';
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

type Client = WorkerClient<PruningProtocol>;
type Role = 'live' | 'curve' | 'finetune';

const startPruningWorker = () => new Worker(new URL('./pruning.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerPort;

const notReady: Outcome<never> = { status: 'cancelled' };

/**
 * Three workers running lib/pruning/lab-jobs.ts: one for the live evaluation (and "Compare
 * with"), one for the background curves, one for fine-tuning, so none waits for another. Each job
 * kind has its own channel: a newer request supersedes the older, which settles cancelled.
 */
export function usePruningWorkers(data: PruningData | null) {
  const clients = useRef<Record<Role, Client> | null>(null);
  const trainSent = useRef<Promise<void> | null>(null);
  const [error, setError] = useState<Issue | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    if (!data) return;
    const all = {
      live: new WorkerClient<PruningProtocol>(startPruningWorker),
      curve: new WorkerClient<PruningProtocol>(startPruningWorker),
      finetune: new WorkerClient<PruningProtocol>(startPruningWorker),
    };
    for (const c of Object.values(all)) {
      void c
        .request('init', { weights: data.weights, test: data.test, calibration: data.calibration })
        .outcome.then((o) => o.status === 'failed' && setError(o.issue));
    }
    clients.current = all;
    setReady(true);
    return () => {
      for (const c of Object.values(all)) c.dispose();
      clients.current = null;
      trainSent.current = null;
      setReady(false);
    };
  }, [data]);

  /** Prunes and evaluates; cancelled when a newer call superseded this one. */
  const evaluate = useCallback(
    (settings: PruneSettings): Promise<Outcome<LiveResult>> =>
      clients.current?.live.request('evaluate', { settings }, { channel: 'evaluate' }).outcome ?? Promise.resolve(notReady),
    [],
  );

  /** Prunes and evaluates the "Compare with" method; cancelled when superseded. */
  const compare = useCallback(
    (settings: PruneSettings): Promise<Outcome<EvaluateResult>> =>
      clients.current?.live.request('compare', { settings }, { channel: 'compare' }).outcome ?? Promise.resolve(notReady),
    [],
  );

  /** Starts the curves for `settings`, cancelling any earlier run. Returns a cancel function. */
  const startCurve = useCallback((settings: PruneSettings, handlers: CurveHandlers): (() => void) => {
    const c = clients.current?.curve;
    if (!c) return () => {};
    const job = c.request('curve', { settings }, { channel: 'curve', onProgress: (p) => handlers.onPoint(p.point, p.done, p.total) });
    void job.outcome.then((o) => {
      if (o.status === 'done') handlers.onDone();
      else if (o.status === 'failed') setError(o.issue);
    });
    return () => c.cancel(job.id);
  }, []);

  /** Fine-tunes the model pruned by `masks`; loads the training digits on first use. Returns a cancel function. */
  const startFineTune = useCallback(
    (
      masks: (Uint8Array | undefined)[],
      steps: number,
      seed: number,
      handlers: FineTuneHandlers,
      onLoading: (loading: boolean) => void,
    ): (() => void) => {
      const c = clients.current?.finetune;
      if (!c) return () => {};
      let cancelled = false;
      let id: number | null = null;
      if (!trainSent.current) {
        onLoading(true);
        trainSent.current = loadTrainBytes().then(async ({ images, labels }) => {
          const o = await c.request('train', { images, labels }, { transfer: [images.buffer, labels.buffer] }).outcome;
          if (o.status === 'failed') setError(o.issue);
        });
        trainSent.current.catch((err: unknown) => {
          trainSent.current = null;
          setError({ key: 'runtime', params: { message: err instanceof Error ? err.message : String(err) } });
        });
      }
      trainSent.current
        .then(() => {
          onLoading(false);
          if (cancelled) return;
          // Copies of the masks: the worker keeps them for the whole run.
          const job = c.request(
            'finetune',
            { masks: masks.map((m) => (m ? Uint8Array.from(m) : undefined)), steps, seed },
            { channel: 'finetune', onProgress: handlers.onProgress },
          );
          id = job.id;
          void job.outcome.then((o) => {
            if (o.status === 'done') handlers.onDone(o.value.weights, o.value.accuracy);
            else if (o.status === 'failed') setError(o.issue);
          });
        })
        .catch(() => onLoading(false));
      return () => {
        cancelled = true;
        if (id !== null) c.cancel(id);
      };
    },
    [],
  );

  return useMemo(
    () => ({ ready, error, evaluate, compare, startCurve, startFineTune }),
    [ready, error, evaluate, compare, startCurve, startFineTune],
  );
}
