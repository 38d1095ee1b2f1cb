'use client';

import { memo, useMemo } from 'react';
import { useLocale } from '@/components/shell/locale-context';
import type { ViewRequest, ViewResult } from '@/lib/labs/attention/jobs';
import { fullRegion, type Region } from '@/lib/attention/mask-grid';
import { type DiffGrid } from '@/lib/attention/mask-diff';
import type { Grid } from '@/lib/viz/aggregate';
import { matrixRows } from '@/lib/export/tables';
import { attentionMessages } from '@/lib/i18n/attention';
import { formatNumber } from '@/lib/i18n/locales';
import { paintDensity, paintDiff, palette, paletteHex } from '@/lib/viz/mask-paint';
import { formatDensity } from '@/lib/runtime/format';
import { GridCanvas } from './grid-canvas';
import { Legend, Section } from './section';
import { useDark } from './use-dark';

/** Two patterns side by side, and their difference (whole matrix and the zoomed region). */
export const ComparePanel = memo(function ComparePanel({ result, request }: { result: ViewResult | null; request: ViewRequest | null }) {
  const locale = useLocale();
  const m = attentionMessages[locale];
  const dark = useDark();
  const hex = paletteHex(dark);
  const compare = result?.compare ?? null;
  const diff = result?.diff ?? null;
  const pixels = useMemo(() => {
    if (!result || !compare || !diff) return null;
    const pal = palette(dark);
    return {
      a: paintDensity(result.main.overview.values, pal),
      b: paintDensity(compare.overview.values, pal),
      diff: paintDiff(diff.overview.both, diff.overview.onlyA, diff.overview.onlyB, pal),
      zoom: paintDiff(diff.zoom.both, diff.zoom.onlyA, diff.zoom.onlyB, pal),
    };
  }, [result, compare, diff, dark]);
  if (!request?.compare || !result || !compare || !diff || !pixels) {
    return (
      <Section title={m.compare.title} testId="compare-panel">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{m.compare.pick}</p>
      </Section>
    );
  }
  const n = request.main.params.seqLen;
  const whole = fullRegion(n);
  const nameA = m.patterns[request.main.name].label;
  const nameB = m.patterns[request.compare.name].label;
  const num = (v: number) => formatNumber(v, locale, 0);
  const g = result.main.overview;
  const refA = request.main;
  const refB = request.compare;
  const stem = `compare-${refA.name}-vs-${refB.name}-n${n}`;
  // Overview pictures: the fraction of attended pairs in each cell (cells are blockRows × blockCols pairs).
  const densityJson = (ref: typeof refA, grid: Grid) => () =>
    JSON.stringify({
      pattern: ref.name,
      params: ref.params,
      rows: grid.rows,
      cols: grid.cols,
      blockRows: grid.blockRows,
      blockCols: grid.blockCols,
      values: 'fraction of attended (query, key) pairs per cell',
      data: matrixRows(grid.values, grid.rows, grid.cols),
    });
  const diffJson = (d: DiffGrid, region: Region) => () =>
    JSON.stringify({
      patternA: refA.name,
      paramsA: refA.params,
      patternB: refB.name,
      paramsB: refB.params,
      region,
      rows: d.rows,
      cols: d.cols,
      blockRows: d.blockRows,
      blockCols: d.blockCols,
      values: 'fraction of the pairs of each cell attended by both, only A, only B',
      both: matrixRows(d.both, d.rows, d.cols),
      onlyA: matrixRows(d.onlyA, d.rows, d.cols),
      onlyB: matrixRows(d.onlyB, d.rows, d.cols),
    });
  return (
    <Section title={m.compare.title} testId="compare-panel">
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <GridCanvas
          testId="compare-a"
          rows={g.rows}
          cols={g.cols}
          pixels={pixels.a}
          region={whole}
          label={nameA}
          exportName={`${stem}-a-${refA.name}`}
          exportJson={densityJson(refA, g)}
          caption={
            <>
              <span className="block font-medium text-blue-700 dark:text-blue-300">{nameA}</span>
              {m.compare.density(formatDensity(result.main.stats.elementDensity, locale))}
            </>
          }
        />
        <GridCanvas
          testId="compare-b"
          rows={compare.overview.rows}
          cols={compare.overview.cols}
          pixels={pixels.b}
          region={whole}
          label={nameB}
          exportName={`${stem}-b-${refB.name}`}
          exportJson={densityJson(refB, compare.overview)}
          caption={
            <>
              <span className="block font-medium text-orange-700 dark:text-orange-300">{nameB}</span>
              {m.compare.density(formatDensity(compare.stats.elementDensity, locale))}
            </>
          }
        />
        <GridCanvas
          testId="compare-diff"
          rows={diff.overview.rows}
          cols={diff.overview.cols}
          pixels={pixels.diff}
          region={whole}
          label={m.compare.diff}
          exportName={`${stem}-difference`}
          exportJson={diffJson(diff.overview, whole)}
          caption={<span className="block font-medium">{m.compare.diff}</span>}
        />
        <GridCanvas
          testId="compare-diff-zoom"
          rows={diff.zoom.rows}
          cols={diff.zoom.cols}
          pixels={pixels.zoom}
          region={request.region}
          label={`${m.compare.diff}: ${m.view.region}`}
          exportName={`${stem}-difference-q${request.region.row0}-${request.region.row1 - 1}-k${request.region.col0}-${request.region.col1 - 1}`}
          exportJson={diffJson(diff.zoom, request.region)}
          caption={
            <span className="block font-medium">{`${m.compare.diff}: ${m.mask.zoomed(num(request.region.row0), num(request.region.row1 - 1), num(request.region.col0), num(request.region.col1 - 1))}`}</span>
          }
        />
      </div>
      <Legend
        items={[
          { color: hex.both, label: m.compare.both },
          { color: hex.onlyA, label: m.compare.onlyA(nameA) },
          { color: hex.onlyB, label: m.compare.onlyB(nameB) },
        ]}
      />
      <p className="mt-2 text-sm" data-testid="compare-counts">
        {m.compare.counts(num(diff.overlap.both), num(diff.overlap.onlyA), num(diff.overlap.onlyB))}
      </p>
    </Section>
  );
});
