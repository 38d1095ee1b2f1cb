import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { referenceForward } from './reference';
import { shippedModel } from './test-helpers';
import { type RoutingRecord, TfLm } from './tf-lm';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>, offset = 0): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[offset + i]));
  return m;
}

describe('TfLm (tfjs fast path) against the reference twin', () => {
  for (const name of ['lm-en', 'lm-zh', 'moe-en']) {
    it(`${name}: whole-sequence logits agree within 1e-3 and no tensor is left behind`, async () => {
      const { ckpt, golden } = shippedModel(name);
      const before = tf.memory().numTensors;
      const lm = new TfLm(tf, ckpt);
      for (const g of golden) {
        const fast = await lm.forward(g.ids);
        expect(maxAbsDiff(fast, referenceForward(ckpt, g.ids).logits)).toBeLessThan(1e-3);
        expect(maxAbsDiff(fast, g.logits)).toBeLessThan(1e-3);
      }
      lm.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('a sparse pattern gives the reference logits of the same pattern', async () => {
    const { ckpt, golden } = shippedModel('lm-en');
    const allowed = (q: number, k: number) => q - k < 5 || k === 0;
    const lm = new TfLm(tf, ckpt);
    const ids = golden[1].ids;
    const fast = await lm.forward(ids, allowed);
    const ref = referenceForward(ckpt, ids, { allowed }).logits;
    expect(maxAbsDiff(fast, ref)).toBeLessThan(1e-3);
    expect(maxAbsDiff(fast, golden[1].logits)).toBeGreaterThan(1e-2);
    lm.dispose();
  });

  it('moe-en: records the same expert choices as the reference', async () => {
    const { ckpt, golden } = shippedModel('moe-en');
    const lm = new TfLm(tf, ckpt);
    const record: RoutingRecord = { chosen: [], weights: [] };
    await lm.forward(golden[0].ids, undefined, record);
    const ref = referenceForward(ckpt, golden[0].ids);
    expect(record.chosen.length).toBe(ckpt.config.layers);
    record.chosen.forEach((c, layer) => expect(Array.from(c)).toEqual(Array.from(ref.chosen![layer])));
    lm.dispose();
  });
});

describe('DecodeSession (KV cache)', () => {
  for (const name of ['lm-en', 'moe-en']) {
    it(`${name}: a prompt then one character at a time gives each position's whole-sequence logits`, async () => {
      const { ckpt, golden } = shippedModel(name);
      const ids = golden[2].ids;
      const V = ckpt.config.vocabSize;
      const ref = referenceForward(ckpt, ids).logits;
      const before = tf.memory().numTensors;
      const lm = new TfLm(tf, ckpt);
      const session = lm.session();
      const split = 5;
      const first = await session.append(ids.slice(0, split));
      expect(maxAbsDiff(first, ref, (split - 1) * V)).toBeLessThan(1e-3);
      for (let t = split; t < ids.length; t++) {
        const logits = await session.append([ids[t]]);
        expect(maxAbsDiff(logits, ref, t * V)).toBeLessThan(1e-3);
      }
      expect(session.length).toBe(ids.length);
      session.dispose();
      lm.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('refuses to grow past the context with a too-long problem', async () => {
    const { ckpt } = shippedModel('lm-en');
    const lm = new TfLm(tf, ckpt);
    const session = lm.session();
    await expect(session.append(new Array(ckpt.config.maxPositions + 1).fill(1))).rejects.toMatchObject({ key: 'too-long' });
    session.dispose();
    lm.dispose();
  });
});
