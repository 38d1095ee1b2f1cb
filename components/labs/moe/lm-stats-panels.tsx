'use client';

import { TableCsv } from '@/components/controls/table-csv';
import { formatNumber, type Locale } from '@/lib/i18n/locales';
import type { MoeLmMessages } from '@/lib/i18n/moe-lm';
import { CHAR_CLASSES, type capacityStats, type classUsage, type consecutiveStats } from '@/lib/lm/moe-stats';
import { pct, td, th } from './moe-parts';

/** Per layer, how often consecutive characters share their first (or either) expert: measured, shuffled, uniform. */
export function ConsecutiveTable({
  consecutive,
  layer,
  t,
  locale,
  stem,
}: {
  consecutive: ReturnType<typeof consecutiveStats>[];
  layer: number;
  t: MoeLmMessages;
  locale: Locale;
  stem: string;
}) {
  return (
    <>
      <div className="overflow-x-auto">
        <table className="text-sm" data-testid="lm-consecutive">
          <thead>
            <tr>
              <th className="px-2 py-1 text-left font-normal" />
              <th colSpan={3} className="px-2 py-1 text-center font-semibold">
                {t.firstChoice}
              </th>
              <th colSpan={3} className="px-2 py-1 text-center font-semibold">
                {t.eitherChoice}
              </th>
            </tr>
            <tr>
              <th className="px-2 py-1 text-left font-normal">{t.layer}</th>
              {[t.measured, t.shuffled, t.uniform, t.measured, t.shuffled, t.uniform].map((h, i) => (
                <th key={i} className={th}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {consecutive.map((c, l) => (
              <tr
                key={l}
                className={`border-t border-zinc-100 dark:border-zinc-800 ${l === layer ? 'bg-teal-50 dark:bg-teal-950/40' : ''}`}
                data-testid={`lm-consecutive-${l}`}
                data-first={c.first}
                data-first-shuffled={c.firstShuffled}
                data-either={c.either}
              >
                <td className="px-2 py-1">{t.layerName(l)}</td>
                {[c.first, c.firstShuffled, c.firstUniform, c.either, c.eitherShuffled, c.eitherUniform].map((v, i) => (
                  <td key={i} className={`${td} ${i % 3 === 0 ? 'font-semibold' : ''}`}>
                    {pct(v, locale)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <TableCsv
        name={`${stem}-consecutive`}
        header={[
          'layer',
          'pairs',
          'first_measured',
          'first_shuffled',
          'first_uniform',
          'either_measured',
          'either_shuffled',
          'either_uniform',
        ]}
        rows={consecutive.map((c, l) => [
          l,
          c.pairs,
          c.first,
          c.firstShuffled,
          c.firstUniform,
          c.either,
          c.eitherShuffled,
          c.eitherUniform,
        ])}
        label={t.consecutiveTitle}
        testId="lm-consecutive-export"
      />
      <p className="text-sm text-zinc-700 dark:text-zinc-300" data-testid="lm-consecutive-note">
        {t.consecutiveNote(
          layer,
          pct(consecutive[layer].first, locale),
          pct(consecutive[layer].firstShuffled, locale),
          pct(consecutive[layer].firstUniform, locale),
        )}
      </p>
    </>
  );
}

export function ClassTable({
  classes,
  E,
  t,
  locale,
}: {
  classes: ReturnType<typeof classUsage>;
  E: number;
  t: MoeLmMessages;
  locale: Locale;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="text-sm" data-testid="lm-classes">
        <thead>
          <tr>
            <th className="px-2 py-1 text-left font-normal text-zinc-600 dark:text-zinc-400">{t.classCol}</th>
            <th className={th}>{t.countCol}</th>
            {Array.from({ length: E }, (_, e) => (
              <th key={e} className={th}>
                {e}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {classes.map((c) => {
            const best = c.count > 0 ? c.share.indexOf(Math.max(...c.share)) : -1;
            return (
              <tr
                key={c.cls}
                className="border-t border-zinc-100 dark:border-zinc-800"
                data-testid={`lm-class-${c.cls}`}
                data-count={c.count}
              >
                <td className="px-2 py-1">{t.classes[c.cls]}</td>
                <td className={td}>{c.count.toLocaleString(locale)}</td>
                {Array.from(c.share).map((v, e) => (
                  <td key={e} className={`${td} ${e === best ? 'font-bold text-teal-800 dark:text-teal-300' : ''}`} data-share={v}>
                    {c.count > 0 ? pct(v, locale, 0) : '–'}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The class (at least 20 characters) whose favourite expert is most over-represented against all characters. */
export function classNote(classes: ReturnType<typeof classUsage>, t: MoeLmMessages, locale: Locale): string {
  const all = classes.find((c) => c.cls === 'all')!;
  let best: { cls: (typeof CHAR_CLASSES)[number]; e: number; ratio: number } | null = null;
  for (const c of classes) {
    if (c.cls === 'all' || c.count < 20) continue;
    for (let e = 0; e < c.share.length; e++) {
      const ratio = c.share[e] / Math.max(1e-9, all.share[e]);
      if (c.share[e] >= 0.2 && (!best || ratio > best.ratio)) best = { cls: c.cls, e, ratio };
    }
  }
  if (!best) return '';
  const row = classes.find((c) => c.cls === best.cls)!;
  return t.classesNote(t.classes[best.cls], best.e, pct(row.share[best.e], locale, 0), pct(all.share[best.e], locale, 0));
}

export function CapacityPanel({
  capacity,
  E,
  k,
  t,
  locale,
}: {
  capacity: ReturnType<typeof capacityStats>;
  E: number;
  k: number;
  t: MoeLmMessages;
  locale: Locale;
}) {
  const idle = Array.from(capacity.demand).flatMap((d, e) => (d === 0 ? [e] : []));
  const maxDemand = Math.max(1, ...capacity.demand);
  return (
    <div className="space-y-2">
      <div className="overflow-x-auto">
        <table className="text-sm" data-testid="lm-capacity">
          <thead>
            <tr>
              <th className="px-2 py-1 text-left font-normal text-zinc-600 dark:text-zinc-400">{t.expert(0).replace(/\d+$/, '').trim()}</th>
              <th className={th}>{t.demand}</th>
              <th className={th}>{t.drops}</th>
              <th className="px-2 py-1" />
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: E }, (_, e) => (
              <tr
                key={e}
                className="border-t border-zinc-100 dark:border-zinc-800"
                data-testid={`lm-capacity-${e}`}
                data-demand={capacity.demand[e]}
                data-drops={capacity.drops[e]}
              >
                <td className="px-2 py-1">{e}</td>
                <td className={td}>{capacity.demand[e].toLocaleString(locale)}</td>
                <td className={`${td} ${capacity.drops[e] > 0 ? 'text-red-700 dark:text-red-400' : ''}`}>
                  {capacity.drops[e].toLocaleString(locale)}
                </td>
                <td className="px-2 py-1">
                  <span className="relative block h-2.5 w-40 rounded-sm bg-zinc-100 dark:bg-zinc-800" aria-hidden="true">
                    <span
                      className="absolute inset-y-0 left-0 rounded-sm bg-teal-600"
                      style={{ width: `${(100 * (capacity.demand[e] - capacity.drops[e])) / maxDemand}%` }}
                    />
                    <span
                      className="absolute inset-y-0 rounded-sm bg-red-500"
                      style={{
                        left: `${(100 * (capacity.demand[e] - capacity.drops[e])) / maxDemand}%`,
                        width: `${(100 * capacity.drops[e]) / maxDemand}%`,
                      }}
                    />
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-sm" data-testid="lm-capacity-dropped" data-dropped={capacity.dropped}>
        {t.droppedTotal(capacity.dropped, capacity.slots, pct(capacity.dropped / capacity.slots, locale))};{' '}
        {t.fullyDropped(capacity.tokensFullyDropped)}.
      </p>
      <dl className="grid grid-cols-3 gap-3 text-center text-sm">
        {[
          [t.cv, formatNumber(capacity.loadCv, locale, 3), 'lm-cv', capacity.loadCv, undefined],
          [t.aux, formatNumber(capacity.auxLoss, locale, 3), 'lm-aux', capacity.auxLoss, t.auxHint(k)],
          [t.z, formatNumber(capacity.zLoss, locale, 2), 'lm-z', capacity.zLoss, undefined],
        ].map(([label, value, id, exact, hint]) => (
          <div key={id as string} className="rounded border border-zinc-200 p-2 dark:border-zinc-800" title={hint as string | undefined}>
            <dt className="text-xs text-zinc-600 dark:text-zinc-400">{label}</dt>
            <dd className="font-mono text-lg" data-testid={id as string} data-value={exact as number}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">{t.auxHint(k)}</p>
      <p className="text-sm text-zinc-700 dark:text-zinc-300" data-testid="lm-balance-note">
        {idle.length > 0 ? t.idle(idle.join(', ')) + ' ' : ''}
        {capacity.loadCv > 0.3 ? t.unbalanced(formatNumber(capacity.loadCv, locale, 2)) : ''}
      </p>
    </div>
  );
}
