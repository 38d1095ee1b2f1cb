/**
 * The lab's kernels at batch 1 (one token, GEMV) on the layer shapes of Llama-2-7B (Touvron et al.
 * 2023: hidden 4096, SwiGLU intermediate 11008; W [out, in] as PyTorch's nn.Linear stores it):
 *   q/k/v/o_proj  4096 × 4096
 *   gate/up_proj  11008 × 4096
 *   down_proj     4096 × 11008
 * On a software adapter (CPU emulation) these take minutes per matrix, so the lab runs the same
 * shapes divided by 8 (512 × 512, 1376 × 512, 512 × 1376: the same aspect ratios) and says why.
 * Each row times our dense GEMV against CSR (unstructured magnitude), BSR (b × b blocks by block
 * norm) and 2:4 (2 of every 4 by magnitude) on the same random W and x, interleaved (median, CV).
 */
import { type TimingResult, timeInterleaved } from '../compute/timing';
import { type KernelContext, waitForGpu } from '../kernels/harness';
import { type LinearGemv, type LinearKernel, uploadLinearGemv } from '../kernels/lm/linear-gemv';
import { type GemvLayout, bsrShapeIssue } from '../kernels/matmul/matmul-config';
import { uniformArray } from '../random';
import { blockMask, l1UnstructuredMask, nmMask } from '../sparsity/pruning';

export interface LlmShape {
  /** Which projections of a Llama-2-7B layer have this shape. */
  name: 'attn' | 'up' | 'down';
  rows: number;
  cols: number;
}

export const LLAMA2_7B_SHAPES: readonly LlmShape[] = [
  { name: 'attn', rows: 4096, cols: 4096 },
  { name: 'up', rows: 11008, cols: 4096 },
  { name: 'down', rows: 4096, cols: 11008 },
];

/** Divisor of the shapes on a software adapter. */
export const SOFTWARE_SHAPE_DIVISOR = 8;

export function llmShapesFor(emulated: boolean): LlmShape[] {
  return LLAMA2_7B_SHAPES.map((s) =>
    emulated ? { ...s, rows: s.rows / SOFTWARE_SHAPE_DIVISOR, cols: s.cols / SOFTWARE_SHAPE_DIVISOR } : { ...s },
  );
}

export const SHAPE_SPARSITIES = [0.5, 0.7, 0.9] as const;

/** W pruned for a kernel: magnitude (csr), b × b blocks (bsr), 2:4 (the sparsity is then 50%). */
export function pruneForKernel(
  w: Float32Array,
  rows: number,
  cols: number,
  kernel: LinearKernel,
  sparsity: number,
  blockSize: number,
): Float32Array {
  if (kernel === 'dense') return w;
  const mask =
    kernel === '2:4'
      ? nmMask(w, [rows, cols], 2, 4)
      : kernel === 'bsr'
        ? blockMask(w, [rows, cols], blockSize, sparsity)
        : l1UnstructuredMask(w, sparsity);
  return w.map((v, e) => (mask[e] ? v : 0));
}

export interface ShapeTiming {
  shape: LlmShape;
  sparsity: number;
  kernel: LinearKernel;
  medianMs: number;
  cv: number;
  /** Dense GEMV of the same shape, timed in the same interleaved run. */
  denseMs: number;
  speedup: number;
}

/** Which sparse kernels run at a sparsity and shape (2:4 only at 50%, BSR when b divides both dims). */
export function kernelsAt(kernels: readonly LinearKernel[], shape: LlmShape, sparsity: number, blockSize: number): LinearKernel[] {
  return kernels.filter(
    (k) => k !== 'dense' && !(k === '2:4' && sparsity !== 0.5) && !(k === 'bsr' && bsrShapeIssue(shape.rows, shape.cols, blockSize)),
  );
}

export async function measureLlmShapes(
  ctx: KernelContext,
  opts: {
    emulated: boolean;
    kernels: readonly LinearKernel[];
    blockSize: number;
    samples: number;
    minSampleMs: number;
    layout: GemvLayout;
    seed?: number;
    onProgress?: (done: number, total: number) => void;
    signal?: AbortSignal;
  },
): Promise<ShapeTiming[]> {
  const shapes = llmShapesFor(opts.emulated);
  const out: ShapeTiming[] = [];
  const total = shapes.length * SHAPE_SPARSITIES.length;
  let done = 0;
  for (const shape of shapes) {
    const { rows, cols } = shape;
    const w = uniformArray(rows * cols, (opts.seed ?? 1) * 31 + rows);
    const x = ctx.tf.tensor(uniformArray(cols, (opts.seed ?? 1) * 31 + cols + 7), [cols, 1], 'float32');
    try {
      for (const s of SHAPE_SPARSITIES) {
        if (kernelsAt(opts.kernels, shape, s, opts.blockSize).length === 0) {
          opts.onProgress?.(++done, total);
          continue;
        }
        const uploads: { kernel: LinearKernel; g: LinearGemv }[] = [];
        try {
          uploads.push({ kernel: 'dense', g: uploadLinearGemv(ctx, 'dense', w, rows, cols, { layout: opts.layout }) });
          for (const k of kernelsAt(opts.kernels, shape, s, opts.blockSize))
            uploads.push({
              kernel: k,
              g: uploadLinearGemv(ctx, k, pruneForKernel(w, rows, cols, k, s, opts.blockSize), rows, cols, {
                blockSize: opts.blockSize,
                layout: opts.layout,
              }),
            });
          const results: TimingResult[] = await timeInterleaved(
            uploads.map(({ kernel, g }) => ({ name: kernel, run: () => g.run(x).dispose() })),
            () => waitForGpu(ctx),
            { samples: opts.samples, warmup: 2, minSampleMs: opts.minSampleMs, signal: opts.signal },
          );
          const dense = results[0];
          for (const [i, r] of results.entries()) {
            if (i === 0) continue;
            out.push({
              shape,
              sparsity: uploads[i].kernel === '2:4' ? 0.5 : s,
              kernel: uploads[i].kernel,
              medianMs: r.medianMs,
              cv: r.cv,
              denseMs: dense.medianMs,
              speedup: dense.medianMs / r.medianMs,
            });
          }
        } finally {
          uploads.forEach(({ g }) => g.dispose());
        }
        opts.onProgress?.(++done, total);
      }
    } finally {
      x.dispose();
    }
  }
  return out;
}
