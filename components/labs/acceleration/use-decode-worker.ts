'use client';

import { useCallback, useRef, useState } from 'react';
import { useWorkerClient } from '@/components/hooks/use-worker-client';
import type {
  DecodeCheckResult,
  DecodePhase,
  DecodeProgress,
  DecodeProtocol,
  DecodeShapesResult,
  DecodeTableResult,
} from '@/lib/acceleration/decode-protocol';
import type { Issue } from '@/lib/i18n/issues';
import type { PayloadOf, ProgressOf, ResultOf } from '@/lib/runtime/protocol';
import type { Job, WorkerPort } from '@/lib/runtime/worker-client';

export type DecodeStatus =
  | { kind: 'idle' }
  | { kind: 'running'; job: 'table' | 'check' | 'shapes'; phase: DecodePhase | null; done: number; total: number }
  | { kind: 'done'; seconds: number }
  | { kind: 'cancelled' }
  | { kind: 'error'; issue: Issue };

type Kind = keyof DecodeProtocol;

const startDecodeWorker = () => new Worker(new URL('./decode.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerPort;

/** The decode worker for the panel's lifetime: one job at a time (a new one supersedes the running one), with progress and cancel. */
export function useDecodeWorker() {
  const worker = useWorkerClient<DecodeProtocol>(startDecodeWorker);
  const current = useRef<number | null>(null);
  const [status, setStatus] = useState<DecodeStatus>({ kind: 'idle' });
  const [table, setTable] = useState<DecodeTableResult | null>(null);
  const [check, setCheck] = useState<DecodeCheckResult | null>(null);
  const [shapes, setShapes] = useState<DecodeShapesResult | null>(null);

  const start = useCallback(
    <K extends Kind>(kind: K, payload: PayloadOf<DecodeProtocol, K>) => {
      const started = performance.now();
      let id = 0;
      const onProgress = (p: DecodeProgress) =>
        setStatus((s) => (s.kind === 'running' && current.current === id ? { ...s, phase: p.phase, done: p.done, total: p.total } : s));
      const job: Job<ResultOf<DecodeProtocol, K>> = worker.request(kind, payload, {
        channel: 'decode',
        onProgress: onProgress as (p: ProgressOf<DecodeProtocol, K>) => void,
      });
      id = job.id;
      current.current = job.id;
      setStatus({ kind: 'running', job: kind, phase: null, done: 0, total: 1 });
      void job.outcome.then((o) => {
        if (current.current !== job.id) return; // superseded by a newer job
        current.current = null;
        if (o.status === 'cancelled') return setStatus({ kind: 'cancelled' });
        if (o.status === 'failed') return setStatus({ kind: 'error', issue: o.issue });
        const r = o.value as DecodeTableResult | DecodeCheckResult | DecodeShapesResult;
        if ('backend' in r) setTable(r);
        else if ('emulated' in r) setShapes(r);
        else setCheck(r);
        setStatus({ kind: 'done', seconds: (performance.now() - started) / 1000 });
      });
    },
    [worker],
  );

  const cancel = useCallback(() => {
    if (current.current !== null) worker.cancel(current.current);
  }, [worker]);

  return { status, table, check, shapes, start, cancel };
}
