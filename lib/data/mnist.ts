/**
 * MNIST digits as the labs use them: parsing of the committed byte files, a browser loader,
 * the calibration subset and seeded mini-batches. Pure TypeScript (Node and browser);
 * the only I/O is loadMnist's fetch. Node code reads the same files via mnist-node.ts.
 *
 * Files (public/data/, written by scripts/build-mnist.ts, split rule in mnist-split.ts):
 *   mnist-{split}-images.u8  count · 784 bytes, image-major, each image row-major 28 × 28,
 *                            byte p = round(255 · v) for intensity v ∈ [0, 1]
 *   mnist-{split}-labels.u8  count bytes, class 0 … 9
 *   mnist.json               manifest (counts, size, source, split rule)
 * In memory: images Float32Array [count, 784] with x = p / 255 ∈ [0, 1], labels Uint8Array [count].
 */
import { createMulberry32, shuffleInPlace } from './seeded-random';

export const MNIST_ROWS = 28;
export const MNIST_COLS = 28;
/** D = 28 · 28 = 784 inputs per digit. */
export const MNIST_PIXELS = MNIST_ROWS * MNIST_COLS;
export const MNIST_CLASSES = 10;
/** Default size of the calibration subset (first digits of the train split). */
export const CALIBRATION_SIZE = 128;

export type MnistSplit = 'train' | 'test';

/** A set of digits: images [count, 784] in [0, 1], labels [count] in 0 … 9. */
export interface MnistData {
  images: Float32Array;
  labels: Uint8Array;
  count: number;
}

/** Contents of public/data/mnist.json. */
export interface MnistManifest {
  train: { count: number; classCounts?: number[] };
  test: { count: number; classCounts?: number[] };
  rows: number;
  cols: number;
  source: string;
  split?: string;
}

/** File names of one split's images and labels (relative to the data folder). */
export function getMnistFileNames(split: MnistSplit): { images: string; labels: string } {
  return { images: `mnist-${split}-images.u8`, labels: `mnist-${split}-labels.u8` };
}

/**
 * Decodes `count` digits: x[i] = images[i] / 255. Throws if the byte lengths are not
 * count · 784 and count, or if a label is not in 0 … 9.
 */
export function parseMnist(images: Uint8Array, labels: Uint8Array, count: number): MnistData {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  if (images.length !== count * MNIST_PIXELS) {
    throw new RangeError(`expected ${count * MNIST_PIXELS} image bytes for ${count} digits, got ${images.length}`);
  }
  if (labels.length !== count) throw new RangeError(`expected ${count} labels, got ${labels.length}`);
  for (let i = 0; i < count; i++) {
    if (labels[i] >= MNIST_CLASSES) throw new RangeError(`label ${labels[i]} at index ${i} is not a digit class`);
  }
  const x = new Float32Array(images.length);
  for (let i = 0; i < images.length; i++) x[i] = images[i] / 255;
  return { images: x, labels: labels.slice(), count };
}

/** Joins a base URL ('/data', '/data/', 'https://…/data') and a file name with one slash. */
function joinUrl(baseUrl: string, file: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${file}`;
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * Browser loader: fetches `${baseUrl}/mnist-{split}-{images,labels}.u8` and parses them.
 * count is taken from the label file's length (one byte per digit).
 */
export async function loadMnist(baseUrl: string, split: MnistSplit): Promise<MnistData> {
  const names = getMnistFileNames(split);
  const [images, labels] = await Promise.all([fetchBytes(joinUrl(baseUrl, names.images)), fetchBytes(joinUrl(baseUrl, names.labels))]);
  return parseMnist(images, labels, labels.length);
}

/** Browser loader for the manifest `${baseUrl}/mnist.json`. */
export async function loadMnistManifest(baseUrl: string): Promise<MnistManifest> {
  const url = joinUrl(baseUrl, 'mnist.json');
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url}: HTTP ${response.status}`);
  return (await response.json()) as MnistManifest;
}

/**
 * Digits start … start+n−1 as zero-copy views (subarray) of `data`: they share memory
 * with it, so writing to them writes to `data`.
 */
export function sliceMnist(data: MnistData, start: number, n: number): MnistData {
  const end = Math.min(data.count, start + n);
  const s = Math.max(0, Math.min(start, end));
  return {
    images: data.images.subarray(s * MNIST_PIXELS, end * MNIST_PIXELS),
    labels: data.labels.subarray(s, end),
    count: end - s,
  };
}

/**
 * The calibration set used by pruning methods that need activations (Wanda, SparseGPT):
 * the first n digits of the train split (views, no copy). The split is shuffled across
 * classes at build time, so the first 128 cover all ten digits.
 */
export function selectCalibrationSubset(data: MnistData, n: number = CALIBRATION_SIZE): MnistData {
  return sliceMnist(data, 0, n);
}

/** Alias kept for the name used in the design notes. */
export const calibrationSubset = selectCalibrationSubset;

/** The 784 pixels of digit i (view, row-major 28 × 28). */
export function getDigitImage(data: MnistData, i: number): Float32Array {
  if (i < 0 || i >= data.count) throw new RangeError(`digit ${i} is out of range 0 … ${data.count - 1}`);
  return data.images.subarray(i * MNIST_PIXELS, (i + 1) * MNIST_PIXELS);
}

/** Copies the digits at `indices` (in that order) into new arrays: a gather along the batch axis. */
export function gatherMnist(data: MnistData, indices: ArrayLike<number>): MnistData {
  const n = indices.length;
  const images = new Float32Array(n * MNIST_PIXELS);
  const labels = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const i = indices[k];
    images.set(data.images.subarray(i * MNIST_PIXELS, (i + 1) * MNIST_PIXELS), k * MNIST_PIXELS);
    labels[k] = data.labels[i];
  }
  return { images, labels, count: n };
}

/** Digits per class: counts[c] = #{i : labels[i] = c}. */
export function countLabels(labels: ArrayLike<number>, classes: number = MNIST_CLASSES): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (let i = 0; i < labels.length; i++) counts[labels[i]]++;
  return counts;
}

export interface MnistBatch extends MnistData {
  /** Which digits of the source set this batch holds, in batch order. */
  indices: Uint32Array;
}

export interface BatchOptions {
  /** Digits per batch (the last batch may be smaller unless dropLast). */
  batchSize: number;
  /** Shuffle the order with mulberry32(seed) first; omit for the stored order. */
  seed?: number;
  /** Skip a final batch smaller than batchSize. */
  dropLast?: boolean;
}

/**
 * Yields mini-batches covering every digit once: ⌈count / batchSize⌉ batches (⌊…⌋ with
 * dropLast). With a seed, the order is a Fisher–Yates permutation from mulberry32(seed),
 * so one seed per epoch (e.g. base + epoch) gives a reproducible, different order each epoch.
 * Each batch is a fresh copy (gather), images [b, 784], labels [b].
 */
export function* iterateBatches(data: MnistData, options: BatchOptions): Generator<MnistBatch> {
  const { batchSize, seed, dropLast = false } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const order = new Uint32Array(data.count);
  for (let i = 0; i < data.count; i++) order[i] = i;
  if (seed !== undefined) shuffleInPlace(order, createMulberry32(seed));
  for (let start = 0; start < data.count; start += batchSize) {
    const indices = order.subarray(start, Math.min(data.count, start + batchSize));
    if (dropLast && indices.length < batchSize) break;
    yield { ...gatherMnist(data, indices), indices: indices.slice() };
  }
}
