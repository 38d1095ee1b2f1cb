import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnistFromDisk } from '../data/mnist-node';
import type { MnistData } from '../data/mnist';
import type { MlpWeights } from '../models/mlp';
import { loadMlpFromDisk } from '../models/mlp-node';
import { blockMask } from '../sparsity/pruning';
import { blockShapeNotes, maskedSparsity, paddedBlockMask, pruneForFormat, prunedAccuracy } from './accuracy';

describe('paddedBlockMask', () => {
  it('equals blockMask when the block size divides the shape', () => {
    const w = Float32Array.from({ length: 64 }, (_, i) => Math.sin(i) + 0.01);
    expect(paddedBlockMask(w, [8, 8], 4, 0.5)).toEqual(blockMask(w, [8, 8], 4, 0.5));
  });

  it('keeps the shape and prunes whole (cropped) tiles otherwise', () => {
    const rows = 4;
    const cols = 6; // b = 4: one full tile column and one half tile
    const w = Float32Array.from({ length: rows * cols }, (_, i) => (i % cols < 4 ? 10 : 1));
    const m = paddedBlockMask(w, [rows, cols], 4, 0.5);
    expect(m.length).toBe(rows * cols);
    // the half tile (columns 4, 5) has the smaller norm and is pruned
    for (let r = 0; r < rows; r++) expect([...m.subarray(r * cols, (r + 1) * cols)]).toEqual([1, 1, 1, 1, 0, 0]);
  });
});

describe('pruning the MNIST model for each format', () => {
  let weights: MlpWeights;
  let test: MnistData;
  beforeAll(async () => {
    weights = (await loadMlpFromDisk()).weights;
    test = await loadMnistFromDisk('test');
  });

  it('prunes fc1 and fc2 to the sparsity and leaves fc3 dense', () => {
    const masks = pruneForFormat(weights, 'csr', 0.7, 32);
    expect(masks[2]).toBeUndefined();
    expect(maskedSparsity(masks)).toBeCloseTo(0.7, 3);
    expect(maskedSparsity(pruneForFormat(weights, '24', 0.5, 32))).toBe(0.5);
    expect(() => pruneForFormat(weights, '24', 0.7, 32)).toThrow(/0.5/);
  });

  it('fc1 (784 inputs) is not divisible by 32: it is padded, and named', () => {
    expect(blockShapeNotes(weights, 32)).toEqual([{ name: weights.layers[0].name, rows: 256, cols: 784 }]);
    expect(blockShapeNotes(weights, 16)).toEqual([]);
    const s = maskedSparsity(pruneForFormat(weights, 'bsr', 0.5, 32));
    expect(Math.abs(s - 0.5)).toBeLessThan(0.02);
  });

  it('accuracy falls as sparsity rises, and structured pruning loses more at 90%', () => {
    const acc = (f: 'csr' | 'bsr', s: number) => prunedAccuracy(weights, test.images, test.labels, test.count, f, s, 32).accuracy;
    const a0 = acc('csr', 0);
    expect(a0).toBeCloseTo(0.978, 3);
    expect(acc('csr', 0.5)).toBeGreaterThan(0.97);
    expect(acc('csr', 0.9)).toBeLessThan(a0);
    expect(acc('bsr', 0.9)).toBeLessThan(acc('csr', 0.9));
  }, 30_000);
});
