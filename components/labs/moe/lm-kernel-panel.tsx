'use client';

import { useEffect, useRef, useState } from 'react';
import { TableCsv } from '@/components/controls/table-csv';
import { useCompute } from '@/components/hooks/use-compute';
import { useLocale } from '@/components/shell/locale-context';
import type { MoeLmMessages } from '@/lib/i18n/moe-lm';
import { moeMessages } from '@/lib/i18n/moe';
import type { SwigluCheck, SwigluStep } from '@/lib/kernels/moe/run-moe-swiglu';
import type { LayerInputs } from '@/lib/lm/moe-protocol';
import { issueMessage } from '@/lib/i18n/issues';
import type { Outcome } from '@/lib/runtime/protocol';

/**
 * The dispatch kernel on one of moe-en's layers: the worker hands over the layer's MoE inputs
 * for the passage, its weights and the float64 block output; the page runs the WGSL path on
 * WebGPU (lib/kernels/moe/run-moe-swiglu.ts) and shows each step's error against its twin.
 */
export function LmKernelPanel({
  layer,
  text,
  fetchInputs,
  t,
  exportName,
}: {
  layer: number;
  text: string;
  fetchInputs: (layer: number) => Promise<Outcome<LayerInputs>>;
  t: MoeLmMessages;
  exportName: string;
}) {
  const locale = useLocale();
  const m = moeMessages[locale];
  const k = m.kernels;
  const compute = useCompute();
  const [state, setState] = useState<{ running: boolean; result?: SwigluCheck; inputs?: LayerInputs; error?: string }>({ running: false });
  const runId = useRef(0);
  useEffect(() => {
    runId.current++;
    setState({ running: false });
  }, [layer, text]);

  const run = async () => {
    const id = ++runId.current;
    setState({ running: true });
    try {
      const got = await fetchInputs(layer);
      if (got.status !== 'done') {
        if (id === runId.current)
          setState(got.status === 'failed' ? { running: false, error: issueMessage(got.issue, locale) } : { running: false });
        return;
      }
      const inputs = got.value;
      const [{ kernelBackend }, { checkSwigluDispatch }] = await Promise.all([
        import('@/lib/compute/tf'),
        import('@/lib/kernels/moe/run-moe-swiglu'),
      ]);
      const ctx = await kernelBackend();
      const result = await checkSwigluDispatch(ctx, inputs);
      if (id === runId.current) setState({ running: false, result, inputs });
    } catch (err) {
      if (id === runId.current) setState({ running: false, error: err instanceof Error ? err.message : String(err) });
    }
  };
  const stepLabel = (s: SwigluStep) => (s === 'swiglu' ? t.kernelSwiglu : s === 'end-to-end' ? t.kernelEndToEnd : k.steps[s]);
  const unavailable = compute && !compute.choice.kernels ? (compute.probe.webgpuError ?? 'WebGPU') : null;
  const r = state.result;
  return (
    <section className="min-w-0 space-y-3 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800" data-testid="figure-kernels">
      <h2 className="text-lg font-semibold">{t.kernelTitle(layer)}</h2>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">{t.kernelIntro}</p>
      <p className="text-sm">
        {t.kernelPassage}{' '}
        {state.inputs && (
          <span className="font-mono text-xs" data-testid="kernel-sizes">
            {t.kernelSizes(state.inputs.numTokens, state.inputs.hidden, state.inputs.ffn, state.inputs.numExperts, state.inputs.k)}
          </span>
        )}
      </p>
      {unavailable ? (
        <p role="status" data-testid="kernel-unavailable" className="text-sm text-amber-800 dark:text-amber-300">
          {k.unavailable(unavailable)}
        </p>
      ) : (
        <button
          type="button"
          onClick={run}
          disabled={state.running || compute === null}
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
        {r && (
          <div data-testid="kernel-dispatch" data-pass={String(r.pass)} className="rounded border border-zinc-200 p-2 dark:border-zinc-800">
            <h3 className="text-sm font-semibold">{k.paths.dispatch}</h3>
            <table className="mt-1 w-full max-w-xl text-xs">
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
                    <td>{stepLabel(s.step)}</td>
                    <td
                      className="text-right font-mono"
                      data-testid={`kernel-dispatch-${s.step}-err`}
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
              {k.time(r.ms.toFixed(0))}. {r.routingMatchesReference ? k.routingSame : k.routingDiffers}
            </p>
            <TableCsv
              name={exportName}
              header={['step', 'max_abs_error', 'mismatches', 'scale', 'pass', 'ms', 'routing_matches_reference']}
              rows={r.steps.map((s) => [s.step, s.maxAbsError, s.mismatches, s.scale, s.pass, r.ms, r.routingMatchesReference])}
              label={t.kernelTitle(layer)}
              testId="kernel-results-export"
            />
          </div>
        )}
        {r && compute?.choice.emulated && (
          <p className="mt-2 text-xs text-amber-800 dark:text-amber-300" data-testid="kernel-emulated">
            {k.emulated}
          </p>
        )}
      </div>
    </section>
  );
}
