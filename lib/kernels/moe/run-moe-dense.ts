/**
 * Runs the dense MoE baseline on WebGPU: the same router and top-k as the dispatch path,
 * then EVERY expert on EVERY token with the same tiled matmul program (one launch over
 * E groups of T rows each, rows reading token p mod T), and a combine that masks by the
 * gate matrix. E/k times the expert FLOPs of the dispatch path. Twin: moe-dense-reference.ts.
 */
import type * as TF from '@tensorflow/tfjs';
import type { KernelContext } from '../harness';
import { runProgram } from '../harness';
import { MoeDenseCombineProgram } from './moe-combine-program';
import type { MoeLayer } from './moe-dispatch-reference';
import { type GroupedMatmulShape, MoeGroupedMatmulProgram } from './moe-matmul-program';
import { type UploadedMoeLayer, matmul, readSteps, routeOnGpu, uploadMoeLayer } from './run-moe-dispatch';

/** The dense path's constant offsets e·T, uploaded once per layer. */
export function uploadDenseOffsets(ctx: KernelContext, layer: MoeLayer): TF.Tensor {
  return ctx.tf.tensor1d(
    Int32Array.from({ length: layer.numExperts + 1 }, (_, e) => e * layer.numTokens),
    'int32',
  );
}

export interface DenseTensors {
  logits: TF.Tensor;
  experts: TF.Tensor;
  weights: TF.Tensor;
  hidden: TF.Tensor;
  y: TF.Tensor;
  out: TF.Tensor;
}

/** Enqueues the dense path; returns every intermediate (caller disposes). */
export function moeDenseSteps(ctx: KernelContext, up: UploadedMoeLayer, denseOffsets: TF.Tensor): DenseTensors {
  const { numTokens: T, hidden: H, ffn: F, numExperts: E, k, activation } = up.layer;
  const { logits, experts, weights } = routeOnGpu(ctx, up);
  const s1: GroupedMatmulShape = { rows: E * T, inDim: H, outDim: F, aRows: T, groups: E, slotsPerToken: 1 };
  const hidden = matmul(ctx, new MoeGroupedMatmulProgram(s1, 'broadcast', activation, true), s1, [up.x, up.w1, up.b1, denseOffsets]);
  const s2: GroupedMatmulShape = { rows: E * T, inDim: F, outDim: H, aRows: E * T, groups: E, slotsPerToken: 1 };
  const y = matmul(ctx, new MoeGroupedMatmulProgram(s2, 'direct', 'none', true), s2, [hidden, up.w2, up.b2, denseOffsets]);
  const out = runProgram(
    ctx,
    new MoeDenseCombineProgram(T, H),
    [y, experts, weights],
    [T, H, k, E].map((v) => ({ type: 'int32' as const, data: [v] })),
  );
  return { logits, experts, weights, hidden, y, out };
}

/** Enqueues one dense forward, frees the intermediates, returns out [T, H] (caller disposes). */
export function moeDense(ctx: KernelContext, up: UploadedMoeLayer, denseOffsets: TF.Tensor): TF.Tensor {
  const { out, ...rest } = moeDenseSteps(ctx, up, denseOffsets);
  ctx.tf.dispose(Object.values(rest));
  return out;
}

export interface DenseReadback {
  logits: Float32Array;
  experts: Int32Array;
  weights: Float32Array;
  hidden: Float32Array;
  y: Float32Array;
  out: Float32Array;
}

/** Uploads, runs the dense path once, reads every step back and frees everything. */
export async function runMoeDense(ctx: KernelContext, layer: MoeLayer): Promise<DenseReadback> {
  const up = uploadMoeLayer(ctx, layer);
  const offsets = uploadDenseOffsets(ctx, layer);
  try {
    return (await readSteps(
      moeDenseSteps(ctx, up, offsets) as unknown as Record<keyof DenseReadback, TF.Tensor>,
    )) as unknown as DenseReadback;
  } finally {
    offsets.dispose();
    up.dispose();
  }
}
