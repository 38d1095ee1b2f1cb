/**
 * Runs the MoE dispatch path on WebGPU through the kernel harness:
 *   1 router logits   MoeGroupedMatmulProgram ('direct', one group)      [T, E]
 *   2 top-k           MoeTopKProgram × 2 (experts int32, weights f32)    [T·k]
 *   3 offsets         MoeExpertOffsetsProgram                            [E + 1]
 *   4 counting sort   MoeCountingSortProgram (grouped)                   [S + S] perm | position
 *   5 up-projection   MoeGroupedMatmulProgram ('gather', act, bias)      [S, F]   one launch, all experts
 *   6 down-projection MoeGroupedMatmulProgram ('direct', bias)           [S, H]   one launch, all experts
 *   7 combine         MoeCombineProgram                                  [T, H]
 * Twins: moe-dispatch-reference.ts. Every tensor is disposed (readback copies the data).
 */
import type * as TF from '@tensorflow/tfjs';
import { type KernelContext, runProgram } from '../harness';
import { MoeCombineProgram } from './moe-combine-program';
import type { MoeLayer } from './moe-dispatch-reference';
import { type GroupedMatmulShape, MoeGroupedMatmulProgram } from './moe-matmul-program';
import { MoeCountingSortProgram, MoeExpertOffsetsProgram } from './moe-sort-program';
import { MoeTopKProgram, WEIGHT_MODES } from './moe-topk-program';

/** A layer's tensors on the GPU, for repeated runs (timing). Dispose when done. */
export interface UploadedMoeLayer {
  layer: MoeLayer;
  x: TF.Tensor;
  router: TF.Tensor;
  w1: TF.Tensor;
  b1: TF.Tensor;
  w2: TF.Tensor;
  b2: TF.Tensor;
  /** [0, T]: the router matmul's single group. */
  routerOffsets: TF.Tensor;
  dispose(): void;
}

export function uploadMoeLayer(ctx: KernelContext, layer: MoeLayer): UploadedMoeLayer {
  const { tf } = ctx;
  const { numTokens: T, hidden: H, ffn: F, numExperts: E } = layer;
  const t = {
    x: tf.tensor2d(layer.x, [T, H]),
    router: tf.tensor3d(layer.router, [1, H, E]),
    w1: tf.tensor3d(layer.w1, [E, H, F]),
    b1: tf.tensor2d(layer.b1, [E, F]),
    w2: tf.tensor3d(layer.w2, [E, F, H]),
    b2: tf.tensor2d(layer.b2, [E, H]),
    routerOffsets: tf.tensor1d(Int32Array.from([0, T]), 'int32'),
  };
  return { layer, ...t, dispose: () => tf.dispose(Object.values(t)) };
}

export function matmul(ctx: KernelContext, program: MoeGroupedMatmulProgram, shape: GroupedMatmulShape, inputs: TF.Tensor[]): TF.Tensor {
  return runProgram(ctx, program, inputs, MoeGroupedMatmulProgram.uniformsFor(shape));
}

/** Steps 1–2: router logits and top-k routing (shared by the dispatch, dense and padded paths). */
export function routeOnGpu(ctx: KernelContext, up: UploadedMoeLayer): { logits: TF.Tensor; experts: TF.Tensor; weights: TF.Tensor } {
  const { numTokens: T, hidden: H, numExperts: E, k, weightMode } = up.layer;
  const shape: GroupedMatmulShape = { rows: T, inDim: H, outDim: E, aRows: T, groups: 1, slotsPerToken: 1 };
  const logits = matmul(ctx, new MoeGroupedMatmulProgram(shape, 'direct', 'none', false), shape, [up.x, up.router, up.routerOffsets]);
  const uniforms = [T, E, k, WEIGHT_MODES[weightMode]].map((v) => ({ type: 'int32' as const, data: [v] }));
  const experts = runProgram(ctx, new MoeTopKProgram(T, k, 'experts'), [logits], uniforms, 'int32');
  const weights = runProgram(ctx, new MoeTopKProgram(T, k, 'weights'), [logits], uniforms, 'float32');
  return { logits, experts, weights };
}

/** Every intermediate of one dispatch run (tensors, caller disposes). */
export interface DispatchTensors {
  logits: TF.Tensor;
  experts: TF.Tensor;
  weights: TF.Tensor;
  offsets: TF.Tensor;
  perm: TF.Tensor;
  hidden: TF.Tensor;
  y: TF.Tensor;
  out: TF.Tensor;
}

/** Enqueues the whole dispatch path; returns every intermediate (caller disposes all). */
export function moeDispatchSteps(ctx: KernelContext, up: UploadedMoeLayer): DispatchTensors {
  const { numTokens: T, hidden: H, ffn: F, numExperts: E, k, activation } = up.layer;
  const S = T * k;
  const { logits, experts, weights } = routeOnGpu(ctx, up);
  const offsets = runProgram(
    ctx,
    new MoeExpertOffsetsProgram(E),
    [experts],
    [S, E].map((v) => ({ type: 'int32' as const, data: [v] })),
    'int32',
  );
  const perm = runProgram(
    ctx,
    new MoeCountingSortProgram(S, E, S, false),
    [experts, offsets],
    [S, E, S, 0].map((v) => ({ type: 'int32' as const, data: [v] })),
    'int32',
  );
  const up1: GroupedMatmulShape = { rows: S, inDim: H, outDim: F, aRows: T, groups: E, slotsPerToken: k };
  const hidden = matmul(ctx, new MoeGroupedMatmulProgram(up1, 'gather', activation, true), up1, [up.x, up.w1, up.b1, offsets, perm]);
  const down: GroupedMatmulShape = { rows: S, inDim: F, outDim: H, aRows: S, groups: E, slotsPerToken: 1 };
  const y = matmul(ctx, new MoeGroupedMatmulProgram(down, 'direct', 'none', true), down, [hidden, up.w2, up.b2, offsets]);
  const out = runProgram(
    ctx,
    new MoeCombineProgram(T, H),
    [y, weights, perm],
    [T, H, k, S].map((v) => ({ type: 'int32' as const, data: [v] })),
  );
  return { logits, experts, weights, offsets, perm, hidden, y, out };
}

/** Enqueues one dispatch forward and frees the intermediates; returns out [T, H] (caller disposes). */
export function moeDispatch(ctx: KernelContext, up: UploadedMoeLayer): TF.Tensor {
  const steps = moeDispatchSteps(ctx, up);
  const { out, ...rest } = steps;
  ctx.tf.dispose(Object.values(rest));
  return out;
}

export interface DispatchReadback {
  logits: Float32Array;
  experts: Int32Array;
  weights: Float32Array;
  offsets: Int32Array;
  perm: Int32Array;
  hidden: Float32Array;
  y: Float32Array;
  out: Float32Array;
}

/** Reads every tensor of `steps` back and disposes them. */
export async function readSteps<K extends string>(steps: Record<K, TF.Tensor>): Promise<Record<K, Float32Array | Int32Array>> {
  const out = {} as Record<K, Float32Array | Int32Array>;
  try {
    for (const key of Object.keys(steps) as K[]) out[key] = (await steps[key].data()) as Float32Array | Int32Array;
  } finally {
    for (const t of Object.values(steps) as TF.Tensor[]) t.dispose();
  }
  return out;
}

/** Uploads, runs the dispatch path once, reads every step back and frees everything. */
export async function runMoeDispatch(ctx: KernelContext, layer: MoeLayer): Promise<DispatchReadback> {
  const up = uploadMoeLayer(ctx, layer);
  try {
    return (await readSteps(
      moeDispatchSteps(ctx, up) as unknown as Record<keyof DispatchReadback, TF.Tensor>,
    )) as unknown as DispatchReadback;
  } finally {
    up.dispose();
  }
}
