/// <reference lib="webworker" />
/**
 * The pruning lab's worker: pruning + test accuracy (evaluate), accuracy-vs-sparsity curves
 * and fine-tuning, off the main thread (lib/pruning/lab-jobs.ts). The lab starts one instance
 * per job kind. Protocol: lib/pruning/worker-protocol.ts on lib/runtime (worker-host.ts): a newer
 * request of a kind cancels the running one, which stops at its next tick; a burst of evaluate
 * requests collapses to the newest.
 */
import { parseMnist, type MnistData } from '@/lib/data/mnist';
import { type LabData, evaluateSettings, measureAccuracy, runCurve, runFineTune } from '@/lib/pruning/lab-jobs';
import type { PruningProtocol } from '@/lib/pruning/worker-protocol';
import { type HostScope, Transfer, hostWorker } from '@/lib/runtime/worker-host';

let data: LabData | null = null;
let train: MnistData | null = null;
let denseAccuracy: number | null = null;

function lab(): LabData {
  if (!data) throw new Error('the model is not loaded yet');
  return data;
}

const maskBuffers = (masks: (Uint8Array | undefined)[]) => masks.filter((m): m is Uint8Array => !!m).map((m) => m.buffer);

hostWorker<PruningProtocol>(self as unknown as HostScope, {
  init: async (d) => {
    data = d;
    denseAccuracy = null;
  },
  train: async ({ images, labels }) => {
    train = parseMnist(images, labels, labels.length);
  },
  evaluate: async ({ settings }, job) => {
    await job.check(); // requests that arrived meanwhile win
    const d = lab();
    denseAccuracy ??= measureAccuracy(d.weights, d.test);
    const result = evaluateSettings(d, settings);
    return new Transfer({ ...result, denseAccuracy }, maskBuffers(result.masks));
  },
  compare: async ({ settings }, job) => {
    await job.check();
    const result = evaluateSettings(lab(), settings);
    return new Transfer(result, maskBuffers(result.masks));
  },
  curve: async ({ settings }, job) => {
    await job.check();
    await runCurve(lab(), settings, (point, done, total) => job.progress({ point, done, total }), job.check);
  },
  finetune: async ({ masks, steps, seed }, job) => {
    await job.check();
    const d = lab();
    if (!train) throw new Error('the training digits are not loaded yet');
    return runFineTune(d, train, masks, steps, seed, (progress) => job.progress(progress), job.check);
  },
});
