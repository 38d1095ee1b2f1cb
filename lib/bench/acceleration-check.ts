/** The acceleration benchmark's check of one GEMM / GEMV kernel at its row's size (lib/bench/check.ts's rule), before timing. */
import { type RowOperands } from '../acceleration/operands';
import { type KernelContext } from '../kernels/harness';
import { type GemvLayout } from '../kernels/matmul/matmul-config';
import { sparse24MatmulReference } from '../kernels/matmul/matmul-24-reference';
import { bsrMatmulReference } from '../kernels/matmul/matmul-bsr-reference';
import { csrMatmulReference } from '../kernels/matmul/matmul-csr-reference';
import { run24Matmul } from '../kernels/matmul/run-matmul-24';
import { runBsrMatmul } from '../kernels/matmul/run-matmul-bsr';
import { runCsrMatmul } from '../kernels/matmul/run-matmul-csr';
import { runDenseMatmul, runTfMatmul } from '../kernels/matmul/run-matmul-dense';
import { type BenchCheck, checkOutputs } from './check';

export type GemmKernel = 'dense' | 'tfjs' | 'csr' | 'bsr' | '24';

/** Runs one kernel of a row once at the row's size and compares it with its reference twin. */
export async function checkGemmKernel(
  k: KernelContext,
  f: GemmKernel,
  shape: { size: number; batch: number },
  dense: { w: Float32Array; x: Float32Array; reference: () => Float32Array },
  ops: RowOperands,
  layout: GemvLayout,
): Promise<BenchCheck> {
  const { size: m, batch: n } = shape;
  const { w, x } = dense;
  switch (f) {
    case 'dense':
      return checkOutputs(await runDenseMatmul(k, w, x, { m, k: m, n }, { gemvLayout: layout }), dense.reference());
    case 'tfjs':
      return checkOutputs(await runTfMatmul(k, w, x, { m, k: m, n }), dense.reference());
    case 'csr':
      return checkOutputs(await runCsrMatmul(k, ops.csr!, x, n), csrMatmulReference(ops.csr!, x, n));
    case 'bsr':
      return checkOutputs(await runBsrMatmul(k, ops.bsr!, x, n, { gemvLayout: layout }), bsrMatmulReference(ops.bsr!, x, n));
    case '24':
      return checkOutputs(await run24Matmul(k, ops.s24!, x, n, { gemvLayout: layout }), sparse24MatmulReference(ops.s24!, x, n));
  }
}
