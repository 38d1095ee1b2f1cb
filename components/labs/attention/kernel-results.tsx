/**
 * Pieces of the kernel panel's results (kernel-panel.tsx): the pass / fail verdict of a
 * check, the result tables, and the check's result (both kernels against their twins).
 */
import type { ReactNode } from 'react';
import { TableCsv } from '@/components/controls/table-csv';
import type { attentionMessages } from '@/lib/i18n/attention';
import { type RunPlan, SOFTWARE_CHECK_MAX_SEQ } from '@/lib/labs/attention/lab-runs';
import type { KernelVerdict } from '@/lib/runtime/check-kernel';

/** A finished check: the block-sparse and dense fused kernels against their twins at the plan's size. */
export type CheckDone = { status: 'done'; plan: RunPlan; blockSparse: KernelVerdict; dense: KernelVerdict };

/** Pass or fail of one kernel against its twin, coloured. */
export function Verdict({ ok, m }: { ok: boolean; m: (typeof attentionMessages)['en']['kernel'] }) {
  return (
    <span className={ok ? 'font-semibold text-teal-700 dark:text-teal-300' : 'font-semibold text-red-700 dark:text-red-400'}>
      {ok ? m.pass : m.fail}
    </span>
  );
}

/** The panel's result tables: a header row, then monospace rows (the caller's <tr>s). */
export function ResultTable({ headers, children }: { headers: readonly string[]; children: ReactNode }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-xs">
        <thead>
          <tr className="border-b border-zinc-200 dark:border-zinc-800">
            {headers.map((h, i) => (
              <th key={h} className={i < headers.length - 1 ? 'py-1 pr-2' : 'py-1'}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="font-mono">{children}</tbody>
      </table>
    </div>
  );
}

/** The check's result: the size it ran at, one row per kernel against its twin, and the CSV export. */
export function CheckResult({
  check,
  m,
  num,
}: {
  check: CheckDone;
  m: (typeof attentionMessages)['en']['kernel'];
  num: (v: number) => string;
}) {
  const sci = (v: number) => (v === 0 ? '0' : v.toExponential(2));
  return (
    <div className="mt-3 text-sm" data-testid="kernel-check-result">
      {check.plan.capped === 'software' && (
        <p className="mb-2 text-xs text-zinc-600 dark:text-zinc-400" data-testid="kernel-check-capped">
          {m.softwareCap(num(check.plan.shape.seqLen), check.plan.shape.heads, num(SOFTWARE_CHECK_MAX_SEQ))}
        </p>
      )}
      {check.plan.capped === 'twin' && (
        <p className="mb-2 text-xs text-zinc-600 dark:text-zinc-400">{m.twinCap(num(check.plan.shape.seqLen), check.plan.shape.heads)}</p>
      )}
      <p className="mb-2 text-xs text-zinc-600 dark:text-zinc-400" data-testid="kernel-check-size">
        {m.checkedAt(num(check.plan.shape.seqLen), check.plan.shape.heads, check.plan.shape.headDim)}
        {check.plan.shape.seqLen % check.plan.params.blockSize !== 0 &&
          ` ${m.padded(num(check.plan.shape.seqLen), num(Math.ceil(check.plan.shape.seqLen / check.plan.params.blockSize) * check.plan.params.blockSize))}`}
      </p>
      <ResultTable headers={[m.kernelCol, m.twinCol, m.maxAbs, m.maxRel, m.verdict]}>
        {(
          [
            ['block-sparse', m.blockSparse, m.blockSparseTwin, check.blockSparse],
            ['dense', m.denseFused, m.denseTwin, check.dense],
          ] as const
        ).map(([key, kernel, twin, c]) => (
          <tr key={key} className="border-b border-zinc-100 dark:border-zinc-900" data-testid={`kernel-check-${key}`}>
            <td className="py-1 pr-2 font-sans">{kernel}</td>
            <td className="py-1 pr-2 font-sans">{twin}</td>
            <td className="py-1 pr-2" data-testid={`kernel-check-${key}-abs`} data-value={c.maxAbsError}>
              {sci(c.maxAbsError)}
            </td>
            <td className="py-1 pr-2">{sci(c.maxRelError)}</td>
            <td className="whitespace-nowrap py-1 font-sans">
              <Verdict ok={c.pass} m={m} />
            </td>
          </tr>
        ))}
      </ResultTable>
      <TableCsv
        name={`attention-kernel-check-${check.plan.name}-n${check.plan.shape.seqLen}-b${check.plan.params.blockSize}`}
        header={['kernel', 'max_abs_error', 'max_rel_error', 'tolerance', 'pass', 'seq_len', 'heads', 'head_dim', 'block_size']}
        rows={(
          [
            ['block-sparse', check.blockSparse],
            ['dense-fused-masked', check.dense],
          ] as const
        ).map(([kernel, c]) => [
          kernel,
          c.maxAbsError,
          c.maxRelError,
          c.bound,
          c.pass,
          check.plan.shape.seqLen,
          check.plan.shape.heads,
          check.plan.shape.headDim,
          check.plan.params.blockSize,
        ])}
        label={m.check}
        testId="kernel-check-export"
      />
    </div>
  );
}
