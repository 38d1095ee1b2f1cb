/**
 * Per-channel L-n norms of W [rows, cols], as torch.nn.utils.prune.ln_structured ranks them:
 *   dim 0 (output channels / rows):   norm_r = || W[r, :] ||_n
 *   dim 1 (input channels / columns): norm_c = || W[:, c] ||_n
 *   n = 1: Σ|w|, n = 2: √Σw², n = ∞: max|w|. Computed in float64.
 * The channels lnStructuredMask removes are the pruneCount(amount, channels) smallest of these.
 */
export function computeChannelNorms(weights: Float32Array, shape: [number, number], n: number, dim: number): Float64Array {
  const [rows, cols] = shape;
  if (weights.length !== rows * cols) throw new RangeError(`weights has ${weights.length} values, expected ${rows}·${cols}`);
  if (dim !== 0 && dim !== 1) throw new RangeError(`dim must be 0 or 1 for a matrix, got ${dim}`);
  if (!(n > 0)) throw new RangeError(`norm order n must be a positive number or Infinity, got ${n}`);
  const acc = new Float64Array(dim === 0 ? rows : cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const a = Math.abs(weights[r * cols + c]);
      const k = dim === 0 ? r : c;
      if (n === Number.POSITIVE_INFINITY) acc[k] = Math.max(acc[k], a);
      else if (n === 1) acc[k] += a;
      else if (n === 2) acc[k] += a * a;
      else acc[k] += a ** n;
    }
  }
  if (n !== 1 && n !== Number.POSITIVE_INFINITY) for (let k = 0; k < acc.length; k++) acc[k] = acc[k] ** (1 / n);
  return acc;
}

/** Which channels along `dim` a mask keeps: 1 if any entry of the channel is kept. */
export function keptChannels(mask: Uint8Array, shape: [number, number], dim: number): Uint8Array {
  const [rows, cols] = shape;
  const out = new Uint8Array(dim === 0 ? rows : cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) if (mask[r * cols + c] !== 0) out[dim === 0 ? r : c] = 1;
  return out;
}
