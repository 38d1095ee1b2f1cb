/**
 * The KV-cache decode session of the tfjs fast path (lib/lm/tf-lm.ts), with its shapes.
 */
import type * as TF from '@tensorflow/tfjs';
import { LmError } from './errors';
import { type LayerTensors, NEG, type T2, type Tf, type TfLm } from './tf-lm';

/**
 * Incremental decoding with a KV cache: each layer keeps K (after RoPE) and V of every position
 * so far, [g, t, d]; a new chunk of m positions attends the cache plus itself (causal inside the
 * chunk). The last position's logits [V] come back.
 */
export class DecodeSession {
  private readonly tf: Tf;
  private readonly lm: TfLm;
  private readonly layers: LayerTensors[];
  private readonly kvIndex: TF.Tensor1D;
  private cacheK: TF.Tensor3D[] = [];
  private cacheV: TF.Tensor3D[] = [];
  /** Positions already in the cache. */
  length = 0;

  constructor(tf: Tf, lm: TfLm, layers: LayerTensors[], kvIndex: TF.Tensor1D) {
    this.tf = tf;
    this.lm = lm;
    this.layers = layers;
    this.kvIndex = kvIndex;
  }

  get capacity(): number {
    return this.lm.ckpt.config.maxPositions;
  }

  /** Appends `ids` at positions length … length+m−1 and returns the logits after the last one. */
  async append(ids: readonly number[]): Promise<Float32Array> {
    const tf = this.tf;
    const c = this.lm.ckpt.config;
    const m = ids.length;
    const start = this.length;
    if (m === 0) throw new LmError('empty-text', 'There is no text to run the model on.', { length: 0 });
    if (start + m > c.maxPositions)
      throw new LmError('too-long', `${start + m} tokens exceed the model's context of ${c.maxPositions}.`, {
        length: start + m,
        max: c.maxPositions,
      });
    const total = start + m;
    // causal inside the new chunk: query start+i sees keys 0 … start+i
    const maskData = new Float32Array(m * total);
    for (let i = 0; i < m; i++) for (let k = 0; k <= start + i; k++) maskData[i * total + k] = 1;
    const bias = tf.tidy(() => tf.mul(tf.sub(1, tf.tensor2d(maskData, [m, total])), NEG));
    let h = this.lm.step.embed(Array.from(ids));
    try {
      for (let li = 0; li < this.layers.length; li++) {
        const layer = this.layers[li];
        const x = this.lm.step.rmsNorm(h, layer.inputNorm);
        const kNew = tf.tidy(() => this.lm.step.rope(tf.matMul(x, layer.k) as T2, c.kvHeads, start));
        const vNew = tf.tidy(() => tf.transpose(tf.reshape(tf.matMul(x, layer.v), [m, c.kvHeads, c.headDim]), [1, 0, 2]) as TF.Tensor3D);
        const kAll = this.cacheK[li] ? tf.concat([this.cacheK[li], kNew], 1) : kNew;
        const vAll = this.cacheV[li] ? tf.concat([this.cacheV[li], vNew], 1) : vNew;
        if (this.cacheK[li]) tf.dispose([this.cacheK[li], this.cacheV[li], kNew, vNew]);
        this.cacheK[li] = kAll;
        this.cacheV[li] = vAll;
        const next = tf.tidy(() => {
          const q = this.lm.step.rope(tf.matMul(x, layer.q) as T2, c.heads, start);
          const k = tf.gather(kAll, this.kvIndex);
          const v = tf.gather(vAll, this.kvIndex);
          const p = tf.softmax(tf.add(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(c.headDim)), bias));
          const mixed = tf.reshape(tf.transpose(tf.matMul(p, v), [1, 0, 2]), [m, c.heads * c.headDim]);
          return tf.add(h, tf.matMul(mixed, layer.o)) as T2;
        });
        tf.dispose([x, h]);
        h = next;
        const y = this.lm.step.rmsNorm(h, layer.postNorm);
        const ffn = layer.moe ? await this.lm.step.moe(layer.moe, y) : this.lm.step.swiGlu(layer.mlp!, y);
        const after = tf.add(h, ffn) as T2;
        tf.dispose([y, ffn, h]);
        h = after;
      }
      this.length = total;
      const last = tf.tidy(() => this.lm.step.head(tf.slice(h, [m - 1, 0], [1, c.hidden]) as T2));
      const out = (await last.data()) as Float32Array;
      last.dispose();
      return out;
    } finally {
      tf.dispose([h, bias]);
    }
  }

  dispose(): void {
    this.tf.dispose([...this.cacheK, ...this.cacheV]);
    this.cacheK = [];
    this.cacheV = [];
    this.length = 0;
  }
}
