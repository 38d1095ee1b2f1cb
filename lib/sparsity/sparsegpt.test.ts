import { describe, expect, it } from 'vitest';
import { nmMask } from './pruning';
import { choleskyInverse, choleskyLower, hessianOf, sparseGptPrune } from './sparsegpt';

/** Deterministic values in (−1, 1) (a small LCG; the tests only need variety). */
function values(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

/** Inverse of the symmetric matrix A [n, n] by Gauss–Jordan elimination (no Cholesky). */
function gaussInverse(A: Float64Array, n: number): Float64Array {
  const a = Float64Array.from(A);
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r * n + c]) > Math.abs(a[p * n + c])) p = r;
    for (let k = 0; k < n; k++) {
      [a[c * n + k], a[p * n + k]] = [a[p * n + k], a[c * n + k]];
      [inv[c * n + k], inv[p * n + k]] = [inv[p * n + k], inv[c * n + k]];
    }
    const d = a[c * n + c];
    for (let k = 0; k < n; k++) {
      a[c * n + k] /= d;
      inv[c * n + k] /= d;
    }
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r * n + c];
      for (let k = 0; k < n; k++) {
        a[r * n + k] -= f * a[c * n + k];
        inv[r * n + k] -= f * inv[c * n + k];
      }
    }
  }
  return inv;
}

/**
 * The paper's algorithm written out without the Cholesky trick: when column i is reached, the
 * still-free columns are F = {i, …, cols−1}; with G = (H_FF)⁻¹ (inverted from scratch), pruning
 * entry w_i gives err = w_i / G_ii and w_F −= err · G_i,F (the OBS update of Hassibi & Stork);
 * unstructured scores of a block use w_c² / (H_{F_c}F_c)⁻¹_cc at the block's start.
 */
function naiveSparseGpt(
  weights: Float32Array,
  rows: number,
  cols: number,
  hessian: Float64Array,
  amount: number,
  blockSize: number,
  percDamp: number,
  nm?: [number, number],
) {
  const W = Float64Array.from(weights);
  const H = Float64Array.from(hessian);
  for (let j = 0; j < cols; j++) {
    if (H[j * cols + j] === 0) {
      H[j * cols + j] = 1;
      for (let r = 0; r < rows; r++) W[r * cols + j] = 0;
    }
  }
  let mean = 0;
  for (let j = 0; j < cols; j++) mean += H[j * cols + j] / cols;
  for (let j = 0; j < cols; j++) H[j * cols + j] += percDamp * mean;
  const invFrom = (i: number) => {
    const f = cols - i;
    const sub = new Float64Array(f * f);
    for (let a = 0; a < f; a++) for (let b = 0; b < f; b++) sub[a * f + b] = H[(i + a) * cols + i + b];
    return gaussInverse(sub, f);
  };
  const pivots = Array.from({ length: cols }, (_, i) => invFrom(i));
  const diag = (c: number) => pivots[c][0];
  const pruned = new Uint8Array(rows * cols);
  for (let i1 = 0; i1 < cols; i1 += blockSize) {
    const i2 = Math.min(i1 + blockSize, cols);
    if (!nm) {
      const scores: number[] = [];
      for (let r = 0; r < rows; r++) for (let c = i1; c < i2; c++) scores.push(W[r * cols + c] ** 2 / diag(c));
      const t = [...scores].sort((a, b) => a - b)[Math.floor(scores.length * amount)];
      let e = 0;
      for (let r = 0; r < rows; r++) for (let c = i1; c < i2; c++) pruned[r * cols + c] = scores[e++] <= t ? 1 : 0;
    }
    for (let i = i1; i < i2; i++) {
      if (nm && (i - i1) % nm[1] === 0) {
        for (let r = 0; r < rows; r++) {
          const group = Array.from({ length: nm[1] }, (_, k) => i + k);
          group.sort((a, b) => W[r * cols + a] ** 2 / diag(a) - W[r * cols + b] ** 2 / diag(b) || b - a);
          for (let k = 0; k < nm[1] - nm[0]; k++) pruned[r * cols + group[k]] = 1;
        }
      }
      const G = pivots[i];
      const f = cols - i;
      for (let r = 0; r < rows; r++) {
        if (!pruned[r * cols + i]) continue;
        const err = W[r * cols + i] / G[0];
        for (let k = 0; k < f; k++) W[r * cols + i + k] -= err * G[k];
        W[r * cols + i] = 0;
      }
    }
  }
  return { W, pruned };
}

function randomHessian(cols: number, samples: number, seed: number): Float64Array {
  return hessianOf(values(samples * cols, seed), samples, cols);
}

describe('sparseGptPrune', () => {
  it('two columns by hand: pruning w0 moves w1 by −w0·[H⁻¹]01/[H⁻¹]00 (the OBS update)', () => {
    // H = [[2, 1], [1, 2]], H⁻¹ = ⅓[[2, −1], [−1, 2]]; scores w²/U_jj²: 1/(2/3) = 1.5 and 9/(1/2) = 18
    const H = Float64Array.from([2, 1, 1, 2]);
    const { weights, mask } = sparseGptPrune(Float32Array.from([1, 3]), [1, 2], H, 0.4, { percDamp: 0 });
    expect(Array.from(mask)).toEqual([0, 1]);
    expect(weights[0]).toBe(0);
    // 3 − 1 · (−1/3)/(2/3) = 3.5, the minimiser of (w − ŵ) H (w − ŵ)ᵀ with ŵ0 = 0
    expect(weights[1]).toBeCloseTo(3.5, 12);
  });

  it('one column: a dead input (H = 0) is zeroed and pruned', () => {
    const { weights, mask } = sparseGptPrune(Float32Array.from([5, -2]), [2, 1], new Float64Array(1), 0.5);
    expect(Array.from(weights)).toEqual([0, 0]);
    expect(Array.from(mask)).toEqual([0, 0]);
  });

  it('an identity Hessian reduces to magnitude pruning with the reference threshold rule', () => {
    const rows = 4;
    const cols = 16;
    const w = values(rows * cols, 7);
    const H = new Float64Array(cols * cols);
    for (let j = 0; j < cols; j++) H[j * cols + j] = 1;
    const { weights, mask } = sparseGptPrune(w, [rows, cols], H, 0.5, { blockSize: 8 });
    for (let b = 0; b < cols; b += 8) {
      // per block of 4 × 8 = 32 entries: the ⌊32 · 0.5⌋ + 1 = 17 smallest |w| are pruned (ties none here)
      const entries: { i: number; a: number }[] = [];
      for (let r = 0; r < rows; r++) for (let c = b; c < b + 8; c++) entries.push({ i: r * cols + c, a: Math.abs(w[r * cols + c]) });
      entries.sort((x, y) => x.a - y.a);
      entries.forEach((e, k) => expect(mask[e.i]).toBe(k <= 16 ? 0 : 1));
    }
    // no off-diagonal curvature, so nothing is compensated: kept weights are unchanged
    for (let e = 0; e < w.length; e++) expect(weights[e]).toBe(mask[e] ? w[e] : 0);
  });

  it('an identity Hessian with 2:4 gives nmMask exactly', () => {
    const w = values(6 * 16, 3);
    const H = new Float64Array(256);
    for (let j = 0; j < 16; j++) H[j * 16 + j] = 2;
    const { weights, mask } = sparseGptPrune(w, [6, 16], H, 0.9, { nm: [2, 4], blockSize: 8 });
    expect(Array.from(mask)).toEqual(Array.from(nmMask(w, [6, 16], 2, 4)));
    for (let e = 0; e < w.length; e++) expect(weights[e]).toBe(mask[e] ? w[e] : 0);
  });

  it('N:M keeps exactly n of every m consecutive weights of a row, and pruned weights are exactly 0', () => {
    const rows = 5;
    const cols = 24;
    const { weights, mask } = sparseGptPrune(values(rows * cols, 11), [rows, cols], randomHessian(cols, 64, 5), 0, {
      nm: [4, 8],
      blockSize: 8,
    });
    for (let g = 0; g < rows * cols; g += 8) expect(mask.subarray(g, g + 8).reduce((s, v) => s + v, 0)).toBe(4);
    for (let e = 0; e < mask.length; e++) if (!mask[e]) expect(Object.is(weights[e], 0)).toBe(true);
  });

  for (const [label, amount, blockSize, nm] of [
    ['50% unstructured, one block', 0.5, 128, undefined],
    ['30% unstructured, blocks of 4 (lazy updates across blocks)', 0.3, 4, undefined],
    ['2:4, blocks of 8', 0, 8, [2, 4]],
  ] as const) {
    it(`matches the paper's algorithm re-derived with explicit inverses: ${label}`, () => {
      const rows = 6;
      const cols = 12;
      const w = values(rows * cols, 21);
      const H = randomHessian(cols, 40, 9);
      const fast = sparseGptPrune(w, [rows, cols], H, amount, { blockSize, nm: nm ? [nm[0], nm[1]] : undefined });
      const slow = naiveSparseGpt(w, rows, cols, H, amount, blockSize, 0.01, nm ? [nm[0], nm[1]] : undefined);
      for (let e = 0; e < w.length; e++) {
        expect(fast.mask[e]).toBe(slow.pruned[e] ? 0 : 1);
        expect(fast.weights[e]).toBeCloseTo(slow.W[e], 5);
      }
    });
  }

  it('a dead input column is zeroed, the rest still compensates', () => {
    const cols = 8;
    const H = randomHessian(cols, 32, 4);
    for (let k = 0; k < cols; k++) H[3 * cols + k] = H[k * cols + 3] = 0;
    const w = values(2 * cols, 8);
    const fast = sparseGptPrune(w, [2, cols], H, 0.25);
    const slow = naiveSparseGpt(w, 2, cols, H, 0.25, 128, 0.01);
    expect(fast.weights[3]).toBe(0);
    expect(fast.weights[cols + 3]).toBe(0);
    for (let e = 0; e < w.length; e++) expect(fast.weights[e]).toBeCloseTo(slow.W[e], 5);
  });

  it('compensation lowers the layer-output error against plain masking with the same mask', () => {
    const rows = 8;
    const cols = 32;
    const n = 100;
    // correlated inputs (a shared factor per sample plus noise), where compensation can help
    const noise = values(n * cols, 2);
    const factor = values(n, 5);
    const x = noise.map((v, e) => factor[Math.floor(e / cols)] + 0.3 * v);
    const w = values(rows * cols, 3);
    const H = hessianOf(x, n, cols);
    const { weights, mask } = sparseGptPrune(w, [rows, cols], H, 0.5);
    const err = (v: ArrayLike<number>) => {
      let s = 0;
      for (let r = 0; r < rows; r++) {
        for (let t = 0; t < n; t++) {
          let d = 0;
          for (let j = 0; j < cols; j++) d += (w[r * cols + j] - v[r * cols + j]) * x[t * cols + j];
          s += d * d;
        }
      }
      return s;
    };
    const masked = w.map((v, e) => (mask[e] ? v : 0));
    expect(err(weights)).toBeLessThan(0.5 * err(masked));
  });

  it('amount 0 without N:M returns the weights unchanged', () => {
    const w = values(12, 1);
    const r = sparseGptPrune(w, [3, 4], randomHessian(4, 10, 1), 0);
    expect(Array.from(r.weights)).toEqual(Array.from(w));
    expect(Array.from(r.mask)).toEqual(new Array(12).fill(1));
  });

  it('bad input gets a RangeError naming the problem', () => {
    const H = randomHessian(4, 10, 1);
    const w = values(8, 1);
    expect(() => sparseGptPrune(w, [2, 4], H, 1.5)).toThrow(/amount/);
    expect(() => sparseGptPrune(w, [2, 4], H.subarray(0, 9), 0.5)).toThrow(/hessian/);
    expect(() => sparseGptPrune(w, [2, 4], H, 0.5, { nm: [3, 2] })).toThrow(/n = 3/);
    expect(() => sparseGptPrune(w, [2, 4], H, 0.5, { nm: [1, 3] })).toThrow(/does not divide/);
    expect(() => sparseGptPrune(Float32Array.from([NaN, 0, 0, 0, 0, 0, 0, 0]), [2, 4], H, 0.5)).toThrow();
    expect(() => sparseGptPrune(w, [2, 4], new Float64Array(16), 0.5, { percDamp: 0 })).not.toThrow();
    const singular = new Float64Array(16).fill(1);
    expect(() => sparseGptPrune(w, [2, 4], singular, 0.5, { percDamp: 0 })).toThrow(/positive definite/);
  });
});

describe('Cholesky helpers', () => {
  it('choleskyInverse(choleskyLower(H)) is H⁻¹', () => {
    const H = randomHessian(6, 30, 3);
    const inv = choleskyInverse(choleskyLower(Float64Array.from(H), 6), 6);
    const ref = gaussInverse(H, 6);
    for (let e = 0; e < 36; e++) expect(inv[e]).toBeCloseTo(ref[e], 8);
  });
});
