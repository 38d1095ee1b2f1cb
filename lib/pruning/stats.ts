/**
 * What a pruned layer costs to store: kept weights, sparsity, and bytes in three formats.
 *
 *   dense  4 · rows · cols                       (float32; zeros are stored like any value)
 *   CSR    4 · (rows + 1 + 2 · nnz)              (rowPtr int32, colIdx int32, values float32)
 *   2:4    4 · rows · cols / 2 + 4 · ⌈rows · cols / 32⌉   (2 values + 2-bit positions per group of 4)
 * The 2:4 form only exists when every group of 4 consecutive weights of a row holds at most
 * 2 non-zeros (lib/sparsity/formats.ts: is24); otherwise it is null.
 * Byte counts are checked against the converters of formats.ts in the tests.
 */
import type { MlpWeights } from '../models/mlp';
import { denseBytes, is24 } from '../sparsity/formats';

export interface LayerStats {
  name: string;
  rows: number;
  cols: number;
  /** rows · cols weights (biases are never pruned and not counted here). */
  params: number;
  kept: number;
  /** 1 − kept / params. */
  sparsity: number;
  denseBytes: number;
  csrBytes: number;
  /** Bytes of the 2:4 compressed form, or null when the layer is not 2:4 sparse. */
  bytes24: number | null;
}

export interface ModelStats {
  layers: LayerStats[];
  total: Omit<LayerStats, 'name' | 'rows' | 'cols' | 'bytes24'> & { bytes24: number | null; biases: number };
}

/** Stats of W ⊙ M for one layer W [rows, cols] (mask undefined = dense). A kept weight that is exactly 0 counts as zero. */
export function computeLayerStats(name: string, weight: Float32Array, rows: number, cols: number, mask?: Uint8Array): LayerStats {
  const params = rows * cols;
  if (weight.length !== params) throw new RangeError(`${name}: weight has ${weight.length} values, expected ${rows}·${cols}`);
  if (mask && mask.length !== params) throw new RangeError(`${name}: mask has ${mask.length} entries, expected ${params}`);
  let kept = 0;
  let ok24 = cols % 4 === 0;
  for (let g = 0; g < params; g += 4) {
    let inGroup = 0;
    const end = Math.min(params, g + 4);
    for (let i = g; i < end; i++) if ((!mask || mask[i] !== 0) && weight[i] !== 0) inGroup++;
    kept += inGroup;
    if (inGroup > 2) ok24 = false;
  }
  return {
    name,
    rows,
    cols,
    params,
    kept,
    sparsity: params === 0 ? 0 : 1 - kept / params,
    denseBytes: denseBytes(rows, cols),
    csrBytes: 4 * (rows + 1 + 2 * kept),
    bytes24: ok24 ? 4 * (params / 2) + 4 * Math.ceil(params / 32) : null,
  };
}

/** Per-layer stats and totals; the total 2:4 size exists only if every layer has a 2:4 form. */
export function computeModelStats(weights: MlpWeights, masks: readonly (Uint8Array | undefined)[]): ModelStats {
  const layers = weights.layers.map((layer, l) => computeLayerStats(layer.name, layer.weight, layer.out, layer.in, masks[l]));
  const sum = (f: (s: LayerStats) => number) => layers.reduce((acc, s) => acc + f(s), 0);
  const params = sum((s) => s.params);
  const kept = sum((s) => s.kept);
  return {
    layers,
    total: {
      params,
      kept,
      sparsity: params === 0 ? 0 : 1 - kept / params,
      denseBytes: sum((s) => s.denseBytes),
      csrBytes: sum((s) => s.csrBytes),
      bytes24: layers.every((s) => s.bytes24 !== null) ? sum((s) => s.bytes24 as number) : null,
      biases: weights.layers.reduce((acc, layer) => acc + layer.bias.length, 0),
    },
  };
}

export { is24 };
