'use client';

import { useEffect, useRef, useState } from 'react';
import { TableCsv } from '@/components/controls/table-csv';
import { useCompute } from '@/components/hooks/use-compute';
import type { MoeMessages } from '@/lib/i18n/moe';
import type { MoeLayer } from '@/lib/kernels/moe/moe-dispatch-reference';
import type { PathCheck } from '@/lib/kernels/moe/moe-check';

/**
 * Runs the dispatch, dense and padded WGSL paths on the layer `makeLayer()` builds and shows
 * every step's max error against its twin. The layer is built when the button is pressed
 * (from the current settings); a settings change clears stale results.
 */
export function KernelPanel({
  makeLayer,
  capacity,
  inputsNote,
  settingsKey,
  variantNote,
  m,
  exportName = 'moe-kernel-check',
}: {
  makeLayer: () => MoeLayer | null;
  capacity: number;
  inputsNote: string;
  settingsKey: string;
  variantNote: string | null;
  m: MoeMessages;
  exportName?: string;
}) {
  const k = m.kernels;
  const compute = useCompute();
  const [state, setState] = useState<{ running: boolean; results?: PathCheck[]; error?: string; layer?: MoeLayer }>({ running: false });
  const runId = useRef(0);

  useEffect(() => {
    runId.current++;
    setState({ running: false });
  }, [settingsKey]);

  const preview = makeLayer();
  const run = async () => {
    const id = ++runId.current;
    const layer = makeLayer();
    if (!layer) return;
    setState({ running: true, layer });
    try {
      const [{ kernelBackend }, { checkMoeKernels }] = await Promise.all([
        import('@/lib/compute/tf'),
        import('@/lib/kernels/moe/moe-check'),
      ]);
      const ctx = await kernelBackend();
      const results = await checkMoeKernels(ctx, layer, capacity);
      if (id === runId.current) setState({ running: false, results, layer });
    } catch (err) {
      if (id === runId.current) setState({ running: false, error: err instanceof Error ? err.message : String(err) });
    }
  };

  const unavailable = compute && !compute.choice.kernels ? (compute.probe.webgpuError ?? 'WebGPU') : null;
  return (
    <div className="space-y-3" data-testid="kernel-panel">
      <p className="text-sm text-zinc-700 dark:text-zinc-300">{k.intro}</p>
      <p className="text-sm">
        {inputsNote}{' '}
        {preview && (
          <span className="font-mono text-xs" data-testid="kernel-sizes">
            {k.sizes(
              preview.numTokens,
              preview.hidden,
              preview.ffn,
              preview.numExperts,
              preview.k,
              preview.activation.toUpperCase(),
              preview.weightMode,
              capacity,
            )}
          </span>
        )}
      </p>
      {variantNote && <p className="text-xs text-amber-800 dark:text-amber-300">{variantNote}</p>}
      {unavailable ? (
        <p role="status" data-testid="kernel-unavailable" className="text-sm text-amber-800 dark:text-amber-300">
          {k.unavailable(unavailable)}
        </p>
      ) : (
        <button
          type="button"
          onClick={run}
          disabled={state.running || !preview || compute === null}
          data-testid="kernel-run"
          className="rounded bg-teal-700 px-4 py-2 font-medium text-white hover:bg-teal-800 disabled:cursor-not-allowed disabled:opacity-50"
        >
          {state.running ? k.running : k.run}
        </button>
      )}
      <div aria-live="polite">
        {state.error && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400" data-testid="kernel-error">
            {k.error(state.error)}
          </p>
        )}
        {state.results && (
          <div className="grid gap-4 xl:grid-cols-3" data-testid="kernel-results">
            {state.results.map((r) => (
              <section
                key={r.path}
                data-testid={`kernel-${r.path}`}
                data-pass={String(r.pass)}
                className="rounded border border-zinc-200 p-2 dark:border-zinc-800"
              >
                <h4 className="text-sm font-semibold">{k.paths[r.path]}</h4>
                <p className="text-xs text-zinc-600 dark:text-zinc-400">
                  {k.pathNotes[r.path]}: {k.rows(r.rows)}
                  {r.dropped !== undefined ? `; ${k.dropped(r.dropped)}` : ''}
                </p>
                <table className="mt-1 w-full text-xs">
                  <thead>
                    <tr className="text-left text-zinc-600 dark:text-zinc-400">
                      <th className="font-normal">{k.step}</th>
                      <th className="text-right font-normal">{k.maxAbs}</th>
                      <th className="text-right font-normal">{k.verdict}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.steps.map((s) => (
                      <tr key={s.step} className="border-t border-zinc-100 dark:border-zinc-800">
                        <td>{k.steps[s.step]}</td>
                        <td
                          className="text-right font-mono"
                          data-testid={`kernel-${r.path}-${s.step}-err`}
                          data-error={s.mismatches ?? s.maxAbsError}
                          data-scale={s.scale}
                        >
                          {s.mismatches !== undefined ? k.mismatches(s.mismatches) : s.maxAbsError.toExponential(2)}
                        </td>
                        <td
                          className={`text-right ${s.pass ? 'text-teal-700 dark:text-teal-300' : 'font-bold text-red-700 dark:text-red-400'}`}
                        >
                          {s.pass ? k.pass : k.fail}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
                  {k.time(r.ms.toFixed(0))}. {r.routingMatchesCpu ? k.routingSame : k.routingDiffers}
                </p>
              </section>
            ))}
          </div>
        )}
        {state.results && (
          <TableCsv
            name={exportName}
            header={[
              'path',
              'step',
              'max_abs_error',
              'mismatches',
              'scale',
              'pass',
              'path_pass',
              'rows',
              'dropped',
              'ms',
              'routing_matches_cpu',
            ]}
            rows={state.results.flatMap((r) =>
              r.steps.map((s) => [
                r.path,
                s.step,
                s.maxAbsError,
                s.mismatches,
                s.scale,
                s.pass,
                r.pass,
                r.rows,
                r.dropped,
                r.ms,
                r.routingMatchesCpu,
              ]),
            )}
            label={k.title}
            testId="kernel-results-export"
          />
        )}
        {state.results && compute?.choice.emulated && (
          <p className="mt-2 text-xs text-amber-800 dark:text-amber-300" data-testid="kernel-emulated">
            {k.emulated}
          </p>
        )}
      </div>
    </div>
  );
}
