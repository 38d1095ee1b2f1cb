'use client';

import { memo, useMemo } from 'react';
import { useLocale } from '@/components/shell/locale-context';
import type { ProbabilityRequest, ProbabilityResult } from '@/lib/labs/attention/jobs';
import { matrixRows } from '@/lib/export/tables';
import { attentionMessages } from '@/lib/i18n/attention';
import { formatNumber } from '@/lib/i18n/locales';
import { colorTable } from '@/lib/viz/colors';
import { paintValues, palette } from '@/lib/viz/mask-paint';
import { type Cell, GridCanvas } from './grid-canvas';
import { Section } from './section';
import { useDark } from './use-dark';

/** Probabilities of a real computation on seeded Q, K, for the chosen head, over the zoom region. */
export const ProbabilitiesPanel = memo(function ProbabilitiesPanel({
  result,
  request,
  busy,
}: {
  result: ProbabilityResult | null;
  request: ProbabilityRequest | null;
  busy: boolean;
}) {
  const locale = useLocale();
  const m = attentionMessages[locale].probs;
  const dark = useDark();
  const table = useMemo(() => colorTable('viridis'), []);
  const pixels = useMemo(
    () => (result ? paintValues(result.values, result.max, table, palette(dark).empty, 0.5) : null),
    [result, table, dark],
  );
  const num = (v: number) => formatNumber(v, locale, 0);
  const probsTable = useMemo(
    () =>
      result
        ? {
            grid: { rows: result.rows, cols: result.cols, values: result.values, blockRows: 1, blockCols: 1 },
            format: (v: number) => (v === 0 ? '0' : v.toPrecision(3)),
          }
        : undefined,
    [result],
  );
  return (
    <Section
      title={m.title}
      testId="probs-panel"
      aside={busy ? <span className="text-xs text-zinc-600 dark:text-zinc-400">{m.computing}</span> : null}
    >
      {result && request ? (
        <div className="grid gap-4 md:grid-cols-[minmax(0,26rem)_1fr]">
          <GridCanvas
            testId="probs"
            rows={result.rows}
            cols={result.cols}
            pixels={pixels}
            region={result.crop.region}
            label={m.title}
            busy={busy}
            describe={(cell: Cell) => {
              const r = result.crop.region;
              const v = result.values[(cell.row - r.row0) * result.cols + (cell.col - r.col0)];
              return `q ${cell.row}, k ${cell.col}: p = ${v === 0 ? '0' : v.toPrecision(3)}`;
            }}
            caption={m.region(
              num(result.crop.region.row0),
              num(result.crop.region.row1 - 1),
              num(result.crop.region.col0),
              num(result.crop.region.col1 - 1),
            )}
            table={probsTable}
            exportName={`attention-probs-${request.main.name}-n${request.main.params.seqLen}-head${request.head}-q${result.crop.region.row0}-${result.crop.region.row1 - 1}-k${result.crop.region.col0}-${result.crop.region.col1 - 1}`}
            exportJson={() =>
              JSON.stringify({
                pattern: request.main.name,
                params: request.main.params,
                seed: request.seed,
                head: request.head,
                headDim: request.headDim,
                region: result.crop.region,
                rows: result.rows,
                cols: result.cols,
                values: 'softmax probability p[q, k] of the rows and columns of region; 0 where the mask is 0',
                data: matrixRows(result.values, result.rows, result.cols),
              })
            }
          />
          <div className="space-y-2 text-sm text-zinc-700 dark:text-zinc-300">
            <p>{m.caption(request.head, request.headDim)}</p>
            <div
              aria-hidden="true"
              className="h-3 w-full rounded-sm"
              style={{ background: 'linear-gradient(to right, #440154, #3b528b, #21918c, #5ec962, #fde725)' }}
            />
            <p className="flex justify-between font-mono text-xs">
              <span>0</span>
              <span>{(result.max / 4).toPrecision(2)}</span>
              <span>{result.max.toPrecision(3)}</span>
            </p>
            <p className="text-xs">{m.sqrtScale}</p>
            <p className="text-xs">{m.max(result.max.toPrecision(3))}</p>
            {result.crop.cropped && (
              <p
                className="rounded border border-amber-400 bg-amber-50 p-2 text-xs text-amber-950 dark:border-amber-700 dark:bg-amber-950/50 dark:text-amber-100"
                data-testid="probs-cropped"
              >
                {m.cropped(num(result.crop.region.row1 - result.crop.region.row0))}
              </p>
            )}
          </div>
        </div>
      ) : (
        <div className="aspect-square max-w-md animate-pulse rounded bg-zinc-100 dark:bg-zinc-900" />
      )}
    </Section>
  );
});
