/**
 * A batched float32 tfjs forward pass of LlamaForCausalLM for the pruning lab: B windows of n
 * characters at once (TfLm in tf-lm.ts runs one sequence), with two uses:
 *   - capture: the input X [B·n, cols] of every linear layer, accumulated as the Gram matrix XᵀX
 *     (the SparseGPT Hessian is H = (2/N)·XᵀX, Wanda's norms are ‖X_j‖₂ = sqrt(diag XᵀX));
 *   - meanNll: the mean next-character negative log-likelihood over the windows, exp of which
 *     is the per-character perplexity the lab reports.
 * Same maths as lib/lm/reference.ts (tests hold it there), per layer on x [B·n, H]:
 *   a = RMSNorm(x)                          capture site 'attn' (input of q, k, v)
 *   q, k, v → [B·h, n, d] with RoPE, GQA    p = softmax(q kᵀ/√d + causal bias)
 *   m = (p v) as [B·n, h·d]                 capture site 'o'    (input of o_proj)
 *   x += m Woᵀ; y = RMSNorm(x)              capture site 'mlp'  (input of gate, up)
 *   s = silu(y Wgᵀ) ⊙ (y Wuᵀ)               capture site 'down' (input of down_proj)
 *   x += s Wdᵀ
 * and logits = RMSNorm(x) W_headᵀ, capture site 'head'.
 * Weights are uploaded transposed ([in, out], see tf-lm.ts for why).
 */
import type * as TF from '@tensorflow/tfjs';
import type { Checkpoint } from './checkpoint';
import { ropeTables } from './reference';

type Tf = typeof TF;
type T2 = TF.Tensor2D;

export const CAPTURE_SITES = ['attn', 'o', 'mlp', 'down'] as const;
export type CaptureSite = (typeof CAPTURE_SITES)[number];

/** Σ over calibration rows of xᵀx per layer and site, plus the head's input; rows = N. */
export interface GramStats {
  rows: number;
  /** layers[l][site] is cols × cols, row-major. */
  layers: Record<CaptureSite, Float64Array>[];
  head: Float64Array;
}

export class BatchedLlama {
  private readonly tf: Tf;
  readonly ckpt: Checkpoint;
  private readonly w: { q: T2; k: T2; v: T2; o: T2; gate: T2; up: T2; down: T2; inputNorm: TF.Tensor1D; postNorm: TF.Tensor1D }[];
  private readonly embed: T2;
  private readonly head: T2;
  private readonly norm: TF.Tensor1D;
  private readonly kvIndex: TF.Tensor1D;

  constructor(tf: Tf, ckpt: Checkpoint) {
    if (ckpt.config.arch !== 'llama') throw new Error('the pruning lab prunes Llama models only');
    this.tf = tf;
    this.ckpt = ckpt;
    const c = ckpt.config;
    const mat = (w: Float32Array, rows: number, cols: number) => tf.tidy(() => tf.transpose(tf.tensor2d(w, [rows, cols])) as T2);
    this.w = ckpt.layers.map((l) => ({
      q: mat(l.q, c.heads * c.headDim, c.hidden),
      k: mat(l.k, c.kvHeads * c.headDim, c.hidden),
      v: mat(l.v, c.kvHeads * c.headDim, c.hidden),
      o: mat(l.o, c.hidden, c.heads * c.headDim),
      gate: mat(l.mlp!.gate, c.intermediate, c.hidden),
      up: mat(l.mlp!.up, c.intermediate, c.hidden),
      down: mat(l.mlp!.down, c.hidden, c.intermediate),
      inputNorm: tf.tensor1d(l.inputNorm),
      postNorm: tf.tensor1d(l.postNorm),
    }));
    this.embed = tf.tensor2d(ckpt.embed, [c.vocabSize, c.hidden]);
    this.head = mat(ckpt.lmHead, c.vocabSize, c.hidden);
    this.norm = tf.tensor1d(ckpt.norm);
    const group = c.heads / c.kvHeads;
    this.kvIndex = tf.tensor1d(
      Array.from({ length: c.heads }, (_, j) => Math.floor(j / group)),
      'int32',
    );
  }

  dispose(): void {
    const all: TF.Tensor[] = [this.embed, this.head, this.norm, this.kvIndex];
    for (const l of this.w) all.push(...Object.values(l));
    this.tf.dispose(all);
  }

  private rmsNorm(x: T2, w: TF.Tensor1D): T2 {
    const tf = this.tf;
    return tf.mul(tf.mul(x, tf.rsqrt(tf.add(tf.mean(tf.square(x), -1, true), this.ckpt.config.rmsEps))), w) as T2;
  }

  /** [B·n, heads·d] → [B·heads, n, d] with RoPE at positions 0 … n−1. */
  private rope(x: T2, B: number, n: number, heads: number, cos: TF.Tensor, sin: TF.Tensor): TF.Tensor3D {
    const tf = this.tf;
    const d = this.ckpt.config.headDim;
    const half = d / 2;
    const r = tf.reshape(x, [B, n, heads, d]);
    const a = tf.slice(r, [0, 0, 0, 0], [B, n, heads, half]);
    const b = tf.slice(r, [0, 0, 0, half], [B, n, heads, half]);
    const rotated = tf.concat([tf.sub(tf.mul(a, cos), tf.mul(b, sin)), tf.add(tf.mul(b, cos), tf.mul(a, sin))], 3);
    return tf.reshape(tf.transpose(rotated, [0, 2, 1, 3]), [B * heads, n, d]) as TF.Tensor3D;
  }

  /**
   * Runs the windows (equal lengths) and returns the final hidden states' logits' per-position
   * NLL sum over the predicted positions, calling `capture` with each site's input (a tensor
   * the caller must not keep; it is disposed after the call).
   */
  private async run(
    windows: readonly number[][],
    capture: ((layer: number, site: CaptureSite | 'head', x: T2) => Promise<void>) | null,
    wantNll: boolean,
  ): Promise<{ nll: number; count: number }> {
    const tf = this.tf;
    const c = this.ckpt.config;
    const B = windows.length;
    const n = windows[0].length;
    if (windows.some((w) => w.length !== n)) throw new RangeError('all windows must have the same length');
    const d = c.headDim;
    const half = d / 2;
    const tables = ropeTables(n, d, c.ropeTheta);
    const cos = tf.tensor4d(Float32Array.from(tables.cos), [1, n, 1, half]);
    const sin = tf.tensor4d(Float32Array.from(tables.sin), [1, n, 1, half]);
    const bias = tf.tidy(() => tf.mul(tf.sub(1, tf.linalg.bandPart(tf.ones([n, n]), -1, 0)), -1e9));
    let x = tf.gather(this.embed, windows.flat()) as T2;
    const site = async (layer: number, name: CaptureSite | 'head', t: T2) => {
      if (capture) await capture(layer, name, t);
    };
    try {
      for (let li = 0; li < this.w.length; li++) {
        const L = this.w[li];
        const a = tf.tidy(() => this.rmsNorm(x, L.inputNorm));
        await site(li, 'attn', a);
        const m = tf.tidy(() => {
          const q = this.rope(tf.matMul(a, L.q) as T2, B, n, c.heads, cos, sin);
          const kvs = (t: T2, rot: boolean) => {
            const r = rot
              ? this.rope(t, B, n, c.kvHeads, cos, sin)
              : tf.reshape(tf.transpose(tf.reshape(t, [B, n, c.kvHeads, d]), [0, 2, 1, 3]), [B * c.kvHeads, n, d]);
            // [B, g, n, d] → repeat each KV head for its query heads → [B·h, n, d]
            return tf.reshape(tf.gather(tf.reshape(r, [B, c.kvHeads, n, d]), this.kvIndex, 1), [B * c.heads, n, d]);
          };
          const k = kvs(tf.matMul(a, L.k) as T2, true);
          const v = kvs(tf.matMul(a, L.v) as T2, false);
          const p = tf.softmax(tf.add(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(d)), bias));
          return tf.reshape(tf.transpose(tf.reshape(tf.matMul(p, v), [B, c.heads, n, d]), [0, 2, 1, 3]), [B * n, c.heads * d]) as T2;
        });
        a.dispose();
        await site(li, 'o', m);
        const x1 = tf.tidy(() => tf.add(x, tf.matMul(m, L.o)) as T2);
        tf.dispose([m, x]);
        x = x1;
        const y = tf.tidy(() => this.rmsNorm(x, L.postNorm));
        await site(li, 'mlp', y);
        const s = tf.tidy(() => {
          const g = tf.matMul(y, L.gate);
          return tf.mul(tf.mul(g, tf.sigmoid(g)), tf.matMul(y, L.up)) as T2;
        });
        y.dispose();
        await site(li, 'down', s);
        const x2 = tf.tidy(() => tf.add(x, tf.matMul(s, L.down)) as T2);
        tf.dispose([s, x]);
        x = x2;
      }
      const f = tf.tidy(() => this.rmsNorm(x, this.norm));
      await site(-1, 'head', f);
      if (!wantNll) {
        f.dispose();
        return { nll: 0, count: 0 };
      }
      // nll_t = logsumexp(logits_t) − logits_t[target], targets ids[t+1] for t < n−1
      const targets: number[] = [];
      const weights: number[] = [];
      for (const w of windows)
        for (let t = 0; t < n; t++) {
          targets.push(t + 1 < n ? w[t + 1] : 0);
          weights.push(t + 1 < n ? 1 : 0);
        }
      const total = tf.tidy(() => {
        const logits = tf.matMul(f, this.head);
        const picked = tf.sum(tf.mul(logits, tf.oneHot(tf.tensor1d(targets, 'int32'), c.vocabSize)), 1);
        return tf.sum(tf.mul(tf.sub(tf.logSumExp(logits, 1), picked), tf.tensor1d(weights)));
      });
      f.dispose();
      const value = (await total.data())[0];
      total.dispose();
      return { nll: value, count: B * (n - 1) };
    } finally {
      tf.dispose([x, cos, sin, bias]);
    }
  }

  /** Mean next-character NLL (nats) over the windows, run `batch` windows at a time. */
  async meanNll(windows: readonly number[][], batch = 8): Promise<number> {
    let nll = 0;
    let count = 0;
    for (let i = 0; i < windows.length; i += batch) {
      const r = await this.run(windows.slice(i, i + batch), null, true);
      nll += r.nll;
      count += r.count;
    }
    return nll / count;
  }

  /**
   * Σ xᵀx of every linear layer's input over the windows (run `batch` at a time), with progress
   * per batch; `isCancelled` is checked between batches (returns null when it says so).
   */
  async gram(
    windows: readonly number[][],
    batch = 8,
    onProgress?: (done: number, total: number) => Promise<void> | void,
    isCancelled?: () => boolean,
  ): Promise<GramStats | null> {
    const tf = this.tf;
    const c = this.ckpt.config;
    const cols: Record<CaptureSite, number> = { attn: c.hidden, o: c.heads * c.headDim, mlp: c.hidden, down: c.intermediate };
    const stats: GramStats = {
      rows: 0,
      layers: this.w.map(() => ({
        attn: new Float64Array(cols.attn ** 2),
        o: new Float64Array(cols.o ** 2),
        mlp: new Float64Array(cols.mlp ** 2),
        down: new Float64Array(cols.down ** 2),
      })),
      head: new Float64Array(c.hidden ** 2),
    };
    for (let i = 0; i < windows.length; i += batch) {
      if (isCancelled?.()) return null;
      const part = windows.slice(i, i + batch);
      await this.run(
        part,
        async (layer, site, x) => {
          const g = tf.tidy(() => tf.matMul(tf.transpose(x), x));
          const data = (await g.data()) as Float32Array;
          g.dispose();
          const into = site === 'head' ? stats.head : stats.layers[layer][site];
          for (let e = 0; e < data.length; e++) into[e] += data[e];
        },
        false,
      );
      stats.rows += part.length * part[0].length;
      await onProgress?.(Math.min(i + batch, windows.length), windows.length);
    }
    return stats;
  }
}

/** H = (2/N)·Σxᵀx (SparseGPT's add_batch over all N rows). */
export function hessianFromGram(gram: Float64Array, rows: number): Float64Array {
  return gram.map((v) => (2 / rows) * v);
}

/** ‖X_j‖₂ = sqrt((Σxᵀx)_jj) for a cols × cols Gram matrix (Wanda's activation norms). */
export function normsFromGram(gram: Float64Array, cols: number): Float32Array {
  const out = new Float32Array(cols);
  for (let j = 0; j < cols; j++) out[j] = Math.sqrt(Math.max(gram[j * cols + j], 0));
  return out;
}
