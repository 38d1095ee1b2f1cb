/**
 * Runs the padded MoE dispatch on WebGPU: fixed capacity C rows per expert ([E·C] rows
 * whatever the load), slots over capacity dropped, padding rows computed on zeros.
 * Same router, top-k, sort (padded mode), grouped matmul and combine programs as the
 * dispatch path. Twin: moe-padded-reference.ts.
 */
import type * as TF from '@tensorflow/tfjs';
import { type KernelContext, runProgram } from '../harness';
import { MoeCombineProgram } from './moe-combine-program';
import type { MoeLayer } from './moe-dispatch-reference';
import { type GroupedMatmulShape, MoeGroupedMatmulProgram } from './moe-matmul-program';
import { MoeCountingSortProgram } from './moe-sort-program';
import { type UploadedMoeLayer, matmul, readSteps, routeOnGpu, uploadMoeLayer } from './run-moe-dispatch';

/** Offsets e·C of the padded buffer, uploaded once. */
export function uploadPaddedOffsets(ctx: KernelContext, layer: MoeLayer, capacity: number): TF.Tensor {
  return ctx.tf.tensor1d(
    Int32Array.from({ length: layer.numExperts + 1 }, (_, e) => e * capacity),
    'int32',
  );
}

export interface PaddedTensors {
  logits: TF.Tensor;
  experts: TF.Tensor;
  weights: TF.Tensor;
  perm: TF.Tensor;
  hidden: TF.Tensor;
  y: TF.Tensor;
  out: TF.Tensor;
}

export function moePaddedSteps(ctx: KernelContext, up: UploadedMoeLayer, capacity: number, paddedOffsets: TF.Tensor): PaddedTensors {
  const { numTokens: T, hidden: H, ffn: F, numExperts: E, k, activation } = up.layer;
  const S = T * k;
  const rows = E * capacity;
  const { logits, experts, weights } = routeOnGpu(ctx, up);
  const perm = runProgram(
    ctx,
    new MoeCountingSortProgram(S, E, rows, true),
    [experts],
    [S, E, rows, capacity].map((v) => ({ type: 'int32' as const, data: [v] })),
    'int32',
  );
  const s1: GroupedMatmulShape = { rows, inDim: H, outDim: F, aRows: T, groups: E, slotsPerToken: k };
  const hidden = matmul(ctx, new MoeGroupedMatmulProgram(s1, 'gather', activation, true), s1, [up.x, up.w1, up.b1, paddedOffsets, perm]);
  const s2: GroupedMatmulShape = { rows, inDim: F, outDim: H, aRows: rows, groups: E, slotsPerToken: 1 };
  const y = matmul(ctx, new MoeGroupedMatmulProgram(s2, 'direct', 'none', true), s2, [hidden, up.w2, up.b2, paddedOffsets]);
  const out = runProgram(
    ctx,
    new MoeCombineProgram(T, H),
    [y, weights, perm],
    [T, H, k, rows].map((v) => ({ type: 'int32' as const, data: [v] })),
  );
  return { logits, experts, weights, perm, hidden, y, out };
}

/** Enqueues one padded forward, frees the intermediates, returns out [T, H] (caller disposes). */
export function moePadded(ctx: KernelContext, up: UploadedMoeLayer, capacity: number, paddedOffsets: TF.Tensor): TF.Tensor {
  const { out, ...rest } = moePaddedSteps(ctx, up, capacity, paddedOffsets);
  ctx.tf.dispose(Object.values(rest));
  return out;
}

export interface PaddedReadback {
  logits: Float32Array;
  experts: Int32Array;
  weights: Float32Array;
  perm: Int32Array;
  hidden: Float32Array;
  y: Float32Array;
  out: Float32Array;
}

export async function runMoePadded(ctx: KernelContext, layer: MoeLayer, capacity: number): Promise<PaddedReadback> {
  const up = uploadMoeLayer(ctx, layer);
  const offsets = uploadPaddedOffsets(ctx, layer, capacity);
  try {
    return (await readSteps(
      moePaddedSteps(ctx, up, capacity, offsets) as unknown as Record<keyof PaddedReadback, TF.Tensor>,
    )) as unknown as PaddedReadback;
  } finally {
    offsets.dispose();
    up.dispose();
  }
}
