/**
 * Seeded random Q, K, V for the lab's real attention computations: standard normal
 * entries (lib/random.ts normalArray), so q·k/sqrt(d) has unit variance and softmax rows
 * are neither flat nor one-hot. Each head and each of Q, K, V gets its own stream, seeded
 * from (seed, head, tensor), so one head's inputs can be made without the others' and the
 * kernels, their twins and the probability picture all see the same numbers.
 * Layout: [heads, seqLen, headDim], row-major.
 */
import { normalArray } from '../../random';
import type { AttentionShape } from './attention-dense-reference';

export interface AttentionInputs {
  q: Float32Array;
  k: Float32Array;
  v: Float32Array;
}

/** The 32-bit seed of tensor t (0 = Q, 1 = K, 2 = V) of one head. */
export function streamSeed(seed: number, head: number, tensor: 0 | 1 | 2): number {
  let x = (seed >>> 0) ^ Math.imul(head + 1, 0x9e3779b1) ^ Math.imul(tensor + 1, 0x85ebca77);
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Q, K, V of one head: each [seqLen, headDim]. */
export function headInputs(seed: number, head: number, seqLen: number, headDim: number): AttentionInputs {
  const size = seqLen * headDim;
  return {
    q: normalArray(size, streamSeed(seed, head, 0)),
    k: normalArray(size, streamSeed(seed, head, 1)),
    v: normalArray(size, streamSeed(seed, head, 2)),
  };
}

/** Q, K, V of every head: each [heads, seqLen, headDim]. */
export function attentionInputs(seed: number, shape: AttentionShape): AttentionInputs {
  const { heads, seqLen, headDim } = shape;
  const size = seqLen * headDim;
  const out = { q: new Float32Array(heads * size), k: new Float32Array(heads * size), v: new Float32Array(heads * size) };
  for (let h = 0; h < heads; h++) {
    const one = headInputs(seed, h, seqLen, headDim);
    out.q.set(one.q, h * size);
    out.k.set(one.k, h * size);
    out.v.set(one.v, h * size);
  }
  return out;
}
