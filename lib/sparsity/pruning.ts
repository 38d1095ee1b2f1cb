/**
 * Pruning masks: which weights of a layer to zero.
 *
 * Conventions (all functions):
 * - weights: Float32Array, row-major. A linear layer is [out, in] (PyTorch's
 *   nn.Linear.weight layout); structured pruning takes any shape.
 * - masks: Uint8Array of the same length, 1 = kept, 0 = pruned.
 * - amount: a FRACTION in [0, 1] of the units to prune, turned into a count with
 *   `pruneCount` exactly like torch.nn.utils.prune (PyTorch also takes an int count;
 *   this library only takes fractions).
 * - ties: torch.topk leaves the order of equal scores unspecified; here it is fixed
 *   and documented per method (see select-lowest.ts).
 * - bad input throws a RangeError whose message names the offending value.
 *
 * Re-applying a method (iterative pruning), following PyTorch's PruningContainer:
 * `l1UnstructuredMask`, `lnStructuredMask` and `globalMagnitudeMasks` take an optional
 * existing mask as their LAST argument. The new pruning acts only on what that mask
 * still keeps, and `amount` is a fraction of the REMAINING units:
 *   unstructured: remaining = entries with mask 1 (PyTorch: t[mask == 1]);
 *                 prunes pruneCount(amount, remaining) of them.
 *   structured:   remaining = channels with any entry still kept
 *                 (PyTorch: mask.sum(other dims) != 0); channel norms are taken on
 *                 weights * mask (PyTorch ranks the already-masked `module.weight`).
 * The result is the combined mask (existing AND new), so pruning 50% twice keeps 25%.
 * For methods without that argument (N:M, block, Wanda) combine by hand with
 * `combineMasks(existing, next)` (PyTorch's CustomFromMask: default_mask * mask).
 */

import { pruneLowest } from './select-lowest';
import { assertBinaryMask, assertFiniteEntries, assertInteger, assertLength, throwFirstIssue } from './validation';

export type { ValidationIssue } from './validation';

import { amountIssues, pruneCount } from './prune-params';
export { PRUNE_ISSUE_KEYS, pruneCount, roundHalfEven, validatePruneParams } from './prune-params';
export type { PruneIssueKey, PruneParams } from './prune-params';
export { activationNorms, blockMask, nmMask, wandaMask } from './pruning-nm-block-wanda';

// ---------------------------------------------------------------------------
// Helpers

/** Element-wise keep: out[i] = mask[i] ? weights[i] : 0 (a new array; the pruned entries are +0). */
export function applyMask(weights: Float32Array, mask: Uint8Array): Float32Array {
  assertLength('mask', mask, weights.length, 'weights.length');
  const out = new Float32Array(weights.length);
  for (let i = 0; i < weights.length; i++) if (mask[i] !== 0) out[i] = weights[i];
  return out;
}

/** Fraction of entries that are zero (a mask's pruned share, or a tensor's sparsity). Empty input -> 0. */
export function sparsityOf(values: Uint8Array | Float32Array | ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return 0;
  let zeros = 0;
  for (let i = 0; i < n; i++) if (values[i] === 0) zeros++;
  return zeros / n;
}

/** Number of kept (non-zero) entries of a mask. */
export function countKept(mask: Uint8Array | ArrayLike<number>): number {
  let kept = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] !== 0) kept++;
  return kept;
}

/** Combines an existing mask with a new one: kept only where both keep (PyTorch CustomFromMask: default_mask * mask). */
export function combineMasks(existing: Uint8Array, next: Uint8Array): Uint8Array {
  assertLength('next', next, existing.length, 'existing.length');
  const out = new Uint8Array(existing.length);
  for (let i = 0; i < existing.length; i++) out[i] = existing[i] !== 0 && next[i] !== 0 ? 1 : 0;
  return out;
}

function product(shape: readonly number[]): number {
  let p = 1;
  for (const d of shape) p *= d;
  return p;
}

function assertShape(weights: ArrayLike<number>, shape: readonly number[]): void {
  if (!Array.isArray(shape) || shape.length === 0) {
    throw new RangeError(`shape must be a non-empty array of dims, got ${JSON.stringify(shape)}`);
  }
  shape.forEach((d, i) => assertInteger(`shape[${i}]`, d, 0));
  assertLength('weights', weights, product(shape), `product of shape [${shape.join(', ')}]`);
}

// ---------------------------------------------------------------------------
// Unstructured magnitude pruning

/**
 * torch.nn.utils.prune.l1_unstructured: prunes the pruneCount(amount, size) entries
 * with the smallest |w| (score s_i = |w_i|; flat, shape-agnostic).
 * Ties: the lower flat index is pruned first.
 *
 * With `existingMask` (PyTorch PruningContainer): ranks only the entries still kept,
 * prunes pruneCount(amount, remaining) of them, returns existing AND new.
 * Example: amount 0.5 on 8 weights keeps 4; again with that mask keeps 2 (25%).
 */
export function l1UnstructuredMask(weights: Float32Array, amount: number, existingMask?: Uint8Array): Uint8Array {
  throwFirstIssue(amountIssues(amount));
  assertFiniteEntries('weights', weights);
  const size = weights.length;
  if (existingMask === undefined) {
    const mask = new Uint8Array(size).fill(1);
    const scores = new Float64Array(size);
    for (let i = 0; i < size; i++) scores[i] = Math.abs(weights[i]);
    pruneLowest(scores, pruneCount(amount, size), 'lower-first', mask);
    return mask;
  }
  assertLength('existingMask', existingMask, size, 'weights.length');
  assertBinaryMask('existingMask', existingMask);
  const remaining = new Int32Array(countKept(existingMask));
  for (let i = 0, j = 0; i < size; i++) if (existingMask[i] === 1) remaining[j++] = i;
  const scores = new Float64Array(remaining.length);
  for (let j = 0; j < remaining.length; j++) scores[j] = Math.abs(weights[remaining[j]]);
  const partial = new Uint8Array(remaining.length).fill(1);
  pruneLowest(scores, pruneCount(amount, remaining.length), 'lower-first', partial);
  const mask = Uint8Array.from(existingMask);
  for (let j = 0; j < remaining.length; j++) if (partial[j] === 0) mask[remaining[j]] = 0;
  return mask;
}

/**
 * torch.nn.utils.prune.global_unstructured with L1Unstructured: one ranking of |w|
 * over all layers flattened and concatenated (parameters_to_vector order), so a
 * layer with small weights loses more. Prunes pruneCount(amount, total) entries.
 * Ties: the lower global flat index (earlier layer, then lower index) is pruned first.
 * With `existingMasks` (one per layer): amount is a fraction of the entries all masks
 * still keep, and each returned mask is existing AND new.
 */
export function globalMagnitudeMasks(layers: Float32Array[], amount: number, existingMasks?: Uint8Array[]): Uint8Array[] {
  throwFirstIssue(amountIssues(amount));
  if (existingMasks !== undefined && existingMasks.length !== layers.length) {
    throw new RangeError(`existingMasks.length = ${existingMasks.length} does not equal layers.length = ${layers.length}`);
  }
  let total = 0;
  layers.forEach((w, l) => {
    assertFiniteEntries(`layers[${l}]`, w);
    if (existingMasks) {
      assertLength(`existingMasks[${l}]`, existingMasks[l], w.length, `layers[${l}].length`);
      assertBinaryMask(`existingMasks[${l}]`, existingMasks[l]);
      total += countKept(existingMasks[l]);
    } else {
      total += w.length;
    }
  });
  const scores = new Float64Array(total);
  let j = 0;
  layers.forEach((w, l) => {
    const em = existingMasks?.[l];
    for (let i = 0; i < w.length; i++) if (!em || em[i] === 1) scores[j++] = Math.abs(w[i]);
  });
  const partial = new Uint8Array(total).fill(1);
  pruneLowest(scores, pruneCount(amount, total), 'lower-first', partial);
  j = 0;
  return layers.map((w, l) => {
    const em = existingMasks?.[l];
    const mask = em ? Uint8Array.from(em) : new Uint8Array(w.length).fill(1);
    for (let i = 0; i < w.length; i++) {
      if (!em || em[i] === 1) {
        if (partial[j] === 0) mask[i] = 0;
        j++;
      }
    }
    return mask;
  });
}

// ---------------------------------------------------------------------------
// Structured pruning

/**
 * torch.nn.utils.prune.ln_structured: removes whole slices ("channels") along `dim`.
 *   norm_c = || t[..., c, ...] ||_n   taken over all other dims, c = 0..shape[dim]-1
 *   n = 1: Σ|x|,  n = 2: sqrt(Σx²),  n = Infinity: max|x|,  other p > 0: (Σ|x|^p)^(1/p)
 * The pruneCount(amount, shape[dim]) channels with the smallest norm are zeroed.
 * Ties: the lower channel index is pruned first. `dim` may be negative (-1 = last),
 * like PyTorch; the tensor needs at least 2 dims (PyTorch: "Structured pruning can
 * only be applied to multidimensional tensors"). Norms are computed in float64
 * (PyTorch uses the tensor's float32), which only matters for near-ties.
 *
 * With `existingMask` (PyTorch PruningContainer, structured): only channels with at
 * least one kept entry compete, norms use weights * existingMask, amount is a fraction
 * of those channels; the result is existing AND new.
 */
export function lnStructuredMask(
  weights: Float32Array,
  shape: number[],
  amount: number,
  n: number,
  dim: number,
  existingMask?: Uint8Array,
): Uint8Array {
  throwFirstIssue(amountIssues(amount));
  assertShape(weights, shape);
  if (shape.length < 2) {
    throw new RangeError(
      `structured pruning needs a tensor with at least 2 dims, got shape [${shape.join(', ')}] with ${shape.length} dim`,
    );
  }
  if (typeof n !== 'number' || !(n > 0)) {
    throw new RangeError(`norm order n must be a positive number or Infinity, got ${String(n)}`);
  }
  if (!Number.isInteger(dim) || dim < -shape.length || dim >= shape.length) {
    throw new RangeError(
      `dim = ${String(dim)} is out of range for a ${shape.length}-dim tensor (expected ${-shape.length}..${shape.length - 1})`,
    );
  }
  assertFiniteEntries('weights', weights);
  if (existingMask !== undefined) {
    assertLength('existingMask', existingMask, weights.length, 'weights.length');
    assertBinaryMask('existingMask', existingMask);
  }
  const d = dim < 0 ? dim + shape.length : dim;
  const channels = shape[d];
  const inner = product(shape.slice(d + 1));
  const outer = product(shape.slice(0, d));

  // Accumulate Σ|x|^p (or max|x|) per channel; flat index = (o * channels + c) * inner + j.
  const acc = new Float64Array(channels);
  const alive = new Uint8Array(channels);
  let idx = 0;
  for (let o = 0; o < outer; o++) {
    for (let c = 0; c < channels; c++) {
      let a = acc[c];
      for (let j = 0; j < inner; j++, idx++) {
        const keep = existingMask === undefined || existingMask[idx] === 1;
        if (!keep) continue;
        alive[c] = 1;
        const x = Math.abs(weights[idx]);
        if (n === Infinity) a = x > a ? x : a;
        else if (n === 1) a += x;
        else if (n === 2) a += x * x;
        else a += x ** n;
      }
      acc[c] = a;
    }
  }
  if (n !== Infinity && n !== 1) for (let c = 0; c < channels; c++) acc[c] = acc[c] ** (1 / n);

  const aliveIdx: number[] = [];
  for (let c = 0; c < channels; c++) if (existingMask === undefined || alive[c] === 1) aliveIdx.push(c);
  const norms = new Float64Array(aliveIdx.length);
  aliveIdx.forEach((c, k) => (norms[k] = acc[c]));
  const keepChannel = new Uint8Array(aliveIdx.length).fill(1);
  pruneLowest(norms, pruneCount(amount, aliveIdx.length), 'lower-first', keepChannel);
  const channelKept = new Uint8Array(channels).fill(1);
  aliveIdx.forEach((c, k) => (channelKept[c] = keepChannel[k]));

  const mask = existingMask ? Uint8Array.from(existingMask) : new Uint8Array(weights.length).fill(1);
  idx = 0;
  for (let o = 0; o < outer; o++) {
    for (let c = 0; c < channels; c++) {
      if (channelKept[c] === 0) mask.fill(0, idx, idx + inner);
      idx += inner;
    }
  }
  return mask;
}
