/**
 * The performance goals, checked on benchmark rows of one run (ratios only):
 *   CSR:  break-even at <= 70% sparsity, >= 2x at 90%           (Sputnik: 75–80%, 1.8x)
 *   BSR 32×32: break-even at <= 40%, >= 5x at 90%              (PyTorch BSR on A100: 82%, 1.37x)
 *   2:4:  >= 1.25x vs our dense GEMM, >= 1.6x for batch-1 GEMV (cuSPARSELt: 1.1–1.4x)
 *   our dense GEMM vs tfjs matMul at 0%: within 0.8–1.25x
 * Each goal is checked per (size, batch) group of rows.
 */
import { breakEvenSparsity } from './table';

export interface GoalCheck {
  group: string;
  goal: string;
  measured: number | null;
  target: string;
  pass: boolean;
}

/**
 * The fields of a benchmark row the goals read (a BenchMeasurement of lib/bench/types.ts has them;
 * typed here so that lib/acceleration does not import lib/bench, which imports it).
 */
type Row = {
  kernel: string;
  baseline: string;
  params: Record<string, number | string | boolean>;
  sparsity: number;
  speedup: number;
};

const groupKey = (r: Row) => `size ${r.params.size}, batch ${r.params.batch}`;

export function evaluateAccelerationGoals(rows: readonly Row[]): GoalCheck[] {
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const k = groupKey(r);
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const out: GoalCheck[] = [];
  for (const [group, rs] of groups) {
    const batch = Number(rs[0].params.batch);
    const of = (prefix: string) => rs.filter((r) => r.kernel.startsWith(prefix) && r.baseline === 'dense-ours');
    const at = (list: Row[], s: number) => list.find((r) => Math.abs(r.sparsity - s) < 1e-9)?.speedup ?? null;
    for (const [name, prefix, be, at90] of [
      ['CSR', 'csr', 0.7, 2],
      ['BSR 32×32', 'bsr32', 0.4, 5],
    ] as const) {
      const list = of(prefix);
      if (list.length < 2) continue;
      const b = breakEvenSparsity(list.map((r) => ({ sparsity: r.sparsity, speedup: r.speedup })));
      out.push({ group, goal: `${name} break-even sparsity`, measured: b, target: `<= ${be * 100}%`, pass: b !== null && b <= be + 1e-9 });
      const s90 = at(list, 0.9);
      if (s90 !== null) out.push({ group, goal: `${name} speed-up at 90%`, measured: s90, target: `>= ${at90}x`, pass: s90 >= at90 });
    }
    const s24 = at(of('2:4'), 0.5);
    if (s24 !== null) {
      const target = batch === 1 ? 1.6 : 1.25;
      out.push({
        group,
        goal: `2:4 speed-up (${batch === 1 ? 'GEMV' : 'GEMM'})`,
        measured: s24,
        target: `>= ${target}x`,
        pass: s24 >= target,
      });
    }
    const vsTf = rs.find((r) => r.kernel === 'dense-ours' && r.baseline === 'tfjs-matmul');
    if (vsTf && batch > 1) {
      out.push({
        group,
        goal: 'our dense GEMM vs tfjs matMul (tfjs ms / ours ms)',
        measured: vsTf.speedup,
        target: '0.8–1.25x',
        pass: vsTf.speedup >= 0.8 && vsTf.speedup <= 1.25,
      });
    }
  }
  return out;
}

export function formatGoalChecks(checks: readonly GoalCheck[]): string[] {
  return checks.map((c) => {
    const v =
      c.measured === null
        ? 'none in range'
        : c.goal.includes('break-even')
          ? `${(c.measured * 100).toFixed(1)}%`
          : `${c.measured.toFixed(2)}x`;
    return `goal [${c.pass ? 'met' : 'missed'}] ${c.group}: ${c.goal} = ${v} (target ${c.target})`;
  });
}
