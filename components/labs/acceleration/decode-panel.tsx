'use client';

/**
 * "Decode a real model": lm-en generating token by token with its linear layers on our dense GEMV or
 * the CSR / BSR / 2:4 kernels (lib/acceleration/decode-jobs.ts, in decode.worker.ts), the measured
 * table (tokens per second, speed-up, test perplexity, text), the Amdahl breakdown of a step, and the
 * correctness check against the float64 reference.
 */
import { useEffect, useRef } from 'react';
import { Select } from '@/components/controls/select';
import { TableCsv } from '@/components/controls/table-csv';
import { useLocale } from '@/components/shell/locale-context';
import { type DecodeRow, decodeSpeedups } from '@/lib/acceleration/decode-jobs';
import { SOFTWARE_SHAPE_DIVISOR } from '@/lib/acceleration/llm-shapes';
import { sourceClaimAt } from '@/lib/acceleration/table';
import { decodeMessages } from '@/lib/i18n/acceleration-decode';
import { formatBytes, formatNumber } from '@/lib/i18n/locales';
import type { LinearKernel } from '@/lib/kernels/linear-gemv';
import { STEP_PARTS } from '@/lib/lm/kernel-decode';
import type { DecodeMethod } from '@/lib/lm/sparse-linear';
import { issueDetail } from '@/lib/runtime/issue';
import type { AccelerationState } from '@/lib/state/acceleration';
import type { DecodeLiveRow } from '@/lib/teach/live';
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

const CHECK_DENSE_TOKENS = 64;
const CHECK_SPARSE_TOKENS = 8;

const th = 'px-1.5 py-1 font-medium';
const td = 'px-1.5 py-1.5';

export function DecodePanel({ state, update, kernels, emulated, device, hidden = [], onTable }: DecodePanelProps) {
  const locale = useLocale();
  const m = decodeMessages[locale];
  const { status, table, check, shapes, start, cancel } = useDecodeWorker();
  const running = status.kind === 'running';
  const blockSize = Number(state.block);
  const sparse: LinearKernel[] = [...(state.csr ? (['csr'] as const) : []), ...(state.bsr ? (['bsr'] as const) : []), ...(state.nm24 ? (['2:4'] as const) : [])];
  const sparsities = state.dsp === 'all' ? [0.5, 0.7, 0.9] : [Number(state.dsp) / 100];
  const kernelName = (k: LinearKernel, b: number) => (k === 'bsr' ? m.table.kernelName.bsr(b) : m.table.kernelName[k]);
  const rowName = (r: DecodeRow) => {
    const name = kernelName(r.config.kernel, r.config.blockSize);
    return table?.backend === 'wasm' ? m.table.wasmKernel(name) : name;
  };
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
      table.rows.map((r, i) => ({ kernel: r.config.kernel, sparsity: r.sparsity, speedup: sp[i].speedup, linearSpeedup: sp[i].linearSpeedup, perplexity: r.perplexity, linearShare: share, limit: sp[i].limit })),
    );
  }, [table]);
  const dense = table?.rows.find((r) => r.config.kernel === 'dense') ?? null;
  const fmt = (x: number, d = 2) => (Number.isFinite(x) ? formatNumber(x, locale, d) : '–');
  const show = (param: keyof AccelerationState) => !hidden.includes(param);

  const run = () =>
    start('table', { method: state.dmethod as DecodeMethod, sparsities, kernels: sparse, blockSize, tokens: state.dtokens, useKernels: kernels === true, emulated });
  const runCheck = () =>
    start('check', { method: state.dmethod as DecodeMethod, sparsity: sparsities[0], kernels: sparse, blockSize, denseTokens: CHECK_DENSE_TOKENS, sparseTokens: CHECK_SPARSE_TOKENS, emulated });

  const runShapes = () => start('shapes', { kernels: sparse, blockSize, emulated, samples: emulated ? 20 : state.samples });

  // the sparse row whose linear layers gained most, for the explanation under the breakdown
  let best: { name: string; linear: number; whole: number } | null = null;
  if (table) {
    table.rows.forEach((r, i) => {
      if (r.config.kernel === 'dense' || !Number.isFinite(speed[i].linearSpeedup)) return;
      if (!best || speed[i].linearSpeedup > best.linear) best = { name: `${rowName(r)} ${(r.sparsity * 100).toFixed(0)}%`, linear: speed[i].linearSpeedup, whole: speed[i].speedup };
    });
  }

  const phaseText = status.kind === 'running' && status.phase ? m.phase[status.phase](status.done, status.total) : null;
  const csvRows = () => (table ? table.rows.map((r, i) => [r.config.kernel, r.config.method, r.sparsity, r.linearSparsity, r.tokensPerSecond, r.msPerToken, r.cv, speed[i].speedup, r.perplexity, r.linearBytes, r.breakdown.parts.linear, r.breakdown.parts.attention, r.breakdown.parts.norms, r.breakdown.parts.sampling, r.breakdown.overhead, r.text]) : []);

  return (
    <Section title={m.title} testId="decode-panel" id="decode">
      <div className="space-y-3">
        <p className="text-sm text-zinc-700 dark:text-zinc-300">{m.intro}</p>
        <div className="grid gap-3 sm:grid-cols-3">
          {show('dmethod') && (
            <Select label={m.method} value={state.dmethod} options={(['magnitude', 'wanda', 'sparsegpt'] as const).map((v) => ({ value: v, label: m.methodOption[v] }))} onChange={(v) => update({ dmethod: v })} testId="control-dmethod" />
          )}
          {show('dsp') && (
            <Select label={m.sparsities} value={state.dsp} options={(['all', '50', '70', '90'] as const).map((v) => ({ value: v, label: m.sparsityOption[v] }))} onChange={(v) => update({ dsp: v })} testId="control-dsp" />
          )}
          {show('dtokens') && (
            <Select
              label={m.tokens}
              hint={m.tokensHint}
              value={String(state.dtokens)}
              options={Array.from(new Set([4, 8, 16, 32, 64, 128, state.dtokens])).sort((a, b) => a - b).map((v) => ({ value: String(v), label: String(v) }))}
              onChange={(v) => update({ dtokens: Number(v) })}
              testId="control-dtokens"
            />
          )}
        </div>
        <p className="text-sm" data-testid="decode-kernels">
          {m.kernelsLine(sparse.map((k) => kernelName(k, blockSize)).join(', '), blockSize)}
        </p>
        {state.dmethod !== 'magnitude' && <p className="text-xs text-zinc-600 dark:text-zinc-400">{m.calibrationNote}</p>}
        {kernels === false && <Notice kind="warn" testId="decode-fallback">{m.fallback}</Notice>}
        {kernels === true && emulated && <Notice kind="warn" testId="decode-software">{m.software}</Notice>}
        <div className="flex flex-wrap items-center gap-3">
          <button type="button" className={buttonClass} onClick={run} disabled={running || kernels === null} data-testid="decode-run">
            {running && status.job === 'table' ? m.running : m.run}
          </button>
          <button type="button" className={secondaryButtonClass} onClick={runCheck} disabled={running || kernels !== true} data-testid="decode-check-run">
            {running && status.job === 'check' ? m.checking : m.check}
          </button>
          <button type="button" className={secondaryButtonClass} onClick={runShapes} disabled={running || kernels !== true || sparse.length === 0} data-testid="shapes-run">
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
              <div role="progressbar" aria-label={m.running} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round((100 * status.done) / Math.max(1, status.total))} className="h-2 w-full overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800" data-testid="decode-progress">
                <div className="h-full bg-teal-600 transition-[width]" style={{ width: `${Math.max(2, (100 * status.done) / Math.max(1, status.total))}%` }} />
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
            <p className="text-sm">{m.table.prompt(table.prompt)}</p>
            <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={m.title}>
              <table className="w-full min-w-[48rem] text-right text-sm tabular-nums" data-testid="decode-table" data-backend={table.backend}>
                <caption className="mb-1 text-left text-xs text-zinc-600 dark:text-zinc-400">{m.table.caption(device ?? '?')}</caption>
                <thead className="border-b border-zinc-300 text-xs text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
                  <tr>
                    <th className={`${th} text-left`}>{m.table.kernel}</th>
                    <th className={th}>{m.table.sparsity}</th>
                    <th className={th}>{m.table.tokensPerSecond}</th>
                    <th className={th}>{m.table.msPerToken}</th>
                    <th className={th}>{m.table.speedup}</th>
                    <th className={th}>{m.table.perplexity}</th>
                    <th className={th}>{m.table.weights}</th>
                    <th className={`${th} text-left`}>{m.table.text}</th>
                  </tr>
                </thead>
                <tbody>
                  {table.rows.map((r, i) => {
                    const claim = sourceClaimAt(r.sparsity);
                    return (
                      <tr key={`${r.config.kernel}-${r.sparsity}`} className="border-b border-zinc-100 align-top dark:border-zinc-800" data-testid={`decode-row-${r.config.kernel === '2:4' ? '24' : r.config.kernel}-${Math.round(r.sparsity * 100)}`}>
                        <td className={`${td} text-left font-medium`}>{rowName(r)}</td>
                        <td className={td}>{(r.sparsity * 100).toFixed(0)}%</td>
                        <td className={td} data-testid="decode-tps" data-value={r.tokensPerSecond}>
                          {fmt(r.tokensPerSecond, r.tokensPerSecond >= 100 ? 0 : 2)}
                        </td>
                        <td className={td} data-testid="decode-ms" data-value={r.msPerToken}>
                          {fmt(r.msPerToken, 2)}
                        </td>
                        <td className={td} data-testid="decode-speedup" data-value={speed[i].speedup}>
                          <span title={m.table.speedWords(speed[i].speedup)}>{fmt(speed[i].speedup, 2)}×</span>
                          {claim && <span className="block text-xs text-amber-700 dark:text-amber-400">({claim.speedup}×)</span>}
                        </td>
                        <td className={td} data-testid="decode-ppl" data-value={r.perplexity}>
                          {fmt(r.perplexity, 3)}
                        </td>
                        <td className={td}>{formatBytes(r.linearBytes)}</td>
                        <td className={`${td} max-w-[22rem] whitespace-pre-wrap break-words text-left font-mono text-xs`} data-testid="decode-text">
                          {r.text}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <p className="text-xs text-amber-800 dark:text-amber-300">{m.table.sourceClaim}</p>
            <TableCsv name="sparselab-decode-lm-en" label={m.title} testId="decode-csv" header={['kernel', 'method', 'sparsity', 'linear_sparsity', 'tokens_per_s', 'ms_per_token', 'cv', 'speedup_vs_dense', 'test_perplexity', 'linear_bytes', 'linear_ms', 'attention_ms', 'norms_ms', 'sampling_ms', 'other_ms', 'text']} rows={csvRows} />

            {dense && (
              <div className="space-y-2 pt-2" data-testid="decode-amdahl">
                <h3 className="font-semibold">{m.amdahl.title}</h3>
                <p className="text-sm text-zinc-700 dark:text-zinc-300">{m.amdahl.intro(table.timing, table.backend === 'wasm', table.roundTripMs)}</p>
                <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={m.amdahl.title}>
                  <table className="w-full min-w-[40rem] text-right text-sm tabular-nums" data-testid="amdahl-table">
                    <thead className="border-b border-zinc-300 text-xs text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
                      <tr>
                        <th className={`${th} text-left`}>{m.amdahl.part}</th>
                        {table.rows.map((r) => (
                          <th key={`${r.config.kernel}-${r.sparsity}`} className={th}>
                            {kernelName(r.config.kernel, r.config.blockSize)} {(r.sparsity * 100).toFixed(0)}%
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {[...STEP_PARTS, 'other' as const].map((part) => (
                        <tr key={part} className="border-b border-zinc-100 dark:border-zinc-800" data-testid={`amdahl-part-${part}`}>
                          <td className={`${td} text-left`}>{m.amdahl.parts[part]}</td>
                          {table.rows.map((r) => {
                            const v = part === 'other' ? r.breakdown.overhead : r.breakdown.parts[part];
                            return (
                              <td key={`${r.config.kernel}-${r.sparsity}`} className={td} data-value={v}>
                                {fmt(v, 2)} <span className="text-xs text-zinc-500">({fmt((100 * v) / r.msPerToken, 0)}%)</span>
                              </td>
                            );
                          })}
                        </tr>
                      ))}
                      {(
                        [
                          ['linearSpeedup', (i: number) => speed[i].linearSpeedup],
                          ['predicted', (i: number) => speed[i].predicted],
                          ['measured', (i: number) => speed[i].speedup],
                          ['limit', (i: number) => speed[i].limit],
                        ] as const
                      ).map(([key, get]) => (
                        <tr key={key} className="border-b border-zinc-100 font-medium dark:border-zinc-800" data-testid={`amdahl-${key}`}>
                          <td className={`${td} text-left`}>{m.amdahl[key]}</td>
                          {table.rows.map((r, i) => (
                            <td key={`${r.config.kernel}-${r.sparsity}`} className={td} data-value={get(i)}>
                              {fmt(get(i), 2)}×
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <p className="text-sm">{m.amdahl.formula(dense.breakdown.linearShare)}</p>
                <p className="text-sm" data-testid="amdahl-explain">
                  {m.amdahl.explain(dense.breakdown.linearShare, speed[table.rows.indexOf(dense)].limit, best)}
                </p>
                <p className="text-xs text-zinc-600 dark:text-zinc-400">{m.amdahl.realLlm}</p>
              </div>
            )}
          </div>
        )}

        {check && (
          <div className="space-y-2 pt-2" data-testid="decode-check">
            <h3 className="font-semibold">{m.checkTable.title}</h3>
            <p className="text-sm text-zinc-700 dark:text-zinc-300">{m.checkTable.intro(CHECK_DENSE_TOKENS, CHECK_SPARSE_TOKENS)}</p>
            <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={m.checkTable.title}>
              <table className="w-full text-right text-sm tabular-nums" data-testid="decode-check-table">
                <thead className="border-b border-zinc-300 text-xs text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
                  <tr>
                    <th className={`${th} text-left`}>{m.checkTable.path}</th>
                    <th className={th}>{m.checkTable.tokens}</th>
                    <th className={th}>{m.checkTable.same}</th>
                    <th className={th}>{m.checkTable.error}</th>
                  </tr>
                </thead>
                <tbody>
                  {check.rows.map((r) => (
                    <tr key={`${r.config.kernel}`} className="border-b border-zinc-100 dark:border-zinc-800" data-testid={`check-row-${r.config.kernel === '2:4' ? '24' : r.config.kernel}`}>
                      <td className={`${td} text-left`}>
                        {kernelName(r.config.kernel, r.config.blockSize)} {r.config.kernel === 'dense' ? '' : `${(r.config.kernel === '2:4' ? 50 : r.config.sparsity * 100).toFixed(0)}%`}
                      </td>
                      <td className={td}>{r.tokens}</td>
                      <td className={td} data-testid="check-same" data-value={r.sameTokens ? 1 : 0}>
                        {r.sameTokens ? m.checkTable.yes : m.checkTable.no(r.firstMismatch ?? 0)}
                      </td>
                      <td className={td} data-testid="check-error" data-value={r.maxAbsError}>
                        {r.maxAbsError.toExponential(1)} ({r.maxAbsError <= 1e-3 ? m.checkTable.pass : m.checkTable.fail})
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        )}

        {shapes && (
          <div className="space-y-2 pt-2" data-testid="llm-shapes">
            <h3 className="font-semibold">{m.shapes.title}</h3>
            <p className="text-sm text-zinc-700 dark:text-zinc-300">{m.shapes.intro}</p>
            {shapes.emulated && (
              <Notice kind="info" testId="llm-shapes-software">
                {m.shapes.software}
              </Notice>
            )}
            <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={m.shapes.title}>
              <table className="w-full text-right text-sm tabular-nums" data-testid="llm-shapes-table">
                <thead className="border-b border-zinc-300 text-xs text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
                  <tr>
                    <th className={`${th} text-left`}>{m.shapes.shape}</th>
                    <th className={th}>{m.shapes.kernel}</th>
                    <th className={th}>{m.shapes.sparsity}</th>
                    <th className={th}>{m.shapes.kernelMs}</th>
                    <th className={th}>{m.shapes.denseMs}</th>
                    <th className={th}>{m.shapes.speedup}</th>
                  </tr>
                </thead>
                <tbody>
                  {shapes.rows.map((r) => (
                    <tr key={`${r.shape.name}-${r.kernel}-${r.sparsity}`} className="border-b border-zinc-100 dark:border-zinc-800" data-testid={`shape-row-${r.shape.name}-${r.kernel === '2:4' ? '24' : r.kernel}-${Math.round(r.sparsity * 100)}`}>
                      <td className={`${td} text-left`}>
                        {m.shapes.layer[r.shape.name]} {r.shape.rows} × {r.shape.cols} {shapes.emulated ? m.shapes.scaled(SOFTWARE_SHAPE_DIVISOR) : ''}
                      </td>
                      <td className={td}>{kernelName(r.kernel, blockSize)}</td>
                      <td className={td}>{(r.sparsity * 100).toFixed(0)}%</td>
                      <td className={td} data-testid="shape-ms" data-value={r.medianMs}>
                        {fmt(r.medianMs, 3)}
                      </td>
                      <td className={td} data-testid="shape-dense-ms" data-value={r.denseMs}>
                        {fmt(r.denseMs, 3)}
                      </td>
                      <td className={td} data-testid="shape-speedup" data-value={r.speedup}>
                        <span title={m.table.speedWords(r.speedup)}>{fmt(r.speedup, 2)}×</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        )}
      </div>
    </Section>
  );
}
