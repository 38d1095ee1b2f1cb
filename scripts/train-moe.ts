/**
 * Trains the lab's pretrained MoE digit classifiers with tfjs (WASM backend, Node) and writes
 * public/models/moe.json + public/models/moe-<id>.bin (format: lib/models/moe-format.ts;
 * model and maths: lib/models/moe-classifier.ts, lib/models/moe-train.ts).
 *
 * Default set (what the page opens on; each a few hundred KB):
 *   E = 8,  k = 2, Mixtral routing, aux weight 0.1   the default model
 *   E = 8,  k = 2, Mixtral routing, aux weight 0     unbalanced load for contrast
 *   E = 16, k = 2, Mixtral routing, aux weight 0.1 and 0 (without it experts die: routing collapse)
 * Recipe (the same as the in-browser retraining): 2 epochs of the 8,000 training digits, batch 64,
 * Adam lr 2e-2 cosine-decayed to 1e-3.
 * Deterministic: weights from mulberry32(seed), batch order from mulberry32(seed·1000 + epoch),
 * noise (if any) from a per-step seed; tfjs's WASM kernels are deterministic on one machine.
 *
 * Run: npm run train:moe [-- --epochs 2 --seed 1 --only e8-k2-aux0.1-mixtral --out DIR --dry]
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadMnistFromDisk } from '../lib/data/mnist-node';
import { classifierAccuracy, defaultRouting, moeClassifierForward, type MoeClassifierConfig } from '../lib/models/moe-classifier';
import { MOE_FORMAT, MOE_MANIFEST_FILE, type MoeManifest, moeModelId, serializeMoeModel } from '../lib/models/moe-format';
import { trainMoeClassifier } from '../lib/models/moe-train';
import { coefficientOfVariation } from '../lib/moe/routing';
import type { RoutingVariant } from '../lib/moe/variants';

const OUT_DEFAULT = fileURLToPath(new URL('../public/models/', import.meta.url));
const { values: args } = parseArgs({
  options: {
    epochs: { type: 'string', default: '2' },
    seed: { type: 'string', default: '1' },
    batch: { type: 'string', default: '64' },
    lr: { type: 'string', default: '2e-2' },
    hidden: { type: 'string', default: '32' },
    ffn: { type: 'string', default: '64' },
    only: { type: 'string' },
    out: { type: 'string', default: OUT_DEFAULT },
    dry: { type: 'boolean', default: false },
  },
});

interface Job {
  numExperts: number;
  k: number;
  auxWeight: number;
  variant: RoutingVariant;
}
const JOBS: Job[] = [
  { numExperts: 8, k: 2, auxWeight: 0.1, variant: 'mixtral' },
  { numExperts: 8, k: 2, auxWeight: 0, variant: 'mixtral' },
  { numExperts: 16, k: 2, auxWeight: 0.1, variant: 'mixtral' },
  { numExperts: 16, k: 2, auxWeight: 0, variant: 'mixtral' },
];

async function main(): Promise<void> {
  setWasmPaths(fileURLToPath(new URL('../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url)));
  if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend did not start');
  await tf.ready();
  const [train, test] = await Promise.all([loadMnistFromDisk('train'), loadMnistFromDisk('test')]);
  const epochs = Number(args.epochs);
  const seed = Number(args.seed);
  const batchSize = Number(args.batch);
  const learningRate = Number(args.lr);
  const manifest: MoeManifest = { format: MOE_FORMAT, models: [] };
  for (const job of JOBS) {
    const config: MoeClassifierConfig = { hidden: Number(args.hidden), ffn: Number(args.ffn), numExperts: job.numExperts, numShared: 0 };
    const id = moeModelId(config, job);
    if (args.only && args.only !== id) continue;
    const routing = { ...defaultRouting(config, job.k), variant: job.variant };
    const result = await trainMoeClassifier(tf, train, test, {
      config,
      routing,
      auxWeight: job.auxWeight,
      seed,
      epochs,
      batchSize,
      learningRate,
      evalEvery: 25,
    });
    const fwd = moeClassifierForward(result.weights, test.images, test.count, routing);
    const testAccuracy = classifierAccuracy(fwd.logits, test.labels, test.count);
    const testLoadCv = coefficientOfVariation(fwd.routing.load);
    const first90 = result.history.find((h) => h.testAccuracy >= 0.9);
    console.log(
      `${id}: test ${(100 * testAccuracy).toFixed(2)}% (pure TS; tfjs ${(100 * result.history[result.history.length - 1].testAccuracy).toFixed(2)}%), ` +
        `load CV ${testLoadCv.toFixed(3)}, ${(result.totalMs / 1000).toFixed(1)} s, ` +
        `>= 90% after ${first90 ? `${first90.step} steps, ${(first90.elapsedMs / 1000).toFixed(1)} s` : 'never'}`,
    );
    console.log(
      `  history: ${result.history.map((h) => `${h.step}:${(100 * h.testAccuracy).toFixed(1)}%/cv${h.loadCv.toFixed(2)}`).join(' ')}`,
    );
    const { entry, bytes } = serializeMoeModel(result.weights, {
      variant: job.variant,
      k: job.k,
      auxWeight: job.auxWeight,
      capacityFactor: routing.capacityFactor,
      seed,
      epochs,
      batchSize,
      learningRate,
      testAccuracy,
      testLoadCv,
      trainSeconds: Math.round(result.totalMs / 100) / 10,
      trainedWith: `tfjs ${tf.version.tfjs} (wasm backend, Node), scripts/train-moe.ts: Adam lr ${learningRate}, batch ${batchSize}, ${epochs} epochs, seed ${seed}`,
    });
    manifest.models.push(entry);
    if (!args.dry) {
      await mkdir(args.out ?? OUT_DEFAULT, { recursive: true });
      await writeFile(join(args.out ?? OUT_DEFAULT, entry.file), bytes);
    }
  }
  if (!args.dry && !args.only) {
    await writeFile(join(args.out ?? OUT_DEFAULT, MOE_MANIFEST_FILE), `${JSON.stringify(manifest, null, 1)}\n`);
    console.log(`wrote ${manifest.models.length} models and ${MOE_MANIFEST_FILE} to ${args.out}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
