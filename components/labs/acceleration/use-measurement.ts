'use client';

import { useCallback, useRef, useState } from 'react';
import { measureRow, minSampleMsFor } from '@/lib/acceleration/measure';
import { type MeasuredRow, type SpeedFormat, TABLE_SPARSITIES } from '@/lib/acceleration/table';
import { TimingCancelled } from '@/lib/compute/timing';
import { gemvLayoutFor } from '@/lib/kernels/matmul/matmul-config';
import { valueOf } from '@/lib/runtime/worker-client';
import type { AccelerationClient } from './use-acceleration-worker';

export interface MeasureSettings {
  size: number;
  batch: number;
  blockSize: number;
  seed: number;
  samples: number;
  formats: SpeedFormat[];
  emulated: boolean;
}

export type MeasureStatus =
  | { kind: 'idle' }
  | { kind: 'running'; row: number; phase: 'preparing' | 'timing'; fraction: number }
  | { kind: 'done'; seconds: number }
  | { kind: 'cancelled' }
  | { kind: 'error'; message: string };

export interface Measurement {
  settings: MeasureSettings;
  rows: MeasuredRow[];
  finishedAt: string | null;
}

/**
 * Runs the table measurement row by row: the worker builds each row's matrices (off the
 * main thread), then the kernels are timed interleaved on the GPU (lib/acceleration/measure.ts).
 * cancel() aborts between samples; rows measured so far are kept.
 */
export function useMeasurement(opsWorker: AccelerationClient) {
  const [status, setStatus] = useState<MeasureStatus>({ kind: 'idle' });
  const [result, setResult] = useState<Measurement | null>(null);
  const controller = useRef<AbortController | null>(null);

  const start = useCallback(
    async (s: MeasureSettings) => {
      controller.current?.abort();
      const ac = new AbortController();
      controller.current = ac;
      const t0 = performance.now();
      const rows: MeasuredRow[] = [];
      setResult({ settings: s, rows: [], finishedAt: null });
      const total = TABLE_SPARSITIES.length;
      try {
        setStatus({ kind: 'running', row: 0, phase: 'preparing', fraction: 0 });
        const { kernelBackend } = await import('@/lib/compute/tf');
        const ctx = await kernelBackend();
        const base = { size: s.size, batch: s.batch, seed: s.seed, blockSize: s.blockSize };
        const dense = await valueOf(opsWorker.request('operands', { ...base, sparsity: 0, formats: [], withDense: true }).outcome);
        for (let i = 0; i < total; i++) {
          if (ac.signal.aborted) throw new TimingCancelled();
          const sparsity = TABLE_SPARSITIES[i];
          setStatus({ kind: 'running', row: i, phase: 'preparing', fraction: i / total });
          const ops = await valueOf(opsWorker.request('operands', { ...base, sparsity, formats: s.formats, withDense: false }).outcome);
          if (ac.signal.aborted) throw new TimingCancelled();
          const row = await measureRow(
            ctx,
            sparsity,
            { size: s.size, batch: s.batch },
            { w: dense.dense as Float32Array, x: dense.x as Float32Array },
            ops,
            {
              samples: s.samples,
              signal: ac.signal,
              minSampleMs: minSampleMsFor(s.emulated),
              includeTfjs: sparsity === 0,
              gemvLayout: gemvLayoutFor(s.emulated),
              onProgress: (f) => setStatus({ kind: 'running', row: i, phase: 'timing', fraction: (i + f) / total }),
            },
          );
          rows.push(row);
          setResult({ settings: s, rows: [...rows], finishedAt: null });
        }
        setResult({ settings: s, rows: [...rows], finishedAt: new Date().toISOString() });
        setStatus({ kind: 'done', seconds: (performance.now() - t0) / 1000 });
      } catch (err) {
        if (err instanceof TimingCancelled || ac.signal.aborted) setStatus({ kind: 'cancelled' });
        else setStatus({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
        setResult((r) => (r && r.rows.length > 0 ? { ...r, finishedAt: new Date().toISOString() } : r));
      } finally {
        if (controller.current === ac) controller.current = null;
      }
    },
    [opsWorker],
  );

  const cancel = useCallback(() => controller.current?.abort(), []);

  return { status, result, start, cancel };
}
