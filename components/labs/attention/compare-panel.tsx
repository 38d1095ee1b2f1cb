'use client';

import { memo, useMemo } from 'react';
import { useLocale } from '@/components/shell/locale-context';
import type { ViewRequest, ViewResult } from '@/lib/attention/lab-jobs';
import { fullRegion } from '@/lib/attention/mask-grid';
import { attentionMessages } from '@/lib/i18n/attention';
import { formatNumber } from '@/lib/i18n/locales';
import { paintDensity, paintDiff, palette, paletteHex } from '@/lib/viz/mask-paint';
import { formatPercent } from './format';
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
  return (
    <Section title={m.compare.title} testId="compare-panel">
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <GridCanvas testId="compare-a" rows={g.rows} cols={g.cols} pixels={pixels.a} region={whole} label={nameA} caption={<><span className="block font-medium text-blue-700 dark:text-blue-300">{nameA}</span>{m.compare.density(formatPercent(result.main.stats.elementDensity, locale))}</>} />
        <GridCanvas testId="compare-b" rows={g.rows} cols={g.cols} pixels={pixels.b} region={whole} label={nameB} caption={<><span className="block font-medium text-orange-700 dark:text-orange-300">{nameB}</span>{m.compare.density(formatPercent(compare.stats.elementDensity, locale))}</>} />
        <GridCanvas testId="compare-diff" rows={diff.overview.rows} cols={diff.overview.cols} pixels={pixels.diff} region={whole} label={m.compare.diff} caption={<span className="block font-medium">{m.compare.diff}</span>} />
        <GridCanvas
          testId="compare-diff-zoom"
          rows={diff.zoom.rows}
          cols={diff.zoom.cols}
          pixels={pixels.zoom}
          region={request.region}
          label={`${m.compare.diff}: ${m.view.region}`}
          caption={<span className="block font-medium">{`${m.compare.diff}: ${m.mask.zoomed(num(request.region.row0), num(request.region.row1 - 1), num(request.region.col0), num(request.region.col1 - 1))}`}</span>}
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
