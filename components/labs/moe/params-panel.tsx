'use client';

import { formatBytes, formatNumber, type Locale } from '@/lib/i18n/locales';
import type { MoeMessages } from '@/lib/i18n/moe';
import { activeParameters } from '@/lib/moe/dispatch';

/** Mixtral 8x7B (Jiang et al. 2024): 46.7B parameters, 12.9B active per token. */
export const MIXTRAL = { total: 46.7e9, active: 12.9e9 };

function ShareBar({ share, testId }: { share: number; testId: string }) {
  return (
    <div className="h-2.5 w-full rounded-full bg-zinc-200 dark:bg-zinc-800" data-testid={testId} data-share={share.toFixed(4)}>
      <div className="h-2.5 rounded-full bg-teal-700 dark:bg-teal-400" style={{ width: `${Math.min(100, share * 100)}%` }} />
    </div>
  );
}

/** Total vs active parameters of one layer at the current settings, with Mixtral for scale. */
export function ParamsPanel({
  hidden,
  ffn,
  numExperts,
  k,
  numShared,
  m,
  locale,
}: {
  hidden: number;
  ffn: number;
  numExperts: number;
  k: number;
  numShared: number;
  m: MoeMessages;
  locale: Locale;
}) {
  const p = m.params;
  const c = activeParameters({ hidden, ffn, numExperts, k, numShared });
  const share = c.active / c.total;
  const big = (v: number) => (v >= 1e9 ? `${formatNumber(v / 1e9, locale, 1)}B` : formatNumber(v, locale, 0));
  return (
    <div className="grid gap-4 sm:grid-cols-2" data-testid="params-panel">
      <div className="space-y-1.5">
        <p className="font-medium">{p.layer}</p>
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          H = {hidden}, FFN = {ffn}, E = {numExperts}
          {numShared > 0 ? ` + ${numShared}` : ''}, k = {k}
        </p>
        <dl className="grid grid-cols-2 gap-x-3 text-sm">
          <dt>{p.total}</dt>
          <dd className="text-right font-mono" data-testid="params-total">
            {big(c.total)}
          </dd>
          <dt>{p.active}</dt>
          <dd className="text-right font-mono" data-testid="params-active">
            {big(c.active)}
          </dd>
          <dt>{p.perExpert}</dt>
          <dd className="text-right font-mono">{big(c.perExpert)}</dd>
          <dt>{p.router}</dt>
          <dd className="text-right font-mono">{big(c.router)}</dd>
          <dt>{p.share}</dt>
          <dd className="text-right font-mono" data-testid="params-share">
            {(100 * share).toFixed(1)}%
          </dd>
          <dt className="text-xs text-zinc-600 dark:text-zinc-400">{p.bytes}</dt>
          <dd className="text-right font-mono text-xs text-zinc-600 dark:text-zinc-400">
            {formatBytes(4 * c.total)} / {formatBytes(4 * c.active)}
          </dd>
        </dl>
        <ShareBar share={share} testId="params-share-bar" />
      </div>
      <div className="space-y-1.5">
        <p className="font-medium">{p.mixtral}</p>
        <dl className="grid grid-cols-2 gap-x-3 text-sm">
          <dt>{p.total}</dt>
          <dd className="text-right font-mono">46.7B</dd>
          <dt>{p.active}</dt>
          <dd className="text-right font-mono">12.9B</dd>
          <dt>{p.share}</dt>
          <dd className="text-right font-mono">{((100 * MIXTRAL.active) / MIXTRAL.total).toFixed(1)}%</dd>
        </dl>
        <ShareBar share={MIXTRAL.active / MIXTRAL.total} testId="params-mixtral-bar" />
        <p className="text-xs text-zinc-600 dark:text-zinc-400">{p.mixtralNote}</p>
      </div>
    </div>
  );
}
