import { describe, expect, it } from 'vitest';
import { normalArray } from '../random';
import type { TrainingConfig } from './config';
import { type LinearBatch, LinearModel, type OptimizerSettings } from './linear-model';
import { computeMagnitudeMasks, measureSparsity } from './masks';
import { RunControl } from './run-control';
import { runTraining } from './run-training';
import { type StepOp, runStep, stepSequence } from './step-sequence';
import { baseConfig, makeToyBatches } from './test-data';

const IN = 20;
const OUT = 5;
const batches = makeToyBatches(64, IN, OUT, 16, 7);

function makeModel(optimizer: OptimizerSettings): LinearModel {
  return new LinearModel(IN, OUT, { weight: normalArray(IN * OUT, 3, 0.3) }, optimizer);
}

const adam: OptimizerSettings = { kind: 'adam', learningRate: 0.05 };
const sgd: OptimizerSettings = { kind: 'sgd', learningRate: 0.1, momentum: 0.9 };

/** Trains `dense` steps without masks (so the optimiser state is non-zero), then `steps` with `ops` at `target`. */
function measureAfter(model: LinearModel, opsFor: (step: number) => StepOp[], target: number, dense = 3, steps = 6): number[] {
  const measured: number[] = [];
  for (let s = 0; s < dense + steps; s++) {
    const batch = batches[s % batches.length];
    const ops: StepOp[] = s < dense ? ['forward-backward', 'optimizer-step'] : opsFor(s - dense);
    runStep(model, ops, batch, { target, scope: 'layer' });
    if (s >= dense) measured.push(measureSparsity(model.readWeights()).overall);
  }
  return measured;
}

describe('stepSequence: the two mask orders as explicit operations', () => {
  it('default: [update-mask] → forward/backward → zero pruned gradients → optimizer.step() → apply mask', () => {
    expect(stepSequence('default', true)).toEqual([
      'update-mask',
      'forward-backward',
      'zero-pruned-gradients',
      'optimizer-step',
      'apply-mask',
    ]);
    expect(stepSequence('default', false)).toEqual(['forward-backward', 'zero-pruned-gradients', 'optimizer-step', 'apply-mask']);
  });
  it("source: forward/backward → apply_sparsity_mask → optimizer.step() (the article's order)", () => {
    expect(stepSequence('source', true)).toEqual(['forward-backward', 'update-mask', 'apply-mask', 'optimizer-step']);
    expect(stepSequence('source', false)).toEqual(['forward-backward', 'optimizer-step']);
  });
});

describe('mask order on a tiny linear model with hand-written optimisers', () => {
  for (const [name, opt] of [
    ['Adam', adam],
    ['SGD + momentum', sgd],
  ] as const) {
    it(`${name}, default order: measured sparsity equals the target after every step`, () => {
      const model = makeModel(opt);
      const measured = measureAfter(model, (s) => stepSequence('default', s === 0), 0.6);
      // 60 of 100 weights, exactly (pruneCount(0.6, 100) = 60).
      expect(measured).toEqual(Array(6).fill(0.6));
    });

    it(`${name}, source order: optimizer.step() regrows the weights it was just given as zeros`, () => {
      const model = makeModel(opt);
      const measured = measureAfter(model, () => stepSequence('source', true), 0.6);
      for (const m of measured) expect(m).toBeLessThan(0.1);
      // The regrown weights are small: one optimiser step away from zero.
      const mask = model.getMasks()![0];
      let maxPruned = 0;
      for (let i = 0; i < mask.length; i++) if (mask[i] === 0) maxPruned = Math.max(maxPruned, Math.abs(model.weight[i]));
      expect(maxPruned).toBeGreaterThan(0);
      expect(maxPruned).toBeLessThan(opt.kind === 'adam' ? 3 * opt.learningRate : 1);
    });
  }

  it('SGD, source order: a pruned weight becomes exactly −lr · (μ · v + g) after the step', () => {
    const lr = 0.1;
    const mu = 0.9;
    const model = makeModel({ kind: 'sgd', learningRate: lr, momentum: mu });
    // ∂L/∂W of a parameter copy, read off one plain SGD step with lr 1: g = w_before − w_after.
    const grad = (m: LinearModel, batch: LinearBatch) => {
      const twin = new LinearModel(IN, OUT, { weight: m.weight, bias: m.bias }, { kind: 'sgd', learningRate: 1, momentum: 0 });
      twin.forwardBackward(batch);
      twin.optimizerStep();
      return m.weight.map((w, k) => w - twin.weight[k]);
    };
    const g0 = grad(model, batches[0]);
    runStep(model, ['forward-backward', 'optimizer-step'], batches[0], { target: 0, scope: 'layer' }); // v = g0
    const g1 = grad(model, batches[1]); // the source masks AFTER backward: g1 is taken at the unmasked weights
    const masks = computeMagnitudeMasks(model.readWeights(), 0.5, 'layer');
    runStep(model, stepSequence('source', true), batches[1], { target: 0.5, scope: 'layer' });
    expect(model.getMasks()).toEqual(masks);
    let pruned = 0;
    masks[0].forEach((keep, i) => {
      if (keep) return;
      pruned++;
      expect(model.weight[i]).toBeCloseTo(-lr * (mu * g0[i] + g1[i]), 6);
      expect(model.weight[i]).not.toBe(0);
    });
    expect(pruned).toBe(50);
  });

  it('zeroing the gradients alone is not enough: momentum still moves pruned weights', () => {
    const model = makeModel(sgd);
    const measured = measureAfter(
      model,
      (s) =>
        s === 0
          ? ['update-mask', 'forward-backward', 'zero-pruned-gradients', 'optimizer-step']
          : ['forward-backward', 'zero-pruned-gradients', 'optimizer-step'],
      0.6,
    );
    expect(measured[0]).toBeLessThan(0.6);
  });

  it('Adam: zeroed gradients still give non-zero steps from the first moment, so the mask is applied after the step', () => {
    const model = makeModel(adam);
    const measured = measureAfter(
      model,
      (s) => ['update-mask', 'forward-backward', 'zero-pruned-gradients', 'optimizer-step'].slice(s === 0 ? 0 : 1) as StepOp[],
      0.6,
    );
    expect(Math.max(...measured)).toBeLessThan(0.6);
  });
});

function toyConfig(patch: Partial<TrainingConfig>): TrainingConfig {
  return {
    ...baseConfig,
    subset: 64,
    batchSize: 16,
    epochs: 6,
    beginStep: 2,
    endStep: 18,
    frequency: 2,
    final: 0.8,
    learningRate: 0.05,
    ...patch,
  };
}

const toyBatches = (): Iterable<LinearBatch> => batches;

describe('runTraining on the linear model', () => {
  it('default order: measured = target (within pruneCount rounding) at every step, cubic schedule', async () => {
    const model = makeModel(adam);
    const gaps: number[] = [];
    const summary = await runTraining({
      model,
      config: toyConfig({}),
      batches: toyBatches,
      evaluate: () => 0,
      onStep: (r) => gaps.push(Math.abs(r.measured - r.target)),
    });
    expect(summary.steps).toBe(24);
    expect(summary.finalTarget).toBe(0.8);
    expect(summary.finalMeasured).toBe(0.8);
    // round-half-even(s · 100) / 100 is within 0.005 of s
    expect(Math.max(...gaps)).toBeLessThanOrEqual(0.005 + 1e-12);
    expect(summary.maxGap).toBeLessThanOrEqual(0.005 + 1e-12);
  });

  it('source order: the run ends far below its target', async () => {
    const summary = await runTraining({
      model: makeModel(adam),
      config: toyConfig({ maskOrder: 'source' }),
      batches: toyBatches,
      evaluate: () => 0,
    });
    expect(summary.finalTarget).toBe(0.8);
    expect(summary.finalMeasured).toBeLessThan(0.4);
  });

  it('linear schedule: the mask changes once per epoch, and the target is 0 through epoch 0', async () => {
    const records: { step: number; target: number; updated: boolean }[] = [];
    await runTraining({
      model: makeModel(adam),
      config: toyConfig({ schedule: 'linear', epochs: 3 }),
      batches: toyBatches,
      evaluate: () => 0,
      onStep: (r) => records.push({ step: r.step, target: r.target, updated: r.maskUpdated }),
    });
    expect(records.filter((r) => r.updated).map((r) => r.step)).toEqual([4, 8]);
    expect(records.slice(0, 4).every((r) => r.target === 0)).toBe(true);
  });

  it('evaluates every ⌈stepsPerEpoch / 4⌉ steps and at each epoch end', async () => {
    const evals: number[] = [];
    await runTraining({
      model: makeModel(adam),
      config: toyConfig({ epochs: 2 }),
      batches: toyBatches,
      evaluate: () => 0.5,
      onEvaluate: (e) => evals.push(e.step),
    });
    expect(evals).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('IMP with rewinding: each round prunes q of the remainder and restarts the survivors from step k', async () => {
    const model = makeModel(adam);
    let snapshot: Float32Array | null = null;
    const rounds: { round: number; sparsity: number; weights: Float32Array; mask: Uint8Array | null }[] = [];
    const measuredByRound = new Map<number, number>();
    const summary = await runTraining({
      model,
      config: toyConfig({ impRounds: 2, final: 0.75, epochs: 2, rewindStep: 2 }),
      batches: toyBatches,
      evaluate: () => 0,
      onStep: (r) => {
        if (r.round === 0 && r.step === 1) snapshot = Float32Array.from(model.weight); // after 2 steps (0 and 1)
        measuredByRound.set(r.round, r.measured);
      },
      onRound: (round, sparsity) =>
        rounds.push({ round, sparsity, weights: Float32Array.from(model.weight), mask: model.getMasks()?.[0] ?? null }),
    });
    expect(rounds.map((r) => r.sparsity)).toEqual([0, 0.5, 0.75]);
    expect([...measuredByRound.values()]).toEqual([0, 0.5, 0.75]);
    expect(summary.steps).toBe(3 * 8);
    // At the start of round 1 and 2 every kept weight equals its value after step k = 2 of round 0.
    for (const r of rounds.slice(1)) {
      for (let i = 0; i < r.weights.length; i++) expect(r.weights[i]).toBe(r.mask![i] ? snapshot![i] : 0);
    }
    // Masks only shrink: round 2 keeps a subset of round 1.
    for (let i = 0; i < rounds[2].mask!.length; i++) if (rounds[2].mask![i]) expect(rounds[1].mask![i]).toBe(1);
  });

  it('stops between steps when told to, and pauses until resumed', async () => {
    const control = new RunControl(() => Promise.resolve());
    let steps = 0;
    const run = runTraining({
      model: makeModel(adam),
      config: toyConfig({}),
      batches: toyBatches,
      evaluate: () => 0,
      control,
      onStep: () => {
        steps++;
        if (steps === 3) control.pause();
      },
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(steps).toBe(3);
    expect(control.state).toBe('paused');
    control.resume();
    control.stop();
    const summary = await run;
    expect(summary.stopped).toBe(true);
    expect(summary.steps).toBe(3);
  });
});
