/**
 * The training loop of a run, independent of where the math happens: it evaluates the
 * schedule per step, decides the mask updates, runs each step's operation sequence
 * (step-sequence.ts) on a TrainableModel, measures the sparsity after every step and
 * reports through callbacks. Iterative magnitude pruning with weight rewinding is the
 * advanced mode (Frankle & Carbin 2019, "The Lottery Ticket Hypothesis"; rewinding to an
 * early step k: Frankle, Dziugaite, Roy & Carbin 2020, "Linear Mode Connectivity and the
 * Lottery Ticket Hypothesis"):
 *   round 0: train the dense network for E epochs, remembering the parameters after k steps;
 *   round r = 1 … R: prune q of the REMAINING weights by magnitude (q = impPruneFraction),
 *            rewind the surviving weights (and biases) to their step-k values, reset the
 *            optimiser, train E epochs with the mask fixed (default order).
 */
import type { TrainingConfig } from './config';
import { stepsPerEpoch, stepsPerRound } from './config';
import { computeMagnitudeMasks, sparsityFromZeroCounts } from './masks';
import { RunControl } from './run-control';
import { impPruneFraction, impRoundSparsity, isMaskUpdateDue, targetSparsityAt } from './schedule';
import { type ParameterSnapshot, type TrainableModel, runStep, stepSequence } from './step-sequence';

export interface StepRecord {
  /** Global step index (0-based, over all rounds). */
  step: number;
  round: number;
  /** Epoch within the round. */
  epoch: number;
  /** Target sparsity of this step. */
  target: number;
  /** Fraction of exactly-zero weights after this step, overall and per layer. */
  measured: number;
  perLayer: number[];
  loss: number;
  /** Accuracy on this step's batch (before the update). */
  batchAccuracy: number;
  maskUpdated: boolean;
}

export interface EvalRecord {
  /** Steps done when evaluated (the record follows step `step − 1`). */
  step: number;
  round: number;
  epoch: number;
  testAccuracy: number;
  /** Running accuracy over the batches of the current epoch so far. */
  trainAccuracy: number;
  /** Training time so far in ms, pauses excluded. */
  elapsedMs: number;
}

export interface RunSummary {
  steps: number;
  stopped: boolean;
  finalTarget: number;
  finalMeasured: number;
  finalTestAccuracy: number | null;
  /** Largest |measured − target| over all steps. */
  maxGap: number;
  elapsedMs: number;
  /**
   * Test accuracy after a final hard mask: the weights pruned by magnitude to the final target
   * (computeMagnitudeMasks, the run's scope) once training has ended, so runs that ended below
   * their target (the source's mask order) are compared at the sparsity they claim. null for a
   * stopped run, an IMP run, or a run whose target is 0.
   */
  hardMaskAccuracy: number | null;
}

export interface RunTrainingArgs<B> {
  model: TrainableModel<B>;
  config: TrainingConfig;
  /** The batches of one epoch of one round (seeded order). */
  batches: (epoch: number, round: number) => Iterable<B>;
  /** Test accuracy of the current weights. */
  evaluate: () => number;
  /** Evaluate every this many steps (and at each epoch's end); default ⌈stepsPerEpoch / 4⌉. */
  evalEvery?: number;
  control?: RunControl;
  onStep?: (record: StepRecord) => void;
  onEvaluate?: (record: EvalRecord) => void;
  /** Called when an IMP round starts, with the sparsity of its (fixed) masks. */
  onRound?: (round: number, sparsity: number) => void;
}

export async function runTraining<B>(args: RunTrainingArgs<B>): Promise<RunSummary> {
  const { model, config: cfg, batches, evaluate, onStep, onEvaluate, onRound } = args;
  const control = args.control ?? new RunControl(() => Promise.resolve());
  const perEpoch = stepsPerEpoch(cfg.subset, cfg.batchSize);
  const perRound = stepsPerRound(cfg);
  const evalEvery = Math.max(1, args.evalEvery ?? Math.ceil(perEpoch / 4));
  const imp = cfg.impRounds > 0;
  const rounds = imp ? cfg.impRounds + 1 : 1;
  const started = performance.now();
  const elapsed = () => performance.now() - started - control.pausedMs;

  let step = 0;
  let prevTarget = 0;
  let maxGap = 0;
  let last: StepRecord | null = null;
  let lastTest: number | null = null;
  let rewind: ParameterSnapshot | null = null;
  let stopped = false;

  outer: for (let round = 0; round < rounds; round++) {
    const roundTarget = imp ? impRoundSparsity(cfg.final, cfg.impRounds, round) : 0;
    if (imp && round > 0) {
      const q = impPruneFraction(cfg.final, cfg.impRounds);
      const masks = computeMagnitudeMasks(model.readWeights(), q, cfg.scope, model.getMasks() ?? undefined);
      if (!rewind) throw new Error('IMP: no rewind snapshot was taken');
      model.writeParameters(rewind);
      model.setMasks(masks);
      model.applyMask();
      model.resetOptimizer();
    }
    if (imp) onRound?.(round, roundTarget);
    for (let epoch = 0; epoch < cfg.epochs; epoch++) {
      let correct = 0;
      let seen = 0;
      let stepInEpoch = 0;
      for (const batch of batches(epoch, round)) {
        if (!(await control.checkpoint())) {
          stopped = true;
          break outer;
        }
        const stepInRound = step - round * perRound;
        if (imp && round === 0 && stepInRound === cfg.rewindStep) rewind = model.readParameters();
        const target = imp ? roundTarget : targetSparsityAt(cfg, step);
        const due = !imp && isMaskUpdateDue(cfg.maskOrder, target, prevTarget);
        const ops = stepSequence(imp ? 'default' : cfg.maskOrder, due);
        const result = runStep(model, ops, batch, { target, scope: cfg.scope });
        const measured = sparsityFromZeroCounts(model.countZeroWeights(), model.weightSizes);
        correct += result.correct;
        seen += result.count;
        maxGap = Math.max(maxGap, Math.abs(measured.overall - target));
        last = {
          step,
          round,
          epoch,
          target,
          measured: measured.overall,
          perLayer: measured.perLayer,
          loss: result.loss,
          batchAccuracy: result.count > 0 ? result.correct / result.count : 0,
          maskUpdated: due,
        };
        onStep?.(last);
        prevTarget = target;
        step++;
        stepInEpoch++;
        const epochEnd = stepInEpoch === perEpoch;
        if (epochEnd || step % evalEvery === 0) {
          lastTest = evaluate();
          onEvaluate?.({ step, round, epoch, testAccuracy: lastTest, trainAccuracy: seen > 0 ? correct / seen : 0, elapsedMs: elapsed() });
        }
      }
    }
  }
  // After the run: prune what is left to the final target and evaluate (changes the model's weights).
  let hardMaskAccuracy: number | null = null;
  if (!stopped && !imp && last && last.target > 0) {
    model.setMasks(computeMagnitudeMasks(model.readWeights(), last.target, cfg.scope));
    model.applyMask();
    hardMaskAccuracy = evaluate();
  }
  return {
    hardMaskAccuracy,
    steps: step,
    stopped,
    finalTarget: last?.target ?? 0,
    finalMeasured: last?.measured ?? 0,
    finalTestAccuracy: lastTest,
    maxGap,
    elapsedMs: elapsed(),
  };
}
