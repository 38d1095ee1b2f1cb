/**
 * One training run's settings and the arithmetic derived from them (steps per epoch,
 * total steps), plus every check a form needs, as translatable issues.
 *
 * Units: every step count (beginStep, endStep, frequency, t0, rewindStep) is in
 * OPTIMISER STEPS (mini-batches), counted from 0 over the whole run; an epoch is
 * stepsPerEpoch = ⌈subset / batchSize⌉ steps (the last batch of an epoch may be smaller,
 * as with PyTorch's DataLoader(drop_last=False)).
 */
import { type ScheduleIssueKey, type ValidationIssue, validateScheduleConfig } from '../sparsity/schedules';

export type ScheduleKind = 'one-shot' | 'linear' | 'cubic';
/**
 * 'default': forward/backward → zero the gradients of pruned weights → optimizer.step() →
 *            apply the mask (measured sparsity = target);
 * 'source':  the source article's train_sparse_model: forward/backward → compute and apply
 *            the mask → optimizer.step() (the step regrows the pruned weights).
 */
export type MaskOrder = 'default' | 'source';
/** 'layer': every weight matrix pruned to the target; 'global': one |w| ranking over all of them. */
export type PruneScope = 'layer' | 'global';
export type OptimizerKind = 'adam' | 'sgd';

export interface TrainingConfig {
  schedule: ScheduleKind;
  /** s_f: sparsity at the end of the schedule, in [0, 1). */
  final: number;
  /** Cubic only: s_i, sparsity at beginStep, in [0, final]. */
  initial: number;
  /** Cubic only: first pruning step. */
  beginStep: number;
  /** Cubic only: step from which the sparsity is final (> beginStep). */
  endStep: number;
  /** Cubic only: steps between mask updates (integer >= 1). */
  frequency: number;
  /** One-shot only: the step at which everything is pruned at once. */
  t0: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  optimizer: OptimizerKind;
  maskOrder: MaskOrder;
  scope: PruneScope;
  /** Iterative magnitude pruning rounds (lottery ticket); 0 = off (use the schedule). */
  impRounds: number;
  /** IMP: surviving weights are rewound to their values after this many steps of round 0. */
  rewindStep: number;
  /** Training digits used (the first `subset` of the 8,000), for fast runs. */
  subset: number;
  seed: number;
}

/** Steps in one epoch: ⌈subset / batchSize⌉. */
export function stepsPerEpoch(subset: number, batchSize: number): number {
  if (!Number.isInteger(subset) || subset < 1) throw new RangeError(`subset must be an integer >= 1, got ${String(subset)}`);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be an integer >= 1, got ${String(batchSize)}`);
  return Math.ceil(subset / batchSize);
}

/** Steps in one training round: epochs · stepsPerEpoch (a whole run without IMP). */
export function stepsPerRound(cfg: Pick<TrainingConfig, 'subset' | 'batchSize' | 'epochs'>): number {
  return cfg.epochs * stepsPerEpoch(cfg.subset, cfg.batchSize);
}

/** Steps of the whole run: (impRounds + 1) rounds with IMP, one round without. */
export function totalSteps(cfg: Pick<TrainingConfig, 'subset' | 'batchSize' | 'epochs' | 'impRounds'>): number {
  return (cfg.impRounds + 1) * stepsPerRound(cfg);
}

export type IssueSeverity = 'error' | 'warning';

/** A ValidationIssue with a severity: errors block a run, warnings only explain. */
export interface TrainingIssue extends ValidationIssue<ScheduleIssueKey | TrainingIssueKey> {
  severity: IssueSeverity;
}

/** Stable keys of the training-specific issues (the schedule's come from validateScheduleConfig). */
export const TRAINING_ISSUE_KEYS = [
  'setting-invalid',
  'rewind-beyond-round',
  't0-beyond-run',
  'end-beyond-run',
  'linear-single-epoch',
] as const;
export type TrainingIssueKey = (typeof TRAINING_ISSUE_KEYS)[number];

function finite(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/**
 * Every problem with a config. Errors: the schedule checks of validateScheduleConfig
 * (final outside [0, 1) for every schedule; for the cubic schedule also initial outside
 * [0, final], endStep <= beginStep, frequency < 1 or not an integer); a count that is
 * not a positive integer or a learning rate <= 0 ('setting-invalid'); an IMP
 * rewind step beyond the first round. Warnings: a one-shot t0 or cubic endStep past the
 * last step (final sparsity never reached); the linear schedule with one epoch (it stays
 * at 0, the source's epoch 0).
 */
export function validateTrainingConfig(cfg: TrainingConfig): TrainingIssue[] {
  const out: TrainingIssue[] = [];
  const error = (i: ValidationIssue<ScheduleIssueKey | TrainingIssueKey>): TrainingIssue => ({ ...i, severity: 'error' });
  const warn = (key: TrainingIssueKey, message: string, values: Record<string, number | string>): TrainingIssue => ({
    key,
    message,
    values,
    severity: 'warning',
  });

  const scheduleIssues = validateScheduleConfig({
    initial: cfg.initial,
    final: cfg.final,
    beginStep: cfg.beginStep,
    endStep: cfg.endStep,
    frequency: cfg.frequency,
  });
  const relevant =
    cfg.schedule === 'cubic' && cfg.impRounds === 0
      ? scheduleIssues
      : scheduleIssues.filter((i) => i.key === 'final-out-of-range' || (i.key === 'not-finite' && i.values.field === 'final'));
  out.push(...relevant.map(error));

  const counts: [string, number, number][] = [
    ['epochs', cfg.epochs, 1],
    ['batchSize', cfg.batchSize, 1],
    ['subset', cfg.subset, 1],
    ['impRounds', cfg.impRounds, 0],
    ['rewindStep', cfg.rewindStep, 0],
    ['t0', cfg.t0, 0],
    ['seed', cfg.seed, 0],
  ];
  let countsOk = true;
  for (const [name, v, min] of counts) {
    if (!finite(v) || !Number.isInteger(v) || v < min) {
      countsOk = false;
      out.push(
        error({
          key: 'setting-invalid',
          message: `${name} must be an integer >= ${min}, got ${String(v)}`,
          values: { field: name, value: String(v) },
        }),
      );
    }
  }
  if (!finite(cfg.learningRate) || cfg.learningRate <= 0) {
    out.push(
      error({
        key: 'setting-invalid',
        message: `learningRate must be a number > 0, got ${String(cfg.learningRate)}`,
        values: { field: 'learningRate', value: String(cfg.learningRate) },
      }),
    );
  }
  if (!countsOk) return out;

  const round = stepsPerRound(cfg);
  if (cfg.impRounds > 0) {
    if (cfg.rewindStep >= round) {
      out.push(
        error({
          key: 'rewind-beyond-round',
          message: `rewind step ${cfg.rewindStep} must be below the ${round} steps of one round`,
          values: { rewindStep: cfg.rewindStep, steps: round },
        }),
      );
    }
    return out;
  }
  if (cfg.schedule === 'one-shot' && cfg.t0 >= round) {
    out.push(
      warn('t0-beyond-run', `t0 = ${cfg.t0} is not before the last step (${round} steps): nothing is pruned`, { t0: cfg.t0, steps: round }),
    );
  }
  if (cfg.schedule === 'cubic' && finite(cfg.endStep) && cfg.endStep > round && !out.some((i) => i.severity === 'error')) {
    out.push(
      warn('end-beyond-run', `endStep = ${cfg.endStep} is past the last step (${round} steps): the final sparsity is not reached`, {
        endStep: cfg.endStep,
        steps: round,
      }),
    );
  }
  if (cfg.schedule === 'linear' && cfg.epochs === 1) {
    out.push(
      warn('linear-single-epoch', 'with one epoch the linear per-epoch schedule stays at 0 (epoch 0 has 0 sparsity)', { epochs: 1 }),
    );
  }
  return out;
}

/** True when no issue is an error (warnings allow a run). */
export function isRunnable(issues: readonly TrainingIssue[]): boolean {
  return !issues.some((i) => i.severity === 'error');
}

/**
 * Cubic begin / end / frequency that fit a run of `steps` steps of `perEpoch` steps
 * each: begin after ~10 % of the run, end at ~70 % (the rest fine-tunes at the final
 * sparsity), about 8 updates per epoch. Used by the "fit to this run" button.
 */
export function fitCubicToRun(steps: number, perEpoch: number): { beginStep: number; endStep: number; frequency: number } {
  const beginStep = Math.floor(0.1 * steps);
  const endStep = Math.max(beginStep + 1, Math.round(0.7 * steps));
  const frequency = Math.max(1, Math.min(endStep - beginStep, Math.round(perEpoch / 8)));
  return { beginStep, endStep, frequency };
}
