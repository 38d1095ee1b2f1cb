'use client';

import { Callout } from '@/components/lesson/callout';
import { useLocale } from '@/components/shell/locale-context';
import { formatBytes } from '@/lib/i18n/locales';
import { pruningMessages } from '@/lib/i18n/pruning';
import { SOURCE_CLAIMS, judgeClaim } from '@/lib/pruning/claims';
import { CURVE_METHODS, type CurvePoint, accuracyAtClaims } from '@/lib/pruning/curve';
import type { ModelStats } from '@/lib/pruning/stats';
import type { PruneMethod } from '@/lib/state/pruning';
import { formatPercent, formatPoints } from './format';

interface Props {
  points: readonly CurvePoint[];
  curveFinished: boolean;
  dense: number | null;
  stats: ModelStats | null;
  layerIndex: number;
  blockSize: number;
  fineTune: { before: number; after: number; steps: number } | null;
}

/**
 * The tutorial. Every number in it is read from the curves and the live evaluation computed on
 * this page (nothing is hard-coded); while they are computing, the sentences wait.
 */
export function Lesson({ points, curveFinished, dense, stats, layerIndex, blockSize, fineTune }: Props) {
  const locale = useLocale();
  const t = pruningMessages[locale];
  const m = t.lesson;
  const pct = (v: number | null) => (v === null ? '…' : formatPercent(v, locale, 1));
  const at = (method: PruneMethod, k: number) => accuracyAtClaims(points, method)[k].accuracy;
  const loss = (v: number | null) => (v === null || dense === null ? '…' : m.points(formatPoints(dense - v, locale, 1).replace(/^\+/, '')));
  // Methods whose three points are known; once the curves are done, a method that could not prune
  // with these settings (e.g. a block size no layer takes) is left out instead of waited for.
  const complete = CURVE_METHODS.filter((meth) => accuracyAtClaims(points, meth).every((a) => a.accuracy !== null));
  const haveClaims = dense !== null && complete.length > 0 && (curveFinished || complete.length === CURVE_METHODS.length);
  const layerStats = stats?.layers[layerIndex];
  const wanda90 = at('wanda', 2);
  const l190 = at('l1-unstructured', 2);
  const within = (k: number) =>
    dense === null ? 0 : complete.filter((meth) => {
      const a = at(meth, k);
      return a !== null && judgeClaim(SOURCE_CLAIMS[k], dense, a) !== 'worse';
    }).length;

  return (
    <div data-testid="lesson">
      <h2>{m.title}</h2>
      <h3>{m.maskTitle}</h3>
      <p>{m.mask}</p>

      <h3>{m.unstructuredTitle}</h3>
      <p>{m.unstructured}</p>
      <p data-testid="lesson-unstructured-live">{m.unstructuredLive(pct(at('l1-unstructured', 0)), pct(at('ln-structured', 0)), pct(at('block', 0)), blockSize)}</p>

      <h3>{m.speedTitle}</h3>
      <p>{m.speed}</p>
      {layerStats && <p>{m.speedLive(layerStats.name, formatBytes(layerStats.denseBytes), formatBytes(layerStats.csrBytes))}</p>}

      <h3>{m.nmTitle}</h3>
      <p>{m.nm}</p>
      <p>{m.nmLive(pct(at('nm', 0)), pct(at('l1-unstructured', 0)))}</p>

      <h3>{m.wandaTitle}</h3>
      <p>{m.wanda}</p>
      <p>
        {m.wandaLive(pct(at('wanda', 0)), pct(at('l1-unstructured', 0)), pct(at('wanda', 2)), pct(at('l1-unstructured', 2)))}{' '}
        {wanda90 !== null && l190 !== null ? (wanda90 < l190 ? m.wandaWorse : m.wandaBetter) : ''}
      </p>

      <h3>{m.claimTitle}</h3>
      <p>{m.claim}</p>
      {haveClaims ? (
        <ul data-testid="lesson-claims" data-finished={curveFinished}>
          {complete.map((meth) => (
            <li key={meth}>{m.claimRow(t.methods[meth].label, loss(at(meth, 0)), loss(at(meth, 1)), loss(at(meth, 2)))}</li>
          ))}
        </ul>
      ) : (
        <p className="text-zinc-600 dark:text-zinc-400">{m.claimPending}</p>
      )}
      {haveClaims && (
        <p className="font-medium" data-testid="lesson-claim-count">
          {m.claimCount(within(0), within(1), within(2), complete.length)}
        </p>
      )}
      <div className="mt-4">
        <Callout kind="claim">
          <p>{fineTune ? m.finetuneLive(pct(fineTune.before), pct(fineTune.after), fineTune.steps) : m.finetuneHint}</p>
        </Callout>
      </div>
    </div>
  );
}
