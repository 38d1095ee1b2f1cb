'use client';

import { memo, useEffect, useRef, useState } from 'react';
import type { ComputeState } from '@/components/hooks/use-compute';
import { useLocale } from '@/components/shell/locale-context';
import type { LabInput } from '@/lib/labs/attention/config';
import type { PatternStats } from '@/lib/attention/cost';
import { describeDevice } from '@/lib/compute/backend';
import { TimingCancelled } from '@/lib/compute/timing';
import { checkKernel } from '@/lib/runtime/check-kernel';
import {
  csrBytesBound,
  measurePaths,
  type PathName,
  planCheck,
  planMeasure,
  refusedPaths,
  type RunPlan,
  SOFTWARE_MEASURE_MAX_SEQ,
} from '@/lib/labs/attention/lab-runs';
import { attentionMessages } from '@/lib/i18n/attention';
import { formatBytes, formatNumber } from '@/lib/i18n/locales';
import { issueDetail } from '@/lib/i18n/issues';
import { CheckResult, type CheckDone } from './kernel-results';
import { MeasureResult, type MeasureDone } from './kernel-measure-result';
import { Section } from './section';
import type { useAttentionWorker } from './use-attention-worker';

type CheckState = { status: 'idle' } | { status: 'running' } | CheckDone | { status: 'error'; message: string };

type MeasureState =
  | { status: 'idle' }
  | { status: 'running'; plan: RunPlan; done: number; total: number }
  | MeasureDone
  | { status: 'cancelled' }
  | { status: 'error'; message: string };

export interface KernelPanelProps {
  input: LabInput;
  headDim: number;
  compute: ComputeState | null;
  stats: PatternStats | null;
  runWorker: ReturnType<typeof useAttentionWorker>;
}

/** "Check against reference" and "Measure" for the current settings. */
export const KernelPanel = memo(function KernelPanel({ input, headDim, compute, stats, runWorker }: KernelPanelProps) {
  const locale = useLocale();
  const m = attentionMessages[locale].kernel;
  const [check, setCheck] = useState<CheckState>({ status: 'idle' });
  const [measure, setMeasure] = useState<MeasureState>({ status: 'idle' });
  const abortRef = useRef<AbortController | null>(null);
  useEffect(() => () => abortRef.current?.abort(), []);

  const choice = compute?.choice;
  const emulated = choice?.emulated ?? false;
  const limits = compute?.probe.adapter?.limits;
  const limit = limits ? Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize) : Number.POSITIVE_INFINITY;
  const fullShape = { heads: input.heads, seqLen: input.seqLen, headDim };
  const csrBound = stats ? csrBytesBound(input.seqLen, input.blockSize, stats.nonEmptyBlocks) : 0;
  const refusedNow = refusedPaths(fullShape, csrBound, limit);
  const pathLabel: Record<PathName, string> = {
    'block-sparse': m.blockSparse,
    'dense-fused': m.denseFull,
    'dense-fused-masked': m.denseFused,
    'tfjs-unfused': m.unfused,
  };
  const num = (v: number) => formatNumber(v, locale, 0);
  const busy = check.status === 'running' || measure.status === 'running';

  async function runCheck() {
    setCheck({ status: 'running' });
    try {
      const plan = planCheck(input, headDim, emulated);
      const need = refusedPaths(
        plan.shape,
        csrBytesBound(plan.shape.seqLen, plan.params.blockSize, Math.ceil(plan.shape.seqLen / plan.params.blockSize) ** 2),
        limit,
      ).filter((r) => r.path === 'block-sparse' || r.path === 'dense-fused-masked');
      if (need.length > 0) {
        setCheck({ status: 'error', message: m.refuseCheck(formatBytes(need[0].need), formatBytes(limit)) });
        return;
      }
      const twins = runWorker('twin', { main: { name: plan.name, params: plan.params }, seed: input.seed, shape: plan.shape });
      const [{ kernelBackend }, { runCheckKernels }] = await Promise.all([
        import('@/lib/compute/tf'),
        import('@/lib/labs/attention/lab-runs'),
      ]);
      const ctx = await kernelBackend();
      const out = await runCheckKernels(ctx, plan, input.seed);
      const twin = await twins;
      if (twin.status === 'cancelled') return; // a newer check superseded this one and owns the state
      if (twin.status === 'failed') throw new Error(issueDetail(twin.issue, locale));
      const ref = twin.value;
      setCheck({
        status: 'done',
        plan,
        blockSparse: checkKernel(out.blockSparse, ref.blockSparse),
        dense: checkKernel(out.dense, ref.dense),
      });
    } catch (err) {
      setCheck({ status: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  }

  async function runMeasure() {
    const plan = planMeasure(input, headDim, emulated);
    const controller = new AbortController();
    abortRef.current = controller;
    setMeasure({ status: 'running', plan, done: 0, total: 1 });
    try {
      const { kernelBackend } = await import('@/lib/compute/tf');
      const ctx = await kernelBackend();
      const { buildBlockCsr, blockCsrBytes } = await import('@/lib/attention/block-csr');
      const csrBytes = blockCsrBytes(buildBlockCsr(plan.name, plan.params));
      const refused = refusedPaths(plan.shape, csrBytes, limit);
      const all: PathName[] = ['block-sparse', 'dense-fused', 'dense-fused-masked', 'tfjs-unfused'];
      const paths = all.filter((p) => !refused.some((r) => r.path === p));
      const rows = await measurePaths(ctx, plan, input.seed, {
        paths,
        signal: controller.signal,
        onProgress: (done, total) => setMeasure({ status: 'running', plan, done, total }),
      });
      const { patternStats } = await import('@/lib/attention/cost');
      const blockDensity = patternStats(plan.name, plan.params).blockDensity;
      setMeasure({ status: 'done', plan, rows, refused, blockDensity });
    } catch (err) {
      if (err instanceof TimingCancelled) setMeasure({ status: 'cancelled' });
      else setMeasure({ status: 'error', message: err instanceof Error ? err.message : String(err) });
    } finally {
      abortRef.current = null;
    }
  }

  const button =
    'rounded bg-teal-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-teal-800 disabled:cursor-not-allowed disabled:opacity-50';
  const kernelsOk = choice?.kernels ?? false;
  const device = compute ? describeDevice(compute.probe) : '';

  return (
    <Section title={m.title} testId="kernel-panel">
      <p className="text-sm text-zinc-700 dark:text-zinc-300">{m.intro}</p>
      {compute && !kernelsOk && (
        <p
          className="mt-3 rounded border border-amber-400 bg-amber-50 p-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950/50 dark:text-amber-100"
          data-testid="kernel-unavailable"
        >
          {m.noWebgpu(compute.probe.webgpuError ?? 'navigator.gpu')}
        </p>
      )}
      {kernelsOk && refusedNow.length > 0 && (
        <ul
          className="mt-3 space-y-1 rounded border border-amber-400 bg-amber-50 p-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950/50 dark:text-amber-100"
          data-testid="kernel-refused"
        >
          {refusedNow.map((r) => (
            <li key={r.path}>{m.refuse(pathLabel[r.path], formatBytes(r.need), formatBytes(limit))}</li>
          ))}
        </ul>
      )}
      {emulated && (
        <p className="mt-3 text-sm font-medium text-amber-800 dark:text-amber-300" data-testid="kernel-emulated">
          {m.emulated}
        </p>
      )}

      <div className="mt-4 grid gap-6 lg:grid-cols-2">
        <div>
          <p className="text-sm text-zinc-700 dark:text-zinc-300">{m.checkIntro}</p>
          <button type="button" className={`${button} mt-2`} disabled={!kernelsOk || busy} onClick={runCheck} data-testid="kernel-check">
            {check.status === 'running' ? m.checking : m.check}
          </button>
          {check.status === 'error' && (
            <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400" data-testid="kernel-check-error">
              {m.error(check.message)}
            </p>
          )}
          {check.status === 'done' && <CheckResult check={check} m={m} num={num} />}
        </div>

        <div>
          <p className="text-sm text-zinc-700 dark:text-zinc-300">{m.measureIntro}</p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <button type="button" className={button} disabled={!kernelsOk || busy} onClick={runMeasure} data-testid="kernel-measure">
              {measure.status === 'running' ? m.measuring : m.measure}
            </button>
            {measure.status === 'running' && (
              <button
                type="button"
                className="rounded border border-zinc-400 px-3 py-1.5 text-sm"
                onClick={() => abortRef.current?.abort()}
                data-testid="kernel-cancel"
              >
                {m.cancel}
              </button>
            )}
          </div>
          {measure.status === 'running' && (
            <div className="mt-2 space-y-1">
              <progress
                className="h-2 w-full accent-teal-700"
                max={measure.total}
                value={measure.done}
                aria-label={m.progress}
                data-testid="kernel-progress"
              />
              {measure.plan.capped === 'software' && (
                <p className="text-xs text-zinc-600 dark:text-zinc-400">
                  {m.softwareMeasureCap(num(measure.plan.shape.seqLen), num(SOFTWARE_MEASURE_MAX_SEQ))}
                </p>
              )}
            </div>
          )}
          {measure.status === 'cancelled' && (
            <p className="mt-2 text-sm" data-testid="kernel-cancelled">
              {m.cancelled}
            </p>
          )}
          {measure.status === 'error' && (
            <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400" data-testid="kernel-measure-error">
              {m.error(measure.message)}
            </p>
          )}
          {measure.status === 'done' && (
            <MeasureResult
              measure={measure}
              m={m}
              num={num}
              pathLabel={pathLabel}
              limit={limit}
              device={device}
              emulated={emulated}
              locale={locale}
            />
          )}
        </div>
      </div>
    </Section>
  );
});
