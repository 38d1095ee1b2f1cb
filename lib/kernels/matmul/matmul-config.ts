/**
 * Shapes and launch configurations shared by the acceleration lab's matmul kernels
 * (matmul-dense / -csr / -bsr / -24 / -gather programs). Pure functions, unit-tested.
 *
 * Every GEMM kernel computes Y [M, N] = W [M, K] · X [K, N] with X and Y bound as
 * vec4<f32> along N (so N must be a multiple of 4), 64 invocations per workgroup
 * (within a software adapter's 256), and workgroup memory well under its 32 KiB.
 */
import type { Issue } from '../../runtime/issue';

/** Invocations per workgroup of every matmul kernel. */
export const MATMUL_THREADS = 64;
/** Dense GEMM tile (the tiling family of the sparse kernels): 32 × 32 outputs, K step 32. */
export const DENSE_TILE = 32;
/** Block sizes the BSR kernels take (b × b blocks). */
export const BSR_BLOCK_SIZES = [16, 32, 64] as const;
export type BsrBlockSize = (typeof BSR_BLOCK_SIZES)[number];

const pow2Floor = (x: number) => (x < 1 ? 1 : 2 ** Math.floor(Math.log2(x)));
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * Why a shape cannot run on a kernel, or null: an Issue (lib/runtime/issue.ts) whose message is
 * lib/i18n/issues.ts's. Params: batch-not-multiple-of-4 { n }, k-not-multiple-of-4 { k },
 * block-not-dividing { blockSize, m, k }, block-size-unsupported { blockSize }.
 */
export type ShapeIssueKey = 'batch-not-multiple-of-4' | 'k-not-multiple-of-4' | 'block-not-dividing' | 'block-size-unsupported';
export type ShapeIssue = Issue<ShapeIssueKey>;

export function gemmShapeIssue(m: number, k: number, n: number): ShapeIssue | null {
  if (n !== 1 && n % 4 !== 0) return { key: 'batch-not-multiple-of-4', params: { n } };
  if (k % 4 !== 0) return { key: 'k-not-multiple-of-4', params: { k } };
  return null;
}

export function bsrShapeIssue(m: number, k: number, blockSize: number): ShapeIssue | null {
  if (!(BSR_BLOCK_SIZES as readonly number[]).includes(blockSize)) return { key: 'block-size-unsupported', params: { blockSize } };
  if (m % blockSize !== 0 || k % blockSize !== 0) return { key: 'block-not-dividing', params: { blockSize, m, k } };
  return null;
}

/** Throws a RangeError naming the problem (kernels call this; the UI checks first and translates). */
export function assertGemmShape(m: number, k: number, n: number, gemv: boolean): void {
  for (const [name, v] of [
    ['M', m],
    ['K', k],
    ['N', n],
  ] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be an integer >= 1, got ${String(v)}`);
  }
  if (k % 4 !== 0) throw new RangeError(`K must be a multiple of 4 (vec4 loads), got K = ${k}`);
  if (gemv && n !== 1) throw new RangeError(`a GEMV kernel takes N = 1, got N = ${n}`);
  if (!gemv && n % 4 !== 0) throw new RangeError(`a GEMM kernel needs N (batch) to be a multiple of 4, got N = ${n}`);
}

/**
 * CSR SpMM launch: each workgroup takes `rows` rows (in load-balanced order) and a
 * tile of colLanes · colVecs vec4 columns; every row is shared by `slices`
 * invocations that stride over its non-zeros (a long row is split among them, then
 * their partial sums are added in workgroup memory).
 *   colVecs (vec4 per invocation): 4 if N/4 >= 32, 2 if >= 16, else 1 (reuses each
 *     (value, column) load across more outputs);
 *   colLanes: largest power of two <= min(8, N/4 / colVecs);
 *   slices: largest power of two <= avgNnzPerRow / 8, within [1, 64 / colLanes]
 *     (each slice gets about 8+ non-zeros);
 *   rows = 64 / (colLanes · slices).
 */
export interface CsrSpmmConfig {
  colVecs: number;
  colLanes: number;
  slices: number;
  rows: number;
}

export function chooseCsrSpmmConfig(n: number, avgNnzPerRow: number): CsrSpmmConfig {
  const n4 = Math.max(1, Math.floor(n / 4));
  const colVecs = n4 >= 32 ? 4 : n4 >= 16 ? 2 : 1;
  const colLanes = pow2Floor(Math.min(8, Math.max(1, Math.floor(n4 / colVecs))));
  const free = MATMUL_THREADS / colLanes;
  const slices = clamp(pow2Floor(avgNnzPerRow / 8), 1, free);
  return { colVecs, colLanes, slices, rows: free / slices };
}

/**
 * CSR SpMV (N = 1) launch, with row binning for skewed rows (as in CSR-Adaptive,
 * Greathouse & Daga 2014): rows longer than `longRowThreshold` form a "long" bin run
 * with 32 invocations per row (CSR-vector, Bell & Garland 2009); every other row runs
 * with `lanes` invocations per row, lanes = largest power of two <= avg / 128 within
 * [1, 8] (CSR-scalar for typical rows: each invocation reads its row's values and
 * columns 4 at a time from 16-byte-aligned words, Sputnik's ROMA alignment, Gale et al. 2020).
 * rows per workgroup = 64 / lanes.
 */
export interface CsrSpmvBins {
  /** Rows (a prefix of the longest-first row order) handled by the long-row kernel. */
  longRows: number;
  longLanes: number;
  lanes: number;
}

export const CSR_LONG_LANES = 32;

export function longRowThreshold(avgNnzPerRow: number): number {
  return Math.max(256, 4 * avgNnzPerRow);
}

export function chooseCsrSpmvBins(rowLengthsLongestFirst: ArrayLike<number>, avgNnzPerRow: number): CsrSpmvBins {
  const t = longRowThreshold(avgNnzPerRow);
  let longRows = 0;
  while (longRows < rowLengthsLongestFirst.length && rowLengthsLongestFirst[longRows] > t) longRows++;
  return { longRows, longLanes: CSR_LONG_LANES, lanes: clamp(pow2Floor(avgNnzPerRow / 128), 1, 8) };
}

/**
 * GEMV layout shared by dense, BSR and 2:4 (the GEMV member of the tiling family):
 * a workgroup owns `bandRows` rows and walks K in chunks of bandRows columns; the 64
 * invocations form colLanes (= bandRows / 4 vec4 columns of a chunk) × rowLanes, and
 * each owns rowsPerThread = bandRows / rowLanes rows. Consecutive invocations read
 * consecutive vec4s of a row (coalesced), partial sums meet in workgroup memory.
 */
export function gemvLayout(bandRows: number): { colLanes: number; rowLanes: number; rowsPerThread: number } {
  const colLanes = bandRows / 4;
  const rowLanes = MATMUL_THREADS / colLanes;
  return { colLanes, rowLanes, rowsPerThread: bandRows / rowLanes };
}

/**
 * Which GEMV layout the dense, BSR and 2:4 matrix-vector kernels use (all three the same,
 * so they stay comparable):
 *   'lanes' (GPUs): the band layout above, consecutive invocations read consecutive
 *     16-byte words of a row (coalesced), partial sums meet in workgroup memory;
 *   'rows' (software adapters): one invocation per row, no workgroup memory and no
 *     barrier. A CPU emulating a GPU runs invocations as SIMD lanes and implements a
 *     barrier as a switch between coroutines, which costs more than the reads it saves.
 */
export type GemvLayout = 'lanes' | 'rows';

export function gemvLayoutFor(emulated: boolean): GemvLayout {
  return emulated ? 'rows' : 'lanes';
}

/**
 * Gather-SpMV (activation sparsity) launch: a workgroup owns colLanes vec4 outputs;
 * `slices` invocations per output stride over the kept inputs and add up in
 * workgroup memory. colLanes = 16 (64 outputs per workgroup), slices = 4.
 */
export const GATHER_COL_LANES = 16;
export const GATHER_SLICES = MATMUL_THREADS / GATHER_COL_LANES;
