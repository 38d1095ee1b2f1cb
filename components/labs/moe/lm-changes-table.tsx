'use client';

import { TableCsv } from '@/components/controls/table-csv';
import { ProblemBox } from '@/components/labs/models/use-lm-model';
import { formatNumber, type Locale } from '@/lib/i18n/locales';
import type { MoeLmMessages } from '@/lib/i18n/moe-lm';
import { ROUTING_CHANGES } from '@/lib/lm/routing-changes';
import type { ChangeResult } from '@/lib/lm/moe-protocol';
import { primary, secondary, td, th } from './moe-parts';
import type { useMoeLm } from './use-moe-lm';

export function ChangesTable({
  lm,
  t,
  locale,
  cf,
  stem,
}: {
  lm: ReturnType<typeof useMoeLm>;
  t: MoeLmMessages;
  locale: Locale;
  cf: number;
  stem: string;
}) {
  const trained = lm.result('trained');
  const rows = ROUTING_CHANGES.map((change) => ({ change, r: lm.result(change) }));
  const delta = (r: ChangeResult | null) => (r && trained ? r.nll - trained.nll : null);
  const fmtDelta = (d: number | null) => (d === null ? '…' : `${d >= 0 ? '+' : '−'}${formatNumber(Math.abs(d), locale, 3)}`);
  const all = rows.every((x) => x.r);
  return (
    <div className="space-y-2">
      <div className="overflow-x-auto">
        <table className="text-sm" data-testid="lm-changes">
          <thead>
            <tr>
              <th className="px-2 py-1 text-left font-normal text-zinc-600 dark:text-zinc-400">{t.changeCol}</th>
              <th className={th}>{t.natsCol}</th>
              <th className={th}>{t.pplCol}</th>
              <th className={th}>{t.deltaCol}</th>
              <th className={th}>{t.droppedCol}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ change, r }) => (
              <tr
                key={change}
                className="border-t border-zinc-100 align-top dark:border-zinc-800"
                data-testid={`lm-change-${change}`}
                data-nll={r?.nll ?? ''}
                data-perplexity={r?.perplexity ?? ''}
              >
                <td className="px-2 py-1">
                  <span className="font-medium">{t.changes[change]}</span>
                  <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                    {t.changeNotes[change]({
                      cf: formatNumber(cf, locale, 2),
                      excluded: r?.excluded ? r.excluded.map((e, l) => `${t.layerName(l)}: ${e}`).join(', ') : '…',
                    })}
                  </span>
                </td>
                <td className={td}>{r ? formatNumber(r.nll, locale, 3) : '…'}</td>
                <td className={td}>{r ? formatNumber(r.perplexity, locale, 3) : '…'}</td>
                <td className={td}>{change === 'trained' ? '' : fmtDelta(delta(r))}</td>
                <td className={td}>{r ? r.dropped.toLocaleString(locale) : '…'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="flex flex-wrap items-center gap-3 text-sm" aria-live="polite">
        {lm.measuring ? (
          <>
            <progress max={lm.measuring.total} value={lm.measuring.done} className="w-40" aria-hidden="true" />
            <span role="status" data-testid="lm-measuring">
              {t.measuring(t.changes[lm.measuring.change], lm.measuring.done, lm.measuring.total)}
            </span>
            <button type="button" className={secondary} onClick={lm.cancelMeasure} data-testid="lm-cancel-measure">
              {t.cancel}
            </button>
          </>
        ) : (
          !all && (
            <button type="button" className={primary} onClick={() => void lm.measure()} data-testid="lm-measure">
              {t.measureAgain}
            </button>
          )
        )}
        {lm.measureError &&
          (lm.measureError.key === 'cancelled' ? (
            <span data-testid="lm-measure-cancelled">{t.cancelled}</span>
          ) : (
            <ProblemBox error={lm.measureError} />
          ))}
      </div>
      {all && (
        <>
          <TableCsv
            name={`${stem}-routing-changes`}
            header={[
              'change',
              'capacity_factor',
              'nats_per_char',
              'perplexity',
              'bits_per_char',
              'delta_nats',
              'dropped_slots',
              'scored_chars',
              'ms',
            ]}
            rows={rows.map(({ change, r }) => [
              change,
              r!.capacityFactor,
              r!.nll,
              r!.perplexity,
              r!.bitsPerChar,
              delta(r),
              r!.dropped,
              r!.scored,
              r!.ms,
            ])}
            label={t.changesTitle}
            testId="lm-changes-export"
          />
          <p className="text-sm text-zinc-700 dark:text-zinc-300" data-testid="lm-changes-note">
            {t.changesNote({
              top1: fmtDelta(delta(lm.result('top1'))),
              norenorm: fmtDelta(delta(lm.result('no-renorm'))),
              capacity: fmtDelta(delta(lm.result('capacity'))),
              drop: fmtDelta(delta(lm.result('drop-least'))),
              cf: formatNumber(cf, locale, 2),
            })}
          </p>
        </>
      )}
    </div>
  );
}
