'use client';

import { useCallback } from 'react';
import { useWorkerClient } from '@/components/hooks/use-worker-client';
import type { AttentionProtocol } from '@/lib/labs/attention/protocol';
import type { Outcome, PayloadOf, ResultOf } from '@/lib/runtime/protocol';
import type { WorkerPort } from '@/lib/runtime/worker-client';

type Kind = keyof AttentionProtocol;

const startAttentionWorker = () =>
  new Worker(new URL('./attention.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerPort;

/**
 * One worker for the lab's heavy work (the lab starts two: one for everything, one that only
 * redraws the whole-matrix picture, so that picture never waits behind a longer job). The worker
 * starts on the first request. `run(kind, body)` resolves with the job's Outcome; a newer request
 * of the same kind supersedes the older, which ends cancelled.
 */
export function useAttentionWorker() {
  const worker = useWorkerClient<AttentionProtocol>(startAttentionWorker);
  return useCallback(
    <K extends Kind>(kind: K, body: PayloadOf<AttentionProtocol, K>): Promise<Outcome<ResultOf<AttentionProtocol, K>>> =>
      worker.request(kind, body, { channel: kind }).outcome,
    [worker],
  );
}
