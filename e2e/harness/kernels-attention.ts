/** The attention kernels and the decode path's GEMV linear layers against their twins (see kernels-entry.ts). */
import { blockCsrFromMask } from '../../lib/attention/block-csr';
import { windowMask } from '../../lib/attention/patterns';
import { gemvLinear } from '../../lib/lm/sparse-linear';
import { uniformArray } from '../../lib/random';
import { randomSparseMatrix } from '../../lib/sparsity/formats';
import { blockSparseAttentionReference } from '../../lib/kernels/attention/attention-block-sparse-reference';
import { KERNEL_BLOCK_SIZES } from '../../lib/kernels/attention/attention-block-sparse-program';
import { attentionReference } from '../../lib/kernels/attention/attention-dense-reference';
import { attentionInputs } from '../../lib/kernels/attention/attention-inputs';
import { type LinearKernel, LINEAR_KERNELS } from '../../lib/kernels/lm/linear-gemv';
import { BSR_BLOCK_SIZES, type GemvLayout } from '../../lib/kernels/matmul/matmul-config';
import { denseMatmulReference } from '../../lib/kernels/matmul/matmul-dense-reference';
import { runBlockSparseAttention } from '../../lib/kernels/attention/run-attention-block-sparse';
import { runDenseAttention } from '../../lib/kernels/attention/run-attention-dense';
import { type Check, judged } from './kernel-checks';

// ---------------------------------------------------------------- attention

export function attentionChecks(): Check[] {
  const out: Check[] = [];
  // n = 200 is no multiple of any block size: padded last blocks and partial tiles everywhere
  for (const headDim of [32, 64]) {
    const shape = { heads: 2, seqLen: 200, headDim };
    const { q, k, v } = attentionInputs(7 + headDim, shape);
    const mask = windowMask(shape.seqLen, 48);
    out.push({
      id: `dense-attention-d${headDim}`,
      program: `DenseAttentionProgram d ${headDim} no mask`,
      run: async (ctx) => judged(await runDenseAttention(ctx, q, k, v, shape), attentionReference(q, k, v, shape)),
    });
    out.push({
      id: `dense-attention-masked-d${headDim}`,
      program: `DenseAttentionProgram d ${headDim} mask`,
      run: async (ctx) => judged(await runDenseAttention(ctx, q, k, v, shape, mask), attentionReference(q, k, v, shape, mask)),
    });
  }
  for (const b of KERNEL_BLOCK_SIZES) {
    const shape = { heads: 2, seqLen: 200, headDim: 32 };
    const { q, k, v } = attentionInputs(100 + b, shape);
    const csr = blockCsrFromMask(windowMask(shape.seqLen, 48), shape.seqLen, b);
    out.push({
      id: `block-sparse-attention-b${b}`,
      program: `BlockSparseAttentionProgram b ${b} d 32`,
      run: async (ctx) =>
        judged(await runBlockSparseAttention(ctx, q, k, v, shape, csr), blockSparseAttentionReference(q, k, v, shape, csr)),
    });
  }
  return out;
}

// ---------------------------------------------------------------- linear layers of the decode path

/** W x for x [1, in] through lib/lm/sparse-linear.ts gemvLinear (lib/kernels/lm/linear-gemv.ts), as lib/lm/kernel-decode.ts runs it. */
export function linearChecks(): Check[] {
  const out: Check[] = [];
  const cases: {
    kernel: LinearKernel;
    blockSize?: number;
    m: number;
    k: number;
    w: (m: number, k: number, seed: number) => Float32Array;
  }[] = [
    { kernel: 'dense', m: 100, k: 132, w: (m, k, s) => uniformArray(m * k, s) },
    { kernel: 'csr', m: 100, k: 132, w: (m, k, s) => randomSparseMatrix(m, k, 0.7, s, 'unstructured') },
    ...BSR_BLOCK_SIZES.map((b) => ({
      kernel: 'bsr' as const,
      blockSize: b,
      m: 128,
      k: 192,
      w: (m: number, k: number, s: number) => randomSparseMatrix(m, k, 0.5, s, 'block', b),
    })),
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
