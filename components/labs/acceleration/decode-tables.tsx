'use client';

import { TableCsv } from '@/components/controls/table-csv';
import type { DecodeRow } from '@/lib/acceleration/decode-jobs';
import type { DecodeTableResult } from '@/lib/acceleration/decode-protocol';
import { sourceClaimAt } from '@/lib/acceleration/table';
import { formatBytes } from '@/lib/i18n/locales';
import { STEP_PARTS } from '@/lib/lm/kernel-decode';
import { type DecodeSpeedups, td, th, useDecodeFormat } from './decode-format';

/** The measured decode table: tokens per second, ms per token, speed-up, test perplexity, weight bytes, text. */
export function DecodeTable({ table, speed, device }: { table: DecodeTableResult; speed: DecodeSpeedups; device: string | null }) {
  const { m, fmt, rowName: nameOf } = useDecodeFormat();
  const rowName = (r: DecodeRow) => nameOf(table, r);
  const csvRows = () =>
    table.rows.map((r, i) => [
      r.config.kernel,
      r.config.method,
      r.sparsity,
      r.linearSparsity,
      r.tokensPerSecond,
      r.msPerToken,
      r.cv,
      speed[i].speedup,
      r.perplexity,
      r.linearBytes,
      r.breakdown.parts.linear,
      r.breakdown.parts.attention,
      r.breakdown.parts.norms,
      r.breakdown.parts.sampling,
      r.breakdown.overhead,
      r.text,
    ]);
  return (
    <>
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
                <tr
                  key={`${r.config.kernel}-${r.sparsity}`}
                  className="border-b border-zinc-100 align-top dark:border-zinc-800"
                  data-testid={`decode-row-${r.config.kernel === '2:4' ? '24' : r.config.kernel}-${Math.round(r.sparsity * 100)}`}
                >
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
                  <td
                    className={`${td} max-w-[22rem] whitespace-pre-wrap break-words text-left font-mono text-xs`}
                    data-testid="decode-text"
                  >
                    {r.text}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-amber-800 dark:text-amber-300">{m.table.sourceClaim}</p>
      <TableCsv
        name="sparselab-decode-lm-en"
        label={m.title}
        testId="decode-csv"
        header={[
          'kernel',
          'method',
          'sparsity',
          'linear_sparsity',
          'tokens_per_s',
          'ms_per_token',
          'cv',
          'speedup_vs_dense',
          'test_perplexity',
          'linear_bytes',
          'linear_ms',
          'attention_ms',
          'norms_ms',
          'sampling_ms',
          'other_ms',
          'text',
        ]}
        rows={csvRows}
      />
    </>
  );
}

/** Amdahl's law on one decode step: each part's ms per kernel, the linear layers' speed-up, predicted, measured, the ceiling. */
export function AmdahlBreakdown({
  table,
  speed,
  dense,
}: {
  table: DecodeTableResult;
  speed: DecodeSpeedups;
  dense: DecodeTableResult['rows'][number];
}) {
  const { m, fmt, kernelName, rowName: nameOf } = useDecodeFormat();
  const rowName = (r: DecodeRow) => nameOf(table, r);
  // the sparse row whose linear layers gained most, for the explanation under the breakdown
  let best: { name: string; linear: number; whole: number } | null = null;
  if (table) {
    table.rows.forEach((r, i) => {
      if (r.config.kernel === 'dense' || !Number.isFinite(speed[i].linearSpeedup)) return;
      if (!best || speed[i].linearSpeedup > best.linear)
        best = { name: `${rowName(r)} ${(r.sparsity * 100).toFixed(0)}%`, linear: speed[i].linearSpeedup, whole: speed[i].speedup };
    });
  }
  return (
    <div className="space-y-2 pt-2" data-testid="decode-amdahl">
      <h3 className="font-semibold">{m.amdahl.title}</h3>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        {m.amdahl.intro(table.timing, table.backend === 'wasm', table.roundTripMs)}
      </p>
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
  );
}
