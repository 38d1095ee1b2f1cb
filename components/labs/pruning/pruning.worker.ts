/// <reference lib="webworker" />
/**
 * The pruning lab's worker: pruning + test accuracy (evaluate), accuracy-vs-sparsity curves
 * and fine-tuning, off the main thread (lib/pruning/lab-jobs.ts). The lab starts one instance
 * per job kind. A newer request of a kind makes the running one of that kind throw
 * JobCancelled at its next tick; a burst of evaluate requests collapses to the newest.
 * 'compare' (the "Compare with" method) is an evaluate job with its own id counter, sent to
 * the live-evaluation instance.
 */
import { parseMnist, type MnistData } from '@/lib/data/mnist';
import { JobCancelled, type LabData, evaluateSettings, measureAccuracy, runCurve, runFineTune } from '@/lib/pruning/lab-jobs';
import type { JobKind, WorkerRequest, WorkerResponse } from '@/lib/pruning/worker-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const latest: Record<JobKind, number> = { evaluate: 0, curve: 0, finetune: 0, compare: 0 };
let data: LabData | null = null;
let train: MnistData | null = null;
let denseAccuracy: number | null = null;

const post = (message: WorkerResponse, transfer: Transferable[] = []) => scope.postMessage(message, transfer);
const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function ticker(kind: JobKind, id: number) {
  return async () => {
    await yieldToEvents();
    if (latest[kind] !== id) throw new JobCancelled();
  };
}

scope.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.kind === 'init') {
    data = { weights: request.weights, test: request.test, calibration: request.calibration };
    denseAccuracy = null;
    return;
  }
  if (request.kind === 'train') {
    try {
      train = parseMnist(request.images, request.labels, request.labels.length);
    } catch (err) {
      post({ kind: 'error', of: 'init', id: 0, message: err instanceof Error ? err.message : String(err) });
    }
    return;
  }
  if (request.kind === 'cancel') {
    latest[request.of] = Math.max(latest[request.of], request.id);
    return;
  }
  latest[request.kind] = request.id;
  const tick = ticker(request.kind, request.id);
  try {
    await tick(); // requests that arrived meanwhile win
    if (!data) throw new Error('the model is not loaded yet');
    const d = data;
    if (request.kind === 'evaluate') {
      denseAccuracy ??= measureAccuracy(d.weights, d.test);
      const result = evaluateSettings(d, request.settings);
      if (latest.evaluate !== request.id) return;
      post({ kind: 'evaluate', id: request.id, result, denseAccuracy }, result.masks.filter((m): m is Uint8Array => !!m).map((m) => m.buffer));
    } else if (request.kind === 'compare') {
      const result = evaluateSettings(d, request.settings);
      if (latest.compare !== request.id) return;
      post({ kind: 'compare', id: request.id, result }, result.masks.filter((m): m is Uint8Array => !!m).map((m) => m.buffer));
    } else if (request.kind === 'curve') {
      await runCurve(d, request.settings, (point, done, total) => post({ kind: 'curve-point', id: request.id, point, done, total }), tick);
      post({ kind: 'curve-done', id: request.id });
    } else {
      if (!train) throw new Error('the training digits are not loaded yet');
      const result = await runFineTune(d, train, request.masks, request.steps, request.seed, (progress) => post({ kind: 'finetune-progress', id: request.id, progress }), tick);
      post({ kind: 'finetune-done', id: request.id, weights: result.weights, accuracy: result.accuracy });
    }
  } catch (err) {
    if (err instanceof JobCancelled) return;
    post({ kind: 'error', of: request.kind, id: request.id, message: err instanceof Error ? err.message : String(err) });
  }
};
