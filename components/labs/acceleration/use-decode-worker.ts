'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { DecodeCheckRequest, DecodeCheckResult, DecodePhase, DecodeResponse, DecodeShapesRequest, DecodeShapesResult, DecodeTableRequest, DecodeTableResult } from '@/lib/acceleration/decode-protocol';

export type DecodeStatus =
  | { kind: 'idle' }
  | { kind: 'running'; job: 'table' | 'check' | 'shapes'; phase: DecodePhase | null; done: number; total: number }
  | { kind: 'done'; seconds: number }
  | { kind: 'cancelled' }
  | { kind: 'error'; message: string };

type Omitted<R> = Omit<R, 'id' | 'type'>;

/** The decode worker for the panel's lifetime: one job at a time, with progress and cancel. */
export function useDecodeWorker() {
  const worker = useRef<Worker | null>(null);
  const current = useRef<number | null>(null);
  const nextId = useRef(1);
  const [status, setStatus] = useState<DecodeStatus>({ kind: 'idle' });
  const [table, setTable] = useState<DecodeTableResult | null>(null);
  const [check, setCheck] = useState<DecodeCheckResult | null>(null);
  const [shapes, setShapes] = useState<DecodeShapesResult | null>(null);
  const started = useRef(0);

  useEffect(() => {
    const w = new Worker(new URL('./decode.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<DecodeResponse>) => {
      const m = e.data;
      if (m.id !== current.current) return;
      if (m.type === 'progress') {
        setStatus((s) => (s.kind === 'running' ? { ...s, phase: m.phase, done: m.done, total: m.total } : s));
        return;
      }
      current.current = null;
      if (m.type === 'error') {
        setStatus(m.error.key === 'cancelled' ? { kind: 'cancelled' } : { kind: 'error', message: m.error.message });
        return;
      }
      if ('backend' in m.result) setTable(m.result);
      else if ('emulated' in m.result) setShapes(m.result);
      else setCheck(m.result);
      setStatus({ kind: 'done', seconds: (performance.now() - started.current) / 1000 });
    };
    w.onerror = (e) => {
      current.current = null;
      setStatus({ kind: 'error', message: e.message || 'worker error' });
    };
    worker.current = w;
    return () => {
      w.terminate();
      worker.current = null;
    };
  }, []);

  const start = useCallback((job: 'table' | 'check' | 'shapes', req: Omitted<DecodeTableRequest> | Omitted<DecodeCheckRequest> | Omitted<DecodeShapesRequest>) => {
    const w = worker.current;
    if (!w) return;
    const id = nextId.current++;
    if (current.current !== null) w.postMessage({ id: nextId.current++, type: 'cancel', target: current.current });
    current.current = id;
    started.current = performance.now();
    setStatus({ kind: 'running', job, phase: null, done: 0, total: 1 });
    w.postMessage({ ...req, id, type: job });
  }, []);

  const cancel = useCallback(() => {
    const w = worker.current;
    if (!w || current.current === null) return;
    w.postMessage({ id: nextId.current++, type: 'cancel', target: current.current });
  }, []);

  return { status, table, check, shapes, start, cancel };
}
