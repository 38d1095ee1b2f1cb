'use client';

import { useWorkerClient } from '@/components/hooks/use-worker-client';
import type { AccelerationProtocol } from '@/lib/acceleration/worker-protocol';
import type { WorkerClient, WorkerPort } from '@/lib/runtime/worker-client';

export type AccelerationClient = WorkerClient<AccelerationProtocol>;

const startAccelerationWorker = () =>
  new Worker(new URL('./acceleration.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerPort;

/** One acceleration worker for the component's lifetime (lib/acceleration/worker-protocol.ts), started on the first request. */
export function useAccelerationWorker(): AccelerationClient {
  return useWorkerClient<AccelerationProtocol>(startAccelerationWorker);
}
