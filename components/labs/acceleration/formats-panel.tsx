'use client';

import { useMemo } from 'react';
import { ExportButtons } from '@/components/controls/export-buttons';
import { TableCsv } from '@/components/controls/table-csv';
import { useLocale } from '@/components/shell/locale-context';
import { formatBytesFor } from '@/lib/acceleration/bytes';
import { TABLE_SPARSITIES } from '@/lib/acceleration/table';
import { EXAMPLE_BLOCK, EXAMPLE_COLS, EXAMPLE_ROWS, buildWorkedExample, positions24 } from '@/lib/acceleration/worked-example';
import { accelerationMessages } from '@/lib/i18n/acceleration';
import { formatBytes } from '@/lib/i18n/locales';
import { find24Violation } from '@/lib/sparsity/formats';
import { FORMAT_COLORS, Notice, Section } from './section';

/** A small matrix drawn as a grid: zeros grey, values in the format's colour; optional block outlines. */
function MatrixGrid({ data, color, block, label }: { data: Float32Array; color: string; block?: number; label: string }) {
  return (
    <table className="border-collapse font-mono text-xs" aria-label={label}>
      <tbody>
        {Array.from({ length: EXAMPLE_ROWS }, (_, r) => (
          <tr key={r}>
            {Array.from({ length: EXAMPLE_COLS }, (_, c) => {
              const v = data[r * EXAMPLE_COLS + c];
              const edgeR = block && c % block === block - 1 && c < EXAMPLE_COLS - 1;
              const edgeB = block && r % block === block - 1 && r < EXAMPLE_ROWS - 1;
              return (
                <td
                  key={c}
                  className={`h-6 w-6 border border-zinc-300 text-center dark:border-zinc-700 ${v === 0 ? 'bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300' : 'font-semibold text-white'}`}
                  style={{
                    background: v === 0 ? undefined : color,
                    borderRightWidth: edgeR ? 3 : undefined,
                    borderBottomWidth: edgeB ? 3 : undefined,
                  }}
                >
                  {v}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ArrayLine({ name, values }: { name: string; values: (number | string)[] }) {
  return (
    <div className="flex flex-wrap items-baseline gap-x-2 font-mono text-xs">
      <span className="text-zinc-600 dark:text-zinc-400">{name} =</span>
      <span className="break-all">[{values.join(', ')}]</span>
    </div>
  );
}

function Example({ title, body, children, testId }: { title: string; body: string; children: React.ReactNode; testId: string }) {
  return (
    <div className="space-y-2 rounded border border-zinc-200 p-3 dark:border-zinc-800" data-testid={testId}>
      <h4 className="text-sm font-semibold">{title}</h4>
      <p className="text-xs text-zinc-700 dark:text-zinc-300">{body}</p>
      {children}
    </div>
  );
}

export function FormatsPanel({ size, blockSize, seed }: { size: number; blockSize: number; seed: number }) {
  const locale = useLocale();
  const m = accelerationMessages[locale].formats;
  const ex = useMemo(() => buildWorkedExample(seed), [seed]);
  const violation = useMemo(() => find24Violation(ex.unstructured, EXAMPLE_COLS), [ex]);
  const rows = TABLE_SPARSITIES.map((s) => ({ s, b: formatBytesFor(size, size, s, blockSize) }));
  const ratio = (x: number, dense: number) => m.vsDense(x / dense);
  const b = ex.bsr;
  const bb = EXAMPLE_BLOCK * EXAMPLE_BLOCK;
  return (
    <Section title={m.title} testId="formats-panel">
      <p className="text-sm text-zinc-700 dark:text-zinc-300">{m.intro(size)}</p>
      <div className="mt-3 overflow-x-auto" tabIndex={0} role="region" aria-label={m.title}>
        <table className="w-full min-w-[32rem] text-right text-sm tabular-nums" data-testid="bytes-table">
          <thead>
            <tr className="border-b border-zinc-300 text-xs text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
              <th className="py-1 text-left font-medium">{m.sparsity}</th>
              <th className="py-1 font-medium">{m.dense}</th>
              <th className="py-1 font-medium">{m.csr}</th>
              <th className="py-1 font-medium">{m.bsr(blockSize)}</th>
              <th className="py-1 font-medium">{m.s24}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ s, b: fb }) => (
              <tr key={s} className="border-b border-zinc-100 dark:border-zinc-800">
                <td className="py-1 text-left">{Math.round(s * 100)}%</td>
                <td className="py-1">{formatBytes(fb.dense)}</td>
                <td className="py-1">
                  {formatBytes(fb.csr)} <span className="text-xs text-zinc-600 dark:text-zinc-400">({ratio(fb.csr, fb.dense)})</span>
                </td>
                <td className="py-1">
                  {fb.bsr === null ? '—' : formatBytes(fb.bsr)}{' '}
                  {fb.bsr !== null && <span className="text-xs text-zinc-600 dark:text-zinc-400">({ratio(fb.bsr, fb.dense)})</span>}
                </td>
                <td className="py-1">
                  {s === 0.5 && fb.s24 !== null ? (
                    <>
                      {formatBytes(fb.s24)} <span className="text-xs text-zinc-600 dark:text-zinc-400">({ratio(fb.s24, fb.dense)})</span>
                    </>
                  ) : (
                    <span className="text-xs text-zinc-600 dark:text-zinc-400">{m.only50}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">{m.indexNote}</p>
      <TableCsv
        name={`acceleration-bytes-${size}-b${blockSize}`}
        header={['sparsity', 'nnz', 'dense_bytes', 'csr_bytes', 'bsr_bytes', 'nm24_bytes']}
        rows={() => rows.map(({ s, b: fb }) => [s, fb.nnz, fb.dense, fb.csr, fb.bsr, s === 0.5 ? fb.s24 : null])}
        label={m.title}
        testId="bytes-table-export"
      />

      <h3 className="mt-5 font-semibold">{m.exampleTitle}</h3>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">{m.exampleIntro}</p>
      <div className="mt-3 grid gap-3 xl:grid-cols-3">
        <Example title={m.csrTitle} body={m.csrBody} testId="example-csr">
          <MatrixGrid data={ex.unstructured} color={FORMAT_COLORS.csr} label={m.csrTitle} />
          <ArrayLine name={m.rowPtr} values={Array.from(ex.csr.rowPtr)} />
          <ArrayLine name={m.colIdx} values={Array.from(ex.csr.colIdx)} />
          <ArrayLine name={m.values} values={Array.from(ex.csr.values)} />
          <p className="text-xs text-zinc-600 dark:text-zinc-400">{m.stored(ex.csr.values.length)}</p>
        </Example>
        <Example title={m.bsrTitle} body={m.bsrBody} testId="example-bsr">
          <MatrixGrid data={ex.blocky} color={FORMAT_COLORS.bsr} block={EXAMPLE_BLOCK} label={m.bsrTitle} />
          <ArrayLine name={m.blockRowPtr} values={Array.from(b.blockRowPtr)} />
          <ArrayLine name={m.blockColIdx} values={Array.from(b.blockColIdx)} />
          <div className="font-mono text-xs">
            <span className="text-zinc-600 dark:text-zinc-400">{m.blockValues} =</span>
            {Array.from({ length: b.blockColIdx.length }, (_, k) => (
              <div key={k} className="pl-4">
                [{Array.from(b.blockValues.subarray(k * bb, (k + 1) * bb)).join(', ')}]
              </div>
            ))}
          </div>
          <p className="text-xs text-zinc-600 dark:text-zinc-400">{m.stored(b.blockValues.length)}</p>
        </Example>
        <Example title={m.s24Title} body={m.s24Body} testId="example-24">
          <MatrixGrid data={ex.semi} color={FORMAT_COLORS['24']} label={m.s24Title} />
          <ArrayLine name={m.values} values={Array.from(ex.s24.values)} />
          <ArrayLine name={m.positions} values={positions24(ex.s24)} />
          <ArrayLine name={m.words} values={Array.from(ex.s24.indices, (w) => `0x${w.toString(16).padStart(8, '0')}`)} />
          <p className="text-xs text-zinc-600 dark:text-zinc-400">{m.stored(ex.s24.values.length)}</p>
        </Example>
      </div>
      <ExportButtons
        className="mt-2"
        label={m.exampleTitle}
        testId="worked-example-export"
        items={[
          {
            format: 'JSON',
            filename: `acceleration-worked-example-seed${seed}.json`,
            make: () =>
              new Blob(
                [
                  JSON.stringify({
                    seed,
                    rows: EXAMPLE_ROWS,
                    cols: EXAMPLE_COLS,
                    blockSize: EXAMPLE_BLOCK,
                    csr: {
                      matrix: Array.from(ex.unstructured),
                      rowPtr: Array.from(ex.csr.rowPtr),
                      colIdx: Array.from(ex.csr.colIdx),
                      values: Array.from(ex.csr.values),
                    },
                    bsr: {
                      matrix: Array.from(ex.blocky),
                      blockRowPtr: Array.from(b.blockRowPtr),
                      blockColIdx: Array.from(b.blockColIdx),
                      blockValues: Array.from(b.blockValues),
                    },
                    semi24: {
                      matrix: Array.from(ex.semi),
                      values: Array.from(ex.s24.values),
                      positions: positions24(ex.s24),
                      indexWords: Array.from(ex.s24.indices),
                    },
                  }),
                ],
                { type: 'application/json' },
              ),
          },
        ]}
      />
      {violation && (
        <div className="mt-3">
          <Notice kind="warn" testId="not-24">
            {m.not24(violation.row, violation.col, violation.nonZeros)}
          </Notice>
        </div>
      )}
    </Section>
  );
}
