/**
 * The target sparsity at every optimiser step of a run, for the three schedules of
 * lib/sparsity/schedules.ts and for iterative magnitude pruning (IMP).
 *
 * Step t (0-based, counted over the whole run) belongs to epoch ⌊t / stepsPerEpoch⌋.
 * The target of step t is the sparsity the weights must have AFTER step t (measured as
 * the fraction of exactly-zero weights over all weight matrices; biases are not pruned).
 *
 *   one-shot:  s(t) = 0 for t < t0, final from t0 on (oneShotSparsity)
 *   linear:    the source article's per-epoch staircase, s(t) = min(final, e · final / (E − 1)),
 *              e = ⌊t / stepsPerEpoch⌋, E = epochs; with E = 10 and final 0.9 this is exactly
 *              the source's min(0.9, 0.1 · epoch). Epoch 0 has 0 sparsity, as in the source.
 *   cubic:     Zhu & Gupta (2017): cubicSparsity(t, {initial, final, beginStep, endStep, frequency})
 *   IMP:       round r (of R + 1, round 0 dense) holds 1 − (1 − q)^r with q = 1 − (1 − final)^(1/R),
 *              the fraction pruned from the remaining weights after each round, so round R
 *              trains at `final`.
 */
import { cubicSparsity, linearEpochSparsity, oneShotSparsity } from '../sparsity/schedules';
import { type MaskOrder, type TrainingConfig, stepsPerEpoch, stepsPerRound } from './config';

export type ScheduleFields = Pick<
  TrainingConfig,
  'schedule' | 'final' | 'initial' | 'beginStep' | 'endStep' | 'frequency' | 't0' | 'epochs' | 'subset' | 'batchSize'
>;

/** Target sparsity after step `step` of a run without IMP (see the module comment). */
export function targetSparsityAt(cfg: ScheduleFields, step: number): number {
  const perEpoch = stepsPerEpoch(cfg.subset, cfg.batchSize);
  switch (cfg.schedule) {
    case 'one-shot':
      return oneShotSparsity(step, cfg.t0, cfg.final);
    case 'linear':
      return linearEpochSparsity(Math.floor(step / perEpoch), cfg.final / Math.max(1, cfg.epochs - 1), cfg.final);
    case 'cubic':
      return cubicSparsity(step, {
        initial: cfg.initial,
        final: cfg.final,
        beginStep: cfg.beginStep,
        endStep: cfg.endStep,
        frequency: cfg.frequency,
      });
  }
}

/** IMP: the fraction q of the REMAINING weights pruned after each round, q = 1 − (1 − final)^(1/R). */
export function impPruneFraction(final: number, rounds: number): number {
  if (!Number.isInteger(rounds) || rounds < 1) throw new RangeError(`IMP needs rounds >= 1, got ${String(rounds)}`);
  if (!(final >= 0 && final < 1)) throw new RangeError(`final sparsity must be in [0, 1), got ${String(final)}`);
  return 1 - (1 - final) ** (1 / rounds);
}

/** IMP: nominal sparsity during round r (0 = dense): 1 − (1 − q)^r. */
export function impRoundSparsity(final: number, rounds: number, round: number): number {
  if (round <= 0) return 0;
  if (round >= rounds) return final;
  return 1 - (1 - impPruneFraction(final, rounds)) ** round;
}

/**
 * Does step `step` (re)compute the masks?
 *   default order: when the target differs from the previous step's (the schedule's update
 *                  steps; recomputing at an unchanged target would give the same mask);
 *   source order:  at every step with a target > 0 — the source calls
 *                  apply_sparsity_mask(model, target_sparsity) for every batch.
 */
export function isMaskUpdateDue(order: MaskOrder, target: number, previousTarget: number): boolean {
  return order === 'source' ? target > 0 : target !== previousTarget;
}

export interface CurvePoint {
  x: number;
  y: number;
}

/**
 * The target curve of a whole run, one point per step where the value changes (plus the
 * previous value just before it, so a line through the points draws the staircase) and
 * the last step. With IMP, one flat segment per round.
 */
export function scheduleCurve(cfg: ScheduleFields & Pick<TrainingConfig, 'impRounds'>): CurvePoint[] {
  const round = stepsPerRound(cfg);
  const total = round * (cfg.impRounds + 1);
  const at = (t: number) =>
    cfg.impRounds > 0 ? impRoundSparsity(cfg.final, cfg.impRounds, Math.floor(t / round)) : targetSparsityAt(cfg, t);
  const points: CurvePoint[] = [{ x: 0, y: at(0) }];
  let prev = points[0].y;
  for (let t = 1; t < total; t++) {
    const y = at(t);
    if (y !== prev) {
      points.push({ x: t, y: prev }, { x: t, y });
      prev = y;
    }
  }
  if (total > 1) points.push({ x: total - 1, y: prev });
  return points;
}
