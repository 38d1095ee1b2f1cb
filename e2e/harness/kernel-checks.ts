/** What every family of e2e/harness/kernels-entry.ts returns, and how a check is judged. */
import { checkKernel } from '../../lib/runtime/check-kernel';
import type { KernelContext } from '../../lib/kernels/harness';

export const FAMILIES = ['matmul', 'attention', 'moe', 'linear'] as const;
export type Family = (typeof FAMILIES)[number];

export interface KernelResult {
  /** Stable id, e.g. 'csr-spmv-lanes4'. */
  id: string;
  /** The WGSL program (class) and the specialisation the check ran, e.g. 'CsrGemvProgram lanes 4'. */
  program: string;
  /** max |gpu − twin| (integer steps: entries that differ). */
  maxAbsError: number;
  /** max |twin|. */
  scale: number;
  /** The largest error that passes (absolute). */
  tolerance: number;
  /**
   * max |gpu|, or null for MoE steps, whose check (moe-check.ts) reports only the comparison:
   * there a zero output passes only if max |twin| <= 1e-4 (the bound is 1e-4 · max(1, max |twin|)),
   * and the spec fails a zero twin.
   */
  maxAbsOutput: number | null;
  /** A WebGPU validation error raised while the check ran, or null. */
  validationError: string | null;
}

export type Check = {
  id: string;
  program: string;
  run: (
    ctx: KernelContext,
  ) => Promise<Omit<KernelResult, 'id' | 'program' | 'validationError'>[] | Omit<KernelResult, 'id' | 'program' | 'validationError'>>;
};

export function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/** A program's output against its twin by lib/runtime/check-kernel.ts's rule; `tolerance` is the bound it sets. */
export function judged(actual: Float32Array, expected: ArrayLike<number>) {
  const c = checkKernel(actual, expected);
  return { maxAbsError: c.maxAbsError, scale: c.scale, tolerance: c.bound, maxAbsOutput: maxAbs(actual) };
}
