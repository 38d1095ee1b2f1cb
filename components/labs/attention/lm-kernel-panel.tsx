'use client';

import { memo, useEffect, useState } from 'react';
import type { ComputeState } from '@/components/hooks/use-compute';
import { useLocale } from '@/components/shell/locale-context';
import { buildBlockCsr } from '@/lib/attention/block-csr';
import type { PatternSpec } from '@/lib/attention/lm-heads';
import { attentionLmMessages } from '@/lib/i18n/attention-lm';
import { headQkv } from '@/lib/lm/attention-jobs';
import type { TraceResult } from '@/lib/lm/worker-protocol';
import { blockSparseAttentionReference } from '@/lib/kernels/attention/attention-block-sparse-reference';
import { checkKernel } from '@/lib/runtime/check-kernel';
import { primary } from '../models/use-lm-model';
import { Section } from './section';

type Run =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; maxAbs: number; pass: boolean; tiles: number; total: number }
  | { status: 'error'; message: string };

/**
 * The block-sparse WGSL kernel on one real head: its Q, K (after RoPE) and V for the passage,
 * the pattern ANDed with causality as block CSR, checked against the TypeScript twin.
 */
export const LmKernelPanel = memo(function LmKernelPanel({
  trace,
  spec,
  layer,
  head,
  compute,
}: {
  trace: TraceResult | null;
  spec: PatternSpec;
  layer: number;
  head: number;
  compute: ComputeState | null;
}) {
  const locale = useLocale();
  const m = attentionLmMessages[locale].kernel;
  const [run, setRun] = useState<Run>({ status: 'idle' });
  const webgpu = compute?.choice.kernels ?? false;
  useEffect(() => setRun({ status: 'idle' }), [trace, spec, layer, head]);

  async function start() {
    if (!trace) return;
    setRun({ status: 'running' });
    try {
      const { q, k, v } = headQkv(trace, layer, head);
      const shape = { heads: 1, seqLen: trace.n, headDim: trace.headDim };
      const csr = buildBlockCsr(spec.name, { ...spec.params, seqLen: trace.n, causal: true });
      const [{ kernelBackend }, { runBlockSparseAttention }] = await Promise.all([
        import('@/lib/compute/tf'),
        import('@/lib/kernels/attention/run-attention-block-sparse'),
      ]);
      const ctx = await kernelBackend();
      const out = await runBlockSparseAttention(ctx, q, k, v, shape, csr);
      const twin = blockSparseAttentionReference(q, k, v, shape, csr);
      const verdict = checkKernel(out, twin);
      setRun({
        status: 'done',
        maxAbs: verdict.maxAbsError,
        pass: verdict.pass,
        tiles: csr.fullTiles + csr.partialTiles,
        total: csr.numBlocks ** 2,
      });
    } catch (err) {
      setRun({ status: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  }

  return (
    <Section title={m.title} testId="lm-kernel">
      <p className="mb-2 text-sm">{m.intro(layer, head)}</p>
      {compute && !webgpu ? (
        <p className="text-sm" data-testid="lm-kernel-no-gpu">
          {m.noGpu}
        </p>
      ) : (
        <button
          type="button"
          className={primary}
          onClick={start}
          disabled={!trace || !compute || run.status === 'running'}
          data-testid="lm-kernel-run"
        >
          {run.status === 'running' ? m.running : m.run}
        </button>
      )}
      {run.status === 'done' && (
        <p className="mt-2 text-sm" role="status" data-testid="lm-kernel-result" data-max-abs={run.maxAbs} data-ok={run.pass}>
          {m.result(run.maxAbs.toExponential(2), run.pass, run.tiles, run.total)}
        </p>
      )}
      {run.status === 'error' && (
        <p role="alert" className="mt-2 text-sm text-red-800 dark:text-red-300" data-testid="lm-kernel-error">
          {m.failed(run.message)}
        </p>
      )}
      <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">{m.randomNote}</p>
    </Section>
  );
});
