/**
 * URL state of the gradual sparse training lab: every setting of a run, seed included.
 * All step counts (begin, end, freq, t0, rewind) are OPTIMISER STEPS counted from 0 over the
 * run; one epoch is ⌈subset / batch⌉ steps (lib/training/config.ts).
 *
 * The ranges are deliberately wider than the valid values where a rule spans several
 * fields or an open bound (final < 1, end > begin, freq >= 1): the parser keeps such a
 * value and validateTrainingConfig explains what is wrong, in the page's language.
 */
import type { TrainingConfig } from '../training/config';
import { GUIDED_STEP_PARAM } from './step-param';
import { type StateOf, defineSchema } from './schema';

export const trainingSchema = defineSchema('training', 1, {
  /** Schedule: one-shot at t0, the source's linear per-epoch staircase, or Zhu & Gupta's cubic. */
  sched: { kind: 'enum', default: 'cubic', values: ['one-shot', 'linear', 'cubic'] as const },
  /** Final sparsity s_f, valid in [0, 1). */
  final: { kind: 'float', default: 0.9, min: 0, max: 1, digits: 3 },
  /** Cubic: initial sparsity s_i at beginStep, valid in [0, final]. */
  init: { kind: 'float', default: 0, min: 0, max: 1, digits: 3 },
  /** Cubic: first pruning step. */
  begin: { kind: 'int', default: 32, min: 0, max: 100000 },
  /** Cubic: step from which the sparsity is final (must be > begin). */
  end: { kind: 'int', default: 220, min: 0, max: 100000 },
  /** Cubic: steps between mask updates (must be >= 1). */
  freq: { kind: 'int', default: 8, min: 0, max: 10000 },
  /** One-shot: the pruning step. */
  t0: { kind: 'int', default: 126, min: 0, max: 100000 },
  epochs: { kind: 'int', default: 5, min: 1, max: 20 },
  batch: { kind: 'int', default: 128, min: 16, max: 512 },
  lr: { kind: 'float', default: 0.001, min: 0.00001, max: 1, digits: 5 },
  opt: { kind: 'enum', default: 'adam', values: ['adam', 'sgd'] as const },
  /** Mask order: default (mask after optimizer.step, pruned gradients zeroed) or the source's. */
  order: { kind: 'enum', default: 'default', values: ['default', 'source'] as const },
  /** Pruning scope: each layer to the target, or one global magnitude ranking. */
  scope: { kind: 'enum', default: 'global', values: ['global', 'layer'] as const },
  /** Iterative magnitude pruning rounds (lottery ticket); 0 = off. */
  imp: { kind: 'int', default: 0, min: 0, max: 5 },
  /** IMP: rewind surviving weights to their values after this many steps of round 0. */
  rewind: { kind: 'int', default: 20, min: 0, max: 100000 },
  /** Training digits used (the first n of 8,000). */
  subset: { kind: 'int', default: 8000, min: 64, max: 8000 },
  seed: { kind: 'int', default: 1, min: 0, max: 999999 },
  /** Guided path: the step the reader is at (lib/state/step-param.ts). */
  step: GUIDED_STEP_PARAM,
});

export type TrainingState = StateOf<typeof trainingSchema>;

/** Default learning rate per optimiser (switching the optimiser resets lr to it). */
export const DEFAULT_LR = { adam: 0.001, sgd: 0.05 } as const;

/** The run configuration a URL state describes. */
export function toTrainingConfig(s: TrainingState): TrainingConfig {
  return {
    schedule: s.sched,
    final: s.final,
    initial: s.init,
    beginStep: s.begin,
    endStep: s.end,
    frequency: s.freq,
    t0: s.t0,
    epochs: s.epochs,
    batchSize: s.batch,
    learningRate: s.lr,
    optimizer: s.opt,
    maskOrder: s.order,
    scope: s.scope,
    impRounds: s.imp,
    rewindStep: s.rewind,
    subset: s.subset,
    seed: s.seed,
  };
}
