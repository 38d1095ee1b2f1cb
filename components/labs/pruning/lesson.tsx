'use client';

/**
 * The tutorial of the MNIST half, one section per panel (mounted beside it with LessonBeside).
 * Every number in it is read from the curves and the live evaluation computed on this page
 * (nothing is hard-coded); while they are computing, the sentences wait.
 */
import { Callout } from '@/components/lesson/callout';
import { useLocale } from '@/components/shell/locale-context';
import { formatBytes } from '@/lib/i18n/locales';
import { pruningMessages } from '@/lib/i18n/pruning';
import { SOURCE_CLAIMS, judgeClaim } from '@/lib/pruning/claims';
import { CURVE_METHODS, type CurvePoint, accuracyAtClaims } from '@/lib/pruning/curve';
import type { ModelStats } from '@/lib/pruning/stats';
import type { PruneMethod } from '@/lib/state/pruning';
import { formatPercent, formatPoints } from '@/lib/runtime/format';

/** The accuracy the curves measured for a method at the source's sparsities (50%, 70%, 90%). */
function useCurveReader(points: readonly CurvePoint[]) {
  const locale = useLocale();
  const pct = (v: number | null) => (v === null ? '…' : formatPercent(v, locale, 1));
  const at = (method: PruneMethod, k: number) => accuracyAtClaims(points, method)[k].accuracy;
  return { pct, at };
}

/** Beside the accuracy summary: what a pruning mask is. */
export function MaskLesson() {
  const m = pruningMessages[useLocale()].lesson;
  return (
    <div data-testid="lesson">
      <h3>{m.maskTitle}</h3>
      <p>{m.mask}</p>
    </div>
  );
}

/** Beside the weight pictures: unstructured vs structured, and N:M. */
export function StructureLesson({ points, blockSize }: { points: readonly CurvePoint[]; blockSize: number }) {
  const m = pruningMessages[useLocale()].lesson;
  const { pct, at } = useCurveReader(points);
  return (
    <div>
      <h3>{m.unstructuredTitle}</h3>
      <p>{m.unstructured}</p>
      <p data-testid="lesson-unstructured-live">
        {m.unstructuredLive(pct(at('l1-unstructured', 0)), pct(at('ln-structured', 0)), pct(at('block', 0)), blockSize)}
      </p>
      <h3>{m.nmTitle}</h3>
      <p>{m.nm}</p>
      <p>{m.nmLive(pct(at('nm', 0)), pct(at('l1-unstructured', 0)))}</p>
    </div>
  );
}

/** Beside the storage table: why unstructured zeros rarely run faster. */
export function SpeedLesson({ stats, layerIndex }: { stats: ModelStats | null; layerIndex: number }) {
  const m = pruningMessages[useLocale()].lesson;
  const layerStats = stats?.layers[layerIndex];
  return (
    <div>
      <h3>{m.speedTitle}</h3>
      <p>{m.speed}</p>
      {layerStats && <p>{m.speedLive(layerStats.name, formatBytes(layerStats.denseBytes), formatBytes(layerStats.csrBytes))}</p>}
    </div>
  );
}

/** Beside the accuracy-vs-sparsity curves: Wanda on this network, and the source's table. */
export function CurveLesson({
  points,
  curveFinished,
  dense,
}: {
  points: readonly CurvePoint[];
  curveFinished: boolean;
  dense: number | null;
}) {
  const locale = useLocale();
  const t = pruningMessages[locale];
  const m = t.lesson;
  const { pct, at } = useCurveReader(points);
  const loss = (v: number | null) => (v === null || dense === null ? '…' : m.points(formatPoints(dense - v, locale, 1).replace(/^\+/, '')));
  // Methods whose three points are known; once the curves are done, a method that could not prune
  // with these settings (e.g. a block size no layer takes) is left out instead of waited for.
  const complete = CURVE_METHODS.filter((meth) => accuracyAtClaims(points, meth).every((a) => a.accuracy !== null));
  const haveClaims = dense !== null && complete.length > 0 && (curveFinished || complete.length === CURVE_METHODS.length);
  const wanda90 = at('wanda', 2);
  const l190 = at('l1-unstructured', 2);
  const within = (k: number) =>
    dense === null
      ? 0
      : complete.filter((meth) => {
          const a = at(meth, k);
          return a !== null && judgeClaim(SOURCE_CLAIMS[k], dense, a) !== 'worse';
        }).length;
  return (
    <div>
      <h3>{m.claimTitle}</h3>
      <p>{m.claimRight}</p>
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
      <h3>{m.wandaTitle}</h3>
      <p>{m.wanda}</p>
      <p>
        {m.wandaLive(pct(at('wanda', 0)), pct(at('l1-unstructured', 0)), pct(at('wanda', 2)), pct(at('l1-unstructured', 2)))}{' '}
        {wanda90 !== null && l190 !== null ? (wanda90 < l190 ? m.wandaWorse : m.wandaBetter) : ''}
      </p>
    </div>
  );
}

/** Beside the fine-tuning panel. */
export function FineTuneLesson({ fineTune }: { fineTune: { before: number; after: number; steps: number } | null }) {
  const locale = useLocale();
  const m = pruningMessages[locale].lesson;
  const pct = (v: number) => formatPercent(v, locale, 1);
  return (
    <Callout kind="claim">
      <p>{fineTune ? m.finetuneLive(pct(fineTune.before), pct(fineTune.after), fineTune.steps) : m.finetuneHint}</p>
    </Callout>
  );
}
