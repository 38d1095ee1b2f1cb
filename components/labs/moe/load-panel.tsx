'use client';

import { BarChart } from '@/components/viz/chart';
import { formatNumber, type Locale } from '@/lib/i18n/locales';
import type { MoeMessages } from '@/lib/i18n/moe';
import type { RoutingView } from '@/lib/moe/lab-view';
import type { RoutingVariant } from '@/lib/moe/variants';

function Stat({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId: string }) {
  return (
    <div className="rounded border border-zinc-200 p-2 dark:border-zinc-800">
      <dt className="text-xs text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="font-mono text-lg" data-testid={testId}>
        {value}
      </dd>
      {hint && <dd className="text-[11px] text-zinc-600 dark:text-zinc-400">{hint}</dd>}
    </div>
  );
}

/** Expert-load bars with the capacity line, and the balance statistics. */
export function LoadPanel({
  view,
  variant,
  k,
  capacityFactor,
  m,
  locale,
  exportName = 'moe-load',
}: {
  view: RoutingView;
  variant: RoutingVariant;
  k: number;
  capacityFactor: number;
  m: MoeMessages;
  locale: Locale;
  exportName?: string;
}) {
  const f = m.figures;
  const { routing, stats } = view;
  const E = routing.load.length;
  const mean = Array.from(routing.load).reduce((a, b) => a + b, 0) / E;
  const bars = Array.from(routing.load, (v, e) => ({ label: String(e), value: v, color: v > routing.capacity ? '#d97706' : '#0f766e' }));
  const kCap = variant === 'switch' || variant === 'expert-choice' ? 1 : k;
  const droppedText = variant === 'switch' ? f.droppedSwitch : variant === 'expert-choice' ? f.droppedEc : f.droppedOver;
  const kAux = variant === 'switch' || variant === 'expert-choice' ? 1 : k;
  return (
    <div className="space-y-3">
      <BarChart
        bars={bars}
        xLabel={f.expertsAxis}
        yLabel={f.loadAxis}
        hLines={[
          { y: routing.capacity, label: f.capacityLine(routing.capacity) },
          { y: mean, label: f.meanLine },
        ]}
        title={f.loadTitle}
        testId="load-bars"
        exportName={exportName}
        height={240}
      />
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-3" data-testid="load-stats">
        <Stat label={f.tokens} value={formatNumber(view.numTokens, locale)} testId="stat-tokens" />
        <Stat label={f.capacity} value={formatNumber(routing.capacity, locale)} testId="stat-capacity" />
        <Stat label={f.dropped} value={formatNumber(routing.dropped, locale)} hint={droppedText} testId="stat-dropped" />
        <Stat label={f.cv} value={stats.loadCv.toFixed(3)} hint={f.cvHint} testId="stat-cv" />
        <Stat label={f.aux} value={stats.auxLoss.toFixed(3)} hint={f.auxHint(kAux)} testId="stat-aux" />
        <Stat
          label={f.z}
          value={stats.zLoss < 1e5 ? stats.zLoss.toFixed(3) : stats.zLoss.toExponential(2)}
          hint={f.zHint}
          testId="stat-z"
        />
        <Stat label={f.activePerToken} value={formatNumber(view.activePerToken, locale, 2)} testId="stat-active" />
      </dl>
      <div className="rounded-md bg-zinc-50 p-3 text-sm dark:bg-zinc-900" data-testid="capacity-formula">
        <p className="font-medium">{f.formulaTitle}</p>
        <p className="font-mono">{f.formula}</p>
        <p className="font-mono text-zinc-600 dark:text-zinc-400">
          {f.formulaNow(kCap, String(capacityFactor), view.numTokens, E, routing.capacity)}
        </p>
      </div>
    </div>
  );
}
