import { describe, expect, it } from 'vitest';
import { formatBytesFor } from '../acceleration/bytes';
import { SPEED_FORMATS, TABLE_SPARSITIES } from '../acceleration/table';
import { accelerationMessages } from '../i18n/acceleration';
import { denseMatmulReference } from './matmul/matmul-dense-reference';
import { createMulberry32, randomNonZeroUnit } from '../sparsity/random';
import { accelerationSchema } from '../state/acceleration';
import { BSR_BLOCK_SIZES, FORMAT_COLORS, FORMAT_NAMES, FORMAT_REGISTRY, formatAppliesAt, formatEntry } from './format-registry';
import { randomSparseMatrix } from '../sparsity/formats';

const M = 16;
const K = 24;
const B = 4;

/** A matrix of the format's structure at a sparsity it can hold. */
function operand(name: (typeof FORMAT_NAMES)[number], seed: number) {
  const entry = formatEntry(name);
  const sparsity = entry.fixedSparsity ?? 0.7;
  return { sparsity, dense: randomSparseMatrix(M, K, sparsity, seed, entry.structure, B) };
}

describe('the format registry', () => {
  it("is the speed table's list, with a colour each and the URL toggles and block sizes of the acceleration schema", () => {
    expect(SPEED_FORMATS).toEqual(FORMAT_NAMES);
    expect([...FORMAT_NAMES].sort()).toEqual(Object.keys(FORMAT_REGISTRY).sort());
    const params = accelerationSchema.params as Record<string, { kind: string; default?: unknown; values?: readonly string[] }>;
    for (const name of FORMAT_NAMES) {
      expect(params[FORMAT_REGISTRY[name].urlKey]).toEqual({ kind: 'bool', default: true });
      expect(FORMAT_COLORS[name]).toMatch(/^#[0-9a-f]{6}$/);
    }
    expect(new Set(Object.values(FORMAT_COLORS)).size).toBe(FORMAT_NAMES.length);
    expect(accelerationSchema.params.block.values).toEqual(BSR_BLOCK_SIZES);
  });

  it.each(FORMAT_NAMES)('%s: has a control label in every language', (name) => {
    for (const m of Object.values(accelerationMessages)) expect(m.controls[FORMAT_REGISTRY[name].urlKey].length).toBeGreaterThan(0);
  });

  it.each(FORMAT_NAMES)('%s: dense -> format -> dense gives the matrix back', (name) => {
    const entry = formatEntry(name);
    const { dense } = operand(name, 3);
    expect(Array.from(entry.toDense(entry.fromDense(dense, M, K, B)))).toEqual(Array.from(dense));
  });

  it.each(FORMAT_NAMES)("%s: stores the bytes the lab's estimate gives for its random operands", (name) => {
    const entry = formatEntry(name);
    const { sparsity, dense } = operand(name, 5);
    const estimate = formatBytesFor(M, K, sparsity, B) as unknown as Record<string, number | null>;
    expect(entry.bytes(entry.fromDense(dense, M, K, B))).toBe(estimate[entry.operandKey]);
  });

  it.each(FORMAT_NAMES)('%s: the kernel twin multiplies as the dense reference does (N = 1 and 3)', (name) => {
    const entry = formatEntry(name);
    const { dense } = operand(name, 7);
    const stored = entry.fromDense(dense, M, K, B);
    const rng = createMulberry32(11);
    for (const n of [1, 3]) {
      const x = Float32Array.from({ length: K * n }, () => randomNonZeroUnit(rng));
      const twin = entry.matmulTwin(stored, x, n);
      const reference = denseMatmulReference(dense, x, { m: M, k: K, n });
      expect(twin.length).toBe(M * n);
      for (let i = 0; i < twin.length; i++) expect(twin[i]).toBeCloseTo(reference[i], 5);
    }
  });

  it.each(FORMAT_NAMES)('%s: applies at every table sparsity, or at its fixed one only', (name) => {
    const fixed = formatEntry(name).fixedSparsity;
    for (const s of TABLE_SPARSITIES) expect(formatAppliesAt(name, s)).toBe(fixed === undefined || s === fixed);
  });
});
