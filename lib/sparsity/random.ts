/**
 * Seeded pseudo-random numbers for reproducible test matrices and benchmarks.
 *
 * mulberry32 (Tommy Ettinger, public domain): a single 32-bit state advanced by the
 * odd constant 0x6D2B79F5 and mixed by two multiply-xorshift rounds. Output
 * u = (32-bit word) / 2^32, so u ∈ [0, 1) with 2^-32 resolution. The same seed gives
 * the same sequence in Node and in every browser (only Math.imul and 32-bit ops).
 */

import { mulberry32 } from '../random';

/** Uniform numbers in [0, 1): the project's mulberry32 (lib/random.ts). */
export const createMulberry32 = mulberry32;

/** Uniform integer in [0, n) from a [0, 1) generator (n >= 1). */
export function randomInt(rng: () => number, n: number): number {
  return Math.floor(rng() * n);
}

/**
 * Uniform value in [-1, 1) that is never exactly 0: v = 2u - 1, redrawn while v == 0
 * (u = 0.5 exactly has probability 2^-32, so the loop ends after one draw in practice).
 */
export function randomNonZeroUnit(rng: () => number): number {
  for (;;) {
    const v = 2 * rng() - 1;
    if (v !== 0) return v;
  }
}

/**
 * Picks `k` distinct indices of [0, n) uniformly at random: the first k steps of a
 * Fisher–Yates shuffle (Durstenfeld), O(n) memory and time. Returned in draw order.
 */
export function sampleIndices(rng: () => number, n: number, k: number): Int32Array {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be an integer >= 0, got ${String(n)}`);
  if (!Number.isInteger(k) || k < 0 || k > n) throw new RangeError(`k must be an integer in [0, n = ${n}], got ${String(k)}`);
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let i = 0; i < k; i++) {
    const j = i + randomInt(rng, n - i);
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  return perm.subarray(0, k);
}
