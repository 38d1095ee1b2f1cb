import { describe, expect, it } from 'vitest';
import { bytes24, csrBytes, denseTo24, denseToCsr } from '../sparsity/formats';
import { applyMask, l1UnstructuredMask, nmMask } from '../sparsity/pruning';
import { computeLayerStats, computeModelStats } from './stats';
import { makeRandomMlp } from './test-helpers';

const net = makeRandomMlp(11, [16, 8, 4]);
const w = net.layers[0].weight; // [8, 16]

describe('computeLayerStats', () => {
  it('a dense layer: no sparsity, CSR larger than dense, not 2:4', () => {
    const s = computeLayerStats('fc1', w, 8, 16);
    expect(s).toMatchObject({ params: 128, kept: 128, sparsity: 0, denseBytes: 512, csrBytes: 4 * (9 + 256), bytes24: null });
  });
  it('CSR bytes equal the converter of formats.ts for an unstructured mask', () => {
    const mask = l1UnstructuredMask(w, 0.7);
    const s = computeLayerStats('fc1', w, 8, 16, mask);
    expect(s.csrBytes).toBe(csrBytes(denseToCsr(applyMask(w, mask), 8, 16)));
    expect(s.kept).toBe(Math.round(0.3 * 128));
    expect(s.bytes24).toBeNull();
  });
  it('a 2:4 mask has a 2:4 form whose size equals the converter', () => {
    const mask = nmMask(w, [8, 16], 2, 4);
    const s = computeLayerStats('fc1', w, 8, 16, mask);
    expect(s.sparsity).toBe(0.5);
    expect(s.bytes24).toBe(bytes24(denseTo24(applyMask(w, mask), 8, 16)));
  });
  it('a 1:4 mask is 2:4-storable too (the empty slot holds an explicit zero)', () => {
    expect(computeLayerStats('fc1', w, 8, 16, nmMask(w, [8, 16], 1, 4)).bytes24).toBe(4 * 64 + 4 * 4);
  });
  it('rejects a mask of the wrong length', () => {
    expect(() => computeLayerStats('fc1', w, 8, 16, new Uint8Array(3))).toThrow(/mask/);
  });
});

describe('computeModelStats', () => {
  it('sums the layers; the total 2:4 size exists only when every layer has one', () => {
    const masks = net.layers.map((layer) => nmMask(layer.weight, [layer.out, layer.in], 2, 4));
    const s = computeModelStats(net, masks);
    expect(s.total.params).toBe(128 + 32);
    expect(s.total.kept).toBe(80);
    expect(s.total.biases).toBe(12);
    expect(s.total.bytes24).toBe((s.layers[0].bytes24 as number) + (s.layers[1].bytes24 as number));
    expect(computeModelStats(net, [masks[0], undefined]).total.bytes24).toBeNull();
  });
});
