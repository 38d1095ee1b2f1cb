/**
 * Trains the 784-256-256-10 MLP from scratch under a sparsity schedule with the lab's own
 * code (lib/training) on tfjs WASM in Node, and prints per-epoch loss, accuracy and target
 * vs measured sparsity. The browser lab runs the same loop in a Web Worker.
 *
 * Run: npx tsx scripts/train-sparse.ts [--schedule cubic|linear|one-shot] [--order default|source]
 *        [--final 0.9] [--epochs 5] [--batch 128] [--subset 8000] [--imp 0] [--scope layer|global]
 *        [--optimizer adam|sgd] [--lr 0.001] [--seed 1] [--begin 32] [--end 220] [--freq 8] [--t0 126]
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { MNIST_CLASSES, MNIST_PIXELS, iterateBatches, sliceMnist } from '../lib/data/mnist';
import { loadMnistFromDisk } from '../lib/data/mnist-node';
import { type TrainingConfig, validateTrainingConfig } from '../lib/training/config';
import { runTraining } from '../lib/training/run-training';
import { TfMlpTrainer } from '../lib/training/tf-mlp-trainer';

const { values: a } = parseArgs({
  options: {
    schedule: { type: 'string', default: 'cubic' },
    order: { type: 'string', default: 'default' },
    final: { type: 'string', default: '0.9' },
    initial: { type: 'string', default: '0' },
    epochs: { type: 'string', default: '5' },
    batch: { type: 'string', default: '128' },
    subset: { type: 'string', default: '8000' },
    imp: { type: 'string', default: '0' },
    rewind: { type: 'string', default: '20' },
    scope: { type: 'string', default: 'layer' },
    optimizer: { type: 'string', default: 'adam' },
    lr: { type: 'string', default: '0.001' },
    seed: { type: 'string', default: '1' },
    begin: { type: 'string', default: '32' },
    end: { type: 'string', default: '220' },
    freq: { type: 'string', default: '8' },
    t0: { type: 'string', default: '126' },
    backend: { type: 'string', default: 'wasm' },
  },
});

const config: TrainingConfig = {
  schedule: a.schedule as TrainingConfig['schedule'],
  maskOrder: a.order as TrainingConfig['maskOrder'],
  final: Number(a.final),
  initial: Number(a.initial),
  epochs: Number(a.epochs),
  batchSize: Number(a.batch),
  subset: Number(a.subset),
  impRounds: Number(a.imp),
  rewindStep: Number(a.rewind),
  scope: a.scope as TrainingConfig['scope'],
  optimizer: a.optimizer as TrainingConfig['optimizer'],
  learningRate: Number(a.lr),
  seed: Number(a.seed),
  beginStep: Number(a.begin),
  endStep: Number(a.end),
  frequency: Number(a.freq),
  t0: Number(a.t0),
};

const issues = validateTrainingConfig(config);
for (const i of issues) console.log(`${i.severity}: ${i.message}`);
if (issues.some((i) => i.severity === 'error')) process.exit(1);

if (a.backend === 'wasm') setWasmPaths(fileURLToPath(new URL('../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url)));
await tf.setBackend(a.backend ?? 'wasm');
await tf.ready();
const [trainAll, test] = await Promise.all([loadMnistFromDisk('train'), loadMnistFromDisk('test')]);
const train = sliceMnist(trainAll, 0, config.subset);
const trainer = new TfMlpTrainer(tf, {
  arch: [MNIST_PIXELS, 256, 256, MNIST_CLASSES],
  seed: config.seed,
  optimizer: { kind: config.optimizer, learningRate: config.learningRate },
});
trainer.setEvaluationData(test.images, test.labels, test.count);
const pct = (v: number) => `${(100 * v).toFixed(2)}%`;
let lastStep = { target: 0, measured: 0, loss: 0 };
const summary = await runTraining({
  model: trainer,
  config,
  batches: (epoch) => iterateBatches(train, { batchSize: config.batchSize, seed: config.seed * 1000 + epoch }),
  evaluate: () => trainer.evaluate(),
  evalEvery: Number.MAX_SAFE_INTEGER,
  onStep: (r) => (lastStep = r),
  onEvaluate: (e) =>
    console.log(
      `round ${e.round} epoch ${e.epoch + 1}  step ${e.step}  loss ${lastStep.loss.toFixed(4)}  train ${pct(e.trainAccuracy)}  test ${pct(e.testAccuracy)}  ` +
        `target ${pct(lastStep.target)}  measured ${pct(lastStep.measured)}  ${(e.elapsedMs / 1000).toFixed(1)} s  tensors ${tf.memory().numTensors}`,
    ),
});
console.log(
  `${tf.getBackend()}: ${summary.steps} steps in ${(summary.elapsedMs / 1000).toFixed(1)} s; final target ${pct(summary.finalTarget)}, measured ${pct(summary.finalMeasured)}, ` +
    `max |gap| ${(100 * summary.maxGap).toFixed(3)} pp, test accuracy ${pct(summary.finalTestAccuracy ?? 0)}`,
);
trainer.dispose();
