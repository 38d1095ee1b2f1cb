import { describe, expect, it } from 'vitest';
import { accuracy, mlpForward } from '../models/mlp';
import { CURVE_AMOUNTS, NM_CURVE_PATTERNS, accuracyAtClaims, curveOf, evaluateCurveJob, listCurveJobs } from './curve';
import type { PruneSettings } from './model-masks';
import { makeRandomData, makeRandomMlp } from './test-helpers';

const base: PruneSettings = {
  method: 'ln-structured',
  amount: 0.3,
  norm: 1,
  dim: 1,
  n: 2,
  m: 4,
  blockSize: 4,
  iterations: 3,
  scope: 'all',
};
const net = makeRandomMlp(4, [16, 8, 8, 4]);
const test = makeRandomData(8, 40, 16, 4);
const cal = { x: makeRandomData(9, 10, 16, 4).images, count: 10 };

describe('listCurveJobs', () => {
  const jobs = listCurveJobs(base);
  it('covers every amount of every method and the N:M patterns once', () => {
    expect(jobs).toHaveLength(5 * CURVE_AMOUNTS.length + NM_CURVE_PATTERNS.length);
    const keys = jobs.map((j) => `${j.method}@${j.target}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
  it("puts the source's sparsities (50, 70, 90%) and 2:4 first", () => {
    const first = jobs.slice(0, 5 * 3 + 1);
    expect(first.every((j) => [0.5, 0.7, 0.9].includes(j.target))).toBe(true);
    expect(first.filter((j) => j.method === 'nm').map((j) => j.label)).toEqual(['2:4']);
  });
  it('is one-shot and keeps the other settings (norm, dim, block, scope)', () => {
    for (const j of jobs) {
      expect(j.settings.iterations).toBe(1);
      expect(j.settings).toMatchObject({ norm: 1, dim: 1, blockSize: 4, scope: 'all', method: j.method });
    }
  });
  it('N:M targets are 1 − n/m', () => {
    const nm = jobs.filter((j) => j.method === 'nm');
    for (const j of nm) expect(j.target).toBeCloseTo(1 - j.settings.n / j.settings.m, 12);
  });
});

describe('evaluateCurveJob', () => {
  it('at amount 0 gives the dense accuracy and sparsity 0', () => {
    const job = listCurveJobs(base, ['l1-unstructured']).find((j) => j.target === 0);
    const p = evaluateCurveJob(net, test, cal, job!);
    expect(p?.sparsity).toBe(0);
    expect(p?.accuracy).toBe(accuracy(mlpForward(net, test.images, test.count), test.labels, test.count));
  });
  it('measures the sparsity it reached', () => {
    const job = listCurveJobs(base, ['global']).find((j) => j.target === 0.7);
    expect(evaluateCurveJob(net, test, cal, job!)?.sparsity).toBeCloseTo(0.7, 2);
  });
  it('returns null when the settings prune nothing', () => {
    const job = listCurveJobs({ ...base, blockSize: 3 }, ['block'])[0];
    expect(evaluateCurveJob(net, test, cal, job)).toBeNull();
  });
  it('curveOf sorts one method by sparsity', () => {
    const pts = [
      { method: 'nm' as const, target: 0.75, sparsity: 0.75, accuracy: 0.5 },
      { method: 'wanda' as const, target: 0.5, sparsity: 0.5, accuracy: 0.9 },
      { method: 'nm' as const, target: 0.5, sparsity: 0.5, accuracy: 0.8 },
    ];
    expect(curveOf(pts, 'nm').map((p) => p.sparsity)).toEqual([0.5, 0.75]);
  });
});

describe('accuracyAtClaims', () => {
  it('uses exact points, interpolates between neighbours, and waits for missing ones', () => {
    const pts = [
      { method: 'nm' as const, target: 0.5, sparsity: 0.5, accuracy: 0.96 },
      { method: 'nm' as const, target: 0.75, sparsity: 0.75, accuracy: 0.86 },
    ];
    const r = accuracyAtClaims(pts, 'nm');
    expect(r[0]).toEqual({ sparsity: 0.5, accuracy: 0.96, interpolated: false });
    expect(r[1].accuracy).toBeCloseTo(0.88, 12);
    expect(r[1].interpolated).toBe(true);
    expect(r[2].accuracy).toBeNull();
  });
  it('takes a point within half a percent as measured at that sparsity', () => {
    const pts = [
      { method: 'wanda' as const, target: 0.6, sparsity: 0.6, accuracy: 0.95 },
      { method: 'wanda' as const, target: 0.7, sparsity: 0.7002, accuracy: 0.86 },
      { method: 'wanda' as const, target: 0.8, sparsity: 0.8, accuracy: 0.5 },
    ];
    expect(accuracyAtClaims(pts, 'wanda')[1]).toEqual({ sparsity: 0.7, accuracy: 0.86, interpolated: false });
  });
});
