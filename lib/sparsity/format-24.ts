/** The 2:4 semi-structured storage format (see lib/sparsity/formats.ts, which re-exports it). */
import { assertDense } from './dense-shape';
import { assertInteger, assertLength } from './validation';

// ---------------------------------------------------------------------------
// 2:4 semi-structured

/**
 * Compressed 2:4 matrix (logical layout of cuSPARSELt's compressed operand):
 * the k-th kept entry in row-major order (group g = floor(k / 2) covers dense columns
 * 4·(g mod cols/4) .. +3 of row floor(4g / cols)) has value values[k] and in-group
 * position (0..3) stored in bits 2·(k mod 16) .. 2·(k mod 16)+1 of indices[floor(k / 16)]
 * (little end first). Within a group the two positions are increasing. Hardware
 * additionally interleaves the metadata words for its tile shape; that reordering is
 * not modelled here.
 */
export interface Sparse24Matrix {
  /** Length rows · cols / 2. */
  values: Float32Array;
  /** Length ceil(rows · cols / 32): 16 two-bit positions per word. */
  indices: Uint32Array;
  rows: number;
  cols: number;
}

/** First group of 4 holding more than 2 non-zeros, or null. Requires cols % 4 === 0. */
export function find24Violation(dense: Float32Array, cols: number): { row: number; group: number; col: number; nonZeros: number } | null {
  for (let g = 0; g * 4 < dense.length; g++) {
    const i = g * 4;
    const nz = (dense[i] !== 0 ? 1 : 0) + (dense[i + 1] !== 0 ? 1 : 0) + (dense[i + 2] !== 0 ? 1 : 0) + (dense[i + 3] !== 0 ? 1 : 0);
    if (nz > 2) {
      const row = Math.floor(i / cols);
      const col = i - row * cols;
      return { row, group: col / 4, col, nonZeros: nz };
    }
  }
  return null;
}

/** True when cols is a multiple of 4, dense.length a multiple of cols, and every group of 4 has at most 2 non-zeros. */
export function is24(dense: Float32Array, cols: number): boolean {
  if (!Number.isInteger(cols) || cols < 0 || cols % 4 !== 0) return false;
  if (cols === 0) return dense.length === 0;
  if (dense.length % cols !== 0) return false;
  return find24Violation(dense, cols) === null;
}

// For each 4-bit non-zero pattern (bit p = position p non-zero) with <= 2 bits set:
// the two stored positions, increasing; free slots are filled with the lowest
// positions not already used (like cuSPARSELt, which pads a group with explicit zeros).
const PAIR_FOR_PATTERN: readonly (readonly [number, number] | null)[] = Array.from({ length: 16 }, (_, pattern) => {
  const set = [0, 1, 2, 3].filter((p) => (pattern >> p) & 1);
  if (set.length > 2) return null;
  for (let p = 0; set.length < 2; p++) if (!set.includes(p)) set.push(p);
  set.sort((a, b) => a - b);
  return [set[0], set[1]] as const;
});

/**
 * Dense -> 2:4. Needs cols % 4 === 0 and at most 2 non-zeros in every group of 4
 * (else a RangeError naming the first bad group). A group with fewer than 2
 * non-zeros stores explicit zeros at its lowest free positions: [0, 0, 0, 5] keeps
 * positions (0, 3) with values (0, 5); an all-zero group keeps (0, 1).
 */
export function denseTo24(dense: Float32Array, rows: number, cols: number): Sparse24Matrix {
  assertDense(dense, rows, cols);
  if (cols % 4 !== 0) throw new RangeError(`2:4 format needs cols divisible by 4, got cols = ${cols}`);
  const kept = (rows * cols) / 2;
  const values = new Float32Array(kept);
  const indices = new Uint32Array(Math.ceil(kept / 16));
  const groups = (rows * cols) / 4;
  for (let g = 0; g < groups; g++) {
    const i = 4 * g;
    const pattern = (dense[i] !== 0 ? 1 : 0) | (dense[i + 1] !== 0 ? 2 : 0) | (dense[i + 2] !== 0 ? 4 : 0) | (dense[i + 3] !== 0 ? 8 : 0);
    const pair = PAIR_FOR_PATTERN[pattern];
    if (pair === null) {
      const nonZeros = (pattern & 1) + ((pattern >> 1) & 1) + ((pattern >> 2) & 1) + ((pattern >> 3) & 1);
      const row = Math.floor(i / cols);
      const col = i - row * cols;
      throw new RangeError(
        `not 2:4 sparse: row ${row}, group ${col / 4} (columns ${col}..${col + 3}) has ${nonZeros} non-zeros, at most 2 allowed`,
      );
    }
    for (let s = 0; s < 2; s++) {
      const k = 2 * g + s;
      const pos = pair[s];
      values[k] = dense[i + pos];
      indices[k >>> 4] |= pos << (2 * (k & 15));
    }
  }
  return { values, indices, rows, cols };
}

/** 2:4 -> dense. Throws a RangeError on wrong lengths or a group whose two positions coincide. */
export function from24ToDense(s: Sparse24Matrix): Float32Array {
  const { values, indices, rows, cols } = s;
  assertInteger('rows', rows, 0);
  assertInteger('cols', cols, 0);
  if (cols % 4 !== 0) throw new RangeError(`2:4 format needs cols divisible by 4, got cols = ${cols}`);
  const kept = (rows * cols) / 2;
  assertLength('values', values, kept, `rows · cols / 2 = ${rows} · ${cols} / 2`);
  assertLength('indices', indices, Math.ceil(kept / 16), `ceil(rows · cols / 32)`);
  const dense = new Float32Array(rows * cols);
  for (let g = 0; 2 * g < kept; g++) {
    const k0 = 2 * g;
    const k1 = k0 + 1;
    const p0 = (indices[k0 >>> 4] >>> (2 * (k0 & 15))) & 3;
    const p1 = (indices[k1 >>> 4] >>> (2 * (k1 & 15))) & 3;
    if (p0 === p1) throw new RangeError(`2:4 group ${g} stores position ${p0} twice`);
    dense[4 * g + p0] = values[k0];
    dense[4 * g + p1] = values[k1];
  }
  return dense;
}

/** Bytes of a 2:4 matrix: 4 · values.length + 4 · indices.length (2 bits per kept value, rounded up to 32-bit words). */
export function bytes24(s: Sparse24Matrix): number {
  return 4 * s.values.length + 4 * s.indices.length;
}
