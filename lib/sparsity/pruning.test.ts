import { describe, expect, it } from 'vitest';
import {
  activationNorms,
  applyMask,
  blockMask,
  combineMasks,
  countKept,
  globalMagnitudeMasks,
  l1UnstructuredMask,
  lnStructuredMask,
  nmMask,
  pruneCount,
  sparsityOf,
  wandaMask,
} from './pruning';
import { randomSparseMatrix } from './formats';

const f32 = (xs: number[]) => Float32Array.from(xs);
const u8 = (xs: number[]) => Uint8Array.from(xs);
const list = (m: Uint8Array) => Array.from(m);

/** Mask of a [rows, cols] matrix keeping only the listed rows. */
function keepRows(rows: number, cols: number, kept: number[]): number[] {
  return Array.from({ length: rows * cols }, (_, i) => (kept.includes(Math.floor(i / cols)) ? 1 : 0));
}
/** Mask of a [rows, cols] matrix keeping only the listed columns. */
function keepCols(rows: number, cols: number, kept: number[]): number[] {
  return Array.from({ length: rows * cols }, (_, i) => (kept.includes(i % cols) ? 1 : 0));
}

describe('l1UnstructuredMask (prune.l1_unstructured)', () => {
  it.each([
    { name: 'prunes the 2 smallest |w| at 50%', w: [0.5, -3, 0.1, 2], amount: 0.5, mask: [0, 1, 0, 1] },
    { name: 'ranks by magnitude, not sign', w: [-4, 1, -0.5, 3], amount: 0.25, mask: [1, 1, 0, 1] },
    { name: 'ties: the lower flat index is pruned first', w: [1, -1, 1, 2], amount: 0.5, mask: [0, 0, 1, 1] },
    { name: 'ties at the threshold only', w: [2, 1, 1, 1], amount: 0.25, mask: [1, 0, 1, 1] },
    { name: '0% keeps everything', w: [0, 1, 2], amount: 0, mask: [1, 1, 1] },
    { name: '100% prunes everything', w: [0, 1, 2], amount: 1, mask: [0, 0, 0] },
    { name: 'rounds half to even: 50% of 5 prunes 2', w: [5, 4, 3, 2, 1], amount: 0.5, mask: [1, 1, 1, 0, 0] },
    { name: 'an empty tensor gives an empty mask', w: [], amount: 0.5, mask: [] },
  ])('$name', ({ w, amount, mask }) => {
    expect(list(l1UnstructuredMask(f32(w), amount))).toEqual(mask);
  });

  it.each([[-0.1], [1.1], [Number.NaN]])('rejects amount %s', (amount) => {
    expect(() => l1UnstructuredMask(f32([1, 2]), amount)).toThrow(RangeError);
  });

  it('rejects a NaN weight, naming its index', () => {
    expect(() => l1UnstructuredMask(f32([1, Number.NaN]), 0.5)).toThrow(/weights\[1\] = NaN/);
  });
});

describe('re-applying pruning (PyTorch PruningContainer semantics)', () => {
  it('pruning 50% twice leaves 25%', () => {
    const w = f32([1, 2, 3, 4, 5, 6, 7, 8]);
    const first = l1UnstructuredMask(w, 0.5);
    expect(list(first)).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
    const second = l1UnstructuredMask(w, 0.5, first);
    expect(list(second)).toEqual([0, 0, 0, 0, 0, 0, 1, 1]);
    expect(sparsityOf(second)).toBe(0.75);
  });

  it('pruning 50% twice leaves 25% on a 784×256 layer', () => {
    const w = randomSparseMatrix(784, 256, 0, 7, 'unstructured');
    const twice = l1UnstructuredMask(w, 0.5, l1UnstructuredMask(w, 0.5));
    expect(countKept(twice)).toBe((784 * 256) / 4);
  });

  it('amount is a fraction of the remaining weights, and already-pruned ones are not ranked again', () => {
    // 3 weights remain; pruneCount(1/3, 3) = 1 prunes |5|, not the already-pruned 0.1.
    const w = f32([0.1, 5, 6, 7]);
    expect(list(l1UnstructuredMask(w, 1 / 3, u8([0, 1, 1, 1])))).toEqual([0, 0, 1, 1]);
  });

  it('an all-pruned existing mask stays all pruned', () => {
    expect(list(l1UnstructuredMask(f32([1, 2]), 0.5, u8([0, 0])))).toEqual([0, 0]);
  });

  it('rejects an existing mask of the wrong length or with entries other than 0/1', () => {
    expect(() => l1UnstructuredMask(f32([1, 2]), 0.5, u8([1]))).toThrow(/existingMask.length = 1/);
    expect(() => l1UnstructuredMask(f32([1, 2]), 0.5, u8([1, 2]))).toThrow(/existingMask\[1\] = 2/);
  });

  it('combineMasks keeps only where both masks keep', () => {
    expect(list(combineMasks(u8([1, 1, 0, 0]), u8([1, 0, 1, 0])))).toEqual([1, 0, 0, 0]);
    expect(() => combineMasks(u8([1]), u8([1, 1]))).toThrow(RangeError);
  });
});

describe('lnStructuredMask (prune.ln_structured)', () => {
  // W [3, 4]. Row norms:       L1   L2          L∞
  //   r0 = [3,  0, 0, 0]        3    3           3
  //   r1 = [1,  1, 1, 2]        5    √7 ≈ 2.65   2
  //   r2 = [2, -2, 2, 0]        6    √12 ≈ 3.46  2
  // Column norms: c0 = [3,1,2]: 6, √14, 3;  c1 = [0,1,-2]: 3, √5, 2;
  //               c2 = [0,1,2]: 3, √5, 2;   c3 = [0,2,0]: 2, 2, 2.
  const W = f32([3, 0, 0, 0, 1, 1, 1, 2, 2, -2, 2, 0]);
  const shape = [3, 4];

  it.each([
    { n: 1, amount: 1 / 3, kept: [1, 2], why: 'L1 prunes r0 (3)' },
    { n: 2, amount: 1 / 3, kept: [0, 2], why: 'L2 prunes r1 (2.65)' },
    { n: Infinity, amount: 1 / 3, kept: [0, 2], why: 'L∞ ties r1 = r2 = 2: lower index r1 pruned' },
    { n: 1, amount: 0.5, kept: [2], why: 'round(1.5) = 2 rows: r0 and r1' },
    { n: 2, amount: 0.5, kept: [2], why: 'r1 then r0 (3 < 3.46)' },
    { n: Infinity, amount: 0.5, kept: [0], why: 'r1 and r2 (2) before r0 (3)' },
    { n: 1, amount: 0, kept: [0, 1, 2], why: '0% keeps all rows' },
    { n: 2, amount: 1, kept: [], why: '100% removes all rows' },
  ])('dim 0, n = $n, amount $amount keeps rows $kept ($why)', ({ n, amount, kept }) => {
    expect(list(lnStructuredMask(W, shape, amount, n, 0))).toEqual(keepRows(3, 4, kept));
  });

  it.each([
    { n: 1, amount: 0.25, kept: [0, 1, 2], why: 'L1 prunes c3 (2)' },
    { n: 2, amount: 0.25, kept: [0, 1, 2], why: 'L2 prunes c3 (2 < √5)' },
    { n: Infinity, amount: 0.25, kept: [0, 2, 3], why: 'L∞ ties c1 = c2 = c3 = 2: c1 pruned' },
    { n: 1, amount: 0.5, kept: [0, 2], why: 'c3, then tie c1 = c2 = 3: c1' },
    { n: 2, amount: 0.5, kept: [0, 2], why: 'c3, then tie c1 = c2 = √5: c1' },
    { n: Infinity, amount: 0.5, kept: [0, 3], why: 'c1, c2 (ties, lowest first)' },
  ])('dim 1, n = $n, amount $amount keeps columns $kept ($why)', ({ n, amount, kept }) => {
    expect(list(lnStructuredMask(W, shape, amount, n, 1))).toEqual(keepCols(3, 4, kept));
  });

  it('dim -1 means the last dim, like PyTorch', () => {
    expect(list(lnStructuredMask(W, shape, 0.5, Infinity, -1))).toEqual(list(lnStructuredMask(W, shape, 0.5, Infinity, 1)));
    expect(list(lnStructuredMask(W, shape, 0.5, 1, -2))).toEqual(keepRows(3, 4, [2]));
  });

  // Shape [2, 3, 2]: slice 0 is six 1s (L1 6, L2 √6 ≈ 2.45, L∞ 1); slice 1 is [4, 0, 0, 0, 0, 0] (4, 4, 4).
  const T = f32([1, 1, 1, 1, 1, 1, 4, 0, 0, 0, 0, 0]);
  const ones6 = [1, 1, 1, 1, 1, 1];
  const zeros6 = [0, 0, 0, 0, 0, 0];
  it.each([
    { n: 1, mask: [...ones6, ...zeros6], why: 'L1: slice 1 (4 < 6)' },
    { n: 2, mask: [...zeros6, ...ones6], why: 'L2: slice 0 (2.45 < 4)' },
    { n: Infinity, mask: [...zeros6, ...ones6], why: 'L∞: slice 0 (1 < 4)' },
  ])('3-D [2, 3, 2] along dim 0, n = $n prunes one whole slice ($why)', ({ n, mask }) => {
    expect(list(lnStructuredMask(T, [2, 3, 2], 0.5, n, 0))).toEqual(mask);
  });

  it('3-D [2, 3, 2] along dim 1 removes strided slices; ties prune the lower index', () => {
    // Channel c of dim 1 holds flat indices {2c, 2c+1, 6+2c, 7+2c}: L1 = 6, 2, 2.
    expect(list(lnStructuredMask(T, [2, 3, 2], 1 / 3, 1, 1))).toEqual([1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1]);
  });

  it('3-D [2, 3, 2] along dim -1 removes every other entry', () => {
    // Channel 0 = even indices (L1 7), channel 1 = odd indices (L1 3).
    expect(list(lnStructuredMask(T, [2, 3, 2], 0.5, 1, -1))).toEqual([1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0]);
  });

  it('re-applied: amount is a fraction of the channels still alive', () => {
    // r2 already pruned. 2 rows remain, pruneCount(0.5, 2) = 1 removes r0 (L1 3 < 5).
    const existing = u8(keepRows(3, 4, [0, 1]));
    expect(list(lnStructuredMask(W, shape, 0.5, 1, 0, existing))).toEqual(keepRows(3, 4, [1]));
  });

  it('re-applied: norms are taken on the masked weights', () => {
    // The 2s of r2 are masked, so r2's masked L1 is 0 and it goes first (unmasked, r0 would).
    const existing = u8([1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1]);
    expect(list(lnStructuredMask(W, shape, 1 / 3, 1, 0, existing))).toEqual(keepRows(3, 4, [0, 1]));
  });

  it.each([
    { name: 'shape product mismatch', args: [W, [3, 3], 0.5, 1, 0], msg: /weights.length = 12/ },
    { name: 'a 1-D tensor', args: [W, [12], 0.5, 1, 0], msg: /at least 2 dims/ },
    { name: 'dim too large', args: [W, shape, 0.5, 1, 2], msg: /dim = 2/ },
    { name: 'dim too negative', args: [W, shape, 0.5, 1, -3], msg: /dim = -3/ },
    { name: 'norm order 0', args: [W, shape, 0.5, 0, 0], msg: /n must be/ },
    { name: 'norm order NaN', args: [W, shape, 0.5, Number.NaN, 0], msg: /NaN/ },
    { name: 'amount 1.1', args: [W, shape, 1.1, 1, 0], msg: /1\.1/ },
  ] as const)('rejects $name', ({ args, msg }) => {
    const [w, s, a, n, d] = args;
    expect(() => lnStructuredMask(w, [...s], a, n, d)).toThrow(msg);
  });
});

describe('globalMagnitudeMasks (prune.global_unstructured + L1Unstructured)', () => {
  it('ranks all layers together', () => {
    // 5 weights, pruneCount(0.4, 5) = 2: the 0.1 of layer 0 and the 0.2 of layer 1.
    const masks = globalMagnitudeMasks([f32([0.1, 5]), f32([0.2, 0.3, 4])], 0.4);
    expect(masks.map(list)).toEqual([
      [0, 1],
      [0, 1, 1],
    ]);
  });

  it('a layer of small weights loses more than under per-layer pruning', () => {
    const layers = [f32([0.1, 0.2, 0.3, 0.4]), f32([1, 2, 3, 4])];
    expect(globalMagnitudeMasks(layers, 0.5).map(countKept)).toEqual([0, 4]);
    expect(layers.map((w) => countKept(l1UnstructuredMask(w, 0.5)))).toEqual([2, 2]);
  });

  it('ties: the lower global flat index (earlier layer) is pruned first', () => {
    expect(globalMagnitudeMasks([f32([1, 2]), f32([1, 3])], 0.25).map(list)).toEqual([
      [0, 1],
      [1, 1],
    ]);
  });

  it.each([
    {
      amount: 0,
      masks: [
        [1, 1],
        [1, 1, 1],
      ],
    },
    {
      amount: 1,
      masks: [
        [0, 0],
        [0, 0, 0],
      ],
    },
  ])('amount $amount', ({ amount, masks }) => {
    expect(globalMagnitudeMasks([f32([0.1, 5]), f32([0.2, 0.3, 4])], amount).map(list)).toEqual(masks);
  });

  it('re-applied with existing masks: a fraction of the remaining weights', () => {
    // Remaining: 5, 0.3, 4. pruneCount(0.5, 3) = round(1.5) = 2 prunes 0.3 and 4.
    const masks = globalMagnitudeMasks([f32([0.1, 5]), f32([0.2, 0.3, 4])], 0.5, [u8([0, 1]), u8([0, 1, 1])]);
    expect(masks.map(list)).toEqual([
      [0, 1],
      [0, 0, 0],
    ]);
  });

  it('handles no layers and rejects mismatched masks', () => {
    expect(globalMagnitudeMasks([], 0.5)).toEqual([]);
    expect(() => globalMagnitudeMasks([f32([1])], 0.5, [])).toThrow(/existingMasks.length = 0/);
    expect(() => globalMagnitudeMasks([f32([1])], 0.5, [u8([1, 1])])).toThrow(/existingMasks\[0\].length = 2/);
    expect(() => globalMagnitudeMasks([f32([1])], 2)).toThrow(RangeError);
  });
});

describe('mask helpers', () => {
  it('applyMask zeroes pruned entries in a new array', () => {
    const w = f32([1, -2, 3]);
    const out = applyMask(w, u8([1, 0, 1]));
    expect(Array.from(out)).toEqual([1, 0, 3]);
    expect(out).not.toBe(w);
    expect(Array.from(w)).toEqual([1, -2, 3]);
    expect(() => applyMask(w, u8([1]))).toThrow(/mask.length = 1/);
  });

  it.each([
    { name: 'a mask', input: u8([1, 0, 0, 1]), sparsity: 0.5 },
    { name: 'weights (-0 counts as zero)', input: f32([0, -0, 1, 2]), sparsity: 0.5 },
    { name: 'an all-kept mask', input: u8([1, 1]), sparsity: 0 },
    { name: 'an all-pruned mask', input: u8([0, 0]), sparsity: 1 },
    { name: 'an empty array', input: u8([]), sparsity: 0 },
  ])('sparsityOf $name = $sparsity', ({ input, sparsity }) => {
    expect(sparsityOf(input)).toBe(sparsity);
  });

  it('countKept counts the ones', () => {
    expect(countKept(u8([1, 0, 1, 1]))).toBe(3);
    expect(countKept(u8([]))).toBe(0);
  });
});

describe('a full 784×256 layer', () => {
  const w = randomSparseMatrix(784, 256, 0, 42, 'unstructured');
  const norms = activationNorms(randomSparseMatrix(64, 256, 0, 43, 'unstructured'), 64, 256);
  const size = 784 * 256;
  // kept = size − pruned, with PyTorch's rounding of amount · size (round half to even)
  it.each([
    ['l1UnstructuredMask 90%', () => [l1UnstructuredMask(w, 0.9)], size - pruneCount(0.9, size)],
    ['l1UnstructuredMask 50% re-applied', () => [l1UnstructuredMask(w, 0.5, l1UnstructuredMask(w, 0.5))], size / 4],
    ['lnStructuredMask 50% of the columns', () => [lnStructuredMask(w, [784, 256], 0.5, 2, 1)], 784 * 128],
    ['nmMask 2:4', () => [nmMask(w, [784, 256], 2, 4)], size / 2],
    ['blockMask 4×4 50%', () => [blockMask(w, [784, 256], 4, 0.5)], size / 2],
    ['wandaMask 50%', () => [wandaMask(w, [784, 256], norms, 0.5)], size / 2],
    ['globalMagnitudeMasks 50% of two layers', () => globalMagnitudeMasks([w, w], 0.5), size],
  ] as [string, () => Uint8Array[], number][])('%s keeps the weights its rule says', (_name, fn, kept) => {
    const masks = fn();
    for (const m of masks) expect(m.length).toBe(size);
    expect(masks.reduce((a, m) => a + countKept(m), 0)).toBe(kept);
  });
});
