/**
 * The fast path the pages use: the same forward pass as lib/lm/reference.ts in float32 tfjs ops
 * (WebGPU on a hardware adapter, WASM otherwise; the caller activates the backend), plus a KV
 * cache for generation. Tests hold it to the reference twin (max |Δ logit| ≤ 1e-3).
 *
 * Shapes (n positions, H hidden, h heads, g KV heads, d head dim, V vocabulary, E experts):
 *   x [n, H]; W [out, in] as stored is uploaded transposed, Wᵀ [in, out], and applied as x Wᵀ: tfjs's WASM
 *   backend multiplies about 10× slower with transposeB (XNNPACK wants [in, out]; measured here, 256 × 192 by
 *   192 × 512: 22 ms with transposeB, 2 ms pre-transposed)
 *   q [h, n, d], k, v [g, n, d] → KV head of query head j is ⌊j/(h/g)⌋ (gather on axis 0)
 *   scores [h, n, n] = q kᵀ / √d + bias, bias 0 where allowed (and k ≤ q), −1e9 elsewhere;
 *   probabilities are multiplied by the 0/1 mask after softmax, so a row with no allowed key
 *   reads zeros, as in the reference.
 * Mixtral: router softmax [n, E] and top-k run on the backend; the chosen (token, expert) pairs
 * are read back, each expert runs only on its tokens (gather), and the weighted outputs are
 * scattered back to their tokens and summed (scatterND per expert), so compute follows the
 * routing, as in transformers.
 */
import type * as TF from '@tensorflow/tfjs';
import type { Checkpoint, SwiGlu } from './checkpoint';
import { LmError } from './errors';
import { type AllowedFn, ropeTables } from './reference';
import { type RoutingPolicy, routeLayer, softmaxRows64 } from './routing';

import { DecodeSession } from './decode-session';

export { DecodeSession } from './decode-session';

/** The tfjs namespace and a 2-D tensor, as the fast path and its decode session use them. */
export type Tf = typeof TF;
export type T2 = TF.Tensor2D;

/** One layer's weights on the backend (W stored transposed, Wᵀ [in, out]; see the header). */
export interface LayerTensors {
  inputNorm: TF.Tensor1D;
  q: T2;
  k: T2;
  v: T2;
  o: T2;
  postNorm: TF.Tensor1D;
  mlp: { gate: T2; up: T2; down: T2 } | null;
  moe: { router: T2; experts: { gate: T2; up: T2; down: T2 }[] } | null;
}

/** Which expert each token chose in each layer (filled when a forward pass asks for it). */
export interface RoutingRecord {
  /** chosen[layer] is n × k expert ids, best first. */
  chosen: Int32Array[];
  /** weights[layer] is n × k renormalised gate weights. */
  weights: Float32Array[];
  /** When present, receives each layer's router logits, n × E. */
  logits?: Float32Array[];
  /** When present, receives each layer's MoE input y = RMSNorm(h) after attention, n × H. */
  inputs?: Float32Array[];
}

/** The additive bias of a masked score (exp(−1e9) is 0 in float32). */
export const NEG = -1e9;

export class TfLm {
  readonly ckpt: Checkpoint;
  private readonly tf: Tf;
  /** [V, H]: rows are gathered for the input. */
  private readonly embed: T2;
  /** [H, V]: the output projection, transposed (the embedding's transpose when tied). */
  private readonly lmHead: T2;
  private readonly norm: TF.Tensor1D;
  private readonly layers: LayerTensors[];
  private readonly kvIndex: TF.Tensor1D;
  /** cos θ and sin θ for every position of the context, [maxPositions × d/2], computed once. */
  private readonly ropeCos: Float32Array;
  private readonly ropeSin: Float32Array;
  private disposed = false;

  constructor(tf: Tf, ckpt: Checkpoint) {
    this.tf = tf;
    this.ckpt = ckpt;
    const c = ckpt.config;
    // [rows, cols] as stored → its transpose [cols, rows], kept (the source tensor is freed)
    const mat = (w: Float32Array, rows: number, cols: number) => tf.tidy(() => tf.transpose(tf.tensor2d(w, [rows, cols])) as T2);
    const vec = (w: Float32Array) => tf.tensor1d(w);
    const swi = (m: SwiGlu) => ({
      gate: mat(m.gate, c.intermediate, c.hidden),
      up: mat(m.up, c.intermediate, c.hidden),
      down: mat(m.down, c.hidden, c.intermediate),
    });
    this.embed = tf.tensor2d(ckpt.embed, [c.vocabSize, c.hidden]);
    this.lmHead = mat(ckpt.lmHead, c.vocabSize, c.hidden);
    this.norm = vec(ckpt.norm);
    this.layers = ckpt.layers.map((l) => ({
      inputNorm: vec(l.inputNorm),
      q: mat(l.q, c.heads * c.headDim, c.hidden),
      k: mat(l.k, c.kvHeads * c.headDim, c.hidden),
      v: mat(l.v, c.kvHeads * c.headDim, c.hidden),
      o: mat(l.o, c.hidden, c.heads * c.headDim),
      postNorm: vec(l.postNorm),
      mlp: l.mlp ? swi(l.mlp) : null,
      moe: l.moe ? { router: mat(l.moe.router, c.experts, c.hidden), experts: l.moe.experts.map(swi) } : null,
    }));
    const tables = ropeTables(c.maxPositions, c.headDim, c.ropeTheta);
    this.ropeCos = Float32Array.from(tables.cos);
    this.ropeSin = Float32Array.from(tables.sin);
    const group = c.heads / c.kvHeads;
    this.kvIndex = tf.tensor1d(
      Array.from({ length: c.heads }, (_, j) => Math.floor(j / group)),
      'int32',
    );
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const all: TF.Tensor[] = [this.embed, this.lmHead, this.norm, this.kvIndex];
    for (const l of this.layers) {
      all.push(l.inputNorm, l.q, l.k, l.v, l.o, l.postNorm);
      if (l.mlp) all.push(l.mlp.gate, l.mlp.up, l.mlp.down);
      if (l.moe) all.push(l.moe.router, ...l.moe.experts.flatMap((e) => [e.gate, e.up, e.down]));
    }
    this.tf.dispose(all);
  }

  private rmsNorm(x: T2, w: TF.Tensor1D): T2 {
    const tf = this.tf;
    return tf.tidy(() => tf.mul(tf.mul(x, tf.rsqrt(tf.add(tf.mean(tf.square(x), -1, true), this.ckpt.config.rmsEps))), w) as T2);
  }

  /** [n, heads·d] → [heads, n, d] with RoPE applied at positions start … start+n−1. */
  private rope(x: T2, heads: number, start: number): TF.Tensor3D {
    const tf = this.tf;
    const c = this.ckpt.config;
    const d = c.headDim;
    const n = x.shape[0];
    const half = d / 2;
    const rows = [start * half, (start + n) * half] as const;
    return tf.tidy(() => {
      const cosT = tf.tensor3d(this.ropeCos.slice(...rows), [n, 1, half]);
      const sinT = tf.tensor3d(this.ropeSin.slice(...rows), [n, 1, half]);
      const r = tf.reshape(x, [n, heads, d]);
      const a = tf.slice(r, [0, 0, 0], [n, heads, half]);
      const b = tf.slice(r, [0, 0, half], [n, heads, half]);
      const rotated = tf.concat([tf.sub(tf.mul(a, cosT), tf.mul(b, sinT)), tf.add(tf.mul(b, cosT), tf.mul(a, sinT))], 2);
      return tf.transpose(rotated, [1, 0, 2]) as TF.Tensor3D;
    });
  }

  private swiGlu(m: { gate: T2; up: T2; down: T2 }, y: T2): T2 {
    const tf = this.tf;
    return tf.tidy(() => {
      const g = tf.matMul(y, m.gate);
      const u = tf.matMul(y, m.up);
      return tf.matMul(tf.mul(tf.mul(g, tf.sigmoid(g)), u), m.down) as T2;
    });
  }

  /**
   * Mixtral's block on y [n, H]; records the routing when asked. With a `policy` (lib/lm/routing.ts)
   * the router logits are read back and routed on the CPU by routeLayer, as the reference does;
   * dropped slots (expert −1) add nothing.
   */
  private async moe(
    moe: NonNullable<LayerTensors['moe']>,
    y: T2,
    record: RoutingRecord | null,
    policy: RoutingPolicy | null = null,
    layerIndex = 0,
  ): Promise<T2> {
    const tf = this.tf;
    const { topK: trainedK, experts: E } = this.ckpt.config;
    const n = y.shape[0];
    let chosen: Int32Array;
    let weights: Float32Array;
    let topK = trainedK;
    let logits: Float32Array | null = null;
    if (policy || record?.logits) {
      const logitsT = tf.matMul(y, moe.router);
      logits = (await logitsT.data()) as Float32Array;
      logitsT.dispose();
      record?.logits?.push(Float32Array.from(logits));
    }
    if (record?.inputs) record.inputs.push(Float32Array.from((await y.data()) as Float32Array));
    if (policy && logits) {
      const routed = routeLayer(softmaxRows64(logits, n, E), n, E, policy, layerIndex);
      chosen = routed.chosen;
      weights = Float32Array.from(routed.weights);
      topK = policy.topK;
    } else {
      const [values, indices] = tf.tidy(() => {
        const probs = tf.softmax(tf.matMul(y, moe.router));
        const top = tf.topk(probs, topK, true);
        return [tf.div(top.values, tf.sum(top.values, -1, true)), top.indices];
      });
      chosen = (await indices.data()) as Int32Array;
      weights = (await values.data()) as Float32Array;
      tf.dispose([values, indices]);
    }
    if (record) {
      record.chosen.push(Int32Array.from(chosen));
      record.weights.push(Float32Array.from(weights));
    }
    // Σ over experts of scatter(expert output · weight) into [n, H]: each token appears at most once
    // per expert, so no scatter has duplicate indices (tfjs's WASM backend has no UnsortedSegmentSum)
    return tf.tidy(() => {
      let out = tf.zeros([n, y.shape[1]]) as T2;
      moe.experts.forEach((expert, e) => {
        const tokens: number[] = [];
        const w: number[] = [];
        for (let i = 0; i < chosen.length; i++) {
          if (chosen[i] === e) {
            tokens.push(Math.floor(i / topK));
            w.push(weights[i]);
          }
        }
        if (tokens.length === 0) return;
        const part = tf.mul(this.swiGlu(expert, tf.gather(y, tokens) as T2), tf.tensor2d(w, [w.length, 1]));
        out = tf.add(out, tf.scatterND(tf.tensor2d(tokens, [tokens.length, 1], 'int32'), part, [n, y.shape[1]])) as T2;
      });
      return out;
    });
  }

  /** The 0/1 mask [n, n] of allowed (query, key) pairs: causal, ANDed with `allowed`. */
  private maskOf(n: number, allowed?: AllowedFn): Float32Array {
    const m = new Float32Array(n * n);
    for (let q = 0; q < n; q++) for (let k = 0; k <= q; k++) if (!allowed || allowed(q, k)) m[q * n + k] = 1;
    return m;
  }

  /**
   * Logits [n × V] (float32, row-major) of the whole sequence, as referenceForward's.
   * `routing`, when given, receives each Mixtral layer's choice; `policy` changes the routing
   * (lib/lm/routing.ts; the trained top-k when null).
   */
  async forward(
    ids: readonly number[],
    allowed?: AllowedFn,
    routing: RoutingRecord | null = null,
    policy: RoutingPolicy | null = null,
  ): Promise<Float32Array> {
    const tf = this.tf;
    const c = this.ckpt.config;
    const n = ids.length;
    if (n === 0) throw new LmError('empty-text', 'There is no text to run the model on.', { length: 0 });
    if (n > c.maxPositions)
      throw new LmError('too-long', `${n} tokens exceed the model's context of ${c.maxPositions}.`, { length: n, max: c.maxPositions });
    const mask01 = tf.tensor2d(this.maskOf(n, allowed), [n, n]);
    const bias = tf.tidy(() => tf.mul(tf.sub(1, mask01), NEG));
    let h = tf.gather(this.embed, Array.from(ids)) as T2;
    try {
      for (const [li, layer] of this.layers.entries()) {
        const attnOut = tf.tidy(() => {
          const x = this.rmsNorm(h, layer.inputNorm);
          const q = this.rope(tf.matMul(x, layer.q) as T2, c.heads, 0);
          const k = tf.gather(this.rope(tf.matMul(x, layer.k) as T2, c.kvHeads, 0), this.kvIndex);
          const v = tf.gather(tf.transpose(tf.reshape(tf.matMul(x, layer.v), [n, c.kvHeads, c.headDim]), [1, 0, 2]), this.kvIndex);
          const scores = tf.add(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(c.headDim)), bias);
          const p = tf.mul(tf.softmax(scores), mask01);
          const mixed = tf.reshape(tf.transpose(tf.matMul(p, v), [1, 0, 2]), [n, c.heads * c.headDim]);
          return tf.add(h, tf.matMul(mixed, layer.o)) as T2;
        });
        h.dispose();
        h = attnOut;
        const y = this.rmsNorm(h, layer.postNorm);
        const ffn = layer.moe ? await this.moe(layer.moe, y, routing, policy, li) : this.swiGlu(layer.mlp!, y);
        const next = tf.add(h, ffn) as T2;
        tf.dispose([y, ffn, h]);
        h = next;
      }
      const logits = tf.tidy(() => tf.matMul(this.rmsNorm(h, this.norm), this.lmHead));
      const out = (await logits.data()) as Float32Array;
      logits.dispose();
      return out;
    } finally {
      tf.dispose([h, mask01, bias]);
    }
  }

  /** A KV-cache decoder: feed ids one at a time (or a prompt at once), read the last position's logits. */
  session(): DecodeSession {
    return new DecodeSession(this.tf, this, this.layers, this.kvIndex);
  }

  /** @internal used by DecodeSession */
  step = {
    rmsNorm: (x: T2, w: TF.Tensor1D) => this.rmsNorm(x, w),
    rope: (x: T2, heads: number, start: number) => this.rope(x, heads, start),
    swiGlu: (m: { gate: T2; up: T2; down: T2 }, y: T2) => this.swiGlu(m, y),
    moe: (moe: NonNullable<LayerTensors['moe']>, y: T2) => this.moe(moe, y, null),
    head: (h: T2) => this.tf.tidy(() => this.tf.matMul(this.rmsNorm(h, this.norm), this.lmHead)),
    embed: (ids: number[]) => this.tf.gather(this.embed, ids) as T2,
  };
}
