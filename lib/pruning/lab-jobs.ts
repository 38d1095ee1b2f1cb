/**
 * The pruning lab's heavy work as plain functions, run by components/labs/pruning/pruning.worker.ts
 * (and directly by the tests). Three kinds of job:
 *   evaluate  prune with the current settings, measure test accuracy and storage: the live figure;
 *   curve     accuracy-vs-sparsity for every method, one point at a time;
 *   finetune  Adam steps with the masks held, with test accuracy at checkpoints.
 * Long jobs call `tick()` between units of work; a tick that throws JobCancelled (the worker's
 * job check: the page cancelled it or sent a newer one) stops them, so a moved slider never waits for a stale run.
 */
import type { MnistData } from '../data/mnist';
import { type MlpWeights, accuracy, mlpForward } from '../models/mlp';
import { type CurvePoint, evaluateCurveJob, listCurveJobs } from './curve';
import { createFineTuner } from './finetune';
import { type Calibration, type PruneIssue, type PruneSettings, overallSparsity, pruneModel } from './model-masks';
import { type ModelStats, computeModelStats } from './stats';

/** What a tick throws to stop a job: the runtime's cancellation (lib/runtime/worker-host.ts). */
export { Cancelled as JobCancelled } from '../runtime/worker-host';

/** What every job needs: the model, the test digits and Wanda's calibration digits. */
export interface LabData {
  weights: MlpWeights;
  test: MnistData;
  calibration: Calibration;
}

export interface EvaluateResult {
  masks: (Uint8Array | undefined)[];
  issues: PruneIssue[];
  accuracy: number;
  sparsity: number;
  stats: ModelStats;
  /** Milliseconds spent computing the masks and running the 2,000 test digits. */
  pruneMs: number;
  evalMs: number;
}

/** Test accuracy of weights (optionally masked). */
export function measureAccuracy(weights: MlpWeights, test: MnistData, masks?: readonly (Uint8Array | undefined)[]): number {
  return accuracy(mlpForward(weights, test.images, test.count, masks), test.labels, test.count);
}

/** Prunes with `settings` and measures the result. `now` is injectable for tests. */
export function evaluateSettings(data: LabData, settings: PruneSettings, now: () => number = () => performance.now()): EvaluateResult {
  const t0 = now();
  const result = pruneModel(data.weights, settings, data.calibration);
  const t1 = now();
  const acc = measureAccuracy(data.weights, data.test, result.masks);
  const t2 = now();
  return {
    masks: result.masks,
    issues: result.issues,
    accuracy: acc,
    sparsity: overallSparsity(data.weights, result.masks),
    stats: computeModelStats(data.weights, result.masks),
    pruneMs: t1 - t0,
    evalMs: t2 - t1,
  };
}

/** Computes the curve points one by one, handing each to `onPoint`; ticks between points. */
export async function runCurve(
  data: LabData,
  base: PruneSettings,
  onPoint: (point: CurvePoint, done: number, total: number) => void,
  tick: () => Promise<void>,
): Promise<void> {
  const jobs = listCurveJobs(base);
  for (let k = 0; k < jobs.length; k++) {
    await tick();
    const point = evaluateCurveJob(data.weights, data.test, data.calibration, jobs[k]);
    if (point) onPoint(point, k + 1, jobs.length);
  }
}

export interface FineTuneProgress {
  step: number;
  loss: number;
  /** Test accuracy at this checkpoint. */
  accuracy: number;
}

/** Steps at which fine-tuning measures test accuracy: about 10 checkpoints, always the last step. */
export function fineTuneCheckpoints(steps: number): number[] {
  if (steps <= 0) return [];
  const every = Math.max(1, Math.ceil(steps / 10));
  const out: number[] = [];
  for (let s = every; s < steps; s += every) out.push(s);
  out.push(steps);
  return out;
}

/**
 * Fine-tunes the pruned model `steps` Adam steps (batch 64, lr 1e-3) on `train` with the masks
 * held; reports loss and test accuracy at the checkpoints and returns the tuned weights.
 */
export async function runFineTune(
  data: LabData,
  train: MnistData,
  masks: readonly (Uint8Array | undefined)[],
  steps: number,
  seed: number,
  onProgress: (p: FineTuneProgress) => void,
  tick: () => Promise<void>,
): Promise<{ weights: MlpWeights; accuracy: number }> {
  const tuner = createFineTuner(data.weights, masks, train, { seed });
  const checkpoints = new Set(fineTuneCheckpoints(steps));
  let lossSum = 0;
  let lossCount = 0;
  let acc = measureAccuracy(data.weights, data.test, masks);
  for (let s = 1; s <= steps; s++) {
    if (s % 5 === 1) await tick();
    lossSum += tuner.step();
    lossCount++;
    if (checkpoints.has(s)) {
      acc = measureAccuracy(tuner.weights, data.test);
      onProgress({ step: s, loss: lossSum / lossCount, accuracy: acc });
      lossSum = 0;
      lossCount = 0;
    }
  }
  return { weights: tuner.weights, accuracy: acc };
}
