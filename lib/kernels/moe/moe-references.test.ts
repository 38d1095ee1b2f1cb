import { describe, expect, it } from 'vitest';
import { moeDenseReference, moeForwardReference } from '../../moe/dispatch';
import { compareOutputs } from '../../runtime/check-kernel';
import { denseCombineReference, denseHiddenReference, denseOutputsReference, moeDenseLayerReference } from './moe-dense-reference';
import {
  combineReference,
  countingSortReference,
  expertOffsetsReference,
  expertParamsOfLayer,
  groupedMatmulReference,
  makeSyntheticLayer,
  moeDispatchReference,
  routerLogitsReference,
  topKReference,
} from './moe-dispatch-reference';
import { countPaddedDrops, moePaddedReference, paddedCapacity, paddedOffsets, paddedSortReference } from './moe-padded-reference';

const layer = makeSyntheticLayer({ numTokens: 64, hidden: 32, ffn: 48, numExperts: 4, k: 2 }, 3);
const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-5) => expect(compareOutputs(a, b).maxAbsError).toBeLessThanOrEqual(tol);

describe('dispatch path twins, step by step', () => {
  const logits = routerLogitsReference(layer.x, 64, 32, layer.router, 4);
  const { experts, weights } = topKReference(logits, 64, 4, 2, 'mixtral');
  const offsets = expertOffsetsReference(experts, 64, 2, 4);
  const perm = countingSortReference(experts, 64, 2, 4);

  it('offsets are the exclusive prefix sum of the per-expert counts and end at T·k', () => {
    const counts = [0, 0, 0, 0];
    experts.forEach((e) => counts[e]++);
    expect(Array.from(offsets)).toEqual([0, counts[0], counts[0] + counts[1], counts[0] + counts[1] + counts[2], 128]);
  });

  it('perm and position are inverse permutations, stable within an expert', () => {
    for (let p = 0; p < 128; p++) expect(perm[128 + perm[p]]).toBe(p);
    for (let e = 0; e < 4; e++) {
      for (let p = offsets[e]; p < offsets[e + 1]; p++) {
        expect(experts[perm[p]]).toBe(e);
        if (p > offsets[e]) expect(perm[p]).toBeGreaterThan(perm[p - 1]);
      }
    }
  });

  it('gather → grouped matmuls → combine equals moeForwardReference', () => {
    const hidden = groupedMatmulReference({
      a: layer.x,
      aRows: 64,
      w: layer.w1,
      bias: layer.b1,
      offsets,
      perm,
      rows: 128,
      inDim: 32,
      outDim: 48,
      slotsPerToken: 2,
      rowSource: 'gather',
      activation: 'gelu',
    });
    const y = groupedMatmulReference({
      a: hidden,
      aRows: 128,
      w: layer.w2,
      bias: layer.b2,
      offsets,
      perm: null,
      rows: 128,
      inDim: 48,
      outDim: 32,
      slotsPerToken: 1,
      rowSource: 'direct',
      activation: 'none',
    });
    const out = combineReference(y, weights, perm, 128, 64, 32, 2);
    close(out, moeForwardReference(layer.x, 64, { experts, weights, k: 2 }, expertParamsOfLayer(layer), 'gelu'));
    close(out, moeDispatchReference(layer).out);
  });

  it('rows past offsets[E] are zero in the grouped matmul', () => {
    const short = Int32Array.from([0, 3, 5]);
    const y = groupedMatmulReference({
      a: layer.x,
      aRows: 64,
      w: layer.w1.subarray(0, 2 * 32 * 48),
      bias: null,
      offsets: short,
      perm: null,
      rows: 8,
      inDim: 32,
      outDim: 48,
      slotsPerToken: 1,
      rowSource: 'direct',
      activation: 'none',
    });
    expect(Array.from(y.subarray(5 * 48)).every((v) => v === 0)).toBe(true);
  });
});

describe('dense baseline twins', () => {
  it('every expert on every token, masked by the gate, equals the dispatch result', () => {
    const { experts, weights } = topKReference(routerLogitsReference(layer.x, 64, 32, layer.router, 4), 64, 4, 2, 'mixtral');
    const y = denseOutputsReference(layer, denseHiddenReference(layer));
    const out = denseCombineReference(y, experts, weights, 64, 32, 2, 4);
    close(out, moeDenseReference(layer.x, 64, { experts, weights, k: 2 }, expertParamsOfLayer(layer), 'gelu'));
    close(out, moeDispatchReference(layer).out);
    close(moeDenseLayerReference(layer), out);
  });
});

describe('padded dispatch twins', () => {
  it('a hand-worked capacity-2 layout: third slot of expert 0 is dropped, padding rows are -1', () => {
    // T = 3 tokens, k = 1, E = 2, C = 2: experts [0, 0, 0] -> rows 0, 1 taken, slot 2 dropped
    const sorted = paddedSortReference(Int32Array.from([0, 0, 0]), 3, 1, 2, 2);
    expect(Array.from(sorted)).toEqual([0, 1, -1, -1, 0, 1, -1]);
    expect(countPaddedDrops(Int32Array.from([0, 0, 0]), 2, 2)).toBe(1);
    expect(Array.from(paddedOffsets(2, 2))).toEqual([0, 2, 4]);
  });

  it('with a generous capacity nothing is dropped and the output equals the dispatch path', () => {
    const r = moePaddedReference(layer, 128);
    expect(r.dropped).toBe(0);
    close(r.out, moeDispatchReference(layer).out);
  });

  it('capacity = ceil(k · cf · T / E), and a 60% skew overflows it', () => {
    expect(paddedCapacity(layer, 1.25)).toBe(40);
    const skewed = makeSyntheticLayer({ numTokens: 256, hidden: 32, ffn: 32, numExperts: 8, k: 2, skew: 0.6 }, 5);
    const { experts } = topKReference(routerLogitsReference(skewed.x, 256, 32, skewed.router, 8), 256, 8, 2, 'mixtral');
    const on0 = Array.from({ length: 256 }, (_, t) => experts[2 * t] === 0 || experts[2 * t + 1] === 0).filter(Boolean).length;
    expect(on0 / 256).toBeGreaterThan(0.55);
    expect(countPaddedDrops(experts, 8, paddedCapacity(skewed, 1.25))).toBeGreaterThan(0);
  });
});
