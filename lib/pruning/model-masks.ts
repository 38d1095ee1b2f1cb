/**
 * Pruning a whole MLP with one of the lab's six methods: one mask per layer.
 *
 * Layers are nn.Linear weights W_l [out_l, in_l] (row-major). Every method below is the
 * contract function of lib/sparsity/pruning.ts applied per layer, except `global` (one
 * ranking over all layers in scope, prune.global_unstructured) and Wanda, whose activation
 * norms ||X_j||_2 are taken layer by layer on the calibration digits with the layers before
 * already pruned (as the Wanda reference prunes block after block on the pruned inputs).
 *
 * Re-application (`iterations` > 1) follows torch.nn.utils.prune's PruningContainer: each
 * application prunes `amount` of the units that REMAIN, and the masks multiply, so
 * unstructured sparsity after k applications is 1 − (1 − amount)^k. L1, Ln-structured and
 * global use the library's existing-mask argument; block and Wanda are re-applied here the
 * same way (only tiles / row entries still kept compete); N:M is idempotent: a 2:4 mask of a
 * 2:4-pruned layer keeps the same two weights.
 *
 * Bad settings never throw: the problems come back as `issues` (translated by key in the UI).
 * A problem that concerns one layer (m or the block size does not divide its shape) leaves
 * that layer dense; one that concerns every layer (amount out of range, n > m) prunes nothing.
 */
import type { MlpWeights } from '../models/mlp';
import { collectLayerInputs } from '../models/mlp';
import {
  activationNorms,
  applyMask,
  blockMask,
  combineMasks,
  globalMagnitudeMasks,
  l1UnstructuredMask,
  lnStructuredMask,
  nmMask,
  validatePruneParams,
  wandaMask,
} from '../sparsity/pruning';
import { type NormName, type PruneMethod, normOrder } from './methods';
import { blockMaskAmongRemaining, wandaMaskAmongRemaining } from './remaining-masks';

export { blockMaskAmongRemaining, wandaMaskAmongRemaining } from './remaining-masks';

export interface PruneSettings {
  method: PruneMethod;
  /** Fraction in [0, 1] pruned per application (ignored by N:M). */
  amount: number;
  /** ln_structured's norm order: 1, 2 or Infinity. */
  norm: number;
  /** ln_structured's dim on W [out, in]: 0 removes output rows, 1 removes input columns. */
  dim: number;
  /** N:M: keep n of every m consecutive weights of a row. */
  n: number;
  m: number;
  /** Block side b (b × b tiles). */
  blockSize: number;
  /** Number of applications (>= 1). */
  iterations: number;
  /** 'all' prunes every layer, 'hidden' leaves the output layer dense. */
  scope: 'all' | 'hidden';
}

/** The lab's URL state fields the settings are read from (lib/state/pruning.ts PruningState has them). */
export interface PruneStateFields {
  method: PruneMethod;
  amount: number;
  norm: NormName;
  dim: number;
  n: number;
  m: number;
  block: number;
  iterations: number;
  scope: PruneSettings['scope'];
}

/** The pruning settings held by the lab's URL state. */
export function settingsFromState(s: PruneStateFields): PruneSettings {
  return {
    method: s.method,
    amount: s.amount,
    norm: normOrder(s.norm),
    dim: s.dim,
    n: s.n,
    m: s.m,
    blockSize: s.block,
    iterations: s.iterations,
    scope: s.scope,
  };
}

export type PruneIssueCode =
  | 'amount-out-of-range'
  | 'n-greater-than-m'
  | 'nm-invalid'
  | 'm-not-dividing'
  | 'block-size-invalid'
  | 'block-size-not-dividing'
  | 'iterations-invalid'
  | 'no-calibration'
  | 'nothing-pruned';

export interface PruneIssue {
  key: PruneIssueCode;
  /** Placeholders for the message (numbers and names, never HTML). */
  values: Record<string, number | string>;
  /** The layer concerned, when the issue is about one layer (it is then left dense). */
  layer?: string;
  /** True when nothing at all could be pruned. */
  fatal: boolean;
}

export interface ModelPruneResult {
  /** One mask per layer (1 = kept); undefined = the layer is dense. */
  masks: (Uint8Array | undefined)[];
  issues: PruneIssue[];
  /** Indices of the layers that were pruned. */
  pruned: number[];
}

/** Calibration digits for Wanda: x [count, in_0]. */
export interface Calibration {
  x: Float32Array;
  count: number;
}

/** Layer indices the scope covers. */
export function layersInScope(weights: MlpWeights, scope: PruneSettings['scope']): number[] {
  const all = weights.layers.map((_, l) => l);
  return scope === 'hidden' ? all.slice(0, -1) : all;
}

/** Problems that stop every layer from being pruned (checked before any work). */
function globalIssues(settings: PruneSettings, calibration: Calibration | undefined): PruneIssue[] {
  const out: PruneIssue[] = [];
  const { method, amount, n, m, blockSize, iterations } = settings;
  if (method !== 'nm') {
    for (const issue of validatePruneParams({ amount })) out.push({ key: issue.key as PruneIssueCode, values: issue.values, fatal: true });
  }
  if (!Number.isInteger(iterations) || iterations < 1)
    out.push({ key: 'iterations-invalid', values: { iterations: String(iterations) }, fatal: true });
  if (method === 'nm') {
    for (const issue of validatePruneParams({ n, m })) out.push({ key: issue.key as PruneIssueCode, values: issue.values, fatal: true });
  }
  if (method === 'block') {
    for (const issue of validatePruneParams({ blockSize }))
      out.push({ key: issue.key as PruneIssueCode, values: issue.values, fatal: true });
  }
  if (method === 'wanda' && !calibration) out.push({ key: 'no-calibration', values: {}, fatal: true });
  return out;
}

/** Problems with one layer's shape; the layer is then left dense. */
function layerIssues(settings: PruneSettings, rows: number, cols: number, name: string): PruneIssue[] {
  const { method, n, m, blockSize } = settings;
  const params = method === 'nm' ? { rows, cols, n, m } : method === 'block' ? { rows, cols, blockSize } : null;
  if (!params) return [];
  return validatePruneParams(params).map((issue) => ({
    key: issue.key as PruneIssueCode,
    values: issue.values,
    layer: name,
    fatal: false,
  }));
}

/**
 * Prunes the layers in scope with `settings`. Wanda needs `calibration` (the first 128
 * training digits). Never throws for bad settings: see the issues.
 */
export function pruneModel(weights: MlpWeights, settings: PruneSettings, calibration?: Calibration): ModelPruneResult {
  const layers = weights.layers;
  const masks: (Uint8Array | undefined)[] = layers.map(() => undefined);
  const fatal = globalIssues(settings, calibration);
  if (fatal.length > 0) return { masks, issues: fatal, pruned: [] };

  const issues: PruneIssue[] = [];
  const targets: number[] = [];
  for (const l of layersInScope(weights, settings.scope)) {
    const found = layerIssues(settings, layers[l].out, layers[l].in, layers[l].name);
    if (found.length > 0) issues.push(...found);
    else targets.push(l);
  }
  if (targets.length === 0) {
    issues.push({ key: 'nothing-pruned', values: {}, fatal: true });
    return { masks, issues, pruned: [] };
  }

  const { method, amount, iterations } = settings;
  for (let it = 0; it < iterations; it++) {
    if (method === 'global') {
      const existing = it === 0 ? undefined : targets.map((l) => masks[l] as Uint8Array);
      const next = globalMagnitudeMasks(
        targets.map((l) => layers[l].weight),
        amount,
        existing,
      );
      targets.forEach((l, k) => (masks[l] = next[k]));
      continue;
    }
    // Wanda: inputs of each layer on the calibration digits, through the layers pruned so far.
    for (const l of targets) {
      const layer = layers[l];
      const shape: [number, number] = [layer.out, layer.in];
      const existing = masks[l];
      switch (method) {
        case 'l1-unstructured':
          masks[l] = l1UnstructuredMask(layer.weight, amount, existing);
          break;
        case 'ln-structured':
          masks[l] = lnStructuredMask(layer.weight, shape, amount, settings.norm, settings.dim, existing);
          break;
        case 'nm': {
          const w = existing ? applyMask(layer.weight, existing) : layer.weight;
          const next = nmMask(w, shape, settings.n, settings.m);
          masks[l] = existing ? combineMasks(existing, next) : next;
          break;
        }
        case 'block':
          masks[l] = existing
            ? blockMaskAmongRemaining(layer.weight, shape, settings.blockSize, amount, existing)
            : blockMask(layer.weight, shape, settings.blockSize, amount);
          break;
        case 'wanda': {
          const cal = calibration as Calibration;
          const inputs = collectLayerInputs(weights, cal.x, cal.count, masks);
          const norms = activationNorms(inputs[l], cal.count, layer.in);
          masks[l] = existing
            ? wandaMaskAmongRemaining(layer.weight, shape, norms, amount, existing)
            : wandaMask(layer.weight, shape, norms, amount);
          break;
        }
      }
    }
  }
  return { masks, issues, pruned: targets };
}

/** Fraction of pruned weights over every layer's weights (dense layers count as kept; biases excluded). */
export function overallSparsity(weights: MlpWeights, masks: readonly (Uint8Array | undefined)[]): number {
  let total = 0;
  let zeros = 0;
  weights.layers.forEach((layer, l) => {
    total += layer.weight.length;
    const mask = masks[l];
    if (mask) for (let i = 0; i < mask.length; i++) if (mask[i] === 0) zeros++;
  });
  return total === 0 ? 0 : zeros / total;
}
