'use client';

/**
 * "Decode a real model": lm-en generating token by token with its linear layers on our dense GEMV or
 * the CSR / BSR / 2:4 kernels (lib/acceleration/decode-jobs.ts, in decode.worker.ts), the measured
 * table (tokens per second, speed-up, test perplexity, text), the Amdahl breakdown of a step, and the
 * correctness check against the float64 reference.
 */
import { useEffect, useRef } from 'react';
import { Select } from '@/components/controls/select';
import { useLocale } from '@/components/shell/locale-context';
import { decodeSpeedups } from '@/lib/acceleration/decode-jobs';
import { decodeMessages } from '@/lib/i18n/acceleration-decode';
import type { LinearKernel } from '@/lib/kernels/lm/linear-gemv';
import type { DecodeMethod } from '@/lib/lm/sparse-linear';
import { issueDetail } from '@/lib/i18n/issues';
import type { AccelerationState } from '@/lib/state/acceleration';
import type { DecodeLiveRow } from '@/lib/teach/live';
import { CHECK_DENSE_TOKENS, CHECK_SPARSE_TOKENS, DecodeCheckTable, ShapesTable } from './decode-checks';
import { AmdahlBreakdown, DecodeTable } from './decode-tables';
import { Notice, Section, buttonClass, secondaryButtonClass } from './section';
import { useDecodeWorker } from './use-decode-worker';

export interface DecodePanelProps {
  state: AccelerationState;
  update: (patch: Partial<AccelerationState>) => void;
  kernels: boolean | null;
  emulated: boolean;
  device: string | null;
  hidden?: readonly string[];
  /** Hears every finished decode table (the guided path's live values). */
  onTable?: (rows: DecodeLiveRow[]) => void;
}

export function DecodePanel({ state, update, kernels, emulated, device, hidden = [], onTable }: DecodePanelProps) {
  const locale = useLocale();
  const m = decodeMessages[locale];
  const { status, table, check, shapes, start, cancel } = useDecodeWorker();
  const running = status.kind === 'running';
  const blockSize = Number(state.block);
  const sparse: LinearKernel[] = [
    ...(state.csr ? (['csr'] as const) : []),
    ...(state.bsr ? (['bsr'] as const) : []),
    ...(state.nm24 ? (['2:4'] as const) : []),
  ];
  const sparsities = state.dsp === 'all' ? [0.5, 0.7, 0.9] : [Number(state.dsp) / 100];
  const kernelName = (k: LinearKernel, b: number) => (k === 'bsr' ? m.table.kernelName.bsr(b) : m.table.kernelName[k]);
  const speed = table ? decodeSpeedups(table.rows) : [];
  const onTableRef = useRef(onTable);
  useEffect(() => {
    onTableRef.current = onTable;
  }, [onTable]);
  useEffect(() => {
    if (!table) return;
    const sp = decodeSpeedups(table.rows);
    const share = table.rows.find((r) => r.config.kernel === 'dense')?.breakdown.linearShare ?? NaN;
    onTableRef.current?.(
      table.rows.map((r, i) => ({
        kernel: r.config.kernel,
        sparsity: r.sparsity,
        speedup: sp[i].speedup,
        linearSpeedup: sp[i].linearSpeedup,
        perplexity: r.perplexity,
        linearShare: share,
        limit: sp[i].limit,
      })),
    );
  }, [table]);
  const dense = table?.rows.find((r) => r.config.kernel === 'dense') ?? null;
  const show = (param: keyof AccelerationState) => !hidden.includes(param);

  const run = () =>
    start('table', {
      method: state.dmethod as DecodeMethod,
      sparsities,
      kernels: sparse,
      blockSize,
      tokens: state.dtokens,
      useKernels: kernels === true,
      emulated,
    });
  const runCheck = () =>
    start('check', {
      method: state.dmethod as DecodeMethod,
      sparsity: sparsities[0],
      kernels: sparse,
      blockSize,
      denseTokens: CHECK_DENSE_TOKENS,
      sparseTokens: CHECK_SPARSE_TOKENS,
      emulated,
    });

  const runShapes = () => start('shapes', { kernels: sparse, blockSize, emulated, samples: emulated ? 20 : state.samples });

  const phaseText = status.kind === 'running' && status.phase ? m.phase[status.phase](status.done, status.total) : null;

  return (
    <Section title={m.title} testId="decode-panel" id="decode">
      <div className="space-y-3">
        <p className="text-sm text-zinc-700 dark:text-zinc-300">{m.intro}</p>
        <div className="grid gap-3 sm:grid-cols-3">
          {show('dmethod') && (
            <Select
              label={m.method}
              value={state.dmethod}
              options={(['magnitude', 'wanda', 'sparsegpt'] as const).map((v) => ({ value: v, label: m.methodOption[v] }))}
              onChange={(v) => update({ dmethod: v })}
              testId="control-dmethod"
            />
          )}
          {show('dsp') && (
            <Select
              label={m.sparsities}
              value={state.dsp}
              options={(['all', '50', '70', '90'] as const).map((v) => ({ value: v, label: m.sparsityOption[v] }))}
              onChange={(v) => update({ dsp: v })}
              testId="control-dsp"
            />
          )}
          {show('dtokens') && (
            <Select
              label={m.tokens}
              hint={m.tokensHint}
              value={String(state.dtokens)}
              options={Array.from(new Set([4, 8, 16, 32, 64, 128, state.dtokens]))
                .sort((a, b) => a - b)
                .map((v) => ({ value: String(v), label: String(v) }))}
              onChange={(v) => update({ dtokens: Number(v) })}
              testId="control-dtokens"
            />
          )}
        </div>
        <p className="text-sm" data-testid="decode-kernels">
          {m.kernelsLine(sparse.map((k) => kernelName(k, blockSize)).join(', '), blockSize)}
        </p>
        {state.dmethod !== 'magnitude' && <p className="text-xs text-zinc-600 dark:text-zinc-400">{m.calibrationNote}</p>}
        {kernels === false && (
          <Notice kind="warn" testId="decode-fallback">
            {m.fallback}
          </Notice>
        )}
        {kernels === true && emulated && (
          <Notice kind="warn" testId="decode-software">
            {m.software}
          </Notice>
        )}
        <div className="flex flex-wrap items-center gap-3">
          <button type="button" className={buttonClass} onClick={run} disabled={running || kernels === null} data-testid="decode-run">
            {running && status.job === 'table' ? m.running : m.run}
          </button>
          <button
            type="button"
            className={secondaryButtonClass}
            onClick={runCheck}
            disabled={running || kernels !== true}
            data-testid="decode-check-run"
          >
            {running && status.job === 'check' ? m.checking : m.check}
          </button>
          <button
            type="button"
            className={secondaryButtonClass}
            onClick={runShapes}
            disabled={running || kernels !== true || sparse.length === 0}
            data-testid="shapes-run"
          >
            {m.shapes.run}
          </button>
          {running && (
            <button type="button" className={secondaryButtonClass} onClick={cancel} data-testid="decode-cancel">
              {m.cancel}
            </button>
          )}
        </div>
        <div aria-live="polite" className="space-y-2 text-sm" data-testid="decode-status" data-status={status.kind}>
          {status.kind === 'running' && (
            <>
              <div
                role="progressbar"
                aria-label={m.running}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={Math.round((100 * status.done) / Math.max(1, status.total))}
                className="h-2 w-full overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800"
                data-testid="decode-progress"
              >
                <div
                  className="h-full bg-teal-600 transition-[width]"
                  style={{ width: `${Math.max(2, (100 * status.done) / Math.max(1, status.total))}%` }}
                />
              </div>
              {phaseText && <p>{phaseText}</p>}
            </>
          )}
          {status.kind === 'done' && <p>{m.done(status.seconds)}</p>}
          {status.kind === 'cancelled' && <p>{m.cancelled}</p>}
          {status.kind === 'error' && <Notice kind="error">{m.failed(issueDetail(status.issue, locale))}</Notice>}
        </div>

        {table && (
          <div className="space-y-2">
            <DecodeTable table={table} speed={speed} device={device} />

            {dense && <AmdahlBreakdown table={table} speed={speed} dense={dense} />}
          </div>
        )}

        {check && <DecodeCheckTable check={check} />}

        {shapes && <ShapesTable shapes={shapes} blockSize={blockSize} />}
      </div>
    </Section>
  );
}
