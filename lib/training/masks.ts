/**
 * Magnitude masks for a whole network and the sparsity measurement the lab reports.
 *
 * Weights are the prunable matrices W_l [out_l, in_l] (row-major, PyTorch nn.Linear layout);
 * biases are never pruned. Masks are Uint8Array, 1 = kept, 0 = pruned.
 *   scope 'layer':  each W_l keeps its largest |w|: torch.nn.utils.prune.l1_unstructured(amount = s)
 *   scope 'global': one |w| ranking over all W_l concatenated: prune.global_unstructured(L1Unstructured, s)
 * Counts follow torch.nn.utils.prune: round-half-even(s · n) entries (pruneCount).
 */
import { countKept, globalMagnitudeMasks, l1UnstructuredMask } from '../sparsity/pruning';
import type { PruneScope } from './config';

/**
 * Masks that prune the fraction `amount` of the weights by magnitude. Without
 * `existing`, amount is a fraction of ALL weights (a schedule's target); with `existing`
 * (IMP), it is a fraction of the weights the existing masks still keep, and each result
 * is existing AND new (PyTorch's PruningContainer).
 */
export function computeMagnitudeMasks(
  weights: readonly Float32Array[],
  amount: number,
  scope: PruneScope,
  existing?: readonly Uint8Array[],
): Uint8Array[] {
  if (scope === 'global') return globalMagnitudeMasks([...weights], amount, existing ? [...existing] : undefined);
  return weights.map((w, l) => l1UnstructuredMask(w, amount, existing?.[l]));
}

export interface SparsityMeasurement {
  /** Fraction of exactly-zero weights over all layers: Σ zeros_l / Σ n_l. */
  overall: number;
  /** Fraction of exactly-zero weights per layer. */
  perLayer: number[];
}

/** Combines per-layer zero counts (exactly 0, i.e. w === 0, −0 included) into fractions. */
export function sparsityFromZeroCounts(zeros: readonly number[], sizes: readonly number[]): SparsityMeasurement {
  if (zeros.length !== sizes.length) throw new RangeError(`${zeros.length} zero counts for ${sizes.length} layers`);
  let z = 0;
  let n = 0;
  const perLayer = zeros.map((c, l) => {
    z += c;
    n += sizes[l];
    return sizes[l] === 0 ? 0 : c / sizes[l];
  });
  return { overall: n === 0 ? 0 : z / n, perLayer };
}

/** Counts the exactly-zero entries of each weight matrix. */
export function countZeros(weights: readonly Float32Array[]): number[] {
  return weights.map((w) => {
    let c = 0;
    for (let i = 0; i < w.length; i++) if (w[i] === 0) c++;
    return c;
  });
}

/** The measured sparsity of weights: fraction of exactly-zero entries, overall and per layer. */
export function measureSparsity(weights: readonly Float32Array[]): SparsityMeasurement {
  return sparsityFromZeroCounts(
    countZeros(weights),
    weights.map((w) => w.length),
  );
}

/** The fraction of entries the masks prune, overall: 1 − Σ kept / Σ n. */
export function maskSparsity(masks: readonly Uint8Array[]): number {
  let kept = 0;
  let n = 0;
  for (const m of masks) {
    kept += countKept(m);
    n += m.length;
  }
  return n === 0 ? 0 : 1 - kept / n;
}
