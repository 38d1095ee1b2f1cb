import { describe, expect, it } from 'vitest';
import { collectLayerInputs } from '../models/mlp';
import {
  activationNorms,
  blockMask,
  countKept,
  globalMagnitudeMasks,
  l1UnstructuredMask,
  lnStructuredMask,
  nmMask,
  wandaMask,
} from '../sparsity/pruning';
import { defaultState } from '../state/schema';
import { pruningSchema } from '../state/pruning';
import {
  type PruneSettings,
  blockMaskAmongRemaining,
  layersInScope,
  overallSparsity,
  pruneModel,
  settingsFromState,
  wandaMaskAmongRemaining,
} from './model-masks';
import { makeRandomData, makeRandomMlp } from './test-helpers';

// 16 → 8 → 8 → 4: every dim divisible by 4, so N:M 2:4 and 4 × 4 blocks fit everywhere.
const net = makeRandomMlp(7, [16, 8, 8, 4]);
const calib = makeRandomData(3, 12, 16, 4);
const cal = { x: calib.images, count: calib.count };
const base: PruneSettings = {
  method: 'l1-unstructured',
  amount: 0.5,
  norm: 2,
  dim: 0,
  n: 2,
  m: 4,
  blockSize: 4,
  iterations: 1,
  scope: 'all',
};

describe('settingsFromState', () => {
  it('maps the URL defaults to one-shot L1 at 50% on the hidden layers (fc3 stays dense)', () => {
    expect(settingsFromState(defaultState(pruningSchema))).toEqual({ ...base, scope: 'hidden' });
  });
  it("reads norm 'inf' as Infinity", () => {
    expect(settingsFromState({ ...defaultState(pruningSchema), norm: 'inf' }).norm).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('pruneModel: each method is the library function per layer', () => {
  it('l1-unstructured', () => {
    const r = pruneModel(net, base);
    expect(r.issues).toEqual([]);
    net.layers.forEach((layer, l) => expect(r.masks[l]).toEqual(l1UnstructuredMask(layer.weight, 0.5)));
  });
  it('ln-structured with n and dim', () => {
    const r = pruneModel(net, { ...base, method: 'ln-structured', amount: 0.25, norm: 1, dim: 1 });
    net.layers.forEach((layer, l) => expect(r.masks[l]).toEqual(lnStructuredMask(layer.weight, [layer.out, layer.in], 0.25, 1, 1)));
  });
  it('global: one ranking over the layers in scope', () => {
    const r = pruneModel(net, { ...base, method: 'global', amount: 0.6 });
    const expected = globalMagnitudeMasks(
      net.layers.map((layer) => layer.weight),
      0.6,
    );
    expect(r.masks).toEqual(expected);
  });
  it('nm 2:4 keeps exactly 2 of every 4', () => {
    const r = pruneModel(net, { ...base, method: 'nm' });
    net.layers.forEach((layer, l) => {
      expect(r.masks[l]).toEqual(nmMask(layer.weight, [layer.out, layer.in], 2, 4));
      expect(countKept(r.masks[l] as Uint8Array)).toBe(layer.weight.length / 2);
    });
  });
  it('block', () => {
    const r = pruneModel(net, { ...base, method: 'block', amount: 0.5, blockSize: 4 });
    net.layers.forEach((layer, l) => expect(r.masks[l]).toEqual(blockMask(layer.weight, [layer.out, layer.in], 4, 0.5)));
  });
  it('wanda: norms of each layer input, taken through the layers already pruned', () => {
    const r = pruneModel(net, { ...base, method: 'wanda', amount: 0.5 }, cal);
    const masks: (Uint8Array | undefined)[] = [undefined, undefined, undefined];
    net.layers.forEach((layer, l) => {
      const inputs = collectLayerInputs(net, cal.x, cal.count, masks);
      masks[l] = wandaMask(layer.weight, [layer.out, layer.in], activationNorms(inputs[l], cal.count, layer.in), 0.5);
    });
    expect(r.masks).toEqual(masks);
  });
});

describe('pruneModel: scope and re-application', () => {
  it("scope 'hidden' leaves the output layer dense", () => {
    const r = pruneModel(net, { ...base, scope: 'hidden' });
    expect(r.masks[2]).toBeUndefined();
    expect(r.pruned).toEqual([0, 1]);
    expect(layersInScope(net, 'hidden')).toEqual([0, 1]);
  });
  it('re-applying L1 50% twice keeps 25% (amount of what remains)', () => {
    const r = pruneModel(net, { ...base, iterations: 2 });
    net.layers.forEach((layer, l) => expect(countKept(r.masks[l] as Uint8Array)).toBe(layer.weight.length / 4));
    expect(overallSparsity(net, r.masks)).toBeCloseTo(0.75, 12);
  });
  it('re-applying global 50% twice keeps 25% overall', () => {
    const r = pruneModel(net, { ...base, method: 'global', iterations: 2 });
    expect(overallSparsity(net, r.masks)).toBeCloseTo(0.75, 12);
  });
  it('re-applying N:M changes nothing', () => {
    const once = pruneModel(net, { ...base, method: 'nm' });
    const thrice = pruneModel(net, { ...base, method: 'nm', iterations: 3 });
    expect(thrice.masks).toEqual(once.masks);
  });
  it('re-applying block 50% twice keeps 25% of the tiles', () => {
    const r = pruneModel(net, { ...base, method: 'block', blockSize: 2, iterations: 2 });
    // fc1 [8, 16] has 32 tiles of 2 × 2: 16 pruned, then 8 of the remaining 16.
    expect(countKept(r.masks[0] as Uint8Array)).toBe(8 * 4);
  });
  it('re-applying Wanda 50% twice keeps 25% of every row', () => {
    const r = pruneModel(net, { ...base, method: 'wanda', iterations: 2 }, cal);
    const m = r.masks[0] as Uint8Array;
    for (let row = 0; row < 8; row++) expect(countKept(m.subarray(row * 16, row * 16 + 16))).toBe(4);
  });
});

describe('re-application helpers equal the library functions on a fresh mask', () => {
  const w = net.layers[0].weight;
  const ones = new Uint8Array(w.length).fill(1);
  it.each([0, 0.25, 0.5, 1])('blockMaskAmongRemaining at %s', (amount) => {
    expect(blockMaskAmongRemaining(w, [8, 16], 4, amount, ones)).toEqual(blockMask(w, [8, 16], 4, amount));
  });
  it.each([0, 0.3, 0.5, 1])('wandaMaskAmongRemaining at %s', (amount) => {
    const norms = Float32Array.from({ length: 16 }, (_, j) => (j % 5) + 0.5);
    expect(wandaMaskAmongRemaining(w, [8, 16], norms, amount, ones)).toEqual(wandaMask(w, [8, 16], norms, amount));
  });
  it('blockMaskAmongRemaining only lets live tiles compete', () => {
    const existing = blockMask(w, [8, 16], 4, 0.5); // 4 of 8 tiles pruned
    const next = blockMaskAmongRemaining(w, [8, 16], 4, 0.5, existing); // 2 of the 4 live ones
    expect(countKept(next)).toBe(2 * 16);
    for (let i = 0; i < w.length; i++) if (existing[i] === 0) expect(next[i]).toBe(0);
  });
  it('rejects a block size that does not divide the shape', () => {
    expect(() => blockMaskAmongRemaining(w, [8, 16], 3, 0.5, ones)).toThrow(/does not divide/);
  });
});

describe('pruneModel: bad settings become issues, never exceptions', () => {
  it('amount out of range prunes nothing and says so', () => {
    for (const amount of [-0.1, 1.5, Number.NaN]) {
      const r = pruneModel(net, { ...base, amount });
      expect(r.masks).toEqual([undefined, undefined, undefined]);
      expect(r.issues[0]).toMatchObject({ key: 'amount-out-of-range', fatal: true });
    }
  });
  it('n > m is fatal', () => {
    const r = pruneModel(net, { ...base, method: 'nm', n: 5, m: 4 });
    expect(r.issues).toEqual([expect.objectContaining({ key: 'n-greater-than-m', fatal: true, values: { n: 5, m: 4 } })]);
    expect(r.pruned).toEqual([]);
  });
  it('m not dividing one layer leaves that layer dense and names it', () => {
    const odd = makeRandomMlp(1, [12, 8, 4]); // fc1 in 12, fc2 in 8: m = 8 divides only fc2
    const r = pruneModel(odd, { ...base, method: 'nm', n: 2, m: 8 });
    expect(r.masks[0]).toBeUndefined();
    expect(r.masks[1]).toBeDefined();
    expect(r.issues).toEqual([expect.objectContaining({ key: 'm-not-dividing', layer: 'fc1', fatal: false, values: { m: 8, cols: 12 } })]);
  });
  it('m dividing no layer is fatal: nothing pruned', () => {
    const r = pruneModel(net, { ...base, method: 'nm', n: 1, m: 3 });
    expect(r.issues.map((i) => i.key)).toEqual(['m-not-dividing', 'm-not-dividing', 'm-not-dividing', 'nothing-pruned']);
    expect(r.issues.at(-1)?.fatal).toBe(true);
  });
  it('a block size not dividing a layer leaves it dense', () => {
    const r = pruneModel(net, { ...base, method: 'block', blockSize: 8 }); // fc3 [4, 8]
    expect(r.masks[2]).toBeUndefined();
    expect(r.issues).toEqual([expect.objectContaining({ key: 'block-size-not-dividing', layer: 'fc3' })]);
  });
  it('Wanda without calibration digits says so', () => {
    expect(pruneModel(net, { ...base, method: 'wanda' }).issues[0].key).toBe('no-calibration');
  });
  it('iterations must be a positive integer', () => {
    expect(pruneModel(net, { ...base, iterations: 0 }).issues[0].key).toBe('iterations-invalid');
  });
  it('amount does not matter for N:M (out of range is fine there)', () => {
    expect(pruneModel(net, { ...base, method: 'nm', amount: 7 }).issues).toEqual([]);
  });
});

describe('overallSparsity', () => {
  it('counts dense layers as kept and biases not at all', () => {
    const r = pruneModel(net, { ...base, amount: 1, scope: 'hidden' });
    const total = 16 * 8 + 8 * 8 + 8 * 4;
    expect(overallSparsity(net, r.masks)).toBeCloseTo((16 * 8 + 8 * 8) / total, 12);
  });
});
