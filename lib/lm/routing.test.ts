import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { referenceForward } from './reference';
import { type RoutingPolicy, routeLayer, trainedRouting } from './routing';
import { ROUTING_CHANGES, leastUsedExperts, policyOf } from './routing-changes';
import { shippedModel } from './test-helpers';
import { type RoutingRecord, TfLm } from './tf-lm';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

// three tokens, four experts
const PROBS = [0.4, 0.3, 0.2, 0.1, 0.1, 0.2, 0.3, 0.4, 0.25, 0.25, 0.25, 0.25];

describe('routeLayer', () => {
  it('trained: top-2 best first, ties to the lower expert, weights renormalised over the two', () => {
    const r = routeLayer(PROBS, 3, 4, trainedRouting(2), 0);
    expect(Array.from(r.chosen)).toEqual([0, 1, 3, 2, 0, 1]);
    expect(r.weights[0]).toBeCloseTo(0.4 / 0.7, 12);
    expect(r.weights[1]).toBeCloseTo(0.3 / 0.7, 12);
    expect(r.weights[4]).toBeCloseTo(0.5, 12);
    expect(Array.from(r.demand)).toEqual([2, 2, 1, 1]);
    expect(r.dropped).toBe(0);
  });

  it('without renormalisation the weights are the probabilities and sum to less than 1', () => {
    const r = routeLayer(PROBS, 3, 4, { ...trainedRouting(2), renormalize: false }, 0);
    expect(Array.from(r.weights)).toEqual([0.4, 0.3, 0.4, 0.3, 0.25, 0.25]);
  });

  it('top-1 renormalised gives its expert weight 1', () => {
    const r = routeLayer(PROBS, 3, 4, trainedRouting(1), 0);
    expect(Array.from(r.chosen)).toEqual([0, 3, 0]);
    expect(Array.from(r.weights)).toEqual([1, 1, 1]);
  });

  it('a capacity drops first choices in token order, then second choices, and keeps the other weights', () => {
    // C = ceil(2 · 0.5 · 3 / 4) = 1: expert 0 takes token 0's first choice, token 2's first choice is dropped
    const r = routeLayer(PROBS, 3, 4, { ...trainedRouting(2), capacityFactor: 0.5 }, 0);
    expect(r.capacity).toBe(1);
    expect(Array.from(r.chosen)).toEqual([0, 1, 3, 2, -1, -1]);
    expect(r.weights[4]).toBe(0);
    expect(r.weights[0]).toBeCloseTo(0.4 / 0.7, 12);
    expect(Array.from(r.load)).toEqual([1, 1, 1, 1]);
    expect(r.dropped).toBe(2);
  });

  it('a switched-off expert is never chosen; asking for more experts than remain is refused', () => {
    const policy: RoutingPolicy = { ...trainedRouting(2), excluded: [[0], [3]] };
    expect(Array.from(routeLayer(PROBS, 3, 4, policy, 0).chosen)).toEqual([1, 2, 3, 2, 1, 2]);
    expect(Array.from(routeLayer(PROBS, 3, 4, policy, 1).chosen)).toEqual([0, 1, 2, 1, 0, 1]);
    expect(() => routeLayer(PROBS, 3, 4, { ...trainedRouting(4), excluded: [[0]] }, 0)).toThrow(/top-k = 4/);
  });

  it('leastUsedExperts picks the smallest load per layer', () => {
    expect(
      leastUsedExperts([
        [5, 2, 2, 9],
        [1, 0, 3, 0],
      ]),
    ).toEqual([1, 1]);
  });
});

describe('routing changes on moe-en: the reference and the tfjs path agree', () => {
  it('the trained routing reproduces the logits PyTorch saved', () => {
    const { ckpt, golden } = shippedModel('moe-en');
    const r = referenceForward(ckpt, golden[0].ids, { routing: trainedRouting(ckpt.config.topK) });
    expect(maxAbsDiff(r.logits, golden[0].logits)).toBeLessThan(1e-3);
    expect(r.logits).toEqual(referenceForward(ckpt, golden[0].ids).logits);
  });

  it('every change gives the reference logits and experts on tfjs, and changes the logits', async () => {
    const { ckpt, golden } = shippedModel('moe-en');
    const ids = golden[1].ids;
    const trained = referenceForward(ckpt, ids);
    const leastUsed = leastUsedExperts(trained.routing!.map((r) => r.load));
    const lm = new TfLm(tf, ckpt);
    const before = tf.memory().numTensors;
    for (const change of ROUTING_CHANGES) {
      const policy = policyOf(change, { topK: ckpt.config.topK, capacityFactor: 1, leastUsed });
      const ref = referenceForward(ckpt, ids, { routing: policy });
      const record: RoutingRecord = { chosen: [], weights: [] };
      const fast = await lm.forward(ids, undefined, record, policy);
      expect(maxAbsDiff(fast, ref.logits), change).toBeLessThan(1e-3);
      record.chosen.forEach((c, layer) => expect(Array.from(c), `${change} layer ${layer}`).toEqual(Array.from(ref.chosen![layer])));
      if (change === 'trained') expect(maxAbsDiff(fast, golden[1].logits)).toBeLessThan(1e-3);
      else expect(maxAbsDiff(ref.logits, trained.logits), change).toBeGreaterThan(1e-3);
      if (change === 'capacity') expect(ref.routing!.some((r) => r.dropped > 0)).toBe(true);
      if (change === 'drop-least') ref.chosen!.forEach((c, layer) => expect(Array.from(c)).not.toContain(leastUsed[layer]));
    }
    expect(tf.memory().numTensors).toBe(before);
    lm.dispose();
  });

  it('the tfjs path can record router logits and MoE inputs equal to the reference', async () => {
    const { ckpt, golden } = shippedModel('moe-en');
    const ids = golden[2].ids;
    const ref = referenceForward(ckpt, ids, { router: true, moeInputs: true });
    const lm = new TfLm(tf, ckpt);
    const record: RoutingRecord = { chosen: [], weights: [], logits: [], inputs: [] };
    await lm.forward(ids, undefined, record);
    expect(record.logits).toHaveLength(ckpt.config.layers);
    record.logits!.forEach((l, layer) => expect(maxAbsDiff(l, ref.routerLogits![layer])).toBeLessThan(1e-3));
    record.inputs!.forEach((y, layer) => expect(maxAbsDiff(y, ref.moeInputs![layer])).toBeLessThan(1e-3));
    lm.dispose();
  });
});
