/**
 * The gradual sparse training lab's benchmark: what masking costs per training step of
 * the 784-256-256-10 MLP (batch 128, Adam) on tfjs's model backend (WASM on a software
 * adapter), measured side by side in one run:
 *   1. masked step, default order (zero pruned gradients, step, apply mask; 90 % sparse)
 *      vs the dense step. idealSpeedup = 1: dense kernels do the same work on zeros, so
 *      masking can only add cost (two element-wise products and the zero count).
 *   2. the source's order (magnitude mask recomputed and applied every step) vs the
 *      default order at the same sparsity: the cost of re-ranking 269k weights per step.
 * params.epochSeconds = median step × steps per epoch (63 for 8,000 digits at batch 128):
 * the lab's goal is five epochs in under 60 s on WASM.
 * The suite switches tfjs to the model backend and back to the previous one at the end.
 *
 * Every sample ends with the same wait for every variant (modelBackendSync): on WebGPU the
 * backend's queue is flushed and awaited (waitForGpu, lib/kernels/harness.ts), so the dense
 * step's optimizer update (enqueued after its loss readback) is counted in the dense sample
 * instead of spilling into the next variant's readback; WASM and CPU run ops synchronously.
 */
import type * as TF from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import type { ModelBackend } from '../compute/backend';
import { useModelBackend } from '../compute/tf';
import { timeInterleaved } from '../compute/timing';
import { MNIST_CLASSES, MNIST_PIXELS, type MnistBatch, iterateBatches, loadMnist, sliceMnist } from '../data/mnist';
import { stepsPerEpoch } from '../training/config';
import { computeMagnitudeMasks } from '../training/masks';
import { runStep, stepSequence } from '../training/step-sequence';
import { TfMlpTrainer } from '../training/tf-mlp-trainer';
import { waitForGpu } from '../kernels/harness';
import type { BenchContext, BenchMeasurement, BenchSuite } from './types';

const BATCH = 128;
const SPARSITY = 0.9;
const TRAIN_DIGITS = 8000;

/**
 * The wait after each timed sample, the same for dense and masked steps: all work the model
 * backend has queued is done. WebGPU queues dispatches (waitForGpu ends the open pass,
 * submits it and awaits onSubmittedWorkDone); WASM and CPU kernels have finished when
 * the op returns.
 */
export function modelBackendSync(tf: Pick<typeof TF, 'backend'>, name: ModelBackend): () => Promise<void> {
  if (name !== 'webgpu') return () => Promise.resolve();
  return () => waitForGpu({ tf: tf as typeof TF, backend: tf.backend() as unknown as WebGPUBackend });
}

function cycle(batches: MnistBatch[]): () => MnistBatch {
  let i = 0;
  return () => batches[i++ % batches.length];
}

async function run(ctx: BenchContext): Promise<BenchMeasurement[]> {
  const previous = ctx.kernels.tf.getBackend();
  const { tf, name } = await useModelBackend();
  const trainers: TfMlpTrainer[] = [];
  try {
    const all = await loadMnist('/data', 'train');
    const digits = ctx.size === 'tiny' ? 1024 : 4096;
    const batches = [...iterateBatches(sliceMnist(all, 0, digits), { batchSize: BATCH, seed: 1 })];
    const make = () => {
      const t = new TfMlpTrainer(tf, { arch: [MNIST_PIXELS, 256, 256, MNIST_CLASSES], seed: 1, optimizer: { kind: 'adam', learningRate: 0.001 } });
      trainers.push(t);
      return t;
    };
    const dense = make();
    const masked = make();
    const source = make();
    const masks = computeMagnitudeMasks(masked.readWeights(), SPARSITY, 'global');
    masked.setMasks(masks);
    masked.applyMask();
    const ctxStep = { target: SPARSITY, scope: 'global' as const };
    const next = { dense: cycle(batches), masked: cycle(batches), source: cycle(batches) };
    const variants = [
      { name: 'dense step', run: () => void runStep(dense, stepSequence('default', false), next.dense(), ctxStep) },
      {
        name: 'masked step, default order',
        run: () => {
          runStep(masked, stepSequence('default', false), next.masked(), ctxStep);
          masked.countZeroWeights();
        },
      },
      {
        name: "masked step, source's order",
        run: () => {
          runStep(source, stepSequence('source', true), next.source(), ctxStep);
          source.countZeroWeights();
        },
      },
    ];
    const samples = ctx.size === 'tiny' ? 20 : ctx.size === 'quick' ? 30 : 60;
    ctx.log(`training: ${samples} interleaved samples of one step each on ${name}`);
    const [d, m, s] = await timeInterleaved(variants, modelBackendSync(tf, name), { samples, warmup: 3, minSampleMs: 1, maxRepeats: 1, signal: ctx.signal });
    const perEpoch = stepsPerEpoch(TRAIN_DIGITS, BATCH);
    const params = (ms: number) => ({ backend: name, batch: BATCH, arch: '784-256-256-10', optimizer: 'adam', epochSeconds: Number(((ms * perEpoch) / 1000).toFixed(2)) });
    return [
      { kernel: m.name, baseline: d.name, params: params(m.medianMs), sparsity: SPARSITY, kernelMs: m.medianMs, baselineMs: d.medianMs, speedup: d.medianMs / m.medianMs, idealSpeedup: 1, kernelCv: m.cv, baselineCv: d.cv },
      { kernel: s.name, baseline: m.name, params: params(s.medianMs), sparsity: SPARSITY, kernelMs: s.medianMs, baselineMs: m.medianMs, speedup: m.medianMs / s.medianMs, idealSpeedup: 1, kernelCv: s.cv, baselineCv: m.cv },
    ];
  } finally {
    trainers.forEach((t) => t.dispose());
    await tf.setBackend(previous);
  }
}

export const suite: BenchSuite = { lab: 'training', run };
