/**
 * Test-only browser entry of e2e/kernels.spec.ts (never part of the site): runs every WGSL
 * program of lib/kernels (and the GEMV linear layers of lib/lm's decode path) on tfjs's WebGPU
 * backend, without the UI, and compares each output with its pure TypeScript twin.
 *
 * The spec bundles this file with esbuild and serves it into a blank page of the app's origin, so
 * WebGPU and tfjs's WebGPU backend start as they do on the site (lib/compute/tf.ts kernelBackend:
 * tf.setBackend('webgpu') on the browser's adapter). It exposes window.kernelHarness.run(family),
 * which resolves to one KernelResult per check; the spec asserts them.
 *
 * The tolerance is the project's one rule (lib/runtime/check-kernel.ts): max |gpu − twin| <=
 * 1e-4 · max(1, max |twin|), and exact integer steps for the MoE checks (moe-check.ts). Sizes are
 * small: the CI's adapter is SwiftShader, a CPU.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { blockCsrFromMask } from '../../lib/attention/block-csr';
import { windowMask } from '../../lib/attention/patterns';
import type { LayerWeights } from '../../lib/lm/checkpoint';
import { gemvLinear } from '../../lib/lm/sparse-linear';
import { moeBlockReference, packSwigluLayer } from '../../lib/moe/lm-layer';
import type { LayerInputs } from '../../lib/moe/lm-protocol';
import { normalArray, uniformArray } from '../../lib/random';
import { denseTo24, denseToBsr, denseToCsr, randomSparseMatrix } from '../../lib/sparsity/formats';
import { blockSparseAttentionReference } from '../../lib/kernels/attention/attention-block-sparse-reference';
import { KERNEL_BLOCK_SIZES } from '../../lib/kernels/attention/attention-block-sparse-program';
import { attentionReference } from '../../lib/kernels/attention/attention-dense-reference';
import { attentionInputs } from '../../lib/kernels/attention/attention-inputs';
import { checkKernel, kernelBound } from '../../lib/runtime/check-kernel';
import type { KernelContext } from '../../lib/kernels/harness';
import { type LinearKernel, LINEAR_KERNELS } from '../../lib/kernels/lm/linear-gemv';
import { sparse24MatmulReference } from '../../lib/kernels/matmul/matmul-24-reference';
import { bsrMatmulReference } from '../../lib/kernels/matmul/matmul-bsr-reference';
import { BSR_BLOCK_SIZES, type GemvLayout, chooseCsrSpmmConfig, chooseCsrSpmvBins } from '../../lib/kernels/matmul/matmul-config';
import { csrMatmulReference, csrRowOrder } from '../../lib/kernels/matmul/matmul-csr-reference';
import { denseMatmulReference } from '../../lib/kernels/matmul/matmul-dense-reference';
import { compactNonZeros, gatherGemvReference, transposeMatrix } from '../../lib/kernels/matmul/matmul-gather-reference';
import { type StepCheck, checkDense, checkDispatch, checkPadded } from '../../lib/kernels/moe/moe-check';
import { makeSyntheticLayer } from '../../lib/kernels/moe/moe-dispatch-reference';
import { paddedCapacity } from '../../lib/kernels/moe/moe-padded-reference';
import { run24Matmul } from '../../lib/kernels/matmul/run-matmul-24';
import { runBsrMatmul } from '../../lib/kernels/matmul/run-matmul-bsr';
import { runCsrMatmul } from '../../lib/kernels/matmul/run-matmul-csr';
import { runDenseMatmul } from '../../lib/kernels/matmul/run-matmul-dense';
import { runGatherGemv } from '../../lib/kernels/matmul/run-matmul-gather';
import { runBlockSparseAttention } from '../../lib/kernels/attention/run-attention-block-sparse';
import { runDenseAttention } from '../../lib/kernels/attention/run-attention-dense';
import { checkSwigluDispatch } from '../../lib/kernels/moe/run-moe-swiglu';

export const FAMILIES = ['matmul', 'attention', 'moe', 'linear'] as const;
export type Family = (typeof FAMILIES)[number];

export interface KernelResult {
  /** Stable id, e.g. 'csr-spmv-lanes4'. */
  id: string;
  /** The WGSL program (class) and the specialisation the check ran, e.g. 'CsrGemvProgram lanes 4'. */
  program: string;
  /** max |gpu − twin| (integer steps: entries that differ). */
  maxAbsError: number;
  /** max |twin|. */
  scale: number;
  /** The largest error that passes (absolute). */
  tolerance: number;
  /**
   * max |gpu|, or null for MoE steps, whose check (moe-check.ts) reports only the comparison:
   * there a zero output passes only if max |twin| <= 1e-4 (the bound is 1e-4 · max(1, max |twin|)),
   * and the spec fails a zero twin.
   */
  maxAbsOutput: number | null;
  /** A WebGPU validation error raised while the check ran, or null. */
  validationError: string | null;
}

type Check = { id: string; program: string; run: (ctx: KernelContext) => Promise<Omit<KernelResult, 'id' | 'program' | 'validationError'>[] | Omit<KernelResult, 'id' | 'program' | 'validationError'>> };

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/** A program's output against its twin by lib/runtime/check-kernel.ts's rule; `tolerance` is the bound it sets. */
function judged(actual: Float32Array, expected: ArrayLike<number>) {
  const c = checkKernel(actual, expected);
  return { maxAbsError: c.maxAbsError, scale: c.scale, tolerance: c.bound, maxAbsOutput: maxAbs(actual) };
}

// ---------------------------------------------------------------- matmul (acceleration lab)

function matmulChecks(): Check[] {
  const out: Check[] = [];
  // dense: the 32 × 32 tiled GEMM (ragged edges too) and the GEMV in both layouts
  for (const [m, k, n] of [
    [64, 96, 8],
    [100, 132, 12],
  ]) {
    const w = uniformArray(m * k, 1 + m);
    const x = uniformArray(k * n, 2 + n);
    out.push({ id: `dense-gemm-${m}x${k}x${n}`, program: 'DenseMatmulProgram', run: async (ctx) => judged(await runDenseMatmul(ctx, w, x, { m, k, n }), denseMatmulReference(w, x, { m, k, n })) });
  }
  for (const layout of ['lanes', 'rows'] as GemvLayout[]) {
    const [m, k] = [100, 132];
    const w = uniformArray(m * k, 3);
    const x = uniformArray(k, 4);
    out.push({ id: `dense-gemv-${layout}`, program: `DenseGemvProgram ${layout}`, run: async (ctx) => judged(await runDenseMatmul(ctx, w, x, { m, k, n: 1 }, { gemvLayout: layout }), denseMatmulReference(w, x, { m, k, n: 1 })) });
  }

  // CSR SpMM: 1, 2 and 4 vec4 column vectors per invocation, split rows (slices > 1), ragged columns
  const csrSpmm = (id: string, m: number, k: number, n: number, sparsity: number, seed: number) => {
    const csr = denseToCsr(randomSparseMatrix(m, k, sparsity, seed, 'unstructured'), m, k);
    const x = uniformArray(k * n, seed + 1);
    const cfg = chooseCsrSpmmConfig(n, csr.rowPtr[m] / m);
    out.push({ id, program: `CsrMatmulProgram colVecs ${cfg.colVecs} colLanes ${cfg.colLanes} slices ${cfg.slices}`, run: async (ctx) => judged(await runCsrMatmul(ctx, csr, x, n), csrMatmulReference(csr, x, n)) });
  };
  csrSpmm('csr-spmm-colvecs1', 64, 128, 16, 0.9, 10);
  csrSpmm('csr-spmm-colvecs2', 64, 128, 64, 0.9, 11);
  csrSpmm('csr-spmm-colvecs4', 32, 64, 128, 0.5, 12);
  csrSpmm('csr-spmm-slices', 32, 512, 8, 0.5, 13);
  csrSpmm('csr-spmm-ragged-cols', 40, 128, 24, 0.8, 14);

  // CSR SpMV: lanes per row = clamp(pow2Floor(avg nnz / 128), 1, 8) (matmul-config.ts
  // chooseCsrSpmvBins), so rows of about 150, 300, 600 and 1,200 non-zeros give 1, 2, 4 and 8 lanes;
  // two dense rows among 99% sparse ones go to the long-row bin (32 lanes per row).
  const csrSpmv = (id: string, w: Float32Array, m: number, k: number, seed: number) => {
    const csr = denseToCsr(w, m, k);
    const x = uniformArray(k, seed);
    const order = csrRowOrder(csr);
    const bins = chooseCsrSpmvBins(
      Array.from(order, (r) => csr.rowPtr[r + 1] - csr.rowPtr[r]),
      csr.rowPtr[m] / m,
    );
    const program = `CsrGemvProgram lanes ${bins.lanes}${bins.longRows > 0 ? ` + long rows lanes ${bins.longLanes}` : ''}`;
    out.push({ id, program, run: async (ctx) => judged(await runCsrMatmul(ctx, csr, x, 1), csrMatmulReference(csr, x, 1)) });
  };
  csrSpmv('csr-spmv-lanes1', randomSparseMatrix(16, 1024, 0.85, 20, 'unstructured'), 16, 1024, 21);
  csrSpmv('csr-spmv-lanes2', randomSparseMatrix(16, 1024, 0.7, 22, 'unstructured'), 16, 1024, 23);
  csrSpmv('csr-spmv-lanes4', randomSparseMatrix(16, 1024, 0.4, 24, 'unstructured'), 16, 1024, 25);
  csrSpmv('csr-spmv-lanes8', randomSparseMatrix(16, 2048, 0.4, 26, 'unstructured'), 16, 2048, 27);
  {
    const [m, k] = [64, 512];
    const w = randomSparseMatrix(m, k, 0.99, 28, 'unstructured');
    const full = uniformArray(k, 29);
    for (const r of [3, 40]) w.set(full, r * k);
    csrSpmv('csr-spmv-long-rows', w, m, k, 30);
  }

  // BSR: every block size the kernels take, SpMM and SpMV in both GEMV layouts
  for (const b of BSR_BLOCK_SIZES) {
    const [m, k] = [128, 192];
    const bsr = denseToBsr(randomSparseMatrix(m, k, 0.5, 40 + b, 'block', b), m, k, b);
    const x8 = uniformArray(k * 8, 41 + b);
    out.push({ id: `bsr${b}-spmm`, program: `BsrMatmulProgram b ${b}`, run: async (ctx) => judged(await runBsrMatmul(ctx, bsr, x8, 8), bsrMatmulReference(bsr, x8, 8)) });
    const x1 = uniformArray(k, 42 + b);
    for (const layout of ['lanes', 'rows'] as GemvLayout[]) {
      out.push({ id: `bsr${b}-spmv-${layout}`, program: `BsrGemvProgram b ${b} ${layout}`, run: async (ctx) => judged(await runBsrMatmul(ctx, bsr, x1, 1, { gemvLayout: layout }), bsrMatmulReference(bsr, x1, 1)) });
    }
  }

  // 2:4: SpMM, and SpMV with K a multiple of 32 (chunked) or not, in both layouts
  {
    const [m, k, n] = [100, 132, 12];
    const s = denseTo24(randomSparseMatrix(m, k, 0.5, 50, '2:4'), m, k);
    const x = uniformArray(k * n, 51);
    out.push({ id: '24-spmm', program: 'Sparse24MatmulProgram', run: async (ctx) => judged(await run24Matmul(ctx, s, x, n), sparse24MatmulReference(s, x, n)) });
  }
  for (const k of [128, 132]) {
    const m = 96;
    const s = denseTo24(randomSparseMatrix(m, k, 0.5, 52 + k, '2:4'), m, k);
    const x = uniformArray(k, 53 + k);
    for (const layout of ['lanes', 'rows'] as GemvLayout[]) {
      out.push({ id: `24-spmv-k${k}-${layout}`, program: `Sparse24GemvProgram chunked ${k % 32 === 0} ${layout}`, run: async (ctx) => judged(await run24Matmul(ctx, s, x, 1, { gemvLayout: layout }), sparse24MatmulReference(s, x, 1)) });
    }
  }

  // gather-SpMV (activation sparsity), both layouts
  {
    const [m, k] = [128, 256];
    const wt = transposeMatrix(uniformArray(m * k, 60), m, k);
    const { idx, val } = compactNonZeros(randomSparseMatrix(1, k, 0.7, 61, 'unstructured'));
    for (const layout of ['lanes', 'rows'] as GemvLayout[]) {
      out.push({ id: `gather-spmv-${layout}`, program: `GatherGemvProgram ${layout}`, run: async (ctx) => judged(await runGatherGemv(ctx, wt, k, m, idx, val, layout), gatherGemvReference(wt, k, m, idx, val)) });
    }
  }
  return out;
}

// ---------------------------------------------------------------- attention

function attentionChecks(): Check[] {
  const out: Check[] = [];
  // n = 200 is no multiple of any block size: padded last blocks and partial tiles everywhere
  for (const headDim of [32, 64]) {
    const shape = { heads: 2, seqLen: 200, headDim };
    const { q, k, v } = attentionInputs(7 + headDim, shape);
    const mask = windowMask(shape.seqLen, 48);
    out.push({ id: `dense-attention-d${headDim}`, program: `DenseAttentionProgram d ${headDim} no mask`, run: async (ctx) => judged(await runDenseAttention(ctx, q, k, v, shape), attentionReference(q, k, v, shape)) });
    out.push({ id: `dense-attention-masked-d${headDim}`, program: `DenseAttentionProgram d ${headDim} mask`, run: async (ctx) => judged(await runDenseAttention(ctx, q, k, v, shape, mask), attentionReference(q, k, v, shape, mask)) });
  }
  for (const b of KERNEL_BLOCK_SIZES) {
    const shape = { heads: 2, seqLen: 200, headDim: 32 };
    const { q, k, v } = attentionInputs(100 + b, shape);
    const csr = blockCsrFromMask(windowMask(shape.seqLen, 48), shape.seqLen, b);
    out.push({ id: `block-sparse-attention-b${b}`, program: `BlockSparseAttentionProgram b ${b} d 32`, run: async (ctx) => judged(await runBlockSparseAttention(ctx, q, k, v, shape, csr), blockSparseAttentionReference(q, k, v, shape, csr)) });
  }
  return out;
}

// ---------------------------------------------------------------- MoE

/** One result per step of a path check (moe-check.ts: each step's twin gets the GPU's own inputs). */
function stepResults(steps: (Omit<StepCheck, 'step'> & { step: string })[], programs: Record<string, string> = {}) {
  return steps.map((s) =>
    s.mismatches !== undefined
      ? { step: s.step, program: programs[s.step] ?? STEP_PROGRAMS[s.step] ?? s.step, maxAbsError: s.mismatches, scale: s.scale, tolerance: 0, maxAbsOutput: null }
      : { step: s.step, program: programs[s.step] ?? STEP_PROGRAMS[s.step] ?? s.step, maxAbsError: s.maxAbsError, scale: s.scale, tolerance: kernelBound(s.scale), maxAbsOutput: null },
  );
}

/** A synthetic Mixtral block (router [E, H], SwiGLU experts) and its float64 reference, as the MoE lab's worker builds LayerInputs. */
function swigluInputs(seed: number): LayerInputs {
  const [n, H, F, E, k] = [24, 32, 48, 4, 2];
  const moe: NonNullable<LayerWeights['moe']> = {
    router: normalArray(E * H, seed, 1 / Math.sqrt(H)),
    experts: Array.from({ length: E }, (_, e) => ({
      gate: normalArray(F * H, seed + 10 * e + 1, 1 / Math.sqrt(H)),
      up: normalArray(F * H, seed + 10 * e + 2, 1 / Math.sqrt(H)),
      down: normalArray(H * F, seed + 10 * e + 3, 1 / Math.sqrt(F)),
    })),
  };
  const x = normalArray(n * H, seed + 99);
  const ref = moeBlockReference(moe, x, n, H, F, k);
  const packed = packSwigluLayer(moe, H, F);
  return { layer: 0, numTokens: n, hidden: H, ffn: F, numExperts: E, k, x, router: packed.router, w13: packed.w13, w2: packed.w2, reference: ref.out, referenceExperts: ref.chosen };
}

interface MoeCheck {
  id: string;
  program: string;
  run: (ctx: KernelContext) => Promise<ReturnType<typeof stepResults>>;
}

const STEP_PROGRAMS: Record<string, string> = {
  logits: 'MoeGroupedMatmulProgram direct (router)',
  'topk-experts': 'MoeTopKProgram experts',
  'topk-weights': 'MoeTopKProgram weights',
  offsets: 'MoeExpertOffsetsProgram',
  sort: 'MoeCountingSortProgram grouped',
  up: 'MoeGroupedMatmulProgram gather (up)',
  swiglu: 'silu(gate) ⊙ up (tfjs ops)',
  down: 'MoeGroupedMatmulProgram direct (down)',
  combine: 'MoeCombineProgram',
  'end-to-end': 'the whole path',
};

/** Facts a family's run reports beside its results (e.g. slots the padded path dropped). */
const facts: Record<string, number> = {};

function moeChecks(): MoeCheck[] {
  const sizes = { numTokens: 40, hidden: 32, ffn: 48, numExperts: 8, k: 2 };
  const out: MoeCheck[] = [];
  // dispatch (gather rows, grouped sort), one layer per top-k weight mode and activation
  for (const [weightMode, activation] of [
    ['mixtral', 'gelu'],
    ['gshard', 'relu'],
    ['source', 'gelu'],
  ] as const) {
    const layer = makeSyntheticLayer({ ...sizes, weightMode, activation }, 3);
    out.push({ id: `dispatch-${weightMode}-${activation}`, program: `dispatch path (${weightMode} weights, ${activation})`, run: async (ctx) => stepResults((await checkDispatch(ctx, layer)).steps) });
  }
  {
    const layer = makeSyntheticLayer(sizes, 4);
    out.push({ id: 'dense', program: 'dense path', run: async (ctx) => stepResults((await checkDense(ctx, layer)).steps, { up: 'MoeGroupedMatmulProgram broadcast (up)', combine: 'MoeDenseCombineProgram' }) });
    // capacity factor 1 on a skewed layer: the padded sort drops slots
    const skewed = makeSyntheticLayer({ ...sizes, skew: 0.5 }, 5);
    const capacity = paddedCapacity(skewed, 1);
    out.push({
      id: 'padded',
      program: 'padded path (padded counting sort, capacity factor 1)',
      run: async (ctx) => {
        const r = await checkPadded(ctx, skewed, capacity);
        facts.paddedDropped = r.dropped ?? 0;
        return stepResults(r.steps, { sort: 'MoeCountingSortProgram padded' });
      },
    });
  }
  {
    const inputs = swigluInputs(6);
    out.push({ id: 'swiglu', program: 'Mixtral SwiGLU dispatch path', run: async (ctx) => stepResults((await checkSwigluDispatch(ctx, inputs)).steps) });
  }
  return out;
}

// ---------------------------------------------------------------- linear layers of the decode path

/** W x for x [1, in] through lib/lm/sparse-linear.ts gemvLinear (lib/kernels/lm/linear-gemv.ts), as lib/lm/kernel-decode.ts runs it. */
function linearChecks(): Check[] {
  const out: Check[] = [];
  const cases: { kernel: LinearKernel; blockSize?: number; m: number; k: number; w: (m: number, k: number, seed: number) => Float32Array }[] = [
    { kernel: 'dense', m: 100, k: 132, w: (m, k, s) => uniformArray(m * k, s) },
    { kernel: 'csr', m: 100, k: 132, w: (m, k, s) => randomSparseMatrix(m, k, 0.7, s, 'unstructured') },
    ...BSR_BLOCK_SIZES.map((b) => ({ kernel: 'bsr' as const, blockSize: b, m: 128, k: 192, w: (m: number, k: number, s: number) => randomSparseMatrix(m, k, 0.5, s, 'block', b) })),
    { kernel: '2:4', m: 96, k: 128, w: (m, k, s) => randomSparseMatrix(m, k, 0.5, s, '2:4') },
  ];
  if (!LINEAR_KERNELS.every((kk) => cases.some((c) => c.kernel === kk))) throw new Error('a linear kernel has no check');
  cases.forEach((c, i) => {
    const w = c.w(c.m, c.k, 70 + i);
    const x = uniformArray(c.k, 80 + i);
    const expected = denseMatmulReference(w, x, { m: c.m, k: c.k, n: 1 });
    for (const layout of ['lanes', 'rows'] as GemvLayout[]) {
      if (c.kernel === 'csr' && layout === 'rows') continue; // CSR has one GEMV layout (row binning)
      const name = c.kernel === 'bsr' ? `bsr${c.blockSize}` : c.kernel;
      out.push({
        id: `linear-${name}-${layout}`,
        program: `gemvLinear ${name} ${c.kernel === 'csr' ? '' : layout}`.trim(),
        run: async (ctx) => {
          const op = gemvLinear(ctx, c.kernel, { blockSize: c.blockSize, layout })(w, c.m, c.k, { layer: 0, kind: 'q' });
          try {
            const xt = ctx.tf.tensor2d(x, [1, c.k]);
            const y = op.apply(xt);
            xt.dispose();
            const shape = y.shape.join('×');
            const actual = (await y.data()) as Float32Array;
            y.dispose();
            if (shape !== `1×${c.m}`) throw new Error(`gemvLinear returned shape ${shape}, expected 1×${c.m}`);
            return judged(actual, expected);
          } finally {
            op.dispose();
          }
        },
      });
    }
  });
  return out;
}

// ---------------------------------------------------------------- running

let ctxPromise: Promise<KernelContext> | null = null;

function kernelContext(): Promise<KernelContext> {
  ctxPromise ??= (async () => {
    if (!(await tf.setBackend('webgpu'))) throw new Error('tfjs could not start its WebGPU backend');
    return { tf, backend: tf.backend() as WebGPUBackend };
  })();
  return ctxPromise;
}

/** Runs fn in a validation error scope: an invalid shader or binding would otherwise leave zeros. */
async function validated<T>(ctx: KernelContext, fn: () => Promise<T>): Promise<{ value: T | null; error: string | null }> {
  const device = ctx.backend.device;
  device.pushErrorScope('validation');
  let value: T | null = null;
  let thrown: string | null = null;
  try {
    value = await fn();
  } catch (err) {
    thrown = err instanceof Error ? err.message : String(err);
  }
  const scoped = await device.popErrorScope();
  return { value, error: scoped ? `WebGPU validation error: ${scoped.message}` : thrown };
}

async function run(family: Family): Promise<{ results: KernelResult[]; facts: Record<string, number>; leakedTensors: number; adapter: string }> {
  const ctx = await kernelContext();
  const before = tf.memory().numTensors;
  const results: KernelResult[] = [];
  const failed = (id: string, program: string, error: string): KernelResult => ({ id, program, maxAbsError: Number.NaN, scale: 0, tolerance: 0, maxAbsOutput: null, validationError: error });
  if (family === 'moe') {
    for (const c of moeChecks()) {
      const { value, error } = await validated(ctx, () => c.run(ctx));
      if (!value) results.push(failed(c.id, c.program, error ?? 'no result'));
      else for (const s of value) results.push({ id: `${c.id}/${s.step}`, program: `${c.program}: ${s.program}`, maxAbsError: s.maxAbsError, scale: s.scale, tolerance: s.tolerance, maxAbsOutput: s.maxAbsOutput, validationError: error });
    }
  } else {
    const checks = family === 'matmul' ? matmulChecks() : family === 'attention' ? attentionChecks() : linearChecks();
    for (const c of checks) {
      const { value, error } = await validated(ctx, () => c.run(ctx));
      if (!value) results.push(failed(c.id, c.program, error ?? 'no result'));
      else for (const r of Array.isArray(value) ? value : [value]) results.push({ id: c.id, program: c.program, ...r, validationError: error });
    }
  }
  const info = ctx.backend.device.adapterInfo ?? ({} as GPUAdapterInfo);
  return { results, facts: { ...facts }, leakedTensors: tf.memory().numTensors - before, adapter: `${info.vendor} ${info.architecture}`.trim() };
}

declare global {
  interface Window {
    kernelHarness: { families: readonly Family[]; run: typeof run };
  }
}

window.kernelHarness = { families: FAMILIES, run };
