'use client';

import { memo, useMemo } from 'react';
import { useLocale } from '@/components/shell/locale-context';
import { LineChart } from '@/components/viz/chart';
import type { PatternView } from '@/lib/labs/attention/jobs';
import { attentionMessages } from '@/lib/i18n/attention';
import { formatNumber } from '@/lib/i18n/locales';
import { MAX_LAYERS } from '@/lib/state/attention';
import { colorTable } from '@/lib/viz/colors';
import { palette } from '@/lib/viz/mask-paint';
import { formatDensity } from '@/lib/runtime/format';
import { Section } from './section';
import { StripCanvas } from './strip-canvas';
import { useDark } from './use-dark';

/** Receptive field after L stacked layers, with a stepper. */
export const ReceptivePanel = memo(function ReceptivePanel({
  view,
  layers,
  onLayers,
}: {
  view: PatternView | null;
  layers: number;
  onLayers: (L: number) => void;
}) {
  const locale = useLocale();
  const m = attentionMessages[locale].receptive;
  const dark = useDark();
  const L = Math.min(layers, MAX_LAYERS);
  const n = view?.stats.seqLen ?? 0;
  const strip = useMemo(() => {
    if (!view) return null;
    const depths = view.receptive.depths;
    const table = colorTable('viridis');
    const empty = palette(dark).empty;
    const per = Math.max(1, Math.ceil(depths.length / 512));
    const out = new Uint32Array(Math.ceil(depths.length / per));
    for (let p = 0; p < out.length; p++) {
      let best = -1;
      for (let j = p * per; j < Math.min(depths.length, p * per + per); j++) {
        const d = depths[j];
        if (d >= 0 && d <= L && (best < 0 || d < best)) best = d;
      }
      out[p] = best < 0 ? empty : table[Math.round((best / Math.max(1, L)) * 200)];
    }
    return out;
  }, [view, L, dark]);
  if (!view) return null;
  const sizes = view.receptive.sizes;
  const count = sizes[L - 1];
  const saturated = sizes.findIndex((v) => v === sizes[sizes.length - 1]) + 1;
  const xMax = Math.min(MAX_LAYERS, Math.max(8, L + 2, saturated + 2));
  const button =
    'rounded border border-zinc-300 px-3 py-1 text-lg leading-none hover:bg-zinc-100 disabled:opacity-40 dark:border-zinc-700 dark:hover:bg-zinc-900';
  return (
    <Section title={m.title} testId="receptive-panel">
      <p className="text-sm text-zinc-700 dark:text-zinc-300">{m.intro(formatNumber(view.receptive.query, locale, 0))}</p>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <span className="text-sm font-medium" id="layers-label">
          {m.layers}
        </span>
        <div role="group" aria-labelledby="layers-label" className="flex items-center gap-2">
          <button
            type="button"
            className={button}
            aria-label={m.fewer}
            disabled={L <= 1}
            onClick={() => onLayers(L - 1)}
            data-testid="layers-less"
          >
            −
          </button>
          <output className="w-10 text-center font-mono text-lg" data-testid="layers-value" aria-live="polite">
            {L}
          </output>
          <button
            type="button"
            className={button}
            aria-label={m.more}
            disabled={L >= MAX_LAYERS}
            onClick={() => onLayers(L + 1)}
            data-testid="layers-more"
          >
            +
          </button>
        </div>
        <p className="text-sm" data-testid="receptive-result" data-value={count}>
          {m.result(L, formatNumber(count, locale, 0), formatNumber(n, locale, 0), formatDensity(count / n, locale))}
        </p>
      </div>
      <div className="mt-3">
        <StripCanvas pixels={strip} label={m.strip} testId="receptive-strip" className="h-5" />
        <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">{m.strip}</p>
      </div>
      <LineChart
        title={m.chartTitle}
        xLabel={m.chartX}
        yLabel={m.chartY}
        height={240}
        yDomain={[0, n]}
        xDomain={[1, xMax]}
        series={[{ name: m.chartY, color: '#0d9488', points: sizes.slice(0, xMax).map((y, i) => ({ x: i + 1, y })), dots: xMax <= 16 }]}
        hLines={[{ y: n, label: m.all }]}
        markers={[{ x: L, label: `L = ${L}`, color: '#d97706' }]}
        yFormat={(v) => formatNumber(v, locale, 0)}
        testId="receptive-chart"
        exportName={`receptive-field-n${n}-L${L}`}
      />
    </Section>
  );
});
