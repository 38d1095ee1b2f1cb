/**
 * Token-by-token decoding of a Llama checkpoint whose linear layers run through a pluggable
 * `LinearOp` (lib/lm/sparse-linear.ts: tfjs's tf.matMul, or one of the acceleration lab's WGSL GEMV
 * kernels on pruned weights), with the time of every part of a step measured on request.
 *
 * The maths is DecodeSession's (lib/lm/tf-lm.ts) for one new position t (hidden H, heads h, KV heads
 * g, head dim d): x = RMSNorm(h_t); q, k, v = Wq x, Wk x, Wv x; RoPE on q, k at t; K, V appended to the
 * cache [g, t+1, d]; head j reads KV head ⌊j/(h/g)⌋, p = softmax(q·kᵀ/√d) over keys 0 … t;
 * h_t += Wo (p v); y = RMSNorm(h_t); h_t += Wdown(silu(Wgate y) ⊙ Wup y); logits = Whead RMSNorm(h_t).
 * Every W x here is a `LinearOp` on x [1, in] → [1, out]: 7 per layer plus the (dense) output head.
 *
 * Parts of a step (the Amdahl breakdown, lib/acceleration/amdahl.ts):
 *   linear     the 7 · layers projections and the output head;
 *   attention  RoPE, the KV cache append, scores, softmax, p·v;
 *   norms      embedding lookup, RMSNorms, SiLU ⊙ up, residual adds;
 *   sampling   reading the logits back and choosing the next token (CPU).
 * With `profile` (a PartTimer), each part is timed by it: `kernelTimer` takes tfjs's tf.time kernel
 * time (on WebGPU the GPU timestamp queries of every program the part dispatched; on WASM / CPU the
 * time of the synchronous ops), `syncTimer` the wall time up to a readback of the part's output (a
 * sync; the caller takes off a bare round trip per sync, measured separately). Sampling is always
 * wall time (reading the logits back, choosing the token). Without `profile`, nothing is read back
 * until the logits: that is the speed a reader gets (tokens per second).
 */
import type * as TF from '@tensorflow/tfjs';
import type { Checkpoint } from './checkpoint';
import { LmError } from './errors';
import { ropeTables } from './reference';

type Tf = typeof TF;
type T2 = TF.Tensor2D;

/** y [1, out] = W x for x [1, in]; the caller disposes y. */
export interface LinearOp {
  apply(x: T2): T2;
  dispose(): void;
  /** Bytes of the weights as the op stores them (values and indices). */
  bytes: number;
}

/** Which matrix a LinearOp is made for (kind 'head' is the output projection [V, H]). */
export interface LinearSite {
  layer: number;
  kind: 'q' | 'k' | 'v' | 'o' | 'gate' | 'up' | 'down' | 'head';
}

/** Builds the op of W [rows, cols] (row-major). */
export type LinearFactory = (w: Float32Array, rows: number, cols: number, site: LinearSite) => LinearOp;

export const STEP_PARTS = ['linear', 'attention', 'norms', 'sampling'] as const;
export type StepPart = (typeof STEP_PARTS)[number];
export type PartTimes = Record<StepPart, number>;

export const zeroParts = (): PartTimes => ({ linear: 0, attention: 0, norms: 0, sampling: 0 });

/** Times one part: runs fn (which returns new tensors) and says how many ms it took. */
export type PartTimer = <R extends TF.Tensor | TF.Tensor[]>(fn: () => R) => Promise<{ result: R; ms: number }>;

/** Wall time up to a readback of the part's (last) output. */
export const syncTimer: PartTimer = async (fn) => {
  const s = performance.now();
  const result = fn();
  const last: TF.Tensor = Array.isArray(result) ? result[result.length - 1] : (result as TF.Tensor);
  await last.data();
  return { result, ms: performance.now() - s };
};

/** tfjs's tf.time kernel milliseconds (GPU timestamp queries on WebGPU). */
export function kernelTimer(tf: Tf): PartTimer {
  return async (fn) => {
    let result: ReturnType<typeof fn> | undefined;
    const info = await tf.time(() => {
      result = fn();
    });
    return { result: result!, ms: typeof info.kernelMs === 'number' ? info.kernelMs : 0 };
  };
}

interface Layer {
  inputNorm: TF.Tensor1D;
  postNorm: TF.Tensor1D;
  q: LinearOp;
  k: LinearOp;
  v: LinearOp;
  o: LinearOp;
  gate: LinearOp;
  up: LinearOp;
  down: LinearOp;
}

export interface StepResult {
  logits: Float32Array;
  /** Milliseconds of each part (profile) or zeros. */
  parts: PartTimes;
  /** Timer calls made for each part (zeros without profile; the logits' own readback is not one). */
  syncs: PartTimes;
  /** Wall milliseconds of the whole step, logits read back included. */
  ms: number;
}

export class KernelDecoder {
  readonly ckpt: Checkpoint;
  private readonly tf: Tf;
  private readonly embed: T2;
  private readonly norm: TF.Tensor1D;
  private readonly head: LinearOp;
  private readonly layers: Layer[];
  private readonly kvIndex: TF.Tensor1D;
  private readonly ropeCos: Float32Array;
  private readonly ropeSin: Float32Array;
  private cacheK: TF.Tensor3D[] = [];
  private cacheV: TF.Tensor3D[] = [];
  /** Positions in the KV cache. */
  length = 0;

  constructor(tf: Tf, ckpt: Checkpoint, linear: LinearFactory) {
    const c = ckpt.config;
    if (c.arch !== 'llama') throw new Error('sparse decoding runs Llama checkpoints (lm-en, lm-zh) only');
    this.tf = tf;
    this.ckpt = ckpt;
    const qd = c.heads * c.headDim;
    const kvd = c.kvHeads * c.headDim;
    this.embed = tf.tensor2d(ckpt.embed, [c.vocabSize, c.hidden]);
    this.norm = tf.tensor1d(ckpt.norm);
    this.head = linear(ckpt.lmHead, c.vocabSize, c.hidden, { layer: c.layers, kind: 'head' });
    this.layers = ckpt.layers.map((l, layer) => {
      const m = l.mlp!;
      return {
        inputNorm: tf.tensor1d(l.inputNorm),
        postNorm: tf.tensor1d(l.postNorm),
        q: linear(l.q, qd, c.hidden, { layer, kind: 'q' }),
        k: linear(l.k, kvd, c.hidden, { layer, kind: 'k' }),
        v: linear(l.v, kvd, c.hidden, { layer, kind: 'v' }),
        o: linear(l.o, c.hidden, qd, { layer, kind: 'o' }),
        gate: linear(m.gate, c.intermediate, c.hidden, { layer, kind: 'gate' }),
        up: linear(m.up, c.intermediate, c.hidden, { layer, kind: 'up' }),
        down: linear(m.down, c.hidden, c.intermediate, { layer, kind: 'down' }),
      };
    });
    const tables = ropeTables(c.maxPositions, c.headDim, c.ropeTheta);
    this.ropeCos = Float32Array.from(tables.cos);
    this.ropeSin = Float32Array.from(tables.sin);
    const group = c.heads / c.kvHeads;
    this.kvIndex = tf.tensor1d(
      Array.from({ length: c.heads }, (_, j) => Math.floor(j / group)),
      'int32',
    );
  }

  /** Bytes of all linear weights as stored by their ops (the head included). */
  get linearBytes(): number {
    return (
      this.head.bytes + this.layers.reduce((s, l) => s + [l.q, l.k, l.v, l.o, l.gate, l.up, l.down].reduce((a, op) => a + op.bytes, 0), 0)
    );
  }

  /** Empties the KV cache (a new text). */
  reset(): void {
    this.tf.dispose([...this.cacheK, ...this.cacheV]);
    this.cacheK = [];
    this.cacheV = [];
    this.length = 0;
  }

  dispose(): void {
    this.reset();
    this.tf.dispose([this.embed, this.norm, this.kvIndex, ...this.layers.flatMap((l) => [l.inputNorm, l.postNorm])]);
    for (const op of [this.head, ...this.layers.flatMap((l) => [l.q, l.k, l.v, l.o, l.gate, l.up, l.down])]) op.dispose();
  }

  private rmsNorm(x: T2, w: TF.Tensor1D): T2 {
    const tf = this.tf;
    return tf.tidy(() => tf.mul(tf.mul(x, tf.rsqrt(tf.add(tf.mean(tf.square(x), -1, true), this.ckpt.config.rmsEps))), w) as T2);
  }

  /** [1, heads·d] → [heads, 1, d] with RoPE at position t (rotate_half on the two halves). */
  private rope(x: T2, heads: number, t: number): TF.Tensor3D {
    const tf = this.tf;
    const d = this.ckpt.config.headDim;
    const half = d / 2;
    return tf.tidy(() => {
      const cosT = tf.tensor3d(this.ropeCos.slice(t * half, (t + 1) * half), [1, 1, half]);
      const sinT = tf.tensor3d(this.ropeSin.slice(t * half, (t + 1) * half), [1, 1, half]);
      const r = tf.reshape(x, [1, heads, d]);
      const a = tf.slice(r, [0, 0, 0], [1, heads, half]);
      const b = tf.slice(r, [0, 0, half], [1, heads, half]);
      const rotated = tf.concat([tf.sub(tf.mul(a, cosT), tf.mul(b, sinT)), tf.add(tf.mul(b, cosT), tf.mul(a, sinT))], 2);
      return tf.transpose(rotated, [1, 0, 2]) as TF.Tensor3D;
    });
  }

  /**
   * Appends token `id` at position `length` and returns its logits [V]. `sample`, when given, picks
   * the next token from the logits (timed as the sampling part).
   */
  async step(
    id: number,
    opts: { profile?: PartTimer; sample?: (logits: Float32Array) => number } = {},
  ): Promise<StepResult & { next: number | null }> {
    const tf = this.tf;
    const c = this.ckpt.config;
    const t = this.length;
    if (t >= c.maxPositions)
      throw new LmError('too-long', `${t + 1} tokens exceed the model's context of ${c.maxPositions}.`, {
        length: t + 1,
        max: c.maxPositions,
      });
    if (!Number.isInteger(id) || id < 0 || id >= c.vocabSize)
      throw new RangeError(`token id ${id} is outside the vocabulary of ${c.vocabSize}`);
    const parts = zeroParts();
    const syncs = zeroParts();
    const timer = opts.profile;
    const profile = timer !== undefined;
    const t0 = performance.now();
    // Runs fn (which returns new tensors) as `part`, timed when profiling.
    const timed = async <R extends TF.Tensor | TF.Tensor[]>(part: StepPart, fn: () => R): Promise<R> => {
      if (!timer) return fn();
      const { result, ms } = await timer(fn);
      syncs[part]++;
      parts[part] += ms;
      return result;
    };
    let h = await timed('norms', () => tf.gather(this.embed, [id]) as T2);
    for (let li = 0; li < this.layers.length; li++) {
      const L = this.layers[li];
      const x = await timed('norms', () => this.rmsNorm(h, L.inputNorm));
      const [q, k, v] = await timed('linear', () => [L.q.apply(x), L.k.apply(x), L.v.apply(x)]);
      x.dispose();
      const mixed = await timed('attention', () => {
        const kNew = this.rope(k, c.kvHeads, t);
        const vNew = tf.tidy(() => tf.transpose(tf.reshape(v, [1, c.kvHeads, c.headDim]), [1, 0, 2]) as TF.Tensor3D);
        const kAll = this.cacheK[li] ? tf.concat([this.cacheK[li], kNew], 1) : kNew;
        const vAll = this.cacheV[li] ? tf.concat([this.cacheV[li], vNew], 1) : vNew;
        if (this.cacheK[li]) tf.dispose([this.cacheK[li], this.cacheV[li], kNew, vNew]);
        this.cacheK[li] = kAll;
        this.cacheV[li] = vAll;
        return tf.tidy(() => {
          const qr = this.rope(q, c.heads, t);
          const p = tf.softmax(tf.mul(tf.matMul(qr, tf.gather(kAll, this.kvIndex), false, true), 1 / Math.sqrt(c.headDim)));
          return tf.reshape(tf.transpose(tf.matMul(p, tf.gather(vAll, this.kvIndex)), [1, 0, 2]), [1, c.heads * c.headDim]) as T2;
        });
      });
      tf.dispose([q, k, v]);
      const o = await timed('linear', () => L.o.apply(mixed));
      mixed.dispose();
      const [h1, y] = await timed('norms', () => {
        const sum = tf.add(h, o) as T2;
        return [sum, this.rmsNorm(sum, L.postNorm)];
      });
      tf.dispose([h, o]);
      const [g, u] = await timed('linear', () => [L.gate.apply(y), L.up.apply(y)]);
      y.dispose();
      const act = await timed('norms', () => tf.tidy(() => tf.mul(tf.mul(g, tf.sigmoid(g)), u) as T2));
      tf.dispose([g, u]);
      const down = await timed('linear', () => L.down.apply(act));
      act.dispose();
      h = await timed('norms', () => tf.add(h1, down) as T2);
      tf.dispose([h1, down]);
    }
    const xf = await timed('norms', () => this.rmsNorm(h, this.norm));
    h.dispose();
    const logitsT = await timed('linear', () => this.head.apply(xf));
    xf.dispose();
    const s = performance.now();
    const logits = (await logitsT.data()) as Float32Array;
    logitsT.dispose();
    const next = opts.sample ? opts.sample(logits) : null;
    if (profile) parts.sampling += performance.now() - s;
    this.length = t + 1;
    return { logits, parts, syncs, ms: performance.now() - t0, next };
  }
}
