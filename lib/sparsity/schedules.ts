/**
 * Sparsity schedules: the target fraction of pruned weights at a training step.
 *
 * - cubicSparsity: gradual pruning of Zhu & Gupta 2017 ("To prune, or not to prune"),
 *   as implemented by tensorflow-model-optimization's PolynomialDecay with power 3.
 * - linearEpochSparsity / sourceLinearSparsity: the source article's schedule,
 *   +10% per epoch capped at 90%.
 * - oneShotSparsity: prune everything at once at step t0.
 *
 * Bad input throws a RangeError naming the value; `validateScheduleConfig` returns all
 * problems of a cubic config as translatable `{ key, message, values }` issues.
 */

import { type ValidationIssue, throwFirstIssue } from './validation';

export type { ValidationIssue } from './validation';

/** Configuration of the cubic (Zhu & Gupta) schedule; field names follow tfmot's PolynomialDecay. */
export interface CubicScheduleConfig {
  /** s_i: sparsity at the first pruning step, in [0, final]. */
  initial: number;
  /** s_f: sparsity reached at endStep, in [0, 1). */
  final: number;
  /** t0: first step at which pruning happens. */
  beginStep: number;
  /** Step from which the sparsity is `final`; must be > beginStep. */
  endStep: number;
  /** Δt: steps between mask updates; an integer >= 1. */
  frequency: number;
}

/** Stable keys of every issue `validateScheduleConfig` can report. */
export const SCHEDULE_ISSUE_KEYS = [
  'not-finite',
  'final-out-of-range',
  'initial-out-of-range',
  'end-not-after-begin',
  'frequency-invalid',
] as const;
export type ScheduleIssueKey = (typeof SCHEDULE_ISSUE_KEYS)[number];

function issue(key: ScheduleIssueKey, message: string, values: Record<string, number | string>): ValidationIssue<ScheduleIssueKey> {
  return { key, message, values };
}

/**
 * Checks a cubic schedule config and returns every problem (empty = valid):
 * a field that is NaN / ±Infinity / not a number; final outside [0, 1);
 * initial outside [0, final]; endStep <= beginStep; frequency < 1 or not an integer.
 * (tfmot's PolynomialDecay applies the same ranges.) Comparisons involving a
 * non-finite field are skipped, so each problem is reported once.
 */
export function validateScheduleConfig(cfg: CubicScheduleConfig): ValidationIssue<ScheduleIssueKey>[] {
  const out: ValidationIssue<ScheduleIssueKey>[] = [];
  const fields = ['initial', 'final', 'beginStep', 'endStep', 'frequency'] as const;
  const finite = (f: (typeof fields)[number]) => typeof cfg[f] === 'number' && Number.isFinite(cfg[f]);
  for (const f of fields) {
    if (!finite(f)) {
      out.push(issue('not-finite', `${f} must be a finite number, got ${String(cfg[f])}`, { field: f, value: String(cfg[f]) }));
    }
  }
  const { initial, final, beginStep, endStep, frequency } = cfg;
  if (finite('final') && (final < 0 || final >= 1)) {
    out.push(issue('final-out-of-range', `final sparsity must be in [0, 1), got ${final}`, { final }));
  }
  if (finite('initial') && finite('final') && (initial < 0 || initial > final)) {
    out.push(
      issue('initial-out-of-range', `initial sparsity must be in [0, final = ${final}], got ${initial}`, {
        initial,
        final,
      }),
    );
  }
  if (finite('beginStep') && finite('endStep') && endStep <= beginStep) {
    out.push(
      issue('end-not-after-begin', `endStep = ${endStep} must be greater than beginStep = ${beginStep}`, {
        beginStep,
        endStep,
      }),
    );
  }
  if (finite('frequency') && (frequency < 1 || !Number.isInteger(frequency))) {
    out.push(issue('frequency-invalid', `frequency must be an integer >= 1, got ${frequency}`, { frequency }));
  }
  return out;
}

function assertStep(name: string, step: number): void {
  if (typeof step !== 'number' || !Number.isFinite(step)) {
    throw new RangeError(`${name} must be a finite number, got ${String(step)}`);
  }
}

/**
 * Latest step <= `step` at which the mask is updated:
 *   u = beginStep + frequency · floor((step - beginStep) / frequency)
 * (tfmot prunes only when (step - beginStep) % frequency == 0 and holds the value in between).
 * Only meaningful for step >= beginStep.
 */
export function latestUpdateStep(step: number, cfg: CubicScheduleConfig): number {
  assertStep('step', step);
  throwFirstIssue(validateScheduleConfig(cfg));
  return cfg.beginStep + cfg.frequency * Math.floor((step - cfg.beginStep) / cfg.frequency);
}

/**
 * Cubic sparsity schedule (Zhu & Gupta 2017, eq. 1; tfmot PolynomialDecay, power 3):
 *   step <  beginStep:  0                      (nothing pruned yet — not `initial`)
 *   step >= endStep:    final
 *   otherwise:          s = final + (initial - final) · (1 - p)³,
 *                       p = (u - beginStep) / (endStep - beginStep),
 *                       u = latestUpdateStep(step)
 * so the value is a staircase that only changes at update steps, starts at `initial`
 * at beginStep, rises fast early and flattens toward `final`. At p = 0 it returns
 * `initial` exactly (the formula could be off by one rounding ulp).
 * Note: tfmot stops updating after endStep, so when (endStep - beginStep) is not a
 * multiple of frequency its last value can fall short of `final`; this function
 * returns `final` from endStep on, as the site's explainer states.
 */
export function cubicSparsity(step: number, cfg: CubicScheduleConfig): number {
  assertStep('step', step);
  throwFirstIssue(validateScheduleConfig(cfg));
  const { initial, final, beginStep, endStep, frequency } = cfg;
  if (step < beginStep) return 0;
  if (step >= endStep) return final;
  const u = beginStep + frequency * Math.floor((step - beginStep) / frequency);
  const p = (u - beginStep) / (endStep - beginStep);
  if (p === 0) return initial;
  return final + (initial - final) * (1 - p) ** 3;
}

/**
 * Linear per-epoch schedule: s(epoch) = min(max, epoch · perEpoch).
 * epoch must be a finite number >= 0; perEpoch >= 0; max in [0, 1].
 */
export function linearEpochSparsity(epoch: number, perEpoch = 0.1, max = 0.9): number {
  if (typeof epoch !== 'number' || !Number.isFinite(epoch) || epoch < 0) {
    throw new RangeError(`epoch must be a finite number >= 0, got ${String(epoch)}`);
  }
  if (typeof perEpoch !== 'number' || !Number.isFinite(perEpoch) || perEpoch < 0) {
    throw new RangeError(`perEpoch must be a finite number >= 0, got ${String(perEpoch)}`);
  }
  if (typeof max !== 'number' || Number.isNaN(max) || max < 0 || max > 1) {
    throw new RangeError(`max sparsity must be in [0, 1], got ${String(max)}`);
  }
  return Math.min(max, epoch * perEpoch);
}

/** The source article's schedule: min(0.9, epoch · 0.1), i.e. +10% per epoch up to 90% at epoch 9. */
export function sourceLinearSparsity(epoch: number): number {
  return linearEpochSparsity(epoch, 0.1, 0.9);
}

/** One-shot pruning: 0 before step t0, `final` from t0 on. final must be in [0, 1]. */
export function oneShotSparsity(step: number, t0: number, final: number): number {
  assertStep('step', step);
  assertStep('t0', t0);
  if (typeof final !== 'number' || Number.isNaN(final) || final < 0 || final > 1) {
    throw new RangeError(`final sparsity must be in [0, 1], got ${String(final)}`);
  }
  return step < t0 ? 0 : final;
}
