/// <reference lib="webworker" />
/**
 * Trains the MoE digit classifier off the main thread, so the page never freezes.
 * tfjs runs here on the backend the page chose (chooseBackend: WASM on software adapters,
 * WebGPU on hardware; CPU as the last resort). Cancel = the page terminates this worker.
 *
 * in:  { type: 'train', backend, request }
 * out: { type: 'progress', progress, tensors } … { type: 'done', weights, history, msTo90, totalMs, backend }
 *      or { type: 'error', message }
 */
import type { ModelBackend } from '@/lib/compute/backend';
import { loadMnist } from '@/lib/data/mnist';
import type { MoeClassifierConfig, MoeClassifierWeights } from '@/lib/models/moe-classifier';
import { type EvalPoint, type TrainProgress, trainMoeClassifier } from '@/lib/models/moe-train';
import type { RoutingSettings } from '@/lib/moe/variants';

export interface TrainRequest {
  config: MoeClassifierConfig;
  routing: RoutingSettings;
  auxWeight: number;
  seed: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
}

export type WorkerIn = { type: 'train'; backend: ModelBackend; request: TrainRequest };
export type WorkerOut =
  | { type: 'progress'; progress: TrainProgress; backend: string; tensors: number }
  | { type: 'done'; weights: MoeClassifierWeights; history: EvalPoint[]; msTo90: number | null; totalMs: number; backend: string }
  | { type: 'error'; message: string };

const ctx = self as unknown as DedicatedWorkerGlobalScope;
const post = (msg: WorkerOut, transfer: Transferable[] = []) => ctx.postMessage(msg, transfer);

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

ctx.onmessage = async (event: MessageEvent<WorkerIn>) => {
  if (event.data.type !== 'train') return;
  try {
    const { tf, name } = await startBackend(event.data.backend);
    const [train, test] = await Promise.all([loadMnist('/data', 'train'), loadMnist('/data', 'test')]);
    const r = event.data.request;
    let last = 0;
    const result = await trainMoeClassifier(tf, train, test, {
      ...r,
      onStep: (p) => {
        const now = performance.now();
        if (now - last > 100 || p.testAccuracy !== undefined || p.step === p.totalSteps) {
          last = now;
          post({ type: 'progress', progress: p, backend: name, tensors: tf.memory().numTensors });
        }
      },
    });
    const w = result.weights;
    post({ type: 'done', weights: w, history: result.history, msTo90: result.msTo90, totalMs: result.totalMs, backend: name }, [w.embedW, w.embedB, w.pos, w.router, w.w1, w.b1, w.w2, w.b2, w.headW, w.headB].map((a) => a.buffer));
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
