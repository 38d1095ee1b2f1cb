/**
 * Bottom-k selection with a deterministic tie rule: the workhorse behind every
 * magnitude-style pruning mask in this folder.
 *
 * PyTorch picks the entries to prune with `torch.topk(scores, k, largest=False)`,
 * whose order among equal scores is unspecified. Here ties are made explicit:
 *   'lower-first'  — among equal scores the lower index is pruned first
 *                    (torch.nn.utils.prune L1Unstructured / LnStructured as specified
 *                    for this site; Wanda's `torch.sort(stable=True)` gives the same);
 *   'higher-first' — among equal scores the higher index is pruned first, i.e. the
 *                    lower index is kept (N:M semi-structured masks).
 *
 * Cost: O(n) expected. The k-th smallest score is found by quickselect with a
 * median-of-three pivot and a 3-way (Dijkstra) partition, so runs of equal scores
 * (e.g. many already-zero weights) are handled in one pass. After
 * 2·ceil(log2 n) + 8 rounds it falls back to the native sort, bounding the worst
 * case at O(n log n): it can never hang.
 */

export type TieRule = 'lower-first' | 'higher-first';

/**
 * Returns the value that would sit at position `k` (0-based) if `buf` were sorted
 * ascending. Reorders `buf` in place. Requires 0 <= k < buf.length and no NaN.
 */
export function kthSmallest(buf: Float64Array, k: number): number {
  let lo = 0;
  let hi = buf.length - 1;
  const maxRounds = 2 * Math.ceil(Math.log2(buf.length + 1)) + 8;
  let rounds = 0;
  while (hi > lo) {
    if (++rounds > maxRounds) {
      buf.subarray(lo, hi + 1).sort();
      return buf[k];
    }
    const a = buf[lo];
    const b = buf[(lo + hi) >>> 1];
    const c = buf[hi];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    // Invariant: [lo, lt) < pivot, [lt, i) == pivot, (gt, hi] > pivot.
    let lt = lo;
    let i = lo;
    let gt = hi;
    while (i <= gt) {
      const v = buf[i];
      if (v < pivot) {
        buf[i] = buf[lt];
        buf[lt] = v;
        lt++;
        i++;
      } else if (v > pivot) {
        buf[i] = buf[gt];
        buf[gt] = v;
        gt--;
      } else {
        i++;
      }
    }
    if (k < lt) hi = lt - 1;
    else if (k > gt) lo = gt + 1;
    else return pivot;
  }
  return buf[k];
}

/**
 * Zeroes in `mask` the `k` entries of `scores` with the smallest score (ties by `ties`).
 * `mask` and `scores` have the same length n; entries not selected are left untouched.
 * `scratch` (length >= n) avoids an allocation when called once per row.
 * k <= 0 does nothing; k >= n zeroes everything.
 */
export function pruneLowest(scores: Float64Array, k: number, ties: TieRule, mask: Uint8Array, scratch?: Float64Array): void {
  const n = scores.length;
  if (k <= 0 || n === 0) return;
  if (k >= n) {
    mask.fill(0, 0, n);
    return;
  }
  const buf = scratch && scratch.length >= n ? scratch.subarray(0, n) : new Float64Array(n);
  buf.set(scores);
  const threshold = kthSmallest(buf, k - 1);
  // Everything strictly below the threshold is pruned; the rest of the budget is
  // spent on entries equal to it, in tie order.
  let pruned = 0;
  for (let i = 0; i < n; i++) {
    if (scores[i] < threshold) {
      mask[i] = 0;
      pruned++;
    }
  }
  let need = k - pruned;
  if (ties === 'lower-first') {
    for (let i = 0; i < n && need > 0; i++) {
      if (scores[i] === threshold) {
        mask[i] = 0;
        need--;
      }
    }
  } else {
    for (let i = n - 1; i >= 0 && need > 0; i--) {
      if (scores[i] === threshold) {
        mask[i] = 0;
        need--;
      }
    }
  }
}
