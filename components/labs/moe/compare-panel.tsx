'use client';

import { useMemo } from 'react';
import { BarChart } from '@/components/viz/chart';
import { formatNumber, type Locale } from '@/lib/i18n/locales';
import type { MoeMessages } from '@/lib/i18n/moe';
import { routingDifference } from '@/lib/moe/compare';
import { routeTokens, routingStats, type RoutingSettings, type RoutingVariant } from '@/lib/moe/variants';

/** Colour-blind-safe pair (Okabe–Ito): sky blue = same experts, vermillion = changed. */
const SAME = '#56b4e9';
const CHANGED = '#d55e00';

interface Side {
  variant: RoutingVariant;
  load: Int32Array;
  capacity: number;
  dropped: number;
  cv: number;
  aux: number;
}

function routeSide(logits: Float32Array, numTokens: number, settings: RoutingSettings, variant: RoutingVariant) {
  const s = { ...settings, variant, numShared: variant === 'shared' ? settings.numShared : 0 };
  const r = routeTokens(logits, numTokens, s);
  const st = routingStats(logits, numTokens, s, r);
  return { r, side: { variant, load: r.load, capacity: r.capacity, dropped: r.dropped, cv: st.loadCv, aux: st.auxLoss } as Side };
}

/**
 * Two routing variants on the same router logits [numTokens, E]: load bars with capacity
 * lines, dropped tokens, load CV and aux loss of each, and which tokens changed expert set.
 */
export function ComparePanel({
  logits,
  numTokens,
  settings,
  compare,
  sample,
  m,
  locale,
  exportName = 'moe-compare',
}: {
  logits: Float32Array;
  numTokens: number;
  settings: RoutingSettings;
  compare: RoutingVariant;
  sample: Int32Array;
  m: MoeMessages;
  locale: Locale;
  exportName?: string;
}) {
  const f = m.figures;
  const result = useMemo(() => {
    try {
      const a = routeSide(logits, numTokens, settings, settings.variant);
      const b = routeSide(logits, numTokens, settings, compare);
      return { a: a.side, b: b.side, diff: routingDifference(a.r, b.r, numTokens) };
    } catch (err) {
      return { error: err instanceof Error ? err.message : String(err) };
    }
  }, [logits, numTokens, settings, compare]);
  if ('error' in result) return <p role="alert">{m.problems.other(result.error ?? '')}</p>;
  const { a, b, diff } = result;
  const pct = `${formatNumber(100 * diff.fraction, locale, 1)}%`;
  const sides = [
    { side: a, key: 'a' },
    { side: b, key: 'b' },
  ];
  return (
    <div className="space-y-4" data-testid="compare-panel">
      <div className="grid gap-4 lg:grid-cols-2">
        {sides.map(({ side, key }) => {
          const E = side.load.length;
          const mean = Array.from(side.load).reduce((x, y) => x + y, 0) / Math.max(1, E);
          return (
            <div key={key} className="min-w-0 space-y-2" data-testid={`compare-${key}`} data-variant={side.variant}>
              <h3 className="font-semibold">{m.controls.variants[side.variant]}</h3>
              <BarChart
                bars={Array.from(side.load, (v, e) => ({ label: String(e), value: v, color: v > side.capacity ? '#d97706' : '#0f766e' }))}
                xLabel={f.expertsAxis}
                yLabel={f.loadAxis}
                hLines={[
                  { y: side.capacity, label: f.capacityLine(side.capacity) },
                  { y: mean, label: f.meanLine },
                ]}
                title={`${f.loadTitle}: ${m.controls.variants[side.variant]}`}
                testId={`compare-${key}-bars`}
                exportName={`${exportName}-${key}-${side.variant}-load`}
                height={200}
              />
              <dl className="grid grid-cols-3 gap-2 text-sm">
                <div className="rounded border border-zinc-200 p-2 dark:border-zinc-800">
                  <dt className="text-xs text-zinc-600 dark:text-zinc-400">{f.dropped}</dt>
                  <dd className="font-mono" data-testid={`compare-${key}-dropped`}>
                    {formatNumber(side.dropped, locale)}
                  </dd>
                </div>
                <div className="rounded border border-zinc-200 p-2 dark:border-zinc-800">
                  <dt className="text-xs text-zinc-600 dark:text-zinc-400">{f.cv}</dt>
                  <dd className="font-mono" data-testid={`compare-${key}-cv`}>
                    {side.cv.toFixed(3)}
                  </dd>
                </div>
                <div className="rounded border border-zinc-200 p-2 dark:border-zinc-800">
                  <dt className="text-xs text-zinc-600 dark:text-zinc-400">{f.aux}</dt>
                  <dd className="font-mono" data-testid={`compare-${key}-aux`}>
                    {side.aux.toFixed(3)}
                  </dd>
                </div>
              </dl>
            </div>
          );
        })}
      </div>
      <div className="space-y-2">
        <h3 className="font-semibold">{m.compare.changedTitle}</h3>
        <p className="text-sm" data-testid="compare-changed" data-changed={diff.changed}>
          {m.compare.changed(formatNumber(diff.changed, locale), formatNumber(numTokens, locale), pct)}
        </p>
        <div
          role="img"
          aria-label={`${m.compare.stripLabel}: ${m.compare.changed(formatNumber(diff.changed, locale), formatNumber(numTokens, locale), pct)}`}
          className="flex h-6 w-full overflow-hidden rounded border border-zinc-300 dark:border-zinc-700"
          data-testid="compare-strip"
        >
          {Array.from(sample, (t, i) => (
            <span key={i} className="h-full flex-1" style={{ background: diff.changedMask[t] ? CHANGED : SAME }} />
          ))}
        </div>
        <p className="text-xs text-zinc-600 dark:text-zinc-400">{m.compare.stripLabel}</p>
        <ul className="flex gap-4 text-xs">
          <li className="flex items-center gap-1">
            <span className="inline-block h-3 w-3 rounded-sm" style={{ background: SAME }} aria-hidden />
            {m.compare.legendSame}
          </li>
          <li className="flex items-center gap-1">
            <span className="inline-block h-3 w-3 rounded-sm" style={{ background: CHANGED }} aria-hidden />
            {m.compare.legendChanged}
          </li>
        </ul>
      </div>
    </div>
  );
}
