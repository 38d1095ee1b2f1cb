/**
 * The pruning lab's method names and ln_structured's norm orders, shared by the pruning code
 * (model-masks.ts, curve.ts) and the lab's URL state (lib/state/pruning.ts, which re-exports them).
 */

export const PRUNE_METHODS = ['l1-unstructured', 'ln-structured', 'nm', 'global', 'block', 'wanda'] as const;
export type PruneMethod = (typeof PRUNE_METHODS)[number];

export const NORM_VALUES = ['1', '2', 'inf'] as const;
export type NormName = (typeof NORM_VALUES)[number];

/** The norm order as a number: '1' → 1, '2' → 2, 'inf' → Infinity. */
export function normOrder(norm: NormName): number {
  return norm === 'inf' ? Number.POSITIVE_INFINITY : Number(norm);
}
