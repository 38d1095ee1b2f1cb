/**
 * Seeded pseudo-random numbers for reproducible router noise.
 *
 * - Uniform: mulberry32 (Tommy Ettinger's 32-bit generator, public domain), a
 *   single 32-bit state advanced by the odd constant 0x6D2B79F5 and mixed with
 *   two multiply-xorshift rounds. Output u ∈ [0, 1) with 2^-32 resolution.
 * - Normal: Box–Muller (1958). From u1 ∈ (0, 1], u2 ∈ [0, 1):
 *     r = sqrt(-2 ln u1),  z0 = r cos(2π u2),  z1 = r sin(2π u2)
 *   gives two independent N(0, 1) draws; both are used, z0 first.
 *
 * The same seed always yields the same sequence, in Node and in the browser.
 */

import { mulberry32 } from '../random';

/** Uniform numbers in [0, 1): the project's mulberry32 (lib/random.ts). */
export const createUniformSampler = mulberry32;

/** Returns a generator of standard normal N(0, 1) draws (Box–Muller over mulberry32). */
export function createNormalSampler(seed: number): () => number {
  const uniform = createUniformSampler(seed);
  let spare = 0;
  let hasSpare = false;
  return () => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    const u1 = 1 - uniform(); // (0, 1]: keeps ln(u1) finite
    const u2 = uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    const angle = 2 * Math.PI * u2;
    spare = r * Math.sin(angle);
    hasSpare = true;
    return r * Math.cos(angle);
  };
}
