import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { referenceForward } from './reference';
import { trainedRouting } from './routing';
import { shippedModel } from './test-helpers';
import { TfLm } from './tf-lm';

beforeAll(async () => {
  setWasmPaths(fileURLToPath(new URL('../../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url)));
  expect(await tf.setBackend('wasm')).toBe(true);
});

describe("TfLm on tfjs's WASM backend (the fallback without WebGPU)", () => {
  it('moe-en gives the reference logits with the trained routing and with a capacity that drops slots', async () => {
    const { ckpt, golden } = shippedModel('moe-en');
    const lm = new TfLm(tf, ckpt);
    const ids = golden[0].ids;
    for (const policy of [null, { ...trainedRouting(2), capacityFactor: 0.5 }]) {
      const fast = await lm.forward(ids, undefined, null, policy);
      const ref = referenceForward(ckpt, ids, policy ? { routing: policy } : {}).logits;
      let max = 0;
      for (let i = 0; i < fast.length; i++) max = Math.max(max, Math.abs(fast[i] - ref[i]));
      expect(max).toBeLessThan(1e-3);
    }
    lm.dispose();
  });
});
