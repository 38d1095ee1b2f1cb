/**
 * Comparing two pruning masks of the same layer W [out, in] (row-major, 1 = kept, 0 = pruned,
 * `undefined` = the method left the layer dense). Every weight falls in exactly one of four
 * classes, so the four counts add up to out · in:
 *   both     kept by A and by B
 *   aOnly    kept by A, pruned by B
 *   bOnly    pruned by A, kept by B
 *   neither  pruned by both
 */

/** Class codes of `classifyMasks`, in legend order. */
export const DIFF_CLASSES = ['both', 'aOnly', 'bOnly', 'neither'] as const;
export type DiffClass = (typeof DIFF_CLASSES)[number];

export interface MaskDiffCounts {
  both: number;
  aOnly: number;
  bOnly: number;
  neither: number;
  /** Weights compared (= both + aOnly + bOnly + neither = out · in). */
  total: number;
  /** Share of weights on which A and B agree: (both + neither) / total (1 for an empty layer). */
  agreement: number;
}

function checkLength(mask: Uint8Array | undefined, size: number, name: string) {
  if (mask && mask.length !== size) throw new Error(`mask ${name} has ${mask.length} entries, expected ${size}`);
}

/**
 * Per-weight class index into DIFF_CLASSES: 0 both, 1 A only, 2 B only, 3 neither.
 * `size` is the layer's weight count (used when both masks are undefined).
 */
export function classifyMasks(a: Uint8Array | undefined, b: Uint8Array | undefined, size: number): Uint8Array {
  checkLength(a, size, 'A');
  checkLength(b, size, 'B');
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    const ka = !a || a[i] !== 0;
    const kb = !b || b[i] !== 0;
    out[i] = ka ? (kb ? 0 : 1) : kb ? 2 : 3;
  }
  return out;
}

/** Counts of the four classes (see the file comment). */
export function countMaskDiff(a: Uint8Array | undefined, b: Uint8Array | undefined, size: number): MaskDiffCounts {
  const classes = classifyMasks(a, b, size);
  const c = [0, 0, 0, 0];
  for (let i = 0; i < size; i++) c[classes[i]]++;
  return { both: c[0], aOnly: c[1], bOnly: c[2], neither: c[3], total: size, agreement: size === 0 ? 1 : (c[0] + c[3]) / size };
}
