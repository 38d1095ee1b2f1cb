'use client';

import { useEffect, useState } from 'react';
import { WASM_THREADS_ENABLED } from '@/lib/compute/backend';
import { liveTensorCount } from '@/lib/compute/tf';
import { totalTensorCount, workerTensorCount } from '@/lib/compute/tensor-count';
import { useCompute } from '../hooks/use-compute';
import { useCommon } from './locale-context';

export function Footer() {
  const m = useCommon();
  const compute = useCompute();
  const tensors = useTensorCount();
  let model = m.footer.detecting;
  let kernels = m.footer.detecting;
  if (compute) {
    const { probe, choice } = compute;
    const wasmExtras =
      choice.model === 'wasm'
        ? [probe.wasmSimd && m.footer.simd, WASM_THREADS_ENABLED && probe.wasmThreads && m.footer.threads].filter(Boolean)
        : [];
    model = `${m.footer.model[choice.model]}${wasmExtras.length ? ` (${wasmExtras.join(', ')})` : ''}`;
    kernels = !choice.kernels ? m.footer.noKernels : choice.emulated ? m.footer.software : m.footer.hardware;
  }
  return (
    <footer className="embed-hide mt-16 border-t border-zinc-200 py-6 text-sm text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
      <div className="mx-auto max-w-6xl space-y-1 px-4">
        <p
          data-testid="backend-readout"
          data-model={compute?.choice.model ?? ''}
          data-kernels={compute ? String(compute.choice.kernels) : ''}
        >
          <span className="font-medium text-zinc-800 dark:text-zinc-200">{m.footer.compute}:</span> {model}
          {' · '}
          <span className="font-medium text-zinc-800 dark:text-zinc-200">{m.footer.kernels}:</span> {kernels}
        </p>
        {tensors !== null && (
          <p data-testid="tensor-count" data-count={tensors.total} data-workers={tensors.workers ?? ''}>
            {m.footer.tensors(tensors.total, tensors.workers)}
          </p>
        )}
        <p>{m.footer.source}</p>
      </div>
    </footer>
  );
}

/**
 * tfjs's live tensor count, the page's plus its workers' (lib/compute/tensor-count.ts), once
 * a lab has loaded tfjs: a leak shows as a number that keeps growing.
 */
function useTensorCount(): { total: number; workers: number | null } | null {
  const [count, setCount] = useState<{ total: number; workers: number | null } | null>(null);
  useEffect(() => {
    const id = setInterval(() => {
      const total = totalTensorCount(liveTensorCount());
      const workers = workerTensorCount();
      setCount((prev) => (total === null ? null : prev && prev.total === total && prev.workers === workers ? prev : { total, workers }));
    }, 1000);
    return () => clearInterval(id);
  }, []);
  return count;
}
