'use client';

import { useEffect, useState } from 'react';
import { BENCH_SUITES } from '@/lib/bench/registry';
import { type BenchRow, type BenchSize, formatBenchTable } from '@/lib/bench/types';
import { chooseBackend, describeDevice } from '@/lib/compute/backend';
import { probeEnvironment } from '@/lib/compute/probe';

/**
 * The page `npm run bench` drives: /bench?labs=attention,moe&size=quick runs the
 * suites in order and publishes the rows as JSON in #bench-json (data-status="done"),
 * or the error in data-status="error".
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
    const unknown = names.filter((n) => !(n in BENCH_SUITES));
    const controller = new AbortController();
    const say = (line: string) => setLog((l) => [...l, line]);
    (async () => {
      if (unknown.length > 0) throw new Error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCH_SUITES).join(', ') || 'none'}`);
      setStatus('running');
      const probe = await probeEnvironment();
      const choice = chooseBackend(probe);
      if (!choice.kernels) throw new Error(`WebGPU is unavailable: ${probe.webgpuError}`);
      const device = { description: describeDevice(probe), isFallback: probe.adapter?.isFallback ?? false };
      say(`device: ${device.description}; size: ${size}`);
      const { kernelBackend } = await import('@/lib/compute/tf');
      const kernels = await kernelBackend();
      const all: BenchRow[] = [];
      for (const name of names) {
        say(`running ${name}…`);
        const suite = await BENCH_SUITES[name]();
        const measured = await suite.run({ kernels, size, emulated: choice.emulated, signal: controller.signal, log: say });
        all.push(...measured.map((m) => ({ ...m, lab: suite.lab, device })));
        setRows([...all]);
      }
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
