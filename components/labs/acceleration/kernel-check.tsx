'use client';

import { useState } from 'react';
import { TableCsv } from '@/components/controls/table-csv';
import { useLocale } from '@/components/shell/locale-context';
import type { KernelCheck as Check } from '@/lib/kernels/matmul/matmul-self-test';
import { accelerationMessages } from '@/lib/i18n/acceleration';
import { Notice, Section, buttonClass } from './section';

/** Runs every matmul kernel against its twin on real WebGPU (lib/kernels/matmul/matmul-self-test.ts). */
export function KernelCheck({ kernels }: { kernels: boolean | null }) {
  const m = accelerationMessages[useLocale()].kernels;
  const [state, setState] = useState<{ running: boolean; done: number; total: number; results: Check[]; error?: string }>({
    running: false,
    done: 0,
    total: 0,
    results: [],
  });

  async function run() {
    setState({ running: true, done: 0, total: 0, results: [] });
    try {
      const [{ kernelBackend }, { runMatmulSelfTest }] = await Promise.all([
        import('@/lib/compute/tf'),
        import('@/lib/kernels/matmul/matmul-self-test'),
      ]);
      const ctx = await kernelBackend();
      const results: Check[] = [];
      await runMatmulSelfTest(ctx, (r, done, total) => {
        results.push(r);
        setState({ running: true, done, total, results: [...results] });
      });
      setState({ running: false, done: results.length, total: results.length, results });
    } catch (err) {
      setState((s) => ({ ...s, running: false, error: err instanceof Error ? err.message : String(err) }));
    }
  }

  const passed = state.results.filter((r) => r.pass).length;
  const finished = !state.running && state.results.length > 0;
  return (
    <Section title={m.title} testId="kernel-check">
      <p className="text-sm text-zinc-700 dark:text-zinc-300">{m.body}</p>
      <button
        type="button"
        className={`${buttonClass} mt-3`}
        onClick={run}
        disabled={state.running || kernels !== true}
        data-testid="kernel-check-run"
      >
        {state.running ? m.running(state.done, state.total || 1) : m.run}
      </button>
      {state.error && (
        <div className="mt-3">
          <Notice kind="error">{m.failed(state.error)}</Notice>
        </div>
      )}
      {state.results.length > 0 && (
        <div className="mt-3 overflow-x-auto" tabIndex={0} role="region" aria-label={m.title}>
          <table
            className="w-full min-w-[30rem] text-sm tabular-nums"
            data-testid="kernel-check-table"
            data-done={finished ? 'true' : 'false'}
          >
            <thead className="text-xs text-zinc-600 dark:text-zinc-400">
              <tr className="border-b border-zinc-300 dark:border-zinc-700">
                <th className="px-2 py-1 text-left font-medium">{m.kernel}</th>
                <th className="px-2 py-1 text-right font-medium">{m.shape}</th>
                <th className="px-2 py-1 text-right font-medium">{m.error}</th>
                <th className="px-2 py-1 text-right font-medium">{m.scale}</th>
                <th className="px-2 py-1 text-right font-medium">{m.verdict}</th>
              </tr>
            </thead>
            <tbody>
              {state.results.map((r) => (
                <tr
                  key={r.id}
                  className="border-b border-zinc-100 dark:border-zinc-800"
                  data-testid={`check-${r.id}`}
                  data-pass={String(r.pass)}
                  data-error={r.maxAbsError}
                  data-scale={r.scale}
                >
                  <td className="px-2 py-1 font-mono text-xs">{r.id}</td>
                  <td className="px-2 py-1 text-right font-mono text-xs">
                    {r.m} × {r.k}, {r.n}
                  </td>
                  <td className="px-2 py-1 text-right font-mono text-xs">{r.maxAbsError.toExponential(2)}</td>
                  <td className="px-2 py-1 text-right font-mono text-xs">{r.scale.toFixed(2)}</td>
                  <td
                    className={`px-2 py-1 text-right font-medium ${r.pass ? 'text-teal-700 dark:text-teal-300' : 'text-red-700 dark:text-red-400'}`}
                  >
                    {r.pass ? m.pass : m.fail}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {finished && (
            <>
              <p className="mt-2 text-sm font-medium" data-testid="kernel-check-summary">
                {m.summary(passed, state.results.length)}
              </p>
              <TableCsv
                name="acceleration-kernel-check"
                header={['id', 'kernel', 'kind', 'm', 'k', 'n', 'sparsity', 'max_abs_error', 'scale', 'pass']}
                rows={state.results.map((r) => [r.id, r.kernel, r.kind, r.m, r.k, r.n, r.sparsity, r.maxAbsError, r.scale, r.pass])}
                label={m.title}
                testId="kernel-check-export"
              />
            </>
          )}
        </div>
      )}
    </Section>
  );
}
