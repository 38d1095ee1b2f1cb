/**
 * URL state of the pruning lab: one schema, every control (seeds included).
 *
 *   method      which pruning rule (see lib/pruning/model-masks.ts)
 *   amount      fraction of the units to prune per application, torch.nn.utils.prune's `amount`
 *   layer       which layer the pictures show (fc1 [256, 784], fc2 [256, 256], fc3 [10, 256])
 *   scope       prune every Linear layer ('all') or only the hidden ones ('hidden', the default: fc3's
 *               10 class rows stay dense; pruning them is what sinks Ln-structured to 47% at 50%)
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
 * The language-model half of the lab (model=lm; added later with defaults, so older links parse
 * unchanged and still open the MNIST network):
 *   model       'mnist' (the MLP on digits) or 'lm' (a character-level Llama, lib/lm/prune.ts)
 *   lm          'auto' (lm-en on /en, lm-zh on /zh), 'lm-en', 'lm-zh'
 *   lmMethod    magnitude, wanda, sparsegpt, heads, channels (amount is the pruned fraction)
 *   pattern     unstructured, 2:4, 4:8 (N:M prunes 50% whatever amount says)
 *   group       magnitude's comparison group: the whole 'layer' or each output 'row'
 *   calib       calibration windows of 256 training characters (Wanda, SparseGPT, heads, channels)
 *   head        also prune the tied embedding / lm_head (the papers keep it dense)
 *   only        'all' linear kinds, or one of q, k, v, o, gate, up, down
 *   prompt      the prompt both models continue (empty: the first test window's opening)
 *   genSeed     the sampling seed of both continuations
 *   backend     'auto' (WebGPU on a hardware adapter, else WASM), 'webgpu', 'wasm'
 *   step        the guided path's progress (lib/state/step-param.ts; path in lib/teach/path-pruning.ts)
 * n and m may be given inconsistently (n > m, m not dividing a layer's input dim) and block may
 * not divide a layer: the lab then explains the problem instead of pruning that layer.
 */
import { LINEAR_KINDS, LM_PATTERNS, LM_PRUNE_METHODS } from '../lm/prune';
import { CALIBRATION_DEFAULT, CALIBRATION_MAX } from '../lm/prune-data';
import { NORM_VALUES, PRUNE_METHODS } from '../pruning/methods';
import { GUIDED_STEP_PARAM } from './step-param';
import { type StateOf, defineSchema } from './schema';

export { NORM_VALUES, type NormName, PRUNE_METHODS, type PruneMethod, normOrder } from '../pruning/methods';

/** Values of `compare`: no comparison, or the method to compare with. */
export const COMPARE_VALUES = ['none', ...PRUNE_METHODS] as const;
export type CompareValue = (typeof COMPARE_VALUES)[number];

export const LAYER_NAMES = ['fc1', 'fc2', 'fc3'] as const;
export type LayerName = (typeof LAYER_NAMES)[number];

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
  scope: { kind: 'enum', default: 'hidden', values: ['all', 'hidden'] },
  norm: { kind: 'enum', default: '2', values: NORM_VALUES },
  dim: { kind: 'int', default: 0, min: 0, max: 1 },
  n: { kind: 'int', default: 2, min: 1, max: 16 },
  m: { kind: 'int', default: 4, min: 1, max: 16 },
  block: { kind: 'int', default: 4, min: 1, max: 64 },
  iterations: { kind: 'int', default: 1, min: 1, max: 10 },
  finetune: { kind: 'int', default: 0, min: 0, max: 1000 },
  seed: { kind: 'int', default: 1, min: 0, max: 2 ** 31 - 1 },
  compare: { kind: 'enum', default: 'none', values: COMPARE_VALUES },
  model: { kind: 'enum', default: 'mnist', values: ['mnist', 'lm'] as const },
  lm: { kind: 'enum', default: 'auto', values: ['auto', 'lm-en', 'lm-zh'] as const },
  lmMethod: { kind: 'enum', default: 'magnitude', values: LM_PRUNE_METHODS },
  pattern: { kind: 'enum', default: 'unstructured', values: LM_PATTERNS },
  group: { kind: 'enum', default: 'layer', values: ['layer', 'row'] as const },
  calib: { kind: 'int', default: CALIBRATION_DEFAULT, min: 1, max: CALIBRATION_MAX },
  head: { kind: 'bool', default: false },
  only: { kind: 'enum', default: 'all', values: ['all', ...LINEAR_KINDS] as const },
  prompt: { kind: 'text', default: '', maxLength: 200 },
  genSeed: { kind: 'int', default: 1, min: 0, max: 999_999 },
  backend: { kind: 'enum', default: 'auto', values: ['auto', 'webgpu', 'wasm'] as const },
  step: GUIDED_STEP_PARAM,
});

export type PruningState = StateOf<typeof pruningSchema>;

/** Index of a layer name in the model (fc1 → 0). */
export function layerIndex(layer: LayerName): number {
  return LAYER_NAMES.indexOf(layer);
}
