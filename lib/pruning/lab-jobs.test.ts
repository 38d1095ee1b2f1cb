import { describe, expect, it } from 'vitest';
import { listCurveJobs } from './curve';
import { JobCancelled, evaluateSettings, fineTuneCheckpoints, measureAccuracy, runCurve, runFineTune } from './lab-jobs';
import type { PruneSettings } from './model-masks';
import { makeRandomData, makeRandomMlp } from './test-helpers';

const weights = makeRandomMlp(12, [16, 8, 8, 4]);
const test = makeRandomData(13, 30, 16, 4);
const calibration = { x: makeRandomData(14, 8, 16, 4).images, count: 8 };
const data = { weights, test, calibration };
const base: PruneSettings = {
  method: 'l1-unstructured',
  amount: 0.5,
  norm: 2,
  dim: 0,
  n: 2,
  m: 4,
  blockSize: 4,
  iterations: 1,
  scope: 'all',
};
const noTick = async () => {};

describe('evaluateSettings', () => {
  it('returns masks, accuracy, sparsity, stats and timings', () => {
    let t = 0;
    const r = evaluateSettings(data, base, () => (t += 10));
    expect(r.sparsity).toBe(0.5);
    expect(r.accuracy).toBe(measureAccuracy(weights, test, r.masks));
    expect(r.stats.total.kept).toBe(r.stats.total.params / 2);
    expect([r.pruneMs, r.evalMs]).toEqual([10, 10]);
  });
  it('bad settings come back as issues with the dense model', () => {
    const r = evaluateSettings(data, { ...base, method: 'nm', n: 3, m: 2 });
    expect(r.issues[0].key).toBe('n-greater-than-m');
    expect(r.accuracy).toBe(measureAccuracy(weights, test));
  });
});

describe('runCurve', () => {
  it('reports every point with a running count', async () => {
    const seen: number[] = [];
    await runCurve(data, base, (_p, done) => seen.push(done), noTick);
    expect(seen.at(-1)).toBe(listCurveJobs(base).length);
  });
  it('stops when a tick throws JobCancelled', async () => {
    let ticks = 0;
    const tick = async () => {
      if (++ticks > 3) throw new JobCancelled();
    };
    const points: unknown[] = [];
    await expect(runCurve(data, base, (p) => points.push(p), tick)).rejects.toBeInstanceOf(JobCancelled);
    expect(points).toHaveLength(3);
  });
});

describe('fine-tuning job', () => {
  it('checkpoints: about ten, always the last step', () => {
    expect(fineTuneCheckpoints(0)).toEqual([]);
    expect(fineTuneCheckpoints(5)).toEqual([1, 2, 3, 4, 5]);
    expect(fineTuneCheckpoints(100)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(fineTuneCheckpoints(25).at(-1)).toBe(25);
  });
  it('reports progress at the checkpoints and returns masked weights', async () => {
    const masks = evaluateSettings(data, base).masks;
    const train = makeRandomData(15, 64, 16, 4);
    const steps: number[] = [];
    const r = await runFineTune(data, train, masks, 20, 1, (p) => steps.push(p.step), noTick);
    expect(steps).toEqual(fineTuneCheckpoints(20));
    expect(r.accuracy).toBe(measureAccuracy(r.weights, test));
    const m0 = masks[0] as Uint8Array;
    for (let i = 0; i < m0.length; i++) if (m0[i] === 0) expect(r.weights.layers[0].weight[i]).toBe(0);
  });
});
