/**
 * Seeded randomness for the MNIST split, batch order and augmentation.
 *
 * mulberry32 (Tommy Ettinger, public domain): one 32-bit state s, advanced by the odd
 * constant 0x6D2B79F5 and mixed by two multiply-xorshift rounds; output u ∈ [0, 1) with
 * 2^-32 resolution. Integer arithmetic only (Math.imul, >>>), so Node and every browser
 * produce the same sequence for the same seed.
 *
 * The generator is the project's one mulberry32 (lib/random.ts); a test rebuilds the
 * committed MNIST binaries byte for byte, so a change to it cannot pass unnoticed.
 */

import { mulberry32 } from '../random';

/** Uniform numbers in [0, 1): the project's mulberry32 (lib/random.ts). */
export const createMulberry32 = mulberry32;

/**
 * Fisher–Yates (Durstenfeld) shuffle in place: for i = n-1 … 1, j = ⌊u·(i+1)⌋, swap a[i], a[j].
 * Consumes exactly n-1 draws from `random`. Returns `array`.
 */
export function shuffleInPlace<A extends { length: number; [index: number]: unknown }>(array: A, random: () => number): A {
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = array[i];
    array[i] = array[j];
    array[j] = tmp;
  }
  return array;
}

/** Returns a permutation of 0 … n-1 (Uint32Array), shuffled by mulberry32(seed). */
export function createShuffledIndices(n: number, seed: number): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return shuffleInPlace(order, createMulberry32(seed));
}
