/**
 * The lab's heavy computations as resumable jobs, run by the lab's Web Worker
 * (components/labs/attention/attention.worker.ts). Each job calls `tick()` between chunks
 * of rows; the worker's tick (the job's check, lib/runtime/worker-host.ts) yields to its event
 * loop and throws JobCancelled when a newer request of the same kind has arrived, so a stale
 * slider value never finishes its work.
 * Pure TypeScript (no DOM): tests pass a tick that never cancels.
 */
import { buildBlockCsr, blockCsrBytes } from '../../attention/block-csr';
import { computePatternDepths, middleQuery, patternStats, type PatternStats } from '../../attention/cost';
import { createMaskGrid, fullRegion, type Region } from '../../attention/mask-grid';
import { createDiffGrid, type DiffGrid, type PairOverlap } from '../../attention/mask-diff';
import type { PatternName, PatternParams } from '../../attention/params';
import { createProbabilityBuilder, cropForProbabilities, type ProbabilityCrop } from '../../attention/probabilities';
import { blockSparseAttentionReference } from '../../kernels/attention/attention-block-sparse-reference';
import { attentionReference, type AttentionShape } from '../../kernels/attention/attention-dense-reference';
import { attentionInputs, headInputs } from '../../kernels/attention/attention-inputs';
import { patternMask } from '../../attention/patterns';
import type { Grid } from '../../viz/aggregate';

/** What a tick throws to stop a job: the runtime's cancellation (lib/runtime/worker-host.ts). */
export { Cancelled as JobCancelled } from '../../runtime/worker-host';

/** Called between chunks: resolves to continue, throws JobCancelled to stop. */
export type Tick = () => Promise<void>;

export interface PatternRef {
  name: PatternName;
  params: PatternParams;
}

export interface ViewRequest {
  kind: 'view';
  id: number;
  main: PatternRef;
  compare: PatternRef | null;
  region: Region;
  maxPixels: number;
  headDim: number;
  heads: number;
  /** Receptive field depths are searched up to this many layers. */
  maxLayers: number;
}

/** Block kinds of the block-layout picture: 0 empty, 1 partial (element mask inside), 2 full. */
export type BlockKinds = Uint8Array;

export interface PatternView {
  stats: PatternStats;
  overview: Grid;
  zoom: Grid;
  kinds: BlockKinds;
  fullTiles: number;
  partialTiles: number;
  /** Bytes of the CSR + mask bits the kernel reads. */
  csrBytes: number;
  /** Receptive field from the middle query: sizes[L - 1] tokens after L layers, and each token's depth (-1: never). */
  receptive: { query: number; sizes: number[]; depths: Int32Array };
}

export interface ViewResult {
  kind: 'view';
  id: number;
  main: PatternView;
  compare: PatternView | null;
  /** Difference pictures of main vs compare (whole matrix and region) and exact pair counts. */
  diff: { overview: DiffGrid; zoom: DiffGrid; overlap: PairOverlap } | null;
  ms: number;
}

export interface ProbabilityRequest {
  kind: 'probs';
  id: number;
  main: PatternRef;
  seed: number;
  head: number;
  headDim: number;
  region: Region;
}

export interface ProbabilityResult {
  kind: 'probs';
  id: number;
  crop: ProbabilityCrop;
  values: Float32Array;
  rows: number;
  cols: number;
  max: number;
  ms: number;
}

/** Rows per chunk: about a million cell updates between ticks. */
function chunkRows(workPerRow: number): number {
  return Math.max(1, Math.floor(1e6 / Math.max(1, workPerRow)));
}

async function buildGrid(ref: PatternRef, region: Region, maxPixels: number, tick: Tick): Promise<Grid> {
  const builder = createMaskGrid(ref.name, ref.params, region, maxPixels);
  const rowsPerCell = Math.ceil((region.row1 - region.row0) / maxPixels);
  const step = chunkRows(rowsPerCell * Math.min(region.col1 - region.col0, 4096));
  while (builder.rowsLeft > 0) {
    builder.addRows(step);
    await tick();
  }
  return builder.finish();
}

async function buildDiff(a: PatternRef, b: PatternRef, region: Region, maxPixels: number, tick: Tick): Promise<DiffGrid> {
  const builder = createDiffGrid(a, b, region, maxPixels);
  const rowsPerCell = Math.ceil((region.row1 - region.row0) / maxPixels);
  const step = chunkRows(rowsPerCell * (a.params.seqLen + region.col1 - region.col0));
  while (builder.rowsLeft > 0) {
    builder.addRows(step);
    await tick();
  }
  return builder.finish();
}

/** Exact pair counts from a whole-matrix difference grid: Σ fraction · cell area, rounded. */
function overlapOf(g: DiffGrid, n: number): PairOverlap {
  let both = 0;
  let onlyA = 0;
  let onlyB = 0;
  for (let r = 0; r < g.rows; r++) {
    const h = Math.min(n, (r + 1) * g.blockRows) - r * g.blockRows;
    for (let c = 0; c < g.cols; c++) {
      const area = h * (Math.min(n, (c + 1) * g.blockCols) - c * g.blockCols);
      const i = r * g.cols + c;
      both += g.both[i] * area;
      onlyA += g.onlyA[i] * area;
      onlyB += g.onlyB[i] * area;
    }
  }
  return { both: Math.round(both), onlyA: Math.round(onlyA), onlyB: Math.round(onlyB) };
}

async function viewOf(ref: PatternRef, request: ViewRequest, tick: Tick): Promise<PatternView> {
  const { params } = ref;
  const n = params.seqLen;
  const stats = patternStats(ref.name, params, { headDim: request.headDim, numHeads: request.heads });
  await tick();
  const whole = fullRegion(n);
  const overview = await buildGrid(ref, whole, request.maxPixels, tick);
  const r = request.region;
  const zoomed = r.row0 !== whole.row0 || r.row1 !== whole.row1 || r.col0 !== whole.col0 || r.col1 !== whole.col1;
  // unzoomed, the region picture is the overview (a copy: the worker transfers both buffers)
  const zoom = zoomed ? await buildGrid(ref, r, request.maxPixels, tick) : { ...overview, values: overview.values.slice() };
  const csr = buildBlockCsr(ref.name, params);
  const nb = csr.numBlocks;
  const kinds = new Uint8Array(nb * nb);
  for (let qb = 0; qb < nb; qb++) {
    for (let e = csr.rowPtr[qb]; e < csr.rowPtr[qb + 1]; e++) kinds[qb * nb + csr.colIdx[e]] = csr.maskOffset[e] < 0 ? 2 : 1;
  }
  await tick();
  const query = middleQuery(n);
  const depths = computePatternDepths(ref.name, params, query, request.maxLayers);
  const perLayer = new Array<number>(request.maxLayers + 1).fill(0);
  for (let j = 0; j < n; j++) if (depths[j] >= 0) perLayer[depths[j]]++;
  const sizes: number[] = [];
  let total = perLayer[0];
  for (let layer = 1; layer <= request.maxLayers; layer++) {
    total += perLayer[layer];
    sizes.push(total);
  }
  await tick();
  return {
    stats,
    overview,
    zoom,
    kinds,
    fullTiles: csr.fullTiles,
    partialTiles: csr.partialTiles,
    csrBytes: blockCsrBytes(csr),
    receptive: { query, sizes, depths },
  };
}

export interface OverviewRequest {
  kind: 'overview';
  id: number;
  main: PatternRef;
  maxPixels: number;
}

export interface OverviewResult {
  kind: 'overview';
  id: number;
  overview: Grid;
  ms: number;
}

/**
 * The whole-matrix picture alone: the first thing a slider move repaints. The lab runs it
 * in a second worker beside the full view job, so the picture follows the slider within a
 * frame while the zoom, block layout, figures and receptive field catch up (the repaint
 * budget: 4096 x 4096 within 16.7 ms at p95).
 */
export async function computeOverview(request: OverviewRequest, tick: Tick, now: () => number = () => Date.now()): Promise<OverviewResult> {
  const t0 = now();
  const overview = await buildGrid(request.main, fullRegion(request.main.params.seqLen), request.maxPixels, tick);
  return { kind: 'overview', id: request.id, overview, ms: now() - t0 };
}

/** Everything the mask, block, figure and receptive-field panels draw. */
export async function computeView(request: ViewRequest, tick: Tick, now: () => number = () => Date.now()): Promise<ViewResult> {
  const t0 = now();
  const main = await viewOf(request.main, request, tick);
  let compare: PatternView | null = null;
  let diff: ViewResult['diff'] = null;
  if (request.compare) {
    compare = await viewOf(request.compare, request, tick);
    const overview = await buildDiff(request.main, request.compare, fullRegion(request.main.params.seqLen), request.maxPixels, tick);
    const zoom = await buildDiff(request.main, request.compare, request.region, request.maxPixels, tick);
    diff = { overview, zoom, overlap: overlapOf(overview, request.main.params.seqLen) };
  }
  return { kind: 'view', id: request.id, main, compare, diff, ms: now() - t0 };
}

/** The attention probabilities of one head over the (cropped) region, from seeded Q, K. */
export async function computeProbabilities(
  request: ProbabilityRequest,
  tick: Tick,
  now: () => number = () => Date.now(),
): Promise<ProbabilityResult> {
  const t0 = now();
  const { name, params } = request.main;
  const crop = cropForProbabilities(name, params, request.region, request.headDim);
  const { q, k } = headInputs(request.seed, request.head, params.seqLen, request.headDim);
  await tick();
  const builder = createProbabilityBuilder(name, params, q, k, request.headDim, crop.region);
  const rows = crop.region.row1 - crop.region.row0;
  const step = Math.max(1, Math.floor(rows / Math.max(1, Math.ceil(crop.macs / 4e6))));
  while (builder.rowsLeft > 0) {
    builder.addRows(step);
    await tick();
  }
  const out = builder.finish();
  return { kind: 'probs', id: request.id, crop, ...out, ms: now() - t0 };
}

export interface TwinRequest {
  kind: 'twin';
  id: number;
  main: PatternRef;
  seed: number;
  shape: AttentionShape;
}

export interface TwinResult {
  kind: 'twin';
  id: number;
  /** attention-block-sparse-reference.ts over the pattern's CSR. */
  blockSparse: Float32Array;
  /** attention-dense-reference.ts with the pattern's element mask. */
  dense: Float32Array;
  ms: number;
}

/** Both reference twins for the kernel check, on the seeded inputs (lib/kernels/attention/attention-inputs.ts). */
export async function computeTwins(request: TwinRequest, tick: Tick, now: () => number = () => Date.now()): Promise<TwinResult> {
  const t0 = now();
  const { name, params } = request.main;
  const { q, k, v } = attentionInputs(request.seed, request.shape);
  const blockSparse = blockSparseAttentionReference(q, k, v, request.shape, buildBlockCsr(name, params));
  await tick();
  const dense = attentionReference(q, k, v, request.shape, patternMask(name, params));
  return { kind: 'twin', id: request.id, blockSparse, dense, ms: now() - t0 };
}
