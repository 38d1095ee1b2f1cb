import { describe, expect, it } from 'vitest';
import { analyzeMatrix } from './byo-matrix';

const base = { amount: 0.5, norm: 2, dim: 0, n: 2, m: 4, block: 2 };
const w = Float32Array.of(1, -2, 3, -4, 5, -6, 7, -8); // [2, 4]

describe('analyzeMatrix', () => {
  it('L1 at 50% zeros the four smallest |w| and reports CSR bytes', () => {
    const r = analyzeMatrix(w, 2, 4, { ...base, method: 'l1-unstructured' });
    expect([...r.mask]).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
    expect(r.sparsity).toBe(0.5);
    expect(r.bytes.dense).toBe(32);
    expect(r.bytes.csr).toBe((3 + 4 + 4) * 4);
  });

  it('2:4 keeps the two largest of each group and the result fits the 2:4 format', () => {
    const r = analyzeMatrix(w, 2, 4, { ...base, method: 'nm' });
    expect([...r.mask]).toEqual([0, 0, 1, 1, 0, 0, 1, 1]);
    expect(r.bytes.sparse24).not.toBeNull();
  });

  it('Wanda falls back to L1 with a note (a single matrix has no activations)', () => {
    const r = analyzeMatrix(w, 2, 4, { ...base, method: 'wanda' });
    expect(r.applied).toBe('l1-unstructured');
    expect(r.note).toBe('wanda-needs-activations');
  });

  it('a block size that does not divide the shape prunes nothing and says so', () => {
    const r = analyzeMatrix(w, 2, 4, { ...base, method: 'block', block: 3 });
    expect(r.applied).toBe('none');
    expect(r.note).toBe('shape-not-divisible');
    expect(r.sparsity).toBe(0);
    expect(r.bytes.bsr).toBeNull();
  });
});
