'use client';

import { useWorkerClient } from '@/components/hooks/use-worker-client';
import type { LmProtocol } from '@/lib/lm/worker-protocol';
import type { WorkerClient, WorkerPort } from '@/lib/runtime/worker-client';

export type LmClient = WorkerClient<LmProtocol>;

const startLmWorker = () => new Worker(new URL('./lm.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerPort;

/** The page side of lib/lm/worker-protocol.ts: one language-model worker per component, started on the first request. */
export function useLmWorker(): LmClient {
  return useWorkerClient<LmProtocol>(startLmWorker);
}
