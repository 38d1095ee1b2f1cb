'use client';

import { useEffect, useMemo, useState } from 'react';
import { useDebounced } from '@/components/hooks/use-url-state';
import type { MlpWeights } from '@/lib/models/mlp';
import type { CurvePoint } from '@/lib/pruning/curve';
import type { EvaluateResult } from '@/lib/pruning/lab-jobs';
import type { PruneSettings } from '@/lib/pruning/model-masks';
import type { Issue } from '@/lib/i18n/issues';
import type { PruningState } from '@/lib/state/pruning';
import type { CurveState } from './accuracy-curve-chart';
import type { FineTuneState } from './finetune-panel';
import type { LiveResult, usePruningWorkers } from './use-pruning-workers';

type Workers = ReturnType<typeof usePruningWorkers>;

/**
 * "Compare with": the same settings pruned by a second method, on the live-evaluation worker
 * (a newer request supersedes an older one there, so a moved slider never waits for it).
 */
export function useComparedMethod(
  settings: PruneSettings,
  compareWith: PruningState['compare'],
  workersReady: boolean,
  uReady: boolean,
  compare: Workers['compare'],
  setJobError: (issue: Issue) => void,
): { compared: EvaluateResult | null; comparePending: boolean } {
  const compareMethod = compareWith === 'none' ? null : compareWith;
  const compareSettings = useMemo(() => (compareMethod ? { ...settings, method: compareMethod } : null), [settings, compareMethod]);
  const [compared, setCompared] = useState<EvaluateResult | null>(null);
  const [comparePending, setComparePending] = useState(false);
  useEffect(() => {
    if (!compareSettings) {
      setCompared(null);
      setComparePending(false);
      return;
    }
    if (!workersReady || !uReady) return;
    let alive = true;
    setComparePending(true);
    void compare(compareSettings).then((o) => {
      if (!alive || o.status === 'cancelled') return;
      setComparePending(false);
      if (o.status === 'failed') setJobError(o.issue);
      else setCompared(o.value);
    });
    return () => {
      alive = false;
    };
  }, [compareSettings, workersReady, uReady, compare, setJobError]);
  return { compared, comparePending };
}

/** Accuracy-vs-sparsity curves: only the settings they use (norm, dim, block, scope) restart them. */
export function useAccuracyCurve(
  state: PruningState,
  settings: PruneSettings,
  workersReady: boolean,
  uReady: boolean,
  startCurve: Workers['startCurve'],
): CurveState {
  const curveKey = `${state.norm}|${state.dim}|${state.block}|${state.scope}`;
  const curveSettings = useDebounced(
    useMemo(
      () => ({ key: curveKey, settings }),
      // keyed on curveKey, the settings the curves use: the others do not restart them
      // eslint-disable-next-line react-hooks/exhaustive-deps
      [curveKey],
    ),
    300,
  );
  const [curve, setCurve] = useState<CurveState>({ points: [], done: 0, total: 0, finished: false });
  useEffect(() => {
    if (!workersReady || !uReady) return;
    let points: CurvePoint[] = [];
    setCurve({ points, done: 0, total: 0, finished: false });
    const cancel = startCurve(curveSettings.settings, {
      onPoint: (point, done, total) => {
        points = [...points, point];
        setCurve({ points, done, total, finished: false });
      },
      onDone: () => setCurve((c) => ({ ...c, finished: true })),
    });
    return cancel;
  }, [curveSettings, workersReady, startCurve, uReady]);
  return curve;
}

/** A fine-tuning run of the current pruned model, with its weights and the masks it held. */
export type FineTuneRun = FineTuneState & { weights: MlpWeights | null; masks: LiveResult['masks'] };

/** Fine-tuning of the current pruned model: ftSteps Adam steps with the live masks held (none at 0). */
export function useFineTune(
  live: LiveResult | null,
  ftSteps: number,
  ftSeed: number,
  workersReady: boolean,
  startFineTune: Workers['startFineTune'],
): FineTuneRun | null {
  const [ft, setFt] = useState<FineTuneRun | null>(null);
  useEffect(() => {
    if (!workersReady || !live || ftSteps <= 0) {
      setFt(null);
      return;
    }
    const masks = live.masks;
    setFt({ steps: ftSteps, progress: [], final: null, loadingTrain: false, weights: null, masks });
    return startFineTune(
      masks,
      ftSteps,
      ftSeed,
      {
        onProgress: (p) => setFt((s) => (s && s.masks === masks ? { ...s, progress: [...s.progress, p] } : s)),
        onDone: (weights, accuracy) => setFt((s) => (s && s.masks === masks ? { ...s, final: accuracy, weights } : s)),
      },
      (loadingTrain) => setFt((s) => (s && s.masks === masks ? { ...s, loadingTrain } : s)),
    );
  }, [live, ftSteps, ftSeed, workersReady, startFineTune]);
  return ft;
}
