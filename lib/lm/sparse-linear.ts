/**
 * What the acceleration lab's "Decode a real model" runs: a Llama checkpoint pruned for a sparse
 * kernel, and the LinearOp factories of lib/lm/kernel-decode.ts.
 *
 * Pruning per kernel (all 7 linear kinds of every layer; embedding / tied head dense, as the papers):
 *   dense  no pruning (the baseline, decode-dense);
 *   csr    unstructured at the chosen sparsity by the chosen method (lib/lm/prune.ts);
 *   2:4    the method's 2:4 pattern (50%; SparseGPT with its N:M mask, Wanda / magnitude by score);
 *   bsr    block pruning at the kernel's block size b: each b × b tile of W [out, in] is scored by
 *          the Frobenius norm of the method's per-weight score (magnitude |W_ij|; Wanda
 *          |W_ij|·‖X_j‖₂; SparseGPT's update is defined for per-weight masks, so block pruning uses
 *          the Wanda score for it), and the lowest-scored tiles are zeroed (lib/sparsity/pruning.ts
 *          blockMask, as the block sparsity of the pruning lab).
 * Factories: `tfLinear` multiplies x [1, in] by the pre-transposed Wᵀ with tf.matMul (any backend:
 * Node tests, WASM); `gemvLinear` runs y = W x with a WGSL GEMV kernel (lib/kernels/lm/linear-gemv.ts),
 * x reshaped to [in, 1] and y back to [1, out] (free reshapes), the head always on the dense GEMV.
 */
import type * as TF from '@tensorflow/tfjs';
import type { KernelContext } from '../kernels/harness';
import { type LinearKernel, LINEAR_KERNELS, uploadLinearGemv } from '../kernels/lm/linear-gemv';
import type { GemvLayout } from '../kernels/matmul/matmul-config';
import { blockMask } from '../sparsity/pruning';
import type { Checkpoint } from './checkpoint';
import type { LinearFactory, LinearOp } from './kernel-decode';
import { LINEAR_KINDS, type LinearKind, type LmPruneSpec, SITE_OF, copyCheckpoint, pruneCheckpoint, shapeOf } from './prune';
import { type GramStats, normsFromGram } from './prune-forward';

export { LINEAR_KERNELS, type LinearKernel };

export const DECODE_METHODS = ['magnitude', 'wanda', 'sparsegpt'] as const;
export type DecodeMethod = (typeof DECODE_METHODS)[number];
/** The source's table: 50%, 70%, 90% sparsity. */
export const DECODE_SPARSITIES = [0.5, 0.7, 0.9] as const;

export interface DecodeConfig {
  kernel: LinearKernel;
  method: DecodeMethod;
  /** Fraction of weights pruned (unstructured for CSR, of b × b tiles for BSR); 2:4 is 0.5, dense 0. */
  sparsity: number;
  /** BSR block size. */
  blockSize: number;
}

/** The sparsity a kernel actually runs at (2:4 is always 50%, dense 0%). */
export function effectiveSparsity(kernel: LinearKernel, sparsity: number): number {
  return kernel === 'dense' ? 0 : kernel === '2:4' ? 0.5 : sparsity;
}

/** The configurations of the decode table: dense, then each sparse kernel at each sparsity it takes. */
export function decodeTableConfigs(
  kernels: readonly LinearKernel[],
  method: DecodeMethod,
  sparsities: readonly number[],
  blockSize: number,
): DecodeConfig[] {
  const out: DecodeConfig[] = [{ kernel: 'dense', method, sparsity: 0, blockSize }];
  for (const s of sparsities) {
    for (const kernel of kernels) {
      if (kernel === 'dense') continue;
      if (kernel === '2:4' && s !== 0.5) continue;
      out.push({ kernel, method, sparsity: s, blockSize });
    }
  }
  return out;
}

/** A stable key of the pruned weights a config needs (configs with the same key share them). */
export function prunedKey(cfg: DecodeConfig): string {
  if (cfg.kernel === 'dense') return 'dense';
  if (cfg.kernel === '2:4') return `${cfg.method}|2:4`;
  if (cfg.kernel === 'bsr') return `${cfg.method}|bsr${cfg.blockSize}|${cfg.sparsity}`;
  return `${cfg.method}|${cfg.sparsity}`;
}

export function needsStats(cfg: DecodeConfig): boolean {
  return cfg.kernel !== 'dense' && cfg.method !== 'magnitude';
}

function getW(ckpt: Checkpoint, layer: number, kind: LinearKind): Float32Array {
  const l = ckpt.layers[layer];
  return kind === 'gate' || kind === 'up' || kind === 'down' ? l.mlp![kind] : l[kind];
}

function setW(ckpt: Checkpoint, layer: number, kind: LinearKind, w: Float32Array): void {
  const l = ckpt.layers[layer];
  if (kind === 'gate' || kind === 'up' || kind === 'down') l.mlp![kind] = w;
  else l[kind] = w;
}

/** Block pruning of every linear layer (see the file header); a pruned copy. */
export function blockPruneCheckpoint(
  ckpt: Checkpoint,
  method: DecodeMethod,
  amount: number,
  blockSize: number,
  stats: GramStats | null,
): Checkpoint {
  if (method !== 'magnitude' && !stats) throw new Error(`${method} needs calibration statistics`);
  const out = copyCheckpoint(ckpt);
  for (let li = 0; li < ckpt.config.layers; li++) {
    for (const kind of LINEAR_KINDS) {
      const [rows, cols] = shapeOf(ckpt, kind);
      const w = getW(out, li, kind);
      let score = w;
      if (method !== 'magnitude') {
        const norms = normsFromGram(stats!.layers[li][SITE_OF[kind]], cols);
        score = w.map((v, e) => Math.abs(v) * norms[e % cols]);
      }
      const mask = blockMask(score, [rows, cols], blockSize, amount);
      setW(
        out,
        li,
        kind,
        w.map((v, e) => (mask[e] ? v : 0)),
      );
    }
  }
  return out;
}

/** The checkpoint a config decodes with (dense: the checkpoint itself). */
export async function prunedFor(
  ckpt: Checkpoint,
  cfg: DecodeConfig,
  stats: GramStats | null,
  step?: (done: number, total: number) => Promise<void> | void,
): Promise<Checkpoint> {
  if (cfg.kernel === 'dense') return ckpt;
  if (needsStats(cfg) && !stats) throw new Error(`${cfg.method} needs calibration statistics`);
  if (cfg.kernel === 'bsr') return blockPruneCheckpoint(ckpt, cfg.method, cfg.sparsity, cfg.blockSize, stats);
  const spec: LmPruneSpec = {
    method: cfg.method,
    pattern: cfg.kernel === '2:4' ? '2:4' : 'unstructured',
    amount: cfg.sparsity,
    group: 'layer',
    kinds: LINEAR_KINDS,
    embed: false,
  };
  return (await pruneCheckpoint(ckpt, spec, stats, step)).ckpt;
}

/** Zeros among all linear weights of the 7 kinds. */
export function linearSparsityOf(ckpt: Checkpoint): number {
  let zeros = 0;
  let total = 0;
  for (let li = 0; li < ckpt.config.layers; li++) {
    for (const kind of LINEAR_KINDS) {
      const w = getW(ckpt, li, kind);
      total += w.length;
      for (let e = 0; e < w.length; e++) if (w[e] === 0) zeros++;
    }
  }
  return total ? zeros / total : 0;
}

/** tf.matMul(x, Wᵀ) with Wᵀ [in, out] uploaded once (the tfjs path; any backend). */
export function tfLinear(tf: typeof TF): LinearFactory {
  return (w, rows, cols) => {
    const wt = tf.tidy(() => tf.transpose(tf.tensor2d(w, [rows, cols])) as TF.Tensor2D);
    const op: LinearOp = { apply: (x) => tf.matMul(x, wt), dispose: () => wt.dispose(), bytes: 4 * rows * cols };
    return op;
  };
}

/** y = W x by a WGSL GEMV kernel on tfjs's WebGPU backend; the output head runs on the dense GEMV. */
export function gemvLinear(
  ctx: KernelContext,
  kernel: LinearKernel,
  opts: { blockSize?: number; layout?: GemvLayout } = {},
): LinearFactory {
  const tf = ctx.tf;
  return (w, rows, cols, site) => {
    const g = uploadLinearGemv(ctx, site.kind === 'head' ? 'dense' : kernel, w, rows, cols, opts);
    return {
      apply: (x) =>
        tf.tidy(() => {
          const y = g.run(tf.reshape(x, [cols, 1]));
          return tf.reshape(y, [1, rows]) as TF.Tensor2D;
        }),
      dispose: () => g.dispose(),
      bytes: g.weightBytes,
    };
  };
}
