/**
 * Lazy tfjs set-up. tfjs and its backends are imported only when a lab needs them, so
 * pages that only draw masks stay light. Two roles:
 *  - kernelBackend(): the tfjs WebGPU backend our WGSL programs run on (any adapter);
 *  - useModelBackend(): makes the chosen model backend (webgpu | wasm | cpu) active.
 * tfjs has one active backend at a time; switches go through one queue so two callers
 * never interleave a switch.
 */
import type * as TF from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { type ModelBackend, WASM_THREADS_ENABLED, chooseBackend } from './backend';
import { markDeviceLost, probeEnvironment } from './probe';

/** Where the build copies tfjs's .wasm binaries (scripts/copy-wasm.mjs). */
export const WASM_PATH = '/tfjs-wasm/';

let tfPromise: Promise<typeof TF> | null = null;
let loaded: typeof TF | null = null;

let lastCount: number | null = null;

/**
 * tfjs's live tensor count (tf.memory().numTensors), or null while tfjs is not loaded. While a
 * backend is still initialising (tf.setBackend not yet resolved) tf.memory() throws "Backend …
 * has not yet been initialized"; the count then stays the last one read.
 */
export function liveTensorCount(): number | null {
  if (!loaded) return null;
  try {
    lastCount = loaded.memory().numTensors;
  } catch {
    // a backend switch in progress: keep the last count
  }
  return lastCount;
}

/** Loads tfjs with the WebGPU and WASM backends registered. */
export function loadTf(): Promise<typeof TF> {
  tfPromise ??= (async () => {
    const tf = await import('@tensorflow/tfjs');
    await import('@tensorflow/tfjs-backend-webgpu');
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // See WASM_THREADS_ENABLED: the threaded build breaks once bundled.
    if (!WASM_THREADS_ENABLED) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    wasm.setWasmPaths(WASM_PATH);
    loaded = tf;
    return tf;
  })();
  return tfPromise;
}

let queue: Promise<unknown> = Promise.resolve();
function serial<T>(fn: () => Promise<T>): Promise<T> {
  const next = queue.then(fn, fn);
  queue = next.catch(() => undefined);
  return next;
}

async function activate(tf: typeof TF, name: ModelBackend): Promise<boolean> {
  if (tf.getBackend() === name) return true;
  try {
    return await tf.setBackend(name);
  } catch {
    return false;
  }
}

let lostWatch = false;

/**
 * Makes tfjs's WebGPU backend active and returns it, or throws an Error whose message
 * says why WebGPU is unavailable (the lab shows it and keeps working without kernels).
 */
export function kernelBackend(): Promise<{ tf: typeof TF; backend: WebGPUBackend }> {
  return serial(async () => {
    const probe = await probeEnvironment();
    if (!chooseBackend(probe).kernels) throw new Error(probe.webgpuError ?? 'WebGPU is not available in this browser');
    const tf = await loadTf();
    if (!(await activate(tf, 'webgpu'))) throw new Error('tfjs could not start its WebGPU backend');
    const backend = tf.backend() as WebGPUBackend;
    if (!lostWatch) {
      lostWatch = true;
      backend.device.lost.then((info) => markDeviceLost(info.message || info.reason || 'unknown'));
    }
    return { tf, backend };
  });
}

/** Makes the model backend chooseBackend picked active (falling back to cpu) and names it. */
export function useModelBackend(): Promise<{ tf: typeof TF; name: ModelBackend }> {
  return serial(async () => {
    const tf = await loadTf();
    const choice = chooseBackend(await probeEnvironment());
    for (const name of [choice.model, 'wasm', 'cpu'] as ModelBackend[]) {
      if (await activate(tf, name)) return { tf, name };
    }
    throw new Error('no tfjs backend could start');
  });
}

/**
 * Makes one named backend active (the language-model pages let the reader pick WebGPU or WASM),
 * or throws an Error saying it could not start; 'auto' is useModelBackend's choice.
 */
export function useNamedModelBackend(name: ModelBackend | 'auto'): Promise<{ tf: typeof TF; name: ModelBackend }> {
  if (name === 'auto') return useModelBackend();
  return serial(async () => {
    const tf = await loadTf();
    if (name === 'webgpu' && !chooseBackend(await probeEnvironment()).kernels) throw new Error('WebGPU is not available in this browser');
    if (await activate(tf, name)) return { tf, name };
    throw new Error(`tfjs could not start its ${name} backend`);
  });
}
