'use client';

import { useCallback, useEffect, useRef } from 'react';
import type { WorkerMessage, WorkerReply, WorkerRequest } from './worker-protocol';

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  onProgress?: (p: unknown) => void;
}

export type WorkerRequestFn = <R extends WorkerRequest>(req: R, onProgress?: (p: WorkerReply[R['type']]) => void) => Promise<WorkerReply[R['type']]>;

/** One acceleration worker for the component's lifetime; request() returns a promise per message. */
export function useAccelerationWorker(): WorkerRequestFn {
  const worker = useRef<Worker | null>(null);
  const pending = useRef(new Map<number, Pending>());
  const nextId = useRef(1);

  useEffect(() => {
    const w = new Worker(new URL('./acceleration.worker.ts', import.meta.url), { type: 'module' });
    const map = pending.current;
    w.onmessage = (e: MessageEvent<WorkerMessage>) => {
      const m = e.data;
      const p = map.get(m.id);
      if (!p) return;
      if (m.kind === 'progress') p.onProgress?.(m.payload);
      else {
        map.delete(m.id);
        if (m.kind === 'result') p.resolve(m.payload);
        else p.reject(new Error(m.message));
      }
    };
    w.onerror = (e) => {
      for (const p of map.values()) p.reject(new Error(e.message || 'worker error'));
      map.clear();
    };
    worker.current = w;
    return () => {
      w.terminate();
      worker.current = null;
      for (const p of map.values()) p.reject(new Error('cancelled'));
      map.clear();
    };
  }, []);

  return useCallback(((req: WorkerRequest, onProgress?: (p: unknown) => void) => {
    const w = worker.current;
    if (!w) return Promise.reject(new Error('worker not started'));
    const id = nextId.current++;
    return new Promise<unknown>((resolve, reject) => {
      pending.current.set(id, { resolve, reject, onProgress });
      w.postMessage({ id, req });
    });
  }) as WorkerRequestFn, []);
}
