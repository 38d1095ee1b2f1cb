import { describe, expect, it } from 'vitest';
import { sourceLinearSparsity } from '../sparsity/schedules';
import { baseConfig } from './test-data';
import { impPruneFraction, impRoundSparsity, isMaskUpdateDue, scheduleCurve, targetSparsityAt } from './schedule';

describe('targetSparsityAt: the schedule per optimiser step', () => {
  it('cubic: 0 before beginStep, initial at it, final from endStep on, held between update steps', () => {
    const cfg = { ...baseConfig, initial: 0.1 };
    expect(targetSparsityAt(cfg, 31)).toBe(0);
    expect(targetSparsityAt(cfg, 32)).toBe(0.1);
    expect(targetSparsityAt(cfg, 39)).toBe(0.1);
    expect(targetSparsityAt(cfg, 40)).toBeGreaterThan(0.1);
    expect(targetSparsityAt(cfg, 220)).toBe(0.9);
    expect(targetSparsityAt(cfg, 314)).toBe(0.9);
  });

  it('linear: one value per epoch (stepsPerEpoch = 63), epoch 0 at 0, the last epoch at final', () => {
    const cfg = { ...baseConfig, schedule: 'linear' as const };
    expect([0, 62, 63, 125, 126, 252, 314].map((t) => targetSparsityAt(cfg, t))).toEqual([0, 0, 0.225, 0.225, 0.45, 0.9, 0.9]);
  });

  it("linear with 10 epochs and final 0.9 is exactly the source's min(0.9, 0.1 · epoch)", () => {
    const cfg = { ...baseConfig, schedule: 'linear' as const, epochs: 10, subset: 640, batchSize: 64 };
    for (let t = 0; t < 100; t++) expect(targetSparsityAt(cfg, t)).toBeCloseTo(sourceLinearSparsity(Math.floor(t / 10)), 12);
  });

  it('one-shot: everything at t0', () => {
    const cfg = { ...baseConfig, schedule: 'one-shot' as const, t0: 126, final: 0.8 };
    expect([0, 125, 126, 300].map((t) => targetSparsityAt(cfg, t))).toEqual([0, 0, 0.8, 0.8]);
  });
});

describe('isMaskUpdateDue', () => {
  it('default order: only when the target changes', () => {
    expect(isMaskUpdateDue('default', 0, 0)).toBe(false);
    expect(isMaskUpdateDue('default', 0.3, 0)).toBe(true);
    expect(isMaskUpdateDue('default', 0.3, 0.3)).toBe(false);
  });
  it('source order: every step with a target > 0 (apply_sparsity_mask runs for every batch)', () => {
    expect(isMaskUpdateDue('source', 0, 0)).toBe(false);
    expect(isMaskUpdateDue('source', 0.3, 0.3)).toBe(true);
  });
});

describe('IMP round sparsity', () => {
  it('prunes q of the remaining weights per round and reaches final after R rounds', () => {
    const q = impPruneFraction(0.875, 3);
    expect(q).toBeCloseTo(0.5, 12);
    expect([0, 1, 2, 3].map((r) => impRoundSparsity(0.875, 3, r))).toEqual([0, 0.5, 0.75, 0.875]);
  });
  it('rejects zero rounds', () => {
    expect(() => impPruneFraction(0.5, 0)).toThrow(/rounds >= 1, got 0/);
  });
});

describe('scheduleCurve', () => {
  it('draws the linear staircase with one vertical jump per epoch', () => {
    const cfg = { ...baseConfig, schedule: 'linear' as const, epochs: 3, subset: 300, batchSize: 100 };
    expect(scheduleCurve(cfg)).toEqual([
      { x: 0, y: 0 },
      { x: 3, y: 0 },
      { x: 3, y: 0.45 },
      { x: 6, y: 0.45 },
      { x: 6, y: 0.9 },
      { x: 8, y: 0.9 },
    ]);
  });
  it('gives IMP one flat segment per round', () => {
    const cfg = { ...baseConfig, impRounds: 2, final: 0.75, epochs: 1, subset: 200, batchSize: 100 };
    expect(scheduleCurve(cfg)).toEqual([
      { x: 0, y: 0 },
      { x: 2, y: 0 },
      { x: 2, y: 0.5 },
      { x: 4, y: 0.5 },
      { x: 4, y: 0.75 },
      { x: 5, y: 0.75 },
    ]);
  });
});
