/**
 * URL state of the pruning lab: one schema, every control (seeds included).
 *
 *   method      which pruning rule (see lib/pruning/model-masks.ts)
 *   amount      fraction of the units to prune per application, torch.nn.utils.prune's `amount`
 *   layer       which layer the pictures show (fc1 [256, 784], fc2 [256, 256], fc3 [10, 256])
 *   scope       prune every Linear layer ('all') or only the hidden ones ('hidden': fc3 stays dense)
 *   norm, dim   ln_structured's n (1, 2, inf) and dim (0 = output rows, 1 = input columns)
 *   n, m        N:M: keep n of every m consecutive weights along the input dim
 *   block       side b of the b × b tiles of block pruning
 *   iterations  how many times the method is applied; each application prunes `amount` of what
 *               remains (PyTorch's PruningContainer), so the sparsity is 1 − (1 − amount)^iterations
 *   finetune    Adam steps on the training digits with the masks held (0 = off)
 *   seed        seed of the fine-tuning batch order
 *   compare     'none', or a second method pruned with the same settings and shown beside the
 *               first (masks, their difference, accuracies); added later with a default, so
 *               links made before it still parse unchanged
 * n and m may be given inconsistently (n > m, m not dividing a layer's input dim) and block may
 * not divide a layer: the lab then explains the problem instead of pruning that layer.
 */
import { type StateOf, defineSchema } from './schema';

export const PRUNE_METHODS = ['l1-unstructured', 'ln-structured', 'nm', 'global', 'block', 'wanda'] as const;
export type PruneMethod = (typeof PRUNE_METHODS)[number];

/** Values of `compare`: no comparison, or the method to compare with. */
export const COMPARE_VALUES = ['none', ...PRUNE_METHODS] as const;
export type CompareValue = (typeof COMPARE_VALUES)[number];

export const LAYER_NAMES = ['fc1', 'fc2', 'fc3'] as const;
export type LayerName = (typeof LAYER_NAMES)[number];

export const NORM_VALUES = ['1', '2', 'inf'] as const;
export type NormName = (typeof NORM_VALUES)[number];

/** N:M presets offered as buttons (the URL may hold any n, m in range). */
export const NM_PRESETS: readonly (readonly [number, number])[] = [
  [2, 4],
  [1, 4],
  [4, 8],
];

/** Block sizes the slider offers (the URL may hold any integer in [1, 64]). */
export const BLOCK_SIZES = [1, 2, 4, 8, 16, 32] as const;

export const pruningSchema = defineSchema('pruning', 1, {
  method: { kind: 'enum', default: 'l1-unstructured', values: PRUNE_METHODS },
  amount: { kind: 'float', default: 0.5, min: 0, max: 1, digits: 3 },
  layer: { kind: 'enum', default: 'fc1', values: LAYER_NAMES },
  scope: { kind: 'enum', default: 'all', values: ['all', 'hidden'] },
  norm: { kind: 'enum', default: '2', values: NORM_VALUES },
  dim: { kind: 'int', default: 0, min: 0, max: 1 },
  n: { kind: 'int', default: 2, min: 1, max: 16 },
  m: { kind: 'int', default: 4, min: 1, max: 16 },
  block: { kind: 'int', default: 4, min: 1, max: 64 },
  iterations: { kind: 'int', default: 1, min: 1, max: 10 },
  finetune: { kind: 'int', default: 0, min: 0, max: 1000 },
  seed: { kind: 'int', default: 1, min: 0, max: 2 ** 31 - 1 },
  compare: { kind: 'enum', default: 'none', values: COMPARE_VALUES },
});

export type PruningState = StateOf<typeof pruningSchema>;

/** The norm order as a number: '1' → 1, '2' → 2, 'inf' → Infinity. */
export function normOrder(norm: NormName): number {
  return norm === 'inf' ? Number.POSITIVE_INFINITY : Number(norm);
}

/** Index of a layer name in the model (fc1 → 0). */
export function layerIndex(layer: LayerName): number {
  return LAYER_NAMES.indexOf(layer);
}
