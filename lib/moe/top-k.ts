/**
 * Deterministic top-k selection over a strided view of a flat buffer.
 *
 * Candidates are the `count` values  values[offset + i·stride], i = 0..count-1.
 * Writes the positions i of the k largest to out[outOffset .. outOffset+k),
 * in descending value order; equal values are ordered by ascending position
 * ("ties to the lower index"). torch.topk leaves tie order unspecified; fixing
 * it here makes every routing in this library reproducible.
 *
 * Cost: for k <= 16 an insertion buffer, O(count · k) worst case and close to
 * O(count) on typical data; for larger k a quickselect threshold then a
 * sort of the k winners, expected O(count + k log k).
 * Values must be comparable numbers (callers validate finiteness first).
 */
export function selectTopK(
  values: ArrayLike<number>,
  offset: number,
  stride: number,
  count: number,
  k: number,
  out: Int32Array,
  outOffset: number,
): void {
  if (k > 16) {
    selectTopKBySort(values, offset, stride, count, k, out, outOffset);
    return;
  }
  let filled = 0;
  for (let i = 0; i < count; i++) {
    const v = values[offset + i * stride];
    // Later positions win only on a strictly larger value, which keeps ties
    // ordered by ascending position.
    if (filled === k && !(v > values[offset + out[outOffset + k - 1] * stride])) continue;
    let p = filled < k ? filled : k - 1;
    while (p > 0 && v > values[offset + out[outOffset + p - 1] * stride]) {
      out[outOffset + p] = out[outOffset + p - 1];
      p--;
    }
    out[outOffset + p] = i;
    if (filled < k) filled++;
  }
}

/**
 * Large-k path: the k-th largest value (threshold) is found by quickselect on
 * a float64 copy, expected O(count); a single ascending scan then keeps every
 * value above the threshold and the first (lowest-position) values equal to
 * it; only those k positions are sorted with the comparator, O(k log k).
 */
function selectTopKBySort(
  values: ArrayLike<number>,
  offset: number,
  stride: number,
  count: number,
  k: number,
  out: Int32Array,
  outOffset: number,
): void {
  const scratch = new Float64Array(count);
  for (let i = 0; i < count; i++) scratch[i] = values[offset + i * stride];
  const threshold = selectNthSmallest(scratch, count - k);
  let above = 0;
  for (let i = 0; i < count; i++) if (scratch[i] > threshold) above++;
  let tiesLeft = k - above;
  const picked = new Int32Array(k);
  let n = 0;
  for (let i = 0; i < count && n < k; i++) {
    const v = values[offset + i * stride];
    if (v > threshold) picked[n++] = i;
    else if (v === threshold && tiesLeft > 0) {
      picked[n++] = i;
      tiesLeft--;
    }
  }
  picked.sort((a, b) => values[offset + b * stride] - values[offset + a * stride] || a - b);
  out.set(picked, outOffset);
}

/**
 * The value that would sit at index n if `a` were sorted ascending (a is
 * reordered). Hoare quickselect with a median-of-three pivot and a three-way
 * partition (so runs of equal values cost O(length)); after 64 rounds it falls
 * back to a native sort of the remaining range, bounding the worst case at
 * O(length log length) on adversarial input.
 */
function selectNthSmallest(a: Float64Array, n: number): number {
  let lo = 0;
  let hi = a.length - 1;
  for (let round = 0; hi > lo; round++) {
    if (round === 64) {
      a.subarray(lo, hi + 1).sort();
      return a[n];
    }
    const x = a[lo];
    const y = a[(lo + hi) >>> 1];
    const z = a[hi];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let lt = lo;
    let i = lo;
    let gt = hi;
    while (i <= gt) {
      const v = a[i];
      if (v < pivot) {
        a[i] = a[lt];
        a[lt] = v;
        lt++;
        i++;
      } else if (v > pivot) {
        a[i] = a[gt];
        a[gt] = v;
        gt--;
      } else {
        i++;
      }
    }
    // [lo, lt) < pivot, [lt, gt] = pivot, (gt, hi] > pivot
    if (n < lt) hi = lt - 1;
    else if (n > gt) lo = gt + 1;
    else return pivot;
  }
  return a[n];
}
