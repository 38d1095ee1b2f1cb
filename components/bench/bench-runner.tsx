'use client';

import { useEffect, useState } from 'react';
import { BENCH_SUITES } from '@/lib/bench/registry';
import { benchDevice, runBenchSuites } from '@/lib/bench/run';
import { type BenchRow, type BenchSize, formatBenchTable } from '@/lib/bench/types';
import { chooseBackend } from '@/lib/compute/backend';
import { probeEnvironment } from '@/lib/compute/probe';

/**
 * The page `npm run bench` drives: /bench?labs=attention,moe&size=quick runs the
 * suites in order and publishes the rows as JSON in #bench-json (data-status="done"),
 * or the error in data-status="error". The suites run through runBenchSuites
 * (lib/bench/run.ts), the same loop the Node runner (scripts/bench-node.ts) uses.
 */
export function BenchRunner() {
  const [status, setStatus] = useState<'idle' | 'running' | 'done' | 'error'>('idle');
  const [log, setLog] = useState<string[]>([]);
  const [rows, setRows] = useState<BenchRow[]>([]);
  const [error, setError] = useState('');

  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    const sizeParam = params.get('size');
    const size: BenchSize = sizeParam === 'tiny' || sizeParam === 'full' ? sizeParam : 'quick';
    const wanted = (params.get('labs') ?? '').split(',').filter(Boolean);
    const names = wanted.length > 0 ? wanted : Object.keys(BENCH_SUITES);
    const controller = new AbortController();
    const say = (line: string) => setLog((l) => [...l, line]);
    (async () => {
      setStatus('running');
      const probe = await probeEnvironment();
      const choice = chooseBackend(probe);
      if (!choice.kernels || !probe.adapter) throw new Error(`WebGPU is unavailable: ${probe.webgpuError}`);
      const chrome = /Chrom(?:e|ium)\/[\d.]+/.exec(navigator.userAgent)?.[0] ?? navigator.userAgent;
      const device = benchDevice(probe.adapter, `browser (${chrome}, tfjs webgpu)`);
      const { kernelBackend } = await import('@/lib/compute/tf');
      const kernels = await kernelBackend();
      await runBenchSuites({ kernels, device, names, size, signal: controller.signal, log: say, onRows: setRows });
      setStatus('done');
    })().catch((err) => {
      setError(err instanceof Error ? err.message : String(err));
      setStatus('error');
    });
    return () => controller.abort();
  }, []);

  return (
    <main className="p-4 font-mono text-xs" data-testid="bench" data-status={status}>
      <h1 className="mb-2 text-lg font-bold">SparseLab benchmarks</h1>
      <pre>{log.join('\n')}</pre>
      {error && (
        <p role="alert" data-testid="bench-error">
          {error}
        </p>
      )}
      <pre className="mt-4">{rows.length ? formatBenchTable(rows) : ''}</pre>
      <pre id="bench-json" data-testid="bench-json" hidden>
        {JSON.stringify(rows)}
      </pre>
    </main>
  );
}
