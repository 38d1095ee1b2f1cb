import { describe, expect, it } from 'vitest';
import { fitCubicToRun, isRunnable, stepsPerEpoch, stepsPerRound, totalSteps, validateTrainingConfig } from './config';
import { baseConfig } from './test-data';

describe('step arithmetic', () => {
  it.each([
    { subset: 8000, batch: 128, spe: 63, why: '62.5 rounds up: the last batch holds 64 digits' },
    { subset: 8000, batch: 64, spe: 125, why: 'exact' },
    { subset: 512, batch: 64, spe: 8, why: 'the e2e subset' },
    { subset: 100, batch: 512, spe: 1, why: 'batch larger than the data: one short batch' },
  ])('stepsPerEpoch($subset, $batch) = $spe ($why)', ({ subset, batch, spe }) => {
    expect(stepsPerEpoch(subset, batch)).toBe(spe);
  });

  it('a round is epochs · stepsPerEpoch; IMP runs impRounds + 1 rounds', () => {
    expect(stepsPerRound(baseConfig)).toBe(315);
    expect(totalSteps(baseConfig)).toBe(315);
    expect(totalSteps({ ...baseConfig, impRounds: 3 })).toBe(4 * 315);
  });

  it('rejects a batch size of 0 with the value in the message', () => {
    expect(() => stepsPerEpoch(100, 0)).toThrow(/batchSize .* got 0/);
  });
});

describe('validateTrainingConfig', () => {
  it('accepts the defaults', () => {
    expect(validateTrainingConfig(baseConfig)).toEqual([]);
  });

  it.each([
    { name: 'final = 1', patch: { final: 1 }, key: 'final-out-of-range' },
    { name: 'final = 1 on the one-shot schedule too', patch: { final: 1, schedule: 'one-shot' as const }, key: 'final-out-of-range' },
    { name: 'endStep = beginStep', patch: { endStep: 32 }, key: 'end-not-after-begin' },
    { name: 'endStep < beginStep', patch: { beginStep: 100, endStep: 50 }, key: 'end-not-after-begin' },
    { name: 'frequency 0', patch: { frequency: 0 }, key: 'frequency-invalid' },
    { name: 'initial > final', patch: { initial: 0.95 }, key: 'initial-out-of-range' },
    { name: 'batch 0', patch: { batchSize: 0 }, key: 'setting-invalid' },
    { name: 'learning rate 0', patch: { learningRate: 0 }, key: 'setting-invalid' },
    { name: 'NaN epochs', patch: { epochs: Number.NaN }, key: 'setting-invalid' },
    { name: 'rewind past round 0', patch: { impRounds: 2, rewindStep: 315 }, key: 'rewind-beyond-round' },
  ])('$name -> error $key', ({ patch, key }) => {
    const issues = validateTrainingConfig({ ...baseConfig, ...patch });
    expect(issues.map((i) => i.key)).toContain(key);
    expect(isRunnable(issues)).toBe(false);
  });

  it('ignores the cubic fields for the other schedules and for IMP', () => {
    expect(validateTrainingConfig({ ...baseConfig, schedule: 'one-shot', endStep: 0, frequency: 0 })).toEqual([]);
    expect(validateTrainingConfig({ ...baseConfig, impRounds: 2, endStep: 0 })).toEqual([]);
  });

  it.each([
    { name: 't0 after the run', patch: { schedule: 'one-shot' as const, t0: 400 }, key: 't0-beyond-run' },
    { name: 'endStep after the run', patch: { endStep: 1000 }, key: 'end-beyond-run' },
    { name: 'linear with one epoch', patch: { schedule: 'linear' as const, epochs: 1 }, key: 'linear-single-epoch' },
  ])('$name -> warning $key (still runnable)', ({ patch, key }) => {
    const issues = validateTrainingConfig({ ...baseConfig, ...patch });
    expect(issues.map((i) => [i.key, i.severity])).toEqual([[key, 'warning']]);
    expect(isRunnable(issues)).toBe(true);
  });

  it('issues carry placeholder values for translation', () => {
    const [issue] = validateTrainingConfig({ ...baseConfig, beginStep: 100, endStep: 50 });
    expect(issue.values).toEqual({ beginStep: 100, endStep: 50 });
  });
});

describe('fitCubicToRun', () => {
  it('begins at 10 %, ends at 70 %, about 8 updates per epoch', () => {
    expect(fitCubicToRun(315, 63)).toEqual({ beginStep: 31, endStep: 221, frequency: 8 });
  });
  it('stays valid for a one-step-per-epoch run', () => {
    const fit = fitCubicToRun(3, 1);
    expect(fit.endStep).toBeGreaterThan(fit.beginStep);
    expect(fit.frequency).toBeGreaterThanOrEqual(1);
  });
});
