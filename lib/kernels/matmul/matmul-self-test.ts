/**
 * The acceleration lab's kernel check: every matmul kernel (GEMM and GEMV versions)
 * against its reference twin on seeded inputs at small sizes, including ragged edges,
 * empty rows, skewed rows and every BSR block size. Run on real WebGPU by the lab's
 * "Check the kernels" button (and so by the end-to-end test).
 * Pass: lib/runtime/check-kernel.ts's rule, max |kernel − twin| <= 1e-4 · max(1, max |twin|).
 */
import { uniformArray } from '../../random';
import { denseTo24, denseToBsr, denseToCsr, randomSparseMatrix } from '../../sparsity/formats';
import { checkKernel } from '../../runtime/check-kernel';
import type { KernelContext } from '../harness';
import { sparse24MatmulReference } from './matmul-24-reference';
import { bsrMatmulReference } from './matmul-bsr-reference';
import { csrMatmulReference } from './matmul-csr-reference';
import { denseMatmulReference } from './matmul-dense-reference';
import { compactNonZeros, gatherGemvReference, transposeMatrix } from './matmul-gather-reference';
import { run24Matmul } from './run-matmul-24';
import { runBsrMatmul } from './run-matmul-bsr';
import { runCsrMatmul } from './run-matmul-csr';
import { runDenseMatmul, runTfMatmul } from './run-matmul-dense';
import { runGatherGemv } from './run-matmul-gather';

export interface KernelCheck {
  /** Stable id, e.g. 'csr-spmm-skewed'. */
  id: string;
  kernel: 'dense' | 'tfjs' | 'csr' | 'bsr' | '2:4' | 'gather';
  /** GEMM (batch N > 1) or GEMV (N = 1). */
  kind: 'gemm' | 'gemv';
  m: number;
  k: number;
  n: number;
  /** Fraction of zero weights (or of dropped inputs for the gather kernel). */
  sparsity: number;
  maxAbsError: number;
  scale: number;
  pass: boolean;
}

interface Case {
  id: string;
  kernel: KernelCheck['kernel'];
  m: number;
  k: number;
  n: number;
  sparsity: number;
  run: (ctx: KernelContext) => Promise<{ actual: Float32Array; expected: Float32Array }>;
}

/** One dense row (row `r`) and 99% sparse other rows: the skewed case. */
function skewedMatrix(m: number, k: number, seed: number, denseRows: number[]): Float32Array {
  const w = randomSparseMatrix(m, k, 0.99, seed, 'unstructured');
  const full = uniformArray(k, seed + 1);
  for (const r of denseRows) w.set(full, r * k);
  return w;
}

function sparsityOfArray(w: Float32Array): number {
  let z = 0;
  for (let i = 0; i < w.length; i++) if (w[i] === 0) z++;
  return z / w.length;
}

function buildCases(): Case[] {
  const cases: Case[] = [];
  const dense = (id: string, m: number, k: number, n: number, tf = false) => {
    const w = uniformArray(m * k, 101 + m);
    const x = uniformArray(k * n, 202 + n);
    cases.push({
      id,
      kernel: tf ? 'tfjs' : 'dense',
      m,
      k,
      n,
      sparsity: 0,
      run: async (ctx) => ({
        actual: await (tf ? runTfMatmul : runDenseMatmul)(ctx, w, x, { m, k, n }),
        expected: denseMatmulReference(w, x, { m, k, n }),
      }),
    });
  };
  dense('dense-gemm', 128, 256, 16);
  dense('dense-gemm-ragged', 100, 132, 12);
  dense('dense-gemv', 100, 132, 1);
  dense('dense-gemv-square', 128, 256, 1);
  {
    // the 'rows' GEMV layout (software adapters) of dense, BSR and 2:4
    const w = uniformArray(100 * 128, 111);
    const x = uniformArray(128, 112);
    cases.push({
      id: 'dense-gemv-rows',
      kernel: 'dense',
      m: 100,
      k: 128,
      n: 1,
      sparsity: 0,
      run: async (ctx) => ({
        actual: await runDenseMatmul(ctx, w, x, { m: 100, k: 128, n: 1 }, { gemvLayout: 'rows' }),
        expected: denseMatmulReference(w, x, { m: 100, k: 128, n: 1 }),
      }),
    });
    const wb = randomSparseMatrix(128, 192, 0.7, 113, 'block', 32);
    const bsr = denseToBsr(wb, 128, 192, 32);
    const xb = uniformArray(192, 114);
    cases.push({
      id: 'bsr32-spmv-rows',
      kernel: 'bsr',
      m: 128,
      k: 192,
      n: 1,
      sparsity: sparsityOfArray(wb),
      run: async (ctx) => ({
        actual: await runBsrMatmul(ctx, bsr, xb, 1, { gemvLayout: 'rows' }),
        expected: bsrMatmulReference(bsr, xb, 1),
      }),
    });
    for (const k of [132, 256]) {
      const s24 = denseTo24(randomSparseMatrix(100, k, 0.5, 115 + k, '2:4'), 100, k);
      const x24 = uniformArray(k, 116);
      cases.push({
        id: `24-spmv-rows-100x${k}`,
        kernel: '2:4',
        m: 100,
        k,
        n: 1,
        sparsity: 0.5,
        run: async (ctx) => ({
          actual: await run24Matmul(ctx, s24, x24, 1, { gemvLayout: 'rows' }),
          expected: sparse24MatmulReference(s24, x24, 1),
        }),
      });
    }
  }
  dense('tfjs-gemm', 128, 256, 16, true);

  const csr = (id: string, w: Float32Array, m: number, k: number, n: number) => {
    const x = uniformArray(k * n, 303 + n);
    const c = denseToCsr(w, m, k);
    cases.push({
      id,
      kernel: 'csr',
      m,
      k,
      n,
      sparsity: sparsityOfArray(w),
      run: async (ctx) => ({ actual: await runCsrMatmul(ctx, c, x, n), expected: csrMatmulReference(c, x, n) }),
    });
  };
  csr('csr-spmm', randomSparseMatrix(128, 256, 0.9, 7, 'unstructured'), 128, 256, 16);
  csr('csr-spmm-wide', randomSparseMatrix(64, 128, 0.5, 8, 'unstructured'), 64, 128, 256);
  csr('csr-spmm-skewed', skewedMatrix(128, 256, 9, [0, 77]), 128, 256, 8);
  csr('csr-spmv', randomSparseMatrix(100, 132, 0.7, 10, 'unstructured'), 100, 132, 1);
  csr('csr-spmv-skewed', skewedMatrix(128, 512, 11, [3, 64]), 128, 512, 1); // two rows past the long-row threshold (256)

  for (const b of [16, 32, 64]) {
    const m = 128;
    const k = 192;
    const w = randomSparseMatrix(m, k, 0.7, 20 + b, 'block', b);
    const bsr = denseToBsr(w, m, k, b);
    for (const n of [8, 1]) {
      const x = uniformArray(k * n, 404 + n);
      cases.push({
        id: `bsr${b}-${n === 1 ? 'spmv' : 'spmm'}`,
        kernel: 'bsr',
        m,
        k,
        n,
        sparsity: sparsityOfArray(w),
        run: async (ctx) => ({ actual: await runBsrMatmul(ctx, bsr, x, n), expected: bsrMatmulReference(bsr, x, n) }),
      });
    }
  }

  for (const [m, k, n] of [
    [128, 256, 16],
    [100, 132, 12],
    [100, 132, 1],
    [128, 256, 1],
  ]) {
    const w = randomSparseMatrix(m, k, 0.5, 30 + m + n, '2:4');
    const s = denseTo24(w, m, k);
    const x = uniformArray(k * n, 505 + n);
    cases.push({
      id: `24-${n === 1 ? 'spmv' : 'spmm'}-${m}x${k}`,
      kernel: '2:4',
      m,
      k,
      n,
      sparsity: 0.5,
      run: async (ctx) => ({ actual: await run24Matmul(ctx, s, x, n), expected: sparse24MatmulReference(s, x, n) }),
    });
  }

  {
    const m = 128;
    const k = 256;
    const w = uniformArray(m * k, 606);
    const wt = transposeMatrix(w, m, k);
    const act = randomSparseMatrix(1, k, 0.7, 607, 'unstructured');
    const { idx, val } = compactNonZeros(act);
    cases.push({
      id: 'gather-spmv',
      kernel: 'gather',
      m,
      k,
      n: 1,
      sparsity: 0.7,
      run: async (ctx) => ({ actual: await runGatherGemv(ctx, wt, k, m, idx, val), expected: gatherGemvReference(wt, k, m, idx, val) }),
    });
    cases.push({
      id: 'gather-spmv-rows',
      kernel: 'gather',
      m,
      k,
      n: 1,
      sparsity: 0.7,
      run: async (ctx) => ({
        actual: await runGatherGemv(ctx, wt, k, m, idx, val, 'rows'),
        expected: gatherGemvReference(wt, k, m, idx, val),
      }),
    });
  }
  return cases;
}

/** Runs every check in turn; onResult reports each as it finishes. */
export async function runMatmulSelfTest(
  ctx: KernelContext,
  onResult?: (r: KernelCheck, done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<KernelCheck[]> {
  const cases = buildCases();
  const out: KernelCheck[] = [];
  for (const c of cases) {
    if (signal?.aborted) break;
    const { actual, expected } = await c.run(ctx);
    const cmp = checkKernel(actual, expected);
    const r: KernelCheck = {
      id: c.id,
      kernel: c.kernel,
      kind: c.n === 1 ? 'gemv' : 'gemm',
      m: c.m,
      k: c.k,
      n: c.n,
      sparsity: c.sparsity,
      maxAbsError: cmp.maxAbsError,
      scale: cmp.scale,
      pass: cmp.pass,
    };
    out.push(r);
    onResult?.(r, out.length, cases.length);
  }
  return out;
}
