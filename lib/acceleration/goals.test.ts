import { describe, expect, it } from 'vitest';
import { accelerationBenchPlan } from '../bench/acceleration';
import { evaluateAccelerationGoals, formatGoalChecks } from './goals';

const row = (kernel: string, baseline: string, sparsity: number, speedup: number, batch = 64) => ({
  kernel,
  baseline,
  params: { size: 512, batch },
  sparsity,
  speedup,
});

describe("the issue's goals", () => {
  it('checks break-even and 90% speed-ups per format, 2:4 and dense vs tfjs', () => {
    const rows = [
      row('dense-ours', 'tfjs-matmul', 0, 0.9),
      ...[0, 0.5, 0.7, 0.9].map((s, i) => row('csr-spmm', 'dense-ours', s, [0.5, 0.8, 1.1, 2.5][i])),
      ...[0, 0.5, 0.7, 0.9].map((s, i) => row('bsr32-spmm', 'dense-ours', s, [0.95, 1.4, 2.5, 4.5][i])),
      row('2:4-spmm', 'dense-ours', 0.5, 1.3),
      row('2:4-spmv', 'dense-ours', 0.5, 1.2, 1),
    ];
    const checks = evaluateAccelerationGoals(rows);
    const by = (g: string) => checks.find((c) => c.goal.startsWith(g) && c.group.includes('batch 64'));
    expect(by('CSR break-even')?.measured).toBeCloseTo(0.5 + 0.2 * (0.2 / 0.3), 10);
    expect(by('CSR break-even')?.pass).toBe(true);
    expect(by('CSR speed-up at 90%')?.pass).toBe(true);
    expect(by('BSR 32×32 break-even')?.pass).toBe(true);
    expect(by('BSR 32×32 speed-up at 90%')?.pass).toBe(false);
    expect(by('2:4 speed-up (GEMM)')?.pass).toBe(true);
    expect(by('our dense GEMM vs tfjs')?.pass).toBe(true);
    const gemv = checks.find((c) => c.group.includes('batch 1') && c.goal.includes('GEMV'));
    expect(gemv?.pass).toBe(false);
    expect(formatGoalChecks(checks).some((l) => l.startsWith('goal [missed]') && l.includes('BSR'))).toBe(true);
  });
});

describe('benchmark sizes', () => {
  it('tiny is 128, quick on software is 512 / 1024, full covers 1024–4096', () => {
    expect(accelerationBenchPlan('tiny', true).gemm.every((g) => g.size === 128)).toBe(true);
    expect(accelerationBenchPlan('quick', true).gemm.map((g) => g.size)).toEqual([512, 1024]);
    expect(accelerationBenchPlan('quick', false).gemm.map((g) => g.size)).toEqual([1024, 1024]);
    expect(new Set(accelerationBenchPlan('full', false).gemm.map((g) => g.size))).toEqual(new Set([1024, 2048, 4096]));
    expect(accelerationBenchPlan('full', true).gemm.every((g) => g.sparsities.length === 7)).toBe(true);
  });
});
