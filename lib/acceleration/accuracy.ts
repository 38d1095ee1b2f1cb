/**
 * The accuracy column of the speed table: the shared MNIST MLP (784-256-256-10) pruned
 * to a sparsity with the method that matches each storage format, evaluated on the
 * 2,000 test digits with mlpForward (lib/models/mlp.ts).
 *   CSR ← unstructured L1 magnitude (torch.nn.utils.prune.l1_unstructured, per layer)
 *   BSR ← b × b block magnitude (Frobenius norm per tile, lib/sparsity/pruning.ts blockMask)
 *   2:4 ← 2:4 semi-structured (keep the 2 largest |w| of every 4 along the input dim)
 * The two hidden layers (fc1 [256, 784], fc2 [256, 256]: 99% of the weights) are
 * pruned; the 10-class output layer stays dense, as is usual in pruning studies.
 */
import { type MlpMasks, type MlpWeights, accuracy, mlpForward } from '../models/mlp';
import { blockMask, l1UnstructuredMask, nmMask } from '../sparsity/pruning';
import { type SpeedFormat, formatAppliesAt } from './table';

/** Indices of the layers the accuracy column prunes. */
export const PRUNED_LAYERS = [0, 1] as const;

/**
 * blockMask for shapes the block size does not divide: pads [rows, cols] with zeros up
 * to multiples of b, ranks the tiles (a partial edge tile has a smaller norm, as its
 * padding is zero), prunes round(amount · tiles) of them and crops back.
 */
export function paddedBlockMask(weights: Float32Array, shape: [number, number], blockSize: number, amount: number): Uint8Array {
  const [rows, cols] = shape;
  const b = blockSize;
  if (rows % b === 0 && cols % b === 0) return blockMask(weights, shape, b, amount);
  const pr = Math.ceil(rows / b) * b;
  const pc = Math.ceil(cols / b) * b;
  const padded = new Float32Array(pr * pc);
  for (let r = 0; r < rows; r++) padded.set(weights.subarray(r * cols, (r + 1) * cols), r * pc);
  const pm = blockMask(padded, [pr, pc], b, amount);
  const mask = new Uint8Array(rows * cols);
  for (let r = 0; r < rows; r++) mask.set(pm.subarray(r * pc, r * pc + cols), r * cols);
  return mask;
}

/** Layers whose shape the block size does not divide (the lab says they are padded). */
export function blockShapeNotes(weights: MlpWeights, blockSize: number): { name: string; rows: number; cols: number }[] {
  return PRUNED_LAYERS.map((l) => weights.layers[l])
    .filter((layer) => layer.out % blockSize !== 0 || layer.in % blockSize !== 0)
    .map((layer) => ({ name: layer.name, rows: layer.out, cols: layer.in }));
}

/** Masks for every layer (undefined = dense) for one format's pruning method at `sparsity`. */
export function pruneForFormat(weights: MlpWeights, format: SpeedFormat, sparsity: number, blockSize: number): MlpMasks {
  if (!formatAppliesAt(format, sparsity)) throw new RangeError(`2:4 pruning has sparsity 0.5 by construction, got ${sparsity}`);
  return weights.layers.map((layer, l) => {
    if (!(PRUNED_LAYERS as readonly number[]).includes(l)) return undefined;
    const shape: [number, number] = [layer.out, layer.in];
    if (format === 'csr') return l1UnstructuredMask(layer.weight, sparsity);
    if (format === 'bsr') return paddedBlockMask(layer.weight, shape, blockSize, sparsity);
    return nmMask(layer.weight, shape, 2, 4);
  });
}

/** Fraction of zeros over the pruned layers' masks. */
export function maskedSparsity(masks: MlpMasks): number {
  let zeros = 0;
  let total = 0;
  for (const l of PRUNED_LAYERS) {
    const m = masks[l];
    if (!m) continue;
    total += m.length;
    for (let i = 0; i < m.length; i++) if (m[i] === 0) zeros++;
  }
  return total === 0 ? 0 : zeros / total;
}

export interface PrunedAccuracy {
  format: SpeedFormat;
  sparsity: number;
  /** Measured fraction of zeros in the pruned layers (block padding can shift it a little). */
  actualSparsity: number;
  accuracy: number;
}

/** Test accuracy of the model pruned for `format` at `sparsity`. */
export function prunedAccuracy(
  weights: MlpWeights,
  images: Float32Array,
  labels: Uint8Array,
  count: number,
  format: SpeedFormat,
  sparsity: number,
  blockSize: number,
): PrunedAccuracy {
  const masks = pruneForFormat(weights, format, sparsity, blockSize);
  const logits = mlpForward(weights, images, count, masks);
  return { format, sparsity, actualSparsity: maskedSparsity(masks), accuracy: accuracy(logits, labels, count) };
}
