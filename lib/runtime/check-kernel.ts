/**
 * How every kernel check in the site decides: a float32 GPU program's output against its reference
 * twin (float64 or float32 CPU code computing the same thing).
 *
 * The one rule: pass iff max_i |program_i − twin_i| <= tolerance · max(1, max_i |twin_i|).
 * Relative to the output's scale, because float32 rounding grows with the magnitude of the sums
 * (a 1024-term dot product of values near 1 carries errors near 1e-5); never tighter than
 * `tolerance` in absolute terms, so outputs whose scale is far below 1 (attention probabilities,
 * gate weights) are not held to errors below float32's resolution of their inputs. The site's
 * tolerance is KERNEL_TOLERANCE = 1e-4 for every kernel; integer outputs (expert ids, offsets,
 * permutations) must match exactly (checkExact).
 */

/** The tolerance of every float kernel check in the site (see the rule above). */
export const KERNEL_TOLERANCE = 1e-4;

/**
 * compareOutputs: how far a kernel's output is from its reference twin.
 *   maxAbsError = max_i |a_i - e_i|
 *   maxRelError = max_i |a_i - e_i| / max(|e_i|, 1e-3 * scale), scale = max_i |e_i|
 * (the floor keeps entries near zero from dominating the relative error).
 * Non-finite outputs count as an infinite error.
 */
export interface Comparison {
  maxAbsError: number;
  maxRelError: number;
  /** max |expected|: the check's bound is tolerance · max(1, scale). */
  scale: number;
  /** Flat index of the worst absolute error (-1 for empty arrays). */
  worstIndex: number;
}

export function compareOutputs(actual: ArrayLike<number>, expected: ArrayLike<number>): Comparison {
  if (actual.length !== expected.length) {
    throw new RangeError(`cannot compare outputs of different lengths: ${actual.length} vs ${expected.length}`);
  }
  let scale = 0;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]));
  const floor = Math.max(1e-3 * scale, Number.MIN_VALUE);
  let maxAbsError = 0;
  let maxRelError = 0;
  let worstIndex = expected.length > 0 ? 0 : -1;
  for (let i = 0; i < expected.length; i++) {
    const diff = Math.abs(actual[i] - expected[i]);
    const abs = Number.isFinite(diff) ? diff : Number.POSITIVE_INFINITY;
    if (abs > maxAbsError) {
      maxAbsError = abs;
      worstIndex = i;
    }
    maxRelError = Math.max(maxRelError, abs / Math.max(Math.abs(expected[i]), floor));
  }
  return { maxAbsError, maxRelError, scale, worstIndex };
}

export interface KernelVerdict extends Comparison {
  pass: boolean;
  /** The tolerance asked for, and the bound it gave: tolerance · max(1, scale). */
  tolerance: number;
  bound: number;
}

/** The bound a check with this tolerance sets on outputs of this scale. */
export function kernelBound(scale: number, tolerance: number = KERNEL_TOLERANCE): number {
  return tolerance * Math.max(1, scale);
}

/** Whether a comparison passes the rule above. */
export function passes(c: Comparison, tolerance: number = KERNEL_TOLERANCE): boolean {
  return c.maxAbsError <= kernelBound(c.scale, tolerance);
}

/** The program's output against its twin, judged by the rule above. */
export function checkKernel(program: ArrayLike<number>, twin: ArrayLike<number>, tolerance: number = KERNEL_TOLERANCE): KernelVerdict {
  const c = compareOutputs(program, twin);
  const bound = kernelBound(c.scale, tolerance);
  return { ...c, pass: c.maxAbsError <= bound, tolerance, bound };
}

/** Integer outputs: how many entries differ (a length difference counts as the longer length), and the float comparison of the common part. */
export function checkExact(program: ArrayLike<number>, twin: ArrayLike<number>): KernelVerdict & { mismatches: number } {
  const n = Math.min(program.length, twin.length);
  let mismatches = program.length === twin.length ? 0 : Math.max(program.length, twin.length);
  for (let i = 0; i < n; i++) if (program[i] !== twin[i]) mismatches++;
  const c = compareOutputs(Array.from(program).slice(0, n), Array.from(twin).slice(0, n));
  return { ...c, mismatches, pass: mismatches === 0, tolerance: 0, bound: 0 };
}
