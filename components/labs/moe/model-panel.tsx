'use client';

import { formatNumber, type Locale } from '@/lib/i18n/locales';
import type { MoeMessages } from '@/lib/i18n/moe';
import type { LabModel, TrainState } from './use-mnist-moe';

const pct = (v: number, locale: Locale) => `${formatNumber(100 * v, locale, 1)}%`;

/** What model is shown, how it was trained, the accuracy with the current routing, and retraining. */
export function ModelPanel({
  model,
  differences,
  numExperts,
  accuracy,
  training,
  onTrain,
  onCancel,
  collapse,
  m,
  locale,
  backendName,
  blocked,
}: {
  model: LabModel | null;
  differences: string[];
  numExperts: number;
  accuracy: number | null;
  training: TrainState;
  onTrain: () => void;
  onCancel: () => void;
  collapse: { numExperts: number; cvWith: number; cvWithout: number; dead: number } | null;
  m: MoeMessages;
  locale: Locale;
  backendName: string;
  /** The settings cannot be routed (the page shows why): no training, no "missing model". */
  blocked: boolean;
}) {
  const t = m.model;
  const running = training.status === 'running';
  const p = training.progress;
  return (
    <div className="space-y-3" data-testid="model-panel">
      {model ? (
        <div className="space-y-1 text-sm">
          <p className="font-mono text-xs text-zinc-600 dark:text-zinc-400" data-testid="model-id">
            {t.shown(model.id)}
          </p>
          <p data-testid="model-trained-with">
            {t.trainedWith(
              m.controls.variants[model.training.variant].split(':')[0],
              model.weights.config.numExperts,
              model.training.k,
              model.training.auxWeight,
              pct(model.training.testAccuracy, locale),
              formatNumber(model.training.trainSeconds, locale, 1),
              model.origin === 'shipped' ? t.shipped : t.inBrowser,
            )}
          </p>
          {differences.length > 0 && (
            <p className="text-amber-800 dark:text-amber-300" data-testid="model-differs">
              {t.differs(differences.join(', '))}
            </p>
          )}
          <p className="pt-1">
            <span className="font-medium">{t.accuracyTitle}: </span>
            <span className="font-mono" data-testid="routed-accuracy">
              {accuracy === null ? t.accuracyComputing : t.accuracy(pct(accuracy, locale))}
            </span>
          </p>
          <p className="text-xs text-zinc-600 dark:text-zinc-400">{t.accuracyHint}</p>
        </div>
      ) : blocked ? null : (
        <p className="font-medium text-amber-800 dark:text-amber-300" data-testid="model-missing">
          {t.noModel(numExperts)}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={onTrain}
          disabled={running || blocked}
          data-testid="train-run"
          className="rounded bg-teal-700 px-4 py-2 font-medium text-white hover:bg-teal-800 disabled:cursor-not-allowed disabled:opacity-50"
        >
          {t.train}
        </button>
        {running && (
          <button type="button" onClick={onCancel} data-testid="train-cancel" className="rounded border border-zinc-400 px-3 py-2 text-sm">
            {t.cancel}
          </button>
        )}
        <span className="text-xs text-zinc-600 dark:text-zinc-400">{t.trainHint(backendName)}</span>
      </div>
      <div aria-live="polite" className="text-sm" data-testid="train-status" data-status={training.status}>
        {running && p && (
          <div className="space-y-1">
            <p>
              {t.training(p.step, p.totalSteps)} · {t.trainProgress(p.loss.toFixed(3), p.loadCv.toFixed(2))}
            </p>
            <progress className="h-2 w-full accent-teal-700" max={p.totalSteps} value={p.step} />
          </div>
        )}
        {training.status === 'done' && training.result && (
          <p
            data-testid="train-done"
            data-accuracy={training.result.accuracy}
            data-seconds={training.result.seconds}
            data-to90={training.result.msTo90 ?? ''}
          >
            {t.trainDone(
              pct(training.result.accuracy, locale),
              formatNumber(training.result.seconds, locale, 1),
              training.result.msTo90 === null ? t.never : `${formatNumber(training.result.msTo90 / 1000, locale, 1)} s`,
            )}
          </p>
        )}
        {training.status === 'cancelled' && <p>{t.cancelled}</p>}
        {training.status === 'error' && (
          <p role="alert" className="text-red-700 dark:text-red-400">
            {t.trainFailed(training.error ?? '')}
          </p>
        )}
      </div>
      {collapse && (
        <div
          className="rounded-md border-l-4 border-amber-500 bg-amber-50 p-3 text-sm dark:bg-amber-950/40"
          data-testid="collapse-note"
          data-cv-with={collapse.cvWith}
          data-cv-without={collapse.cvWithout}
          data-idle={collapse.dead}
        >
          <p className="font-semibold">{t.collapseTitle(collapse.dead)}</p>
          <p>{t.collapse(collapse.numExperts, collapse.cvWith.toFixed(2), collapse.cvWithout.toFixed(2), collapse.dead)}</p>
        </div>
      )}
    </div>
  );
}
