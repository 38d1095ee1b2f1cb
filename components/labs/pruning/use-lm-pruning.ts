'use client';

import { useCallback, useState } from 'react';
import { useWorkerClient } from '@/components/hooks/use-worker-client';
import type { ModelBackend } from '@/lib/compute/backend';
import type { LmPruneSpec } from '@/lib/lm/prune';
import type { BatchKind, PointResult, PruneLmName, PruneLmPhase, PruneLmProtocol } from '@/lib/lm/prune-protocol';
import type { Issue } from '@/lib/i18n/issues';
import type { WorkerPort } from '@/lib/runtime/worker-client';

export interface Progress {
  phase: PruneLmPhase;
  done: number;
  total: number;
}

export interface BatchState {
  points: PointResult[];
  done: number;
  total: number;
  running: boolean;
  finished: boolean;
}

const EMPTY_BATCH: BatchState = { points: [], done: 0, total: 0, running: false, finished: false };

const startLmPruneWorker = () => new Worker(new URL('./lm-prune.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerPort;

/**
 * The page side of lm-prune.worker.ts: one worker per page; the newest request of each kind wins
 * (an older one settles cancelled, which the lab ignores). Each call resolves to its Outcome
 * (lib/runtime/protocol.ts); `error` holds the last failure the lab shows.
 */
export function useLmPruning() {
  const worker = useWorkerClient<PruneLmProtocol>(startLmPruneWorker);
  const [error, setError] = useState<Issue | null>(null);

  const load = useCallback(
    (model: PruneLmName, bytes: number, backend: ModelBackend | 'auto', onProgress: (p: Progress) => void) =>
      worker.request('load', { model, bytes, backend }, { channel: 'load', onProgress }).outcome,
    [worker],
  );

  const evaluate = useCallback(
    (model: PruneLmName, spec: LmPruneSpec, calib: number, onProgress: (p: Progress) => void) =>
      worker.request('evaluate', { model, spec, calib }, { channel: 'evaluate', onProgress }).outcome,
    [worker],
  );

  const generate = useCallback(
    (model: PruneLmName, spec: LmPruneSpec, calib: number, prompt: string, seed: number) =>
      worker.request('generate', { model, spec, calib, prompt, seed, length: 120, temperature: 0.8, topK: 20 }, { channel: 'generate' })
        .outcome,
    [worker],
  );

  /** Starts a batch; returns a cancel function. */
  const batch = useCallback(
    (kind: BatchKind, model: PruneLmName, specs: LmPruneSpec[], calib: number, onState: (s: BatchState) => void): (() => void) => {
      let state: BatchState = { ...EMPTY_BATCH, total: specs.length, running: true };
      onState(state);
      const job = worker.request(
        'batch',
        { kind, model, specs, calib },
        {
          channel: `batch-${kind}`,
          onProgress: ({ point, done, total }) => {
            if (!point) return;
            state = { ...state, points: [...state.points, point], done, total };
            onState(state);
          },
        },
      );
      void job.outcome.then((o) => {
        onState({ ...state, running: false, finished: o.status === 'done' });
        if (o.status === 'failed') setError(o.issue);
      });
      return () => worker.cancel(job.id);
    },
    [worker],
  );

  return { load, evaluate, generate, batch, error, setError };
}

export { EMPTY_BATCH };
