import { describe, expect, it } from 'vitest';
import {
  type CubicScheduleConfig,
  cubicSparsity,
  latestUpdateStep,
  linearEpochSparsity,
  oneShotSparsity,
  sourceLinearSparsity,
  validateScheduleConfig,
} from './schedules';

// initial 0.2 -> final 0.8 over steps 10..110, mask updated every 10 steps.
const cfg: CubicScheduleConfig = { initial: 0.2, final: 0.8, beginStep: 10, endStep: 110, frequency: 10 };

describe('cubicSparsity (Zhu & Gupta 2017; tfmot PolynomialDecay, power 3)', () => {
  it.each([
    { step: -5, s: 0, why: 'before beginStep: 0' },
    { step: 9, s: 0, why: 'before beginStep: 0, not initial' },
    { step: 10, s: 0.2, why: 'at beginStep: initial' },
    { step: 110, s: 0.8, why: 'at endStep: final' },
    { step: 5000, s: 0.8, why: 'after endStep: final' },
  ])('step $step -> $s ($why)', ({ step, s }) => {
    expect(cubicSparsity(step, cfg)).toBe(s);
  });

  it.each([
    // p = (u - 10) / 100;  s = 0.8 + (0.2 - 0.8)(1 - p)³
    { step: 60, s: 0.725, why: 'u = 60, p = 0.5: 0.8 - 0.6 · 0.125' },
    { step: 69, s: 0.725, why: 'u = 60 still: held between updates' },
    { step: 35, s: 0.4928, why: 'u = 30, p = 0.2: 0.8 - 0.6 · 0.512' },
    { step: 109, s: 0.7994, why: 'u = 100, p = 0.9: 0.8 - 0.6 · 0.001' },
  ])('step $step -> $s ($why)', ({ step, s }) => {
    expect(cubicSparsity(step, cfg)).toBeCloseTo(s, 12);
  });

  it('is monotonic non-decreasing from beginStep on', () => {
    let prev = cubicSparsity(cfg.beginStep, cfg);
    for (let step = cfg.beginStep + 1; step <= 200; step++) {
      const s = cubicSparsity(step, cfg);
      expect(s).toBeGreaterThanOrEqual(prev);
      prev = s;
    }
  });

  it('only changes value at update steps (and at beginStep / endStep)', () => {
    for (let step = 1; step <= 200; step++) {
      const changed = cubicSparsity(step, cfg) !== cubicSparsity(step - 1, cfg);
      const isUpdate = step >= cfg.beginStep && step <= cfg.endStep && (step - cfg.beginStep) % cfg.frequency === 0;
      if (changed) expect(isUpdate).toBe(true);
    }
  });

  it('reaches final at endStep even when endStep - beginStep is not a multiple of frequency', () => {
    const odd = { initial: 0, final: 0.5, beginStep: 0, endStep: 25, frequency: 10 };
    expect(cubicSparsity(24, odd)).toBeCloseTo(0.5 * (1 - 0.2 ** 3), 12); // u = 20, p = 0.8
    expect(cubicSparsity(25, odd)).toBe(0.5);
  });

  it('frequency 1 updates every step', () => {
    const every = { ...cfg, frequency: 1 };
    expect(cubicSparsity(11, every)).toBeCloseTo(0.8 - 0.6 * 0.99 ** 3, 12);
    expect(cubicSparsity(11, every)).toBeGreaterThan(cubicSparsity(10, every));
  });

  it('initial = final is constant from beginStep on', () => {
    const flat = { ...cfg, initial: 0.5, final: 0.5 };
    expect([9, 10, 50, 110].map((s) => cubicSparsity(s, flat))).toEqual([0, 0.5, 0.5, 0.5]);
  });

  it('latestUpdateStep is the last multiple of frequency past beginStep', () => {
    expect([10, 19, 20, 105].map((s) => latestUpdateStep(s, cfg))).toEqual([10, 10, 20, 100]);
  });

  it('rejects a bad step or config with the first message', () => {
    expect(() => cubicSparsity(Number.NaN, cfg)).toThrow(/step must be a finite number, got NaN/);
    expect(() => cubicSparsity(5, { ...cfg, final: 1 })).toThrow(/final sparsity must be in \[0, 1\), got 1/);
    expect(() => cubicSparsity(5, { ...cfg, frequency: 0 })).toThrow(RangeError);
  });
});

describe('validateScheduleConfig', () => {
  it.each([
    { name: 'final = 1', patch: { final: 1 }, keys: ['final-out-of-range'], text: 'got 1' },
    { name: 'final < 0', patch: { final: -0.1, initial: 0 }, keys: ['final-out-of-range', 'initial-out-of-range'], text: '-0.1' },
    { name: 'initial > final', patch: { initial: 0.9 }, keys: ['initial-out-of-range'], text: 'got 0.9' },
    { name: 'initial < 0', patch: { initial: -0.2 }, keys: ['initial-out-of-range'], text: 'got -0.2' },
    { name: 'endStep = beginStep', patch: { endStep: 10 }, keys: ['end-not-after-begin'], text: 'endStep = 10' },
    { name: 'endStep < beginStep', patch: { endStep: 5 }, keys: ['end-not-after-begin'], text: 'endStep = 5' },
    { name: 'frequency 0', patch: { frequency: 0 }, keys: ['frequency-invalid'], text: 'got 0' },
    { name: 'frequency 2.5', patch: { frequency: 2.5 }, keys: ['frequency-invalid'], text: 'got 2.5' },
    { name: 'NaN initial', patch: { initial: Number.NaN }, keys: ['not-finite'], text: 'initial must be a finite number, got NaN' },
    { name: 'infinite endStep', patch: { endStep: Infinity }, keys: ['not-finite'], text: 'Infinity' },
  ])('$name -> $keys', ({ patch, keys, text }) => {
    const issues = validateScheduleConfig({ ...cfg, ...patch });
    expect(issues.map((i) => i.key)).toEqual(keys);
    expect(issues[0].message).toContain(text);
  });

  it('accepts a valid config and the edge values initial = 0 = final', () => {
    expect(validateScheduleConfig(cfg)).toEqual([]);
    expect(validateScheduleConfig({ initial: 0, final: 0, beginStep: 0, endStep: 1, frequency: 1 })).toEqual([]);
  });

  it('gives placeholder values for translation', () => {
    expect(validateScheduleConfig({ ...cfg, endStep: 5 })[0].values).toEqual({ beginStep: 10, endStep: 5 });
  });
});

describe('linear per-epoch schedules', () => {
  it.each([
    { epoch: 0, s: 0 },
    { epoch: 1, s: 0.1 },
    { epoch: 3, s: 0.3 },
    { epoch: 5, s: 0.5 },
    { epoch: 9, s: 0.9 },
    { epoch: 10, s: 0.9 },
    { epoch: 100, s: 0.9 },
  ])('sourceLinearSparsity($epoch) = $s (min(0.9, 0.1 · epoch))', ({ epoch, s }) => {
    expect(sourceLinearSparsity(epoch)).toBeCloseTo(s, 12);
    expect(sourceLinearSparsity(epoch)).toBeLessThanOrEqual(0.9);
  });

  it.each([
    { epoch: 2, perEpoch: 0.25, max: 0.6, s: 0.5 },
    { epoch: 3, perEpoch: 0.25, max: 0.6, s: 0.6 },
    { epoch: 4, perEpoch: 0, max: 0.6, s: 0 },
    { epoch: 2, perEpoch: 1, max: 1, s: 1 },
  ])('linearEpochSparsity($epoch, $perEpoch, $max) = $s', ({ epoch, perEpoch, max, s }) => {
    expect(linearEpochSparsity(epoch, perEpoch, max)).toBe(s);
  });

  it('rejects bad epochs and parameters, naming the value', () => {
    expect(() => sourceLinearSparsity(-1)).toThrow(/epoch .* got -1/);
    expect(() => sourceLinearSparsity(Number.NaN)).toThrow(/NaN/);
    expect(() => linearEpochSparsity(1, -0.1)).toThrow(/perEpoch .* got -0.1/);
    expect(() => linearEpochSparsity(1, 0.1, 1.5)).toThrow(/got 1.5/);
  });
});

describe('oneShotSparsity', () => {
  it.each([
    { step: 0, s: 0 },
    { step: 4, s: 0 },
    { step: 5, s: 0.7 },
    { step: 500, s: 0.7 },
  ])('step $step with t0 = 5, final 0.7 -> $s', ({ step, s }) => {
    expect(oneShotSparsity(step, 5, 0.7)).toBe(s);
  });

  it('accepts final 0 and 1 and rejects values outside [0, 1]', () => {
    expect(oneShotSparsity(5, 5, 1)).toBe(1);
    expect(oneShotSparsity(5, 5, 0)).toBe(0);
    expect(() => oneShotSparsity(5, 5, 1.2)).toThrow(/got 1.2/);
    expect(() => oneShotSparsity(Number.NaN, 5, 0.5)).toThrow(/step/);
  });
});
