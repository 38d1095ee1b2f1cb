'use client';

import { useEffect, useState } from 'react';
import type { ProtocolSpec } from '@/lib/runtime/protocol';
import { WorkerClient, type WorkerPort } from '@/lib/runtime/worker-client';

/**
 * One WorkerClient (lib/runtime/worker-client.ts) per component: the worker starts on the first
 * request and stops when the component unmounts. `start` must be a stable function (module level),
 * e.g. `() => new Worker(new URL('./lm.worker.ts', import.meta.url), { type: 'module' })`.
 */
export function useWorkerClient<S extends ProtocolSpec>(start: () => WorkerPort): WorkerClient<S> {
  const [client] = useState(() => new WorkerClient<S>(start));
  useEffect(() => () => client.dispose(), [client]);
  return client;
}
