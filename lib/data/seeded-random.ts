/**
 * Seeded randomness for the MNIST split, batch order and augmentation.
 *
 * mulberry32 (Tommy Ettinger, public domain): one 32-bit state s, advanced by the odd
 * constant 0x6D2B79F5 and mixed by two multiply-xorshift rounds; output u ∈ [0, 1) with
 * 2^-32 resolution. Integer arithmetic only (Math.imul, >>>), so Node and every browser
 * produce the same sequence for the same seed.
 *
 * This is deliberately a local copy (same algorithm as lib/moe/random.ts): the committed
 * MNIST binaries must stay byte-reproducible even if another module's generator changes.
 */

/** Returns a generator of uniform numbers in [0, 1). `seed` is reduced to 32 bits. */
export function createMulberry32(seed: number): () => number {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${String(seed)}`);
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
