'use client';

import type { DecodeCheckResult, DecodeShapesResult } from '@/lib/acceleration/decode-protocol';
import { SOFTWARE_SHAPE_DIVISOR } from '@/lib/acceleration/llm-shapes';
import { td, th, useDecodeFormat } from './decode-format';
import { Notice } from './section';

/** Tokens of the float64 reference and of each kernel path compared. */
export const CHECK_DENSE_TOKENS = 64;
export const CHECK_SPARSE_TOKENS = 8;

/** The correctness check: each kernel path's tokens and logits against the float64 reference. */
export function DecodeCheckTable({ check }: { check: DecodeCheckResult }) {
  const { m, kernelName } = useDecodeFormat();
  return (
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
              <tr
                key={`${r.config.kernel}`}
                className="border-b border-zinc-100 dark:border-zinc-800"
                data-testid={`check-row-${r.config.kernel === '2:4' ? '24' : r.config.kernel}`}
              >
                <td className={`${td} text-left`}>
                  {kernelName(r.config.kernel, r.config.blockSize)}{' '}
                  {r.config.kernel === 'dense' ? '' : `${(r.config.kernel === '2:4' ? 50 : r.config.sparsity * 100).toFixed(0)}%`}
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
  );
}

/** The kernels timed alone at the linear-layer shapes of real LLMs. */
export function ShapesTable({ shapes, blockSize }: { shapes: DecodeShapesResult; blockSize: number }) {
  const { m, fmt, kernelName } = useDecodeFormat();
  return (
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
              <tr
                key={`${r.shape.name}-${r.kernel}-${r.sparsity}`}
                className="border-b border-zinc-100 dark:border-zinc-800"
                data-testid={`shape-row-${r.shape.name}-${r.kernel === '2:4' ? '24' : r.kernel}-${Math.round(r.sparsity * 100)}`}
              >
                <td className={`${td} text-left`}>
                  {m.shapes.layer[r.shape.name]} {r.shape.rows} × {r.shape.cols}{' '}
                  {shapes.emulated ? m.shapes.scaled(SOFTWARE_SHAPE_DIVISOR) : ''}
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
  );
}
