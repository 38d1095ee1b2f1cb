import { describe, expect, it } from 'vitest';
import {
  combineReference,
  countingSortReference,
  expertOffsetsReference,
  groupedMatmulReference,
  routerLogitsReference,
  topKReference,
} from '../kernels/moe/moe-dispatch-reference';
import { referenceForward } from './reference';
import { shippedModel } from './test-helpers';
import { moeBlockReference, packSwigluLayer, swigluRows, transposeMatrix } from './moe-layer';

describe('moe-en layers laid out for the dispatch kernels', () => {
  it('transposeMatrix turns [2, 3] into [3, 2]', () => {
    expect(Array.from(transposeMatrix(new Float32Array([1, 2, 3, 4, 5, 6]), 2, 3))).toEqual([1, 4, 2, 5, 3, 6]);
  });

  it("the kernels' steps on the packed weights (float32 twins) give the model's float64 MoE block", () => {
    const { ckpt, golden } = shippedModel('moe-en');
    const c = ckpt.config;
    const ids = golden[0].ids;
    const layer = 1;
    const fwd = referenceForward(ckpt, ids, { moeInputs: true });
    const x = Float32Array.from(fwd.moeInputs![layer]);
    const T = ids.length;
    const { hidden: H, intermediate: F, experts: E, topK: k } = c;
    const moe = ckpt.layers[layer].moe!;
    const ref = moeBlockReference(moe, x, T, H, F, k);
    expect(Array.from(ref.chosen)).toEqual(Array.from(fwd.chosen![layer]));

    const w = packSwigluLayer(moe, H, F);
    const S = T * k;
    const logits = routerLogitsReference(x, T, H, w.router, E);
    const top = topKReference(logits, T, E, k, 'mixtral');
    expect(Array.from(top.experts)).toEqual(Array.from(ref.chosen));
    const offsets = expertOffsetsReference(top.experts, T, k, E);
    const perm = countingSortReference(top.experts, T, k, E);
    const gu = groupedMatmulReference({
      a: x,
      aRows: T,
      w: w.w13,
      bias: null,
      offsets,
      perm,
      rows: S,
      inDim: H,
      outDim: 2 * F,
      slotsPerToken: k,
      rowSource: 'gather',
      activation: 'none',
    });
    const act = swigluRows(gu, S, F);
    const y = groupedMatmulReference({
      a: act,
      aRows: S,
      w: w.w2,
      bias: null,
      offsets,
      perm: null,
      rows: S,
      inDim: F,
      outDim: H,
      slotsPerToken: 1,
      rowSource: 'direct',
      activation: 'none',
    });
    const out = combineReference(y, top.weights, perm, S, T, H, k);
    let maxErr = 0;
    let scale = 0;
    for (let i = 0; i < out.length; i++) {
      maxErr = Math.max(maxErr, Math.abs(out[i] - ref.out[i]));
      scale = Math.max(scale, Math.abs(ref.out[i]));
    }
    expect(scale).toBeGreaterThan(0.1);
    expect(maxErr).toBeLessThan(1e-4 * scale);
  });
});
