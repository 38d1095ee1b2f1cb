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
  /** max |expected|: tolerances of the form `1e-4 * scale` use it. */
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
