/**
 * Seeded randomness for the BigBird random blocks.
 *
 * - Uniform: mulberry32 (Tommy Ettinger's 32-bit generator, public domain): one 32-bit
 *   state advanced by the odd constant 0x6D2B79F5 and mixed by two multiply-xorshift
 *   rounds; output u ∈ [0, 1) with 2^-32 resolution. Same seed → same sequence, in Node
 *   and in every browser (only 32-bit integer maths, no platform Math.random).
 * - Sampling without replacement: Floyd's algorithm (see sampleDistinctIndices).
 */

import { mulberry32 } from '../random';

/** Uniform numbers in [0, 1): the project's mulberry32 (lib/random.ts). */
export const createSeededRandom = mulberry32;

/**
 * Picks `count` distinct integers of [0, poolSize) with `random`, by Floyd's algorithm
 * (Bentley & Floyd 1987, "A sample of brilliance"): for j = poolSize - count … poolSize - 1,
 * draw t uniform in [0, j]; keep t, or j if t was already kept. Every count-subset is
 * equally likely; O(count) time and memory however large the pool, no rejection loop.
 * Throws a RangeError when more items are asked for than the pool holds.
 */
export function sampleDistinctIndices(poolSize: number, count: number, random: () => number): number[] {
  if (!Number.isInteger(poolSize) || poolSize < 0) {
    throw new RangeError(`The pool size must be a whole number of at least 0 (got ${String(poolSize)}).`);
  }
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`The number of items to pick must be a whole number of at least 0 (got ${String(count)}).`);
  }
  if (count > poolSize) {
    throw new RangeError(`Cannot pick ${count} distinct items from only ${poolSize}.`);
  }
  const picked = new Set<number>();
  for (let j = poolSize - count; j < poolSize; j++) {
    const t = Math.floor(random() * (j + 1));
    picked.add(picked.has(t) ? j : t);
  }
  return Array.from(picked);
}
