/** The acceleration lab's matrix kernels against their twins (see kernels-entry.ts). */
import { uniformArray } from '../../lib/random';
import { denseTo24, denseToBsr, denseToCsr, randomSparseMatrix } from '../../lib/sparsity/formats';
import { sparse24MatmulReference } from '../../lib/kernels/matmul/matmul-24-reference';
import { bsrMatmulReference } from '../../lib/kernels/matmul/matmul-bsr-reference';
import { BSR_BLOCK_SIZES, type GemvLayout, chooseCsrSpmmConfig, chooseCsrSpmvBins } from '../../lib/kernels/matmul/matmul-config';
import { csrMatmulReference, csrRowOrder } from '../../lib/kernels/matmul/matmul-csr-reference';
import { denseMatmulReference } from '../../lib/kernels/matmul/matmul-dense-reference';
import { compactNonZeros, gatherGemvReference, transposeMatrix } from '../../lib/kernels/matmul/matmul-gather-reference';
import { run24Matmul } from '../../lib/kernels/matmul/run-matmul-24';
import { runBsrMatmul } from '../../lib/kernels/matmul/run-matmul-bsr';
import { runCsrMatmul } from '../../lib/kernels/matmul/run-matmul-csr';
import { runDenseMatmul } from '../../lib/kernels/matmul/run-matmul-dense';
import { runGatherGemv } from '../../lib/kernels/matmul/run-matmul-gather';
import { type Check, judged } from './kernel-checks';

// ---------------------------------------------------------------- matmul (acceleration lab)

export function matmulChecks(): Check[] {
  const out: Check[] = [];
  // dense: the 32 × 32 tiled GEMM (ragged edges too) and the GEMV in both layouts
  for (const [m, k, n] of [
    [64, 96, 8],
    [100, 132, 12],
  ]) {
    const w = uniformArray(m * k, 1 + m);
    const x = uniformArray(k * n, 2 + n);
    out.push({
      id: `dense-gemm-${m}x${k}x${n}`,
      program: 'DenseMatmulProgram',
      run: async (ctx) => judged(await runDenseMatmul(ctx, w, x, { m, k, n }), denseMatmulReference(w, x, { m, k, n })),
    });
  }
  for (const layout of ['lanes', 'rows'] as GemvLayout[]) {
    const [m, k] = [100, 132];
    const w = uniformArray(m * k, 3);
    const x = uniformArray(k, 4);
    out.push({
      id: `dense-gemv-${layout}`,
      program: `DenseGemvProgram ${layout}`,
      run: async (ctx) =>
        judged(await runDenseMatmul(ctx, w, x, { m, k, n: 1 }, { gemvLayout: layout }), denseMatmulReference(w, x, { m, k, n: 1 })),
    });
  }

  // CSR SpMM: 1, 2 and 4 vec4 column vectors per invocation, split rows (slices > 1), ragged columns
  const csrSpmm = (id: string, m: number, k: number, n: number, sparsity: number, seed: number) => {
    const csr = denseToCsr(randomSparseMatrix(m, k, sparsity, seed, 'unstructured'), m, k);
    const x = uniformArray(k * n, seed + 1);
    const cfg = chooseCsrSpmmConfig(n, csr.rowPtr[m] / m);
    out.push({
      id,
      program: `CsrMatmulProgram colVecs ${cfg.colVecs} colLanes ${cfg.colLanes} slices ${cfg.slices}`,
      run: async (ctx) => judged(await runCsrMatmul(ctx, csr, x, n), csrMatmulReference(csr, x, n)),
    });
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
    out.push({
      id: `bsr${b}-spmm`,
      program: `BsrMatmulProgram b ${b}`,
      run: async (ctx) => judged(await runBsrMatmul(ctx, bsr, x8, 8), bsrMatmulReference(bsr, x8, 8)),
    });
    const x1 = uniformArray(k, 42 + b);
    for (const layout of ['lanes', 'rows'] as GemvLayout[]) {
      out.push({
        id: `bsr${b}-spmv-${layout}`,
        program: `BsrGemvProgram b ${b} ${layout}`,
        run: async (ctx) => judged(await runBsrMatmul(ctx, bsr, x1, 1, { gemvLayout: layout }), bsrMatmulReference(bsr, x1, 1)),
      });
    }
  }

  // 2:4: SpMM, and SpMV with K a multiple of 32 (chunked) or not, in both layouts
  {
    const [m, k, n] = [100, 132, 12];
    const s = denseTo24(randomSparseMatrix(m, k, 0.5, 50, '2:4'), m, k);
    const x = uniformArray(k * n, 51);
    out.push({
      id: '24-spmm',
      program: 'Sparse24MatmulProgram',
      run: async (ctx) => judged(await run24Matmul(ctx, s, x, n), sparse24MatmulReference(s, x, n)),
    });
  }
  for (const k of [128, 132]) {
    const m = 96;
    const s = denseTo24(randomSparseMatrix(m, k, 0.5, 52 + k, '2:4'), m, k);
    const x = uniformArray(k, 53 + k);
    for (const layout of ['lanes', 'rows'] as GemvLayout[]) {
      out.push({
        id: `24-spmv-k${k}-${layout}`,
        program: `Sparse24GemvProgram chunked ${k % 32 === 0} ${layout}`,
        run: async (ctx) => judged(await run24Matmul(ctx, s, x, 1, { gemvLayout: layout }), sparse24MatmulReference(s, x, 1)),
      });
    }
  }

  // gather-SpMV (activation sparsity), both layouts
  {
    const [m, k] = [128, 256];
    const wt = transposeMatrix(uniformArray(m * k, 60), m, k);
    const { idx, val } = compactNonZeros(randomSparseMatrix(1, k, 0.7, 61, 'unstructured'));
    for (const layout of ['lanes', 'rows'] as GemvLayout[]) {
      out.push({
        id: `gather-spmv-${layout}`,
        program: `GatherGemvProgram ${layout}`,
        run: async (ctx) => judged(await runGatherGemv(ctx, wt, k, m, idx, val, layout), gatherGemvReference(wt, k, m, idx, val)),
      });
    }
  }
  return out;
}
