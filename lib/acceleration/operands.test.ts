import { describe, expect, it } from 'vitest';
import { csrToDense, from24ToDense } from '../sparsity/formats';
import { sparsityOf } from '../sparsity/pruning';
import { buildRowOperands, operandBuffers } from './operands';

describe('buildRowOperands', () => {
  it("builds each format with the row's sparsity, seeded", () => {
    const req = { size: 64, batch: 8, sparsity: 0.9, seed: 3, blockSize: 16, formats: ['csr', 'bsr', '24'] as const, withDense: true };
    const a = buildRowOperands(req);
    expect(a.dense?.length).toBe(64 * 64);
    expect(a.x?.length).toBe(64 * 8);
    expect(sparsityOf(csrToDense(a.csr!))).toBeCloseTo(0.9, 2);
    expect(a.bsr!.blockRowPtr[4]).toBe(2); // 16 tiles, round(0.9 · 16) = 14 zeroed
    expect(a.s24).toBeUndefined(); // 2:4 only on the 50% row
    const b = buildRowOperands(req);
    expect(b.csr!.values).toEqual(a.csr!.values);
    expect(operandBuffers(a).length).toBe(8);
  });

  it('builds the 2:4 matrix on the 50% row only, and skips dense when asked', () => {
    const o = buildRowOperands({ size: 32, batch: 4, sparsity: 0.5, seed: 1, blockSize: 16, formats: ['24'], withDense: false });
    expect(o.dense).toBeUndefined();
    expect(sparsityOf(from24ToDense(o.s24!))).toBe(0.5);
  });
});
