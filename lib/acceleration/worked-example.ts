/**
 * The tiny worked example shown for each format: 4 × 8 matrices of small integers
 * (easy to follow by eye) with the structure each format wants, and their stored arrays.
 */
import { createMulberry32, randomInt } from '../sparsity/random';
import {
  type BsrMatrix,
  type CsrMatrix,
  type Sparse24Matrix,
  denseTo24,
  denseToBsr,
  denseToCsr,
  find24Violation,
} from '../sparsity/formats';

export const EXAMPLE_ROWS = 4;
export const EXAMPLE_COLS = 8;
export const EXAMPLE_BLOCK = 2;

export interface WorkedExample {
  unstructured: Float32Array;
  csr: CsrMatrix;
  blocky: Float32Array;
  bsr: BsrMatrix;
  semi: Float32Array;
  s24: Sparse24Matrix;
}

/** Seeded example: about 60% zeros scattered (CSR), half of the 2 × 2 blocks zero (BSR), 2:4 (2:4). */
export function buildWorkedExample(seed: number): WorkedExample {
  const rng = createMulberry32(seed);
  const n = EXAMPLE_ROWS * EXAMPLE_COLS;
  const value = () => 1 + randomInt(rng, 9);
  const unstructured = new Float32Array(n);
  for (let i = 0; i < n; i++) unstructured[i] = rng() < 0.4 ? value() : 0;
  const blocky = new Float32Array(n);
  const blockCols = EXAMPLE_COLS / EXAMPLE_BLOCK;
  const tiles = (EXAMPLE_ROWS / EXAMPLE_BLOCK) * blockCols;
  const keepTile = Array.from({ length: tiles }, () => rng() < 0.5);
  if (!keepTile.some(Boolean)) keepTile[0] = true;
  for (let r = 0; r < EXAMPLE_ROWS; r++) {
    for (let c = 0; c < EXAMPLE_COLS; c++) {
      const t = Math.floor(r / EXAMPLE_BLOCK) * blockCols + Math.floor(c / EXAMPLE_BLOCK);
      // Kept tiles may still hold a zero: BSR stores it explicitly.
      if (keepTile[t]) blocky[r * EXAMPLE_COLS + c] = rng() < 0.9 ? value() : 0;
    }
  }
  const semi = new Float32Array(n);
  const pairs = [
    [0, 1],
    [0, 2],
    [0, 3],
    [1, 2],
    [1, 3],
    [2, 3],
  ];
  for (let g = 0; g < n; g += 4) {
    const [a, b] = pairs[randomInt(rng, 6)];
    semi[g + a] = value();
    semi[g + b] = value();
  }
  // Teaching point: the unstructured example must show why CSR data is not 2:4. If the
  // draw happens to be 2:4 already, fill row 0, columns 4–6 (a group of 4 with 3 non-zeros).
  if (find24Violation(unstructured, EXAMPLE_COLS) === null) for (let c = 4; c < 7; c++) unstructured[c] ||= value();
  return {
    unstructured,
    csr: denseToCsr(unstructured, EXAMPLE_ROWS, EXAMPLE_COLS),
    blocky,
    bsr: denseToBsr(blocky, EXAMPLE_ROWS, EXAMPLE_COLS, EXAMPLE_BLOCK),
    semi,
    s24: denseTo24(semi, EXAMPLE_ROWS, EXAMPLE_COLS),
  };
}

/** The 2-bit positions of the 2:4 example, one digit 0–3 per kept value. */
export function positions24(s: Sparse24Matrix): number[] {
  return Array.from({ length: s.values.length }, (_, q) => (s.indices[q >>> 4] >>> (2 * (q & 15))) & 3);
}
