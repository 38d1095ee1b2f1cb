import { describe, expect, it } from 'vitest';
import { uniformArray } from '../../random';
import { denseTo24, denseToBsr, denseToCsr, randomSparseMatrix } from '../../sparsity/formats';
import { compareOutputs } from '../../runtime/check-kernel';
import { sparse24MatmulReference } from './matmul-24-reference';
import { bsrMatmulReference } from './matmul-bsr-reference';
import { csrMatmulReference, csrRowOrder } from './matmul-csr-reference';
import { denseMatmulReference } from './matmul-dense-reference';
import { compactNonZeros, gatherGemvReference, transposeMatrix } from './matmul-gather-reference';

const close = (a: Float32Array, b: Float32Array) => expect(compareOutputs(a, b).maxAbsError).toBeLessThan(1e-5);

describe('denseMatmulReference', () => {
  it('multiplies a 2×3 by a 3×2 matrix', () => {
    const w = Float32Array.of(1, 2, 3, 4, 5, 6);
    const x = Float32Array.of(1, 0, 0, 1, 1, 1);
    expect([...denseMatmulReference(w, x, { m: 2, k: 3, n: 2 })]).toEqual([4, 5, 10, 11]);
  });

  it('rejects operands of the wrong length and non-integer shapes', () => {
    expect(() => denseMatmulReference(new Float32Array(5), new Float32Array(6), { m: 2, k: 3, n: 2 })).toThrow(/W must hold/);
    expect(() => denseMatmulReference(new Float32Array(6), new Float32Array(6), { m: 2, k: 3, n: 1.5 })).toThrow(/n must be/);
  });
});

describe('sparse twins agree with the dense product of the same matrix', () => {
  it.each([
    [0, 1],
    [0.5, 8],
    [0.9, 4],
    [0.99, 1],
    [1, 3],
  ])('CSR at sparsity %f, N = %i (empty rows included)', (s, n) => {
    const w = randomSparseMatrix(24, 40, s, 5, 'unstructured');
    w.fill(0, 3 * 40, 4 * 40); // an empty row
    const x = uniformArray(40 * n, 6);
    close(csrMatmulReference(denseToCsr(w, 24, 40), x, n), denseMatmulReference(w, x, { m: 24, k: 40, n }));
  });

  it.each([2, 4, 8])('BSR with %i × %i blocks', (b) => {
    const w = randomSparseMatrix(16, 32, 0.5, 7, 'block', b);
    const x = uniformArray(32 * 4, 8);
    close(bsrMatmulReference(denseToBsr(w, 16, 32, b), x, 4), denseMatmulReference(w, x, { m: 16, k: 32, n: 4 }));
  });

  it('2:4 compressed values and 2-bit positions give the dense product', () => {
    const w = randomSparseMatrix(12, 36, 0.5, 9, '2:4');
    const x = uniformArray(36 * 3, 10);
    close(sparse24MatmulReference(denseTo24(w, 12, 36), x, 3), denseMatmulReference(w, x, { m: 12, k: 36, n: 3 }));
  });

  it('2:4 rejects K not divisible by 4', () => {
    const s = { values: new Float32Array(3), indices: new Uint32Array(1), rows: 1, cols: 6 };
    expect(() => sparse24MatmulReference(s, new Float32Array(6), 1)).toThrow(/divisible by 4/);
  });

  it('the gather-SpMV over the non-zero inputs equals W x', () => {
    const m = 20;
    const k = 30;
    const w = uniformArray(m * k, 11);
    const x = randomSparseMatrix(1, k, 0.7, 12, 'unstructured');
    const { idx, val } = compactNonZeros(x);
    expect(idx.length).toBe(9);
    close(gatherGemvReference(transposeMatrix(w, m, k), k, m, idx, val), denseMatmulReference(w, x, { m, k, n: 1 }));
  });

  it('the gather-SpMV rejects an index outside [0, K)', () => {
    expect(() => gatherGemvReference(new Float32Array(6), 3, 2, Int32Array.of(3), Float32Array.of(1))).toThrow(/outside/);
  });
});

describe('csrRowOrder', () => {
  it('puts the longest rows first, ties in row order', () => {
    const w = Float32Array.of(1, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 0);
    // row lengths: 1, 3, 0, 2
    expect([...csrRowOrder(denseToCsr(w, 4, 3))]).toEqual([1, 3, 0, 2]);
  });
});
