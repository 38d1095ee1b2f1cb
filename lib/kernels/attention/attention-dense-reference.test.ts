import { describe, expect, it } from 'vitest';
import { uniformArray } from '../../random';
import { attentionProbabilities, attentionReference } from './attention-dense-reference';
import { compareOutputs } from '../../runtime/check-kernel';

describe('attentionReference', () => {
  it("with one key, every query returns that key's value", () => {
    const shape = { heads: 1, seqLen: 1, headDim: 2 };
    const out = attentionReference(Float32Array.of(1, 2), Float32Array.of(3, 4), Float32Array.of(5, -6), shape);
    expect([...out]).toEqual([5, -6]);
  });

  it('equal scores average the values', () => {
    const shape = { heads: 1, seqLen: 2, headDim: 1 };
    const q = Float32Array.of(0, 0); // zero queries: all scores 0
    const out = attentionReference(q, Float32Array.of(1, 2), Float32Array.of(2, 4), shape);
    expect([...out]).toEqual([3, 3]);
  });

  it("a mask removes keys: a diagonal mask returns each query's own value", () => {
    const shape = { heads: 2, seqLen: 3, headDim: 2 };
    const n = shape.heads * shape.seqLen * shape.headDim;
    const v = uniformArray(n, 3);
    const eye = Uint8Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1);
    const out = attentionReference(uniformArray(n, 1), uniformArray(n, 2), v, shape, eye);
    expect(compareOutputs(out, v).maxAbsError).toBeLessThan(1e-7);
  });

  it('a query with no allowed key outputs zeros', () => {
    const shape = { heads: 1, seqLen: 2, headDim: 1 };
    const out = attentionReference(Float32Array.of(1, 1), Float32Array.of(1, 1), Float32Array.of(5, 7), shape, Uint8Array.of(0, 0, 1, 1));
    expect([...out]).toEqual([0, 6]);
  });

  it('probabilities of each row sum to 1 and are 0 where masked', () => {
    const shape = { heads: 1, seqLen: 4, headDim: 3 };
    const mask = Uint8Array.from({ length: 16 }, (_, i) => (i % 4 <= Math.floor(i / 4) ? 1 : 0)); // causal
    const p = attentionProbabilities(uniformArray(12, 5), uniformArray(12, 6), shape, 0, mask);
    for (let i = 0; i < 4; i++) {
      const row = [...p.slice(i * 4, i * 4 + 4)];
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
      for (let j = i + 1; j < 4; j++) expect(row[j]).toBe(0);
    }
  });

  it('refuses inputs of the wrong size', () => {
    expect(() =>
      attentionReference(new Float32Array(3), new Float32Array(4), new Float32Array(4), { heads: 1, seqLen: 2, headDim: 2 }),
    ).toThrow(RangeError);
  });
});

describe('compareOutputs', () => {
  it('reports the max absolute and relative error and where it is', () => {
    const c = compareOutputs([1, 2.5, 0], [1, 2, 0]);
    expect(c).toEqual({ maxAbsError: 0.5, maxRelError: 0.25, scale: 2, worstIndex: 1 });
  });
  it('counts NaN as an infinite error', () => {
    expect(compareOutputs([Number.NaN], [1]).maxAbsError).toBe(Number.POSITIVE_INFINITY);
  });
});
