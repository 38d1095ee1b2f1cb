import { describe, expect, it } from 'vitest';
import type { MeasuredRow } from '../acceleration/table';
import { baseConfig } from '../training/test-data';
import type { RunSummary } from '../training/run-training';
import { accelerationLive, modelsLive, trainingLive } from './live';

const summary = (s: Partial<RunSummary>): RunSummary => ({
  steps: 160,
  stopped: false,
  finalTarget: 0.9,
  finalMeasured: 0.9,
  finalTestAccuracy: 0.95,
  maxGap: 0,
  elapsedMs: 1,
  hardMaskAccuracy: 0.95,
  ...s,
});

describe('trainingLive', () => {
  it('takes the last finished run of each kind and ignores stopped and IMP runs', () => {
    const runs = [
      { config: baseConfig, summary: summary({ finalTestAccuracy: 0.9 }) },
      {
        config: { ...baseConfig, maskOrder: 'source' as const },
        summary: summary({ finalMeasured: 0.18, finalTestAccuracy: 0.97, hardMaskAccuracy: 0.4 }),
      },
      { config: baseConfig, summary: summary({ finalTestAccuracy: 0.93 }) },
      { config: baseConfig, summary: summary({ finalTestAccuracy: 0.1, stopped: true }) },
      { config: { ...baseConfig, impRounds: 2 }, summary: summary({ finalTestAccuracy: 0.2 }) },
    ];
    const live = trainingLive(runs, { subset: 2000, batchSize: 64, epochs: 5, final: 0.9 });
    expect(live['cubic.acc']).toBe(0.93);
    expect(live['source.measured']).toBe(0.18);
    expect(live['source.hard']).toBe(0.4);
    expect(live['linear.acc']).toBeNull();
    expect(live.perEpoch).toBe(32);
    expect(live.linearStep).toBeCloseTo(22.5, 12);
  });

  it('a run stored before hard-mask accuracies existed has none', () => {
    const old = { config: baseConfig, summary: { ...summary({}), hardMaskAccuracy: undefined } as unknown as RunSummary };
    expect(trainingLive([old], { subset: 8000, batchSize: 128, epochs: 1, final: 0.9 })).toMatchObject({
      'cubic.hard': null,
      perEpoch: 63,
      linearStep: null,
    });
  });
});

describe('accelerationLive', () => {
  const t = (ms: number) => ({ medianMs: ms, cv: 0, samples: 20 });
  const rows: MeasuredRow[] = [0, 0.5, 0.7, 0.8, 0.9].map((s) => ({
    sparsity: s,
    dense: t(1),
    formats: { csr: t(1 / (0.5 + 2 * s)), bsr: t(1 - s), ...(s === 0.5 ? { '24': t(0.8) } : {}) },
  }));

  it('reads speed-ups and break-even points per batch', () => {
    const live = accelerationLive({ 64: rows }, null);
    expect(live['b64.csr.at90']).toBeCloseTo(2.3, 12);
    expect(live['b64.bsr.at90']).toBeCloseTo(10, 12);
    expect(live['b64.s24.at50']).toBeCloseTo(1.25, 12);
    expect(live['b64.csr.breakEven']).toBeCloseTo(0.25, 12); // 0.5× at 0%, 1.5× at 50%: interpolated
    expect(live['b1.csr.at90']).toBeUndefined();
    expect(live['dyn.acc']).toBeNull();
  });

  it('gives no break-even before the table reaches 90%', () => {
    expect(accelerationLive({ 1: rows.slice(0, 3) }, null)['b1.csr.breakEven']).toBeNull();
  });
});

describe('modelsLive', () => {
  it('names scores by model and text', () => {
    expect(modelsLive({ bpc: { 'lm-en.p0': 2.1 }, uniformBits: { 'lm-en': 6.375 }, charsPerSecond: 40 })).toEqual({
      'bpc.lm-en.p0': 2.1,
      'uniform.lm-en': 6.375,
      cps: 40,
    });
  });
});
