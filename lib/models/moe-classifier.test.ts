import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { loadMnistFromDisk } from '../data/mnist-node';
import { normalArray } from '../random';
import {
  type MoeClassifierWeights,
  PATCH_DIM,
  TOKENS_PER_DIGIT,
  classifierAccuracy,
  countClassifierParameters,
  defaultRouting,
  moeClassifierForward,
  patchifyDigits,
  validateClassifier,
  weightShapes,
  withSharedExperts,
} from './moe-classifier';
import { MOE_FORMAT, type MoeManifest, moeModelId, parseMoeModel, serializeMoeModel } from './moe-format';
import { trainMoeClassifier } from './moe-train';

const MODEL_DIR = join(__dirname, '../../public/models');

function randomWeights(numExperts: number, numShared = 0, seed = 1): MoeClassifierWeights {
  const config = { hidden: 8, ffn: 12, numExperts, numShared };
  const w: Record<string, unknown> = { config };
  weightShapes(config).forEach(
    ({ name, shape }, i) =>
      (w[name] = normalArray(
        shape.reduce((a, b) => a * b, 1),
        seed * 50 + i,
        0.3,
      )),
  );
  return w as unknown as MoeClassifierWeights;
}

describe('patchifyDigits', () => {
  it('cuts a digit into 16 row-major 7×7 patches', () => {
    const img = Float32Array.from({ length: 784 }, (_, i) => i);
    const p = patchifyDigits(img, 1);
    expect(p.length).toBe(16 * PATCH_DIM);
    expect(p[0]).toBe(0); // patch 0, pixel (0, 0)
    expect(p[PATCH_DIM]).toBe(7); // patch 1 starts at column 7
    expect(p[4 * PATCH_DIM]).toBe(7 * 28); // patch 4 starts at row 7
    expect(p[PATCH_DIM + 8]).toBe(28 + 8); // patch 1, pixel (1, 1)
    expect(p[15 * PATCH_DIM + 48]).toBe(783);
  });
});

describe('the classifier forward pass', () => {
  it('validates sizes and counts parameters', () => {
    const w = randomWeights(4);
    expect(() => validateClassifier(w)).not.toThrow();
    expect(countClassifierParameters(w.config)).toBe(49 * 8 + 8 + 16 * 8 + 8 * 4 + 4 * (8 * 12 + 12 + 12 * 8 + 8) + 8 * 10 + 10);
    expect(() => validateClassifier({ ...w, router: new Float32Array(3) })).toThrow(/router/);
  });

  it('k = E with softmax weights equals running every expert (dense mixture)', () => {
    const w = randomWeights(3);
    const images = normalArray(2 * 784, 9, 0.5);
    const out = moeClassifierForward(w, images, 2, { ...defaultRouting(w.config, 3), k: 3 });
    expect(out.logits.length).toBe(20);
    expect(out.routing.slotsPerToken).toBe(3);
    expect(out.routerLogits.length).toBe(2 * TOKENS_PER_DIGIT * 3);
  });

  it('withSharedExperts prepends always-on shared slots and shifts routed ids', () => {
    const r = {
      experts: Int32Array.from([1, -1]),
      weights: Float32Array.from([0.7, 0]),
      slotsPerToken: 1,
      numExpertIds: 3,
      numShared: 0,
      load: new Int32Array(3),
      capacity: 1,
      dropped: 1,
      rankedLogits: new Float32Array(6),
    };
    const s = withSharedExperts(r, 2, 2);
    expect(Array.from(s.experts)).toEqual([0, 1, 3, 0, 1, -1]);
    expect(Array.from(s.weights)).toEqual([1, 1, Math.fround(0.7), 1, 1, 0]);
    expect(s.numExpertIds).toBe(5);
  });

  it('format round trip keeps every tensor', () => {
    const w = randomWeights(4, 1);
    const training = {
      variant: 'shared' as const,
      k: 2,
      auxWeight: 0.1,
      capacityFactor: 1.25,
      seed: 1,
      epochs: 1,
      batchSize: 8,
      learningRate: 0.01,
      testAccuracy: 0.5,
      testLoadCv: 0.1,
      trainSeconds: 1,
      trainedWith: 'test',
    };
    const { entry, bytes } = serializeMoeModel(w, training);
    expect(entry.id).toBe(moeModelId(w.config, training));
    expect(entry.id).toBe('e4-k2-aux0.1-shared-s1');
    const back = parseMoeModel(entry, bytes);
    for (const { name } of weightShapes(w.config)) expect(Array.from(back[name])).toEqual(Array.from(w[name]));
    expect(() => parseMoeModel({ ...entry, byteLength: entry.byteLength + 4 }, bytes)).toThrow(/bytes/);
  });
});

describe('the shipped pretrained models', () => {
  it('reach >= 90% test accuracy with their own routing (pure-TS forward), and the manifest says so', async () => {
    const manifest = JSON.parse(await readFile(join(MODEL_DIR, 'moe.json'), 'utf8')) as MoeManifest;
    expect(manifest.format).toBe(MOE_FORMAT);
    const test = await loadMnistFromDisk('test');
    const entry = manifest.models.find((m) => m.id === 'e8-k2-aux0.1-mixtral');
    expect(entry).toBeDefined();
    const w = parseMoeModel(entry!, new Uint8Array(await readFile(join(MODEL_DIR, entry!.file))));
    const n = 500;
    const out = moeClassifierForward(w, test.images.subarray(0, n * 784), n, defaultRouting(w.config, entry!.training.k));
    const acc = classifierAccuracy(out.logits, test.labels, n);
    expect(acc).toBeGreaterThanOrEqual(0.9);
    expect(entry!.training.testAccuracy).toBeGreaterThanOrEqual(0.9);
    let bytes = 0;
    for (const m of manifest.models) bytes += m.byteLength;
    expect(bytes).toBeLessThan(1_000_000);
  });

  it('without the auxiliary loss the 16-expert model collapses: some experts get no tokens, CV far above the balanced model', async () => {
    const manifest = JSON.parse(await readFile(join(MODEL_DIR, 'moe.json'), 'utf8')) as MoeManifest;
    const withAux = manifest.models.find((m) => m.id === 'e16-k2-aux0.1-mixtral')!;
    const without = manifest.models.find((m) => m.id === 'e16-k2-aux0-mixtral')!;
    expect(without.training.testLoadCv).toBeGreaterThan(3 * withAux.training.testLoadCv);
  });
});

describe('trainMoeClassifier (tfjs cpu, a few steps)', () => {
  it('runs every routing variant, lowers the loss and exports the pure-TS layout', async () => {
    await tf.setBackend('cpu');
    const train = await loadMnistFromDisk('train');
    const test = await loadMnistFromDisk('test');
    const small = { images: train.images.subarray(0, 256 * 784), labels: train.labels.subarray(0, 256), count: 256 };
    const tiny = { images: test.images.subarray(0, 64 * 784), labels: test.labels.subarray(0, 64), count: 64 };
    for (const variant of ['mixtral', 'source', 'switch', 'noisy', 'expert-choice', 'shared', 'gshard'] as const) {
      const numShared = variant === 'shared' ? 1 : 0;
      const config = { hidden: 8, ffn: 8, numExperts: 4, numShared };
      const losses: number[] = [];
      const r = await trainMoeClassifier(tf, small, tiny, {
        config,
        routing: { ...defaultRouting(config, 2), variant, noise: true },
        auxWeight: 0.1,
        seed: 1,
        epochs: 2,
        batchSize: 32,
        learningRate: 2e-2,
        onStep: (p) => void losses.push(p.loss),
      });
      expect(r.steps).toBe(16);
      expect(losses.every(Number.isFinite)).toBe(true);
      expect(losses.slice(-4).reduce((a, b) => a + b) / 4).toBeLessThan(losses.slice(0, 4).reduce((a, b) => a + b) / 4);
      // tfjs and the pure-TS forward agree on the exported weights
      expect(() => validateClassifier(r.weights)).not.toThrow();
      expect(r.weights.w1.length).toBe((4 + numShared) * 8 * 8);
    }
    expect(tf.memory().numTensors).toBeLessThan(5);
  }, 120_000);
});
