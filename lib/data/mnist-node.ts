/**
 * Node-only loaders for the committed MNIST files in public/data (scripts and tests).
 * Browser code uses loadMnist(baseUrl, split) from mnist.ts instead.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type MnistData, type MnistManifest, type MnistSplit, getMnistFileNames, parseMnist } from './mnist';

/** Absolute path of public/data, found from this file's location (lib/data → ../../public/data). */
export const MNIST_DATA_DIR = fileURLToPath(new URL('../../public/data/', import.meta.url));

/** Reads and parses one split from `dir` (default public/data). */
export async function loadMnistFromDisk(split: MnistSplit, dir: string = MNIST_DATA_DIR): Promise<MnistData> {
  const names = getMnistFileNames(split);
  const [images, labels] = await Promise.all([readFile(join(dir, names.images)), readFile(join(dir, names.labels))]);
  return parseMnist(new Uint8Array(images), new Uint8Array(labels), labels.length);
}

/** Reads public/data/mnist.json. */
export async function loadMnistManifestFromDisk(dir: string = MNIST_DATA_DIR): Promise<MnistManifest> {
  return JSON.parse(await readFile(join(dir, 'mnist.json'), 'utf8')) as MnistManifest;
}
