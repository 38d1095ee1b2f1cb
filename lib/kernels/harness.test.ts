import { describe, expect, it } from 'vitest';
import { type KernelContext, waitForGpu } from './harness';

describe('waitForGpu', () => {
  it('ends the open compute pass before submitting, then waits for the queue', async () => {
    const calls: string[] = [];
    const backend = {
      ensureCommandEncoderReady: () => calls.push('encoder'),
      endComputePassEncoder: () => calls.push('end pass'),
      submitQueue: () => calls.push('submit'),
      device: { queue: { onSubmittedWorkDone: async () => void calls.push('done') } },
    };
    await waitForGpu({ tf: {}, backend } as unknown as KernelContext);
    expect(calls).toEqual(['encoder', 'end pass', 'submit', 'done']);
  });
});
