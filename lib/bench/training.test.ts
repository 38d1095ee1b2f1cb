import { describe, expect, it } from 'vitest';
import { modelBackendSync } from './training';

// A stand-in for tfjs's WebGPUBackend: records the calls waitForGpu makes (lib/kernels/harness.ts).
function fakeWebGpu() {
  const calls: string[] = [];
  let release: () => void = () => {};
  const backend = {
    ensureCommandEncoderReady: () => calls.push('encoder'),
    endComputePassEncoder: () => calls.push('end pass'),
    submitQueue: () => calls.push('submit'),
    device: { queue: { onSubmittedWorkDone: () => new Promise<void>((r) => (release = () => { calls.push('done'); r(); })) } },
  };
  return { tf: { backend: () => backend } as never, calls, release: () => release() };
}

describe('modelBackendSync', () => {
  it('on WebGPU, waits until the queued work (the dense step\'s optimizer update too) is done', async () => {
    const f = fakeWebGpu();
    let finished = false;
    const wait = modelBackendSync(f.tf, 'webgpu')().then(() => (finished = true));
    await Promise.resolve();
    expect(f.calls).toEqual(['encoder', 'end pass', 'submit']);
    expect(finished).toBe(false);
    f.release();
    await wait;
    expect(finished).toBe(true);
    expect(f.calls).toEqual(['encoder', 'end pass', 'submit', 'done']);
  });

  it('on WASM and CPU, whose ops finish when they return, touches nothing', async () => {
    for (const name of ['wasm', 'cpu'] as const) {
      const f = fakeWebGpu();
      await modelBackendSync(f.tf, name)();
      expect(f.calls).toEqual([]);
    }
  });
});
