/**
 * Magnitude histogram of a layer's weights, split into kept and pruned, and the magnitude
 * threshold a magnitude-based mask implies.
 *
 * Binning: `bins` equal bins over [0, max]; |w| falls in bin ⌊|w| / max · bins⌋, with
 * |w| = max (and anything above, when max is given smaller) in the last bin. max defaults
 * to the largest |w| (an all-zero layer uses max = 1).
 */
export interface MagnitudeHistogram {
  /** bins + 1 edges, edges[0] = 0, edges[bins] = max. */
  edges: Float64Array;
  kept: Uint32Array;
  pruned: Uint32Array;
  max: number;
}

export function binMagnitudes(weights: Float32Array, mask: Uint8Array | undefined, bins: number, max?: number): MagnitudeHistogram {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be a positive integer, got ${bins}`);
  if (mask && mask.length !== weights.length) throw new RangeError(`mask has ${mask.length} entries, expected ${weights.length}`);
  let top = max ?? 0;
  if (max === undefined) for (let i = 0; i < weights.length; i++) top = Math.max(top, Math.abs(weights[i]));
  if (!(top > 0) || !Number.isFinite(top)) top = 1;
  const kept = new Uint32Array(bins);
  const pruned = new Uint32Array(bins);
  const scale = bins / top;
  for (let i = 0; i < weights.length; i++) {
    const a = Math.abs(weights[i]);
    const b = Math.min(bins - 1, Math.floor(a * scale));
    if (mask && mask[i] === 0) pruned[b]++;
    else kept[b]++;
  }
  const edges = new Float64Array(bins + 1);
  for (let b = 0; b <= bins; b++) edges[b] = (b / bins) * top;
  return { edges, kept, pruned, max: top };
}

/**
 * For a mask: the largest pruned |w| and the smallest kept |w| (null when there is none).
 * A magnitude mask (L1 unstructured, global) has maxPruned <= minKept: one threshold
 * separates them. Structured, N:M, block and Wanda masks overlap (maxPruned > minKept).
 */
export function magnitudeThreshold(
  weights: Float32Array,
  mask: Uint8Array,
): { maxPruned: number | null; minKept: number | null; separable: boolean } {
  let maxPruned = -1;
  let minKept = Number.POSITIVE_INFINITY;
  for (let i = 0; i < weights.length; i++) {
    const a = Math.abs(weights[i]);
    if (mask[i] === 0) maxPruned = Math.max(maxPruned, a);
    else minKept = Math.min(minKept, a);
  }
  const mp = maxPruned < 0 ? null : maxPruned;
  const mk = minKept === Number.POSITIVE_INFINITY ? null : minKept;
  return { maxPruned: mp, minKept: mk, separable: mp === null || mk === null || mp <= mk };
}
