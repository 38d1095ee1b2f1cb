'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { ModelBackend } from '@/lib/compute/backend';
import type { LmPruneSpec } from '@/lib/lm/prune';
import type { Evaluation } from '@/lib/lm/prune-jobs';
import type { BatchKind, GeneratedPair, LoadedLm, PointResult, PruneLmName, PruneLmPhase, PruneLmRequest, PruneLmResponse } from '@/lib/lm/prune-protocol';

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

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const EMPTY_BATCH: BatchState = { points: [], done: 0, total: 0, running: false, finished: false };

interface Waiter {
  resolve: (v: unknown) => void;
  reject: (e: Error & { key?: string }) => void;
  onProgress?: (p: Progress) => void;
  onPoint?: (p: PointResult, done: number, total: number) => void;
}

/**
 * The page side of lm-prune.worker.ts: one worker per page, promises per request, the newest
 * request of each kind wins (older ones end 'cancelled' and are ignored here).
 */
export function useLmPruning() {
  const worker = useRef<Worker | null>(null);
  const waiters = useRef(new Map<number, Waiter>());
  const nextId = useRef(1);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const w = new Worker(new URL('./lm-prune.worker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    w.onmessage = (event: MessageEvent<PruneLmResponse>) => {
      const msg = event.data;
      const waiter = waiters.current.get(msg.id);
      if (!waiter) return;
      if (msg.type === 'progress') waiter.onProgress?.({ phase: msg.phase, done: msg.done, total: msg.total });
      else if (msg.type === 'point') waiter.onPoint?.(msg.point, msg.done, msg.total);
      else {
        waiters.current.delete(msg.id);
        if (msg.type === 'result') waiter.resolve(msg.result);
        else waiter.reject(Object.assign(new Error(msg.error.message), { key: msg.error.key }));
      }
    };
    w.onerror = (e) => setError(e.message || 'the worker failed');
    const pending = waiters.current;
    return () => {
      w.terminate();
      worker.current = null;
      pending.clear();
    };
  }, []);

  const send = useCallback(<T,>(req: DistributiveOmit<PruneLmRequest, 'id'>, hooks: Omit<Waiter, 'resolve' | 'reject'> = {}): { id: number; promise: Promise<T> } => {
    const id = nextId.current++;
    const promise = new Promise<T>((resolve, reject) => {
      waiters.current.set(id, { resolve: resolve as (v: unknown) => void, reject, ...hooks });
    });
    worker.current?.postMessage({ ...req, id } as PruneLmRequest);
    return { id, promise };
  }, []);

  const cancel = useCallback((target: number) => worker.current?.postMessage({ id: nextId.current++, type: 'cancel', target } satisfies PruneLmRequest), []);

  const load = useCallback(
    (model: PruneLmName, bytes: number, backend: ModelBackend | 'auto', onProgress: (p: Progress) => void) => send<LoadedLm>({ type: 'load', model, bytes, backend }, { onProgress }).promise,
    [send],
  );

  const evaluate = useCallback(
    (model: PruneLmName, spec: LmPruneSpec, calib: number, onProgress: (p: Progress) => void) => send<Evaluation>({ type: 'evaluate', model, spec, calib }, { onProgress }).promise,
    [send],
  );

  const generate = useCallback(
    (model: PruneLmName, spec: LmPruneSpec, calib: number, prompt: string, seed: number, onProgress: (p: Progress) => void) =>
      send<GeneratedPair>({ type: 'generate', model, spec, calib, prompt, seed, length: 120, temperature: 0.8, topK: 20 }, { onProgress }).promise,
    [send],
  );

  /** Starts a batch; returns a cancel function. */
  const batch = useCallback(
    (kind: BatchKind, model: PruneLmName, specs: LmPruneSpec[], calib: number, onState: (s: BatchState) => void): (() => void) => {
      let state: BatchState = { ...EMPTY_BATCH, total: specs.length, running: true };
      onState(state);
      const { id, promise } = send<PointResult[]>(
        { type: 'batch', kind, model, specs, calib },
        {
          onPoint: (point, done, total) => {
            state = { ...state, points: [...state.points, point], done, total };
            onState(state);
          },
        },
      );
      promise
        .then(() => onState({ ...state, running: false, finished: true }))
        .catch((err: Error & { key?: string }) => {
          onState({ ...state, running: false });
          if (err.key !== 'cancelled') setError(err.message);
        });
      return () => cancel(id);
    },
    [send, cancel],
  );

  return { load, evaluate, generate, batch, error, setError };
}

export { EMPTY_BATCH };
