'use client';

import { useCallback, useEffect, useRef } from 'react';
import type { OverviewRequest, OverviewResult, ProbabilityRequest, ProbabilityResult, TwinRequest, TwinResult, ViewRequest, ViewResult } from '@/lib/labs/attention/jobs';

type Kind = 'view' | 'overview' | 'probs' | 'twin';
type RequestOf<K extends Kind> = K extends 'view' ? ViewRequest : K extends 'overview' ? OverviewRequest : K extends 'probs' ? ProbabilityRequest : TwinRequest;
type ResultOf<K extends Kind> = K extends 'view' ? ViewResult : K extends 'overview' ? OverviewResult : K extends 'probs' ? ProbabilityResult : TwinResult;
type ErrorMessage = { kind: 'error'; of: Kind; id: number; message: string };
type Body<K extends Kind> = Omit<RequestOf<K>, 'kind' | 'id'>;

interface Pending {
  id: number;
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

/**
 * One worker for the lab's heavy work (the lab starts two: one for everything, one that
 * only redraws the whole-matrix picture, so that picture never waits behind a longer job). `run(kind, body)` resolves with the result, or with
 * null when a newer request of the same kind superseded it (the worker dropped it).
 */
export function useAttentionWorker() {
  const workerRef = useRef<Worker | null>(null);
  const nextId = useRef(1);
  const pending = useRef<Partial<Record<Kind, Pending>>>({});
  // Mounted: the worker starts on the first request (a lab whose pictures all come from
  // the main thread never starts its preview worker) and stops on unmount.
  const mounted = useRef(false);

  useEffect(() => {
    mounted.current = true;
    const waiting = pending.current;
    return () => {
      mounted.current = false;
      workerRef.current?.terminate();
      workerRef.current = null;
      for (const kind of Object.keys(waiting) as Kind[]) {
        waiting[kind]?.resolve(null);
        delete waiting[kind];
      }
    };
  }, []);

  const ensureWorker = useCallback((): Worker | null => {
    if (workerRef.current || !mounted.current) return workerRef.current;
    const worker = new Worker(new URL('./attention.worker.ts', import.meta.url), { type: 'module' });
    const waiting = pending.current;
    worker.onmessage = (event: MessageEvent<ViewResult | OverviewResult | ProbabilityResult | TwinResult | ErrorMessage>) => {
      const data = event.data;
      const kind: Kind = data.kind === 'error' ? data.of : data.kind;
      const p = waiting[kind];
      if (!p || p.id !== data.id) return; // stale
      delete waiting[kind];
      if (data.kind === 'error') p.reject(new Error(data.message));
      else p.resolve(data);
    };
    worker.onerror = (event) => {
      for (const kind of Object.keys(waiting) as Kind[]) {
        waiting[kind]?.reject(new Error(event.message || 'the worker failed'));
        delete waiting[kind];
      }
    };
    workerRef.current = worker;
    return worker;
  }, []);

  const run = useCallback(<K extends Kind>(kind: K, body: Body<K>): Promise<ResultOf<K> | null> => {
    const worker = ensureWorker();
    if (!worker) return Promise.resolve(null);
    const id = nextId.current++;
    pending.current[kind]?.resolve(null); // superseded
    return new Promise<ResultOf<K> | null>((resolve, reject) => {
      pending.current[kind] = { id, resolve: resolve as (v: unknown) => void, reject };
      worker.postMessage({ ...body, kind, id });
    });
  }, [ensureWorker]);

  return run;
}
