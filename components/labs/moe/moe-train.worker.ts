/// <reference lib="webworker" />
/**
 * Trains the MoE digit classifier off the main thread, so the page never freezes.
 * tfjs runs here on the backend the page chose (chooseBackend: WASM on software adapters,
 * WebGPU on hardware; CPU as the last resort). Protocol: MoeTrainProtocol below, on lib/runtime
 * (worker-host.ts): one 'train' request with progress, then the trained weights. Cancel = the page
 * disposes its client, which terminates this worker (one worker per run).
 */
import type { ModelBackend } from '@/lib/compute/backend';
import { loadMnist } from '@/lib/data/mnist';
import type { MoeClassifierWeights } from '@/lib/models/moe-classifier';
import { type EvalPoint, type MoeTrainOptions, type TrainProgress, trainMoeClassifier } from '@/lib/models/moe-train';
import { type HostScope, Transfer, hostWorker } from '@/lib/runtime/worker-host';

/** The training options that travel to the worker (the callbacks and signal stay there). */
export type TrainRequest = Omit<MoeTrainOptions, 'onStep' | 'evalEvery' | 'signal'>;

export type MoeTrainProtocol = {
  train: {
    payload: { backend: ModelBackend; request: TrainRequest };
    result: { weights: MoeClassifierWeights; history: EvalPoint[]; msTo90: number | null; totalMs: number; backend: string };
    /** About every 100 ms and at every evaluation; `tensors` is tf.memory().numTensors for the footer. */
    progress: { progress: TrainProgress; backend: string; tensors: number };
  };
};

async function startBackend(preferred: ModelBackend) {
  const tf = await import('@tensorflow/tfjs');
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  // same set-up as lib/compute/tf.ts: SIMD WASM without threads (bundled pthreads break)
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  wasm.setWasmPaths('/tfjs-wasm/');
  if (preferred === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
  for (const name of [preferred, 'wasm', 'cpu']) {
    try {
      if (await tf.setBackend(name)) {
        await tf.ready();
        return { tf, name };
      }
    } catch {
      // try the next backend
    }
  }
  throw new Error('no tfjs backend could start');
}

hostWorker<MoeTrainProtocol>(self as unknown as HostScope, {
  train: async ({ backend, request }, job) => {
    const { tf, name } = await startBackend(backend);
    const [train, test] = await Promise.all([loadMnist('/data', 'train'), loadMnist('/data', 'test')]);
    let last = 0;
    const result = await trainMoeClassifier(tf, train, test, {
      ...request,
      onStep: (p) => {
        const now = performance.now();
        if (now - last > 100 || p.testAccuracy !== undefined || p.step === p.totalSteps) {
          last = now;
          job.progress({ progress: p, backend: name, tensors: tf.memory().numTensors });
        }
      },
    });
    const w = result.weights;
    const buffers = [w.embedW, w.embedB, w.pos, w.router, w.w1, w.b1, w.w2, w.b2, w.headW, w.headB].map((a) => a.buffer);
    return new Transfer({ weights: w, history: result.history, msTo90: result.msTo90, totalMs: result.totalMs, backend: name }, buffers);
  },
});
