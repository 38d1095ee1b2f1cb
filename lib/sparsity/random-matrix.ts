/** Seeded random sparse matrices for tests and benchmarks (re-exported by lib/sparsity/formats.ts). */
import { createMulberry32, randomInt, randomNonZeroUnit, sampleIndices } from './random';
import { roundHalfEven } from './pruning';
import { assertBlockShape } from './dense-shape';
import { assertInteger } from './validation';

// ---------------------------------------------------------------------------
// Random test / benchmark matrices

export type SparseStructure = 'unstructured' | 'block' | '2:4';

/**
 * A seeded random sparse matrix [rows, cols] (mulberry32, see random.ts).
 * Draw order: first one value per entry, in row-major order, uniform in [-1, 1) and never
 * exactly 0; then the zero pattern:
 * - 'unstructured': exactly round(sparsity · rows · cols) zeros (half to even, as
 *   pruneCount), positions by a partial Fisher–Yates shuffle;
 * - 'block': blockSize × blockSize tiles (default 4; must divide rows and cols),
 *   exactly round(sparsity · numTiles) whole tiles zeroed, chosen the same way;
 * - '2:4': exactly 2 zeros in every group of 4 (one of the 6 pairs, uniform); the
 *   sparsity is fixed at 0.5 and any other value throws.
 */
export function randomSparseMatrix(
  rows: number,
  cols: number,
  sparsity: number,
  seed: number,
  structure: SparseStructure,
  blockSize = 4,
): Float32Array {
  assertInteger('rows', rows, 0);
  assertInteger('cols', cols, 0);
  if (typeof sparsity !== 'number' || Number.isNaN(sparsity) || sparsity < 0 || sparsity > 1) {
    throw new RangeError(`sparsity must be a fraction in [0, 1], got ${String(sparsity)}`);
  }
  if (structure === 'block') assertBlockShape(rows, cols, blockSize);
  else if (structure === '2:4') {
    if (cols % 4 !== 0) throw new RangeError(`2:4 structure needs cols divisible by 4, got cols = ${cols}`);
    if (sparsity !== 0.5) throw new RangeError(`2:4 structure has sparsity 0.5 by construction, got sparsity = ${sparsity}`);
  } else if (structure !== 'unstructured') {
    throw new RangeError(`structure must be 'unstructured', 'block' or '2:4', got ${String(structure)}`);
  }
  const rng = createMulberry32(seed);
  const size = rows * cols;
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = randomNonZeroUnit(rng);

  if (structure === 'unstructured') {
    const zeros = sampleIndices(rng, size, roundHalfEven(sparsity * size));
    for (let z = 0; z < zeros.length; z++) out[zeros[z]] = 0;
  } else if (structure === 'block') {
    const b = blockSize;
    const tileCols = cols / b;
    const numTiles = (rows / b) * tileCols;
    const tiles = sampleIndices(rng, numTiles, roundHalfEven(sparsity * numTiles));
    for (let z = 0; z < tiles.length; z++) {
      const tr = Math.floor(tiles[z] / tileCols);
      const tc = tiles[z] - tr * tileCols;
      for (let i = 0; i < b; i++) {
        const start = (tr * b + i) * cols + tc * b;
        out.fill(0, start, start + b);
      }
    }
  } else {
    const PAIRS = [
      [0, 1],
      [0, 2],
      [0, 3],
      [1, 2],
      [1, 3],
      [2, 3],
    ] as const;
    for (let g = 0; g < size; g += 4) {
      const [a, b] = PAIRS[randomInt(rng, 6)];
      out[g + a] = 0;
      out[g + b] = 0;
    }
  }
  return out;
}
