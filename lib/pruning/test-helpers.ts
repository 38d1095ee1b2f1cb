/** Small seeded nets and data for the pruning-lab tests (not used by the app). */
import type { MnistData } from '../data/mnist';
import { mulberry32 } from '../random';
import type { MlpWeights } from '../models/mlp';

/** A random MLP with the given widths; weights uniform in [−1, 1), biases in [−0.5, 0.5). */
export function makeRandomMlp(seed: number, arch: number[]): MlpWeights {
  const random = mulberry32(seed);
  return {
    layers: arch.slice(1).map((out, l) => ({
      name: `fc${l + 1}`,
      in: arch[l],
      out,
      weight: Float32Array.from({ length: out * arch[l] }, () => random() * 2 - 1),
      bias: Float32Array.from({ length: out }, () => random() - 0.5),
    })),
  };
}

/** `count` random inputs in [0, 1) with ~30% exact zeros, labels in 0 … classes−1. */
export function makeRandomData(seed: number, count: number, inDim: number, classes: number): MnistData {
  const random = mulberry32(seed);
  const images = Float32Array.from({ length: count * inDim }, () => (random() < 0.3 ? 0 : random()));
  const labels = Uint8Array.from({ length: count }, () => Math.floor(random() * classes));
  return { images, labels, count };
}
