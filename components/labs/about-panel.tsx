'use client';

import { useState } from 'react';
import type { SelfTestResult } from '@/lib/kernels/attention/self-test';
import { formatBytes } from '@/lib/i18n/locales';
import { WASM_THREADS_ENABLED } from '@/lib/compute/backend';
import { useCompute } from '../hooks/use-compute';
import { useCommon } from '../shell/locale-context';

function Row({ label, value, testId }: { label: string; value: React.ReactNode; testId?: string }) {
  return (
    <div className="flex flex-wrap justify-between gap-2 border-b border-zinc-100 py-1.5 dark:border-zinc-800">
      <dt className="text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="font-mono text-sm" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

export function AboutPanel() {
  const m = useCommon();
  const a = m.about;
  const compute = useCompute();
  const [test, setTest] = useState<{ running: boolean; result?: SelfTestResult; error?: string }>({ running: false });

  async function runSelfTest() {
    setTest({ running: true });
    try {
      const [{ kernelBackend }, { runAttentionSelfTest }] = await Promise.all([
        import('@/lib/compute/tf'),
        import('@/lib/kernels/attention/self-test'),
      ]);
      const ctx = await kernelBackend();
      setTest({ running: false, result: await runAttentionSelfTest(ctx) });
    } catch (err) {
      setTest({ running: false, error: err instanceof Error ? err.message : String(err) });
    }
  }

  const probe = compute?.probe;
  const adapter = probe?.adapter;
  return (
    <div className="grid gap-8 lg:grid-cols-2">
      <section aria-labelledby="backend-title">
        <h2 id="backend-title" className="text-xl font-semibold">
          {a.backendTitle}
        </h2>
        <dl className="mt-3" data-testid="about-backend">
          <Row
            label={a.modelBackend}
            value={compute ? m.footer.model[compute.choice.model] : m.footer.detecting}
            testId="about-model-backend"
          />
          <Row
            label={a.kernelsRun}
            value={compute ? (compute.choice.kernels ? a.kernelsYes : a.kernelsNo) : m.footer.detecting}
            testId="about-kernels"
          />
        </dl>
        <h3 className="mt-6 font-semibold">{a.wasmTitle}</h3>
        <dl className="mt-2">
          <Row label="WebAssembly" value={probe ? (probe.wasm ? a.yes : a.no) : '…'} />
          <Row label={a.simd} value={probe ? (probe.wasmSimd ? a.yes : a.no) : '…'} testId="about-simd" />
          <Row label={a.threads} value={probe ? (probe.wasmThreads ? a.yes : a.no) : '…'} testId="about-threads" />
          <Row label={a.threadsUsed} value={WASM_THREADS_ENABLED && probe?.wasmThreads ? a.yes : a.threadsOff} />
        </dl>
      </section>

      <section aria-labelledby="adapter-title">
        <h2 id="adapter-title" className="text-xl font-semibold">
          {a.adapterTitle}
        </h2>
        {probe && !adapter ? (
          <p className="mt-3" data-testid="about-no-adapter">
            {a.noAdapter}: {probe.webgpuError}
          </p>
        ) : (
          <dl className="mt-3" data-testid="about-adapter">
            <Row label={a.vendor} value={adapter?.vendor || '—'} testId="about-vendor" />
            <Row label={a.architecture} value={adapter?.architecture || '—'} testId="about-architecture" />
            <Row label={a.description} value={adapter?.description || '—'} />
            <Row label={a.fallback} value={adapter ? (adapter.isFallback ? a.yes : a.no) : '…'} testId="about-fallback" />
          </dl>
        )}
        {adapter && (
          <>
            <h3 className="mt-6 font-semibold">{a.limitsTitle}</h3>
            <dl className="mt-2">
              <Row label="maxStorageBufferBindingSize" value={formatBytes(adapter.limits.maxStorageBufferBindingSize)} />
              <Row label="maxBufferSize" value={formatBytes(adapter.limits.maxBufferSize)} />
              <Row label="maxComputeWorkgroupStorageSize" value={formatBytes(adapter.limits.maxComputeWorkgroupStorageSize)} />
              <Row label="maxComputeInvocationsPerWorkgroup" value={adapter.limits.maxComputeInvocationsPerWorkgroup} />
              <Row label="maxComputeWorkgroupsPerDimension" value={adapter.limits.maxComputeWorkgroupsPerDimension} />
              <Row label={a.features} value={<span className="break-all">{adapter.features.join(', ') || '—'}</span>} />
            </dl>
          </>
        )}
      </section>

      <section aria-labelledby="selftest-title" className="lg:col-span-2">
        <h2 id="selftest-title" className="text-xl font-semibold">
          {a.selfTestTitle}
        </h2>
        <p className="mt-2 max-w-3xl text-zinc-700 dark:text-zinc-300">{a.selfTestBody}</p>
        <button
          type="button"
          onClick={runSelfTest}
          disabled={test.running || (compute !== null && !compute.choice.kernels)}
          className="mt-3 rounded bg-teal-700 px-4 py-2 font-medium text-white hover:bg-teal-800 disabled:cursor-not-allowed disabled:opacity-50"
          data-testid="self-test-run"
        >
          {test.running ? a.selfTestRunning : a.selfTestRun}
        </button>
        <div aria-live="polite" className="mt-3">
          {test.result && (
            <dl data-testid="self-test-result" data-pass={String(test.result.pass)} className="max-w-md">
              <Row label={a.selfTestTitle} value={test.result.pass ? a.selfTestPass : a.selfTestFail} testId="self-test-verdict" />
              <Row label={a.maxAbs} value={test.result.maxAbsError.toExponential(2)} testId="self-test-max-abs" />
              <Row label={a.maxRel} value={test.result.maxRelError.toExponential(2)} />
              <Row label={a.elapsed} value={`${test.result.ms.toFixed(0)} ms`} />
            </dl>
          )}
          {test.error && (
            <p role="alert" className="text-red-700 dark:text-red-400" data-testid="self-test-error">
              {test.error}
            </p>
          )}
        </div>
      </section>

      <section className="lg:col-span-2 max-w-3xl space-y-2">
        <h2 className="text-xl font-semibold">{a.browsersTitle}</h2>
        <p className="text-zinc-700 dark:text-zinc-300">{a.browsers}</p>
        <h2 className="pt-4 text-xl font-semibold">{a.creditsTitle}</h2>
        <p className="text-zinc-700 dark:text-zinc-300">{a.credits}</p>
      </section>
    </div>
  );
}
