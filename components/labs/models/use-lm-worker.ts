'use client';

import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { LmRequest, LmResponse, WorkerErrorData } from '@/lib/lm/worker-protocol';

/** A request's error as thrown to the caller: the worker's key, message and values. */
export class LmWorkerError extends Error {
  readonly data: WorkerErrorData;
  constructor(data: WorkerErrorData) {
    super(data.message);
    this.data = data;
  }
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: LmWorkerError) => void;
  onProgress?: (loaded: number, total: number, fromCache?: boolean) => void;
  onToken?: (text: string) => void;
}

type Body<T extends LmRequest['type']> = Omit<Extract<LmRequest, { type: T }>, 'id' | 'type'>;

export interface Call<R> {
  id: number;
  done: Promise<R>;
}

/**
 * The page side of lib/lm/worker-protocol.ts: one worker per page, started on the first
 * request; each call returns its id (to cancel it) and a promise of its result.
 */
export function useLmWorker() {
  const worker = useRef<Worker | null>(null);
  const pending = useRef(new Map<number, Pending>());
  const nextId = useRef(1);

  useEffect(
    () => () => {
      worker.current?.terminate();
      worker.current = null;
      for (const p of pending.current.values()) p.reject(new LmWorkerError({ key: 'cancelled', message: 'the page closed', values: {} }));
      pending.current.clear();
    },
    [],
  );

  const ensure = useCallback((): Worker => {
    if (worker.current) return worker.current;
    const w = new Worker(new URL('./lm.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<LmResponse>) => {
      const m = e.data;
      const p = pending.current.get(m.id);
      if (!p) return;
      if (m.type === 'progress') p.onProgress?.(m.loaded, m.total, m.fromCache);
      else if (m.type === 'token') p.onToken?.(m.text);
      else {
        pending.current.delete(m.id);
        if (m.type === 'result') p.resolve(m.result);
        else p.reject(new LmWorkerError(m.error));
      }
    };
    w.onerror = (e) => {
      e.preventDefault();
      const error = new LmWorkerError({ key: 'runtime', message: e.message || 'the model worker stopped', values: { message: e.message || 'the model worker stopped' } });
      for (const p of pending.current.values()) p.reject(error);
      pending.current.clear();
      w.terminate();
      worker.current = null;
    };
    worker.current = w;
    return w;
  }, []);

  const call = useCallback(
    <T extends Exclude<LmRequest['type'], 'cancel'>, R>(type: T, body: Body<T>, hooks: Omit<Pending, 'resolve' | 'reject'> = {}): Call<R> => {
      const id = nextId.current++;
      const done = new Promise<R>((resolve, reject) => {
        pending.current.set(id, { resolve: resolve as (v: unknown) => void, reject, ...hooks });
      });
      ensure().postMessage({ id, type, ...body } as unknown as LmRequest);
      return { id, done };
    },
    [ensure],
  );

  const cancel = useCallback((target: number) => {
    worker.current?.postMessage({ id: nextId.current++, type: 'cancel', target } satisfies LmRequest);
  }, []);

  return useMemo(() => ({ call, cancel }), [call, cancel]);
}
