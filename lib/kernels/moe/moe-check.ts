/**
 * Checks the MoE kernels against their twins, step by step. Each step's twin gets the
 * GPU's own inputs for that step (the GPU logits for top-k, the GPU permutation for the
 * grouped matmul, …), so a near-tie that rounds differently on the GPU cannot hide a real
 * error in a later step; the end-to-end row compares the GPU output with the pure
 * reference forward (lib/moe/dispatch.ts) on the GPU's routing, and says whether the GPU's
 * routing equals the CPU routing of the CPU logits.
 * Pass: lib/runtime/check-kernel.ts's rule, max |gpu − twin| <= 1e-4 · max(1, max |twin|) (integer
 * steps: no entry differs).
 */
import { moeDenseReference, moeForwardReference } from '../../moe/dispatch';
import { type Comparison, checkExact, checkKernel } from '../../runtime/check-kernel';
import type { KernelContext } from '../harness';
import { denseCombineReference, denseHiddenReference, denseOutputsReference } from './moe-dense-reference';
import {
  type MoeLayer,
  combineReference,
  countingSortReference,
  expertOffsetsReference,
  expertParamsOfLayer,
  groupedMatmulReference,
  routerLogitsReference,
  topKReference,
} from './moe-dispatch-reference';
import { paddedOffsets, paddedSortReference } from './moe-padded-reference';
import { runMoeDense } from './run-moe-dense';
import { runMoeDispatch } from './run-moe-dispatch';
import { runMoePadded } from './run-moe-padded';

export type StepName = 'logits' | 'topk-experts' | 'topk-weights' | 'offsets' | 'sort' | 'up' | 'down' | 'combine' | 'end-to-end';

export interface StepCheck extends Comparison {
  step: StepName;
  /** Integer steps: how many entries differ. */
  mismatches?: number;
  pass: boolean;
}

export interface PathCheck {
  path: 'dispatch' | 'dense' | 'padded';
  steps: StepCheck[];
  pass: boolean;
  /** Wall time of upload + run + readback, compile included on first use. */
  ms: number;
  /** Rows the expert matmuls computed (S, E·T or E·C). */
  rows: number;
  /** Padded path: slots dropped by the capacity. */
  dropped?: number;
  /** The GPU chose the same experts as the CPU routing of the CPU logits. */
  routingMatchesCpu: boolean;
}

export function floatStep<S extends string>(step: S, actual: ArrayLike<number>, expected: ArrayLike<number>) {
  const { tolerance: _t, bound: _b, ...c } = checkKernel(actual, expected);
  return { ...c, step };
}

export function intStep<S extends string>(step: S, actual: ArrayLike<number>, expected: ArrayLike<number>) {
  const { tolerance: _t, bound: _b, ...c } = checkExact(actual, expected);
  return { ...c, step };
}

function routingMatches(layer: MoeLayer, gpuExperts: Int32Array): boolean {
  const cpu = topKReference(
    routerLogitsReference(layer.x, layer.numTokens, layer.hidden, layer.router, layer.numExperts),
    layer.numTokens,
    layer.numExperts,
    layer.k,
    layer.weightMode,
  );
  return cpu.experts.every((e, i) => e === gpuExperts[i]);
}

function routingSteps(layer: MoeLayer, logits: Float32Array, experts: Int32Array, weights: Float32Array): StepCheck[] {
  const { numTokens: T, numExperts: E, k } = layer;
  const top = topKReference(logits, T, E, k, layer.weightMode);
  return [
    floatStep('logits', logits, routerLogitsReference(layer.x, T, layer.hidden, layer.router, E)),
    intStep('topk-experts', experts, top.experts),
    floatStep('topk-weights', weights, top.weights),
  ];
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * Runs `fn` inside a WebGPU validation error scope and throws the first validation error
 * (an invalid shader or binding would otherwise leave its outputs silently zero).
 */
async function withValidation<T>(ctx: KernelContext, fn: () => Promise<T>): Promise<T> {
  const device = ctx.backend.device;
  device.pushErrorScope('validation');
  let value: T;
  try {
    value = await fn();
  } finally {
    const error = await device.popErrorScope();
    if (error) throw new Error(`WebGPU validation error: ${error.message}`);
  }
  return value;
}

export async function checkDispatch(ctx: KernelContext, layer: MoeLayer): Promise<PathCheck> {
  const t0 = now();
  const r = await withValidation(ctx, () => runMoeDispatch(ctx, layer));
  const ms = now() - t0;
  const { numTokens: T, hidden: H, ffn: F, numExperts: E, k } = layer;
  const S = T * k;
  const steps = [
    ...routingSteps(layer, r.logits, r.experts, r.weights),
    intStep('offsets', r.offsets, expertOffsetsReference(r.experts, T, k, E)),
    intStep('sort', r.perm, countingSortReference(r.experts, T, k, E)),
    floatStep(
      'up',
      r.hidden,
      groupedMatmulReference({
        a: layer.x,
        aRows: T,
        w: layer.w1,
        bias: layer.b1,
        offsets: r.offsets,
        perm: r.perm,
        rows: S,
        inDim: H,
        outDim: F,
        slotsPerToken: k,
        rowSource: 'gather',
        activation: layer.activation,
      }),
    ),
    floatStep(
      'down',
      r.y,
      groupedMatmulReference({
        a: r.hidden,
        aRows: S,
        w: layer.w2,
        bias: layer.b2,
        offsets: r.offsets,
        perm: null,
        rows: S,
        inDim: F,
        outDim: H,
        slotsPerToken: 1,
        rowSource: 'direct',
        activation: 'none',
      }),
    ),
    floatStep('combine', r.out, combineReference(r.y, r.weights, r.perm, S, T, H, k)),
    floatStep(
      'end-to-end',
      r.out,
      moeForwardReference(layer.x, T, { experts: r.experts, weights: r.weights, k }, expertParamsOfLayer(layer), layer.activation),
    ),
  ];
  return { path: 'dispatch', steps, pass: steps.every((s) => s.pass), ms, rows: S, routingMatchesCpu: routingMatches(layer, r.experts) };
}

export async function checkDense(ctx: KernelContext, layer: MoeLayer): Promise<PathCheck> {
  const t0 = now();
  const r = await withValidation(ctx, () => runMoeDense(ctx, layer));
  const ms = now() - t0;
  const { numTokens: T, hidden: H, numExperts: E, k } = layer;
  const hiddenRef = denseHiddenReference(layer);
  const steps = [
    ...routingSteps(layer, r.logits, r.experts, r.weights),
    floatStep('up', r.hidden, hiddenRef),
    floatStep('down', r.y, denseOutputsReference(layer, r.hidden)),
    floatStep('combine', r.out, denseCombineReference(r.y, r.experts, r.weights, T, H, k, E)),
    floatStep(
      'end-to-end',
      r.out,
      moeDenseReference(layer.x, T, { experts: r.experts, weights: r.weights, k }, expertParamsOfLayer(layer), layer.activation),
    ),
  ];
  return { path: 'dense', steps, pass: steps.every((s) => s.pass), ms, rows: E * T, routingMatchesCpu: routingMatches(layer, r.experts) };
}

export async function checkPadded(ctx: KernelContext, layer: MoeLayer, capacity: number): Promise<PathCheck> {
  const t0 = now();
  const r = await withValidation(ctx, () => runMoePadded(ctx, layer, capacity));
  const ms = now() - t0;
  const { numTokens: T, hidden: H, ffn: F, numExperts: E, k } = layer;
  const rows = E * capacity;
  const offsets = paddedOffsets(E, capacity);
  const sortRef = paddedSortReference(r.experts, T, k, E, capacity);
  const kept = new Int32Array(r.experts);
  let dropped = 0;
  for (let s = 0; s < kept.length; s++) {
    if (sortRef[rows + s] < 0) {
      kept[s] = -1;
      dropped++;
    }
  }
  const steps = [
    ...routingSteps(layer, r.logits, r.experts, r.weights),
    intStep('sort', r.perm, sortRef),
    floatStep(
      'up',
      r.hidden,
      groupedMatmulReference({
        a: layer.x,
        aRows: T,
        w: layer.w1,
        bias: layer.b1,
        offsets,
        perm: r.perm,
        rows,
        inDim: H,
        outDim: F,
        slotsPerToken: k,
        rowSource: 'gather',
        activation: layer.activation,
      }),
    ),
    floatStep(
      'down',
      r.y,
      groupedMatmulReference({
        a: r.hidden,
        aRows: rows,
        w: layer.w2,
        bias: layer.b2,
        offsets,
        perm: null,
        rows,
        inDim: F,
        outDim: H,
        slotsPerToken: 1,
        rowSource: 'direct',
        activation: 'none',
      }),
    ),
    floatStep('combine', r.out, combineReference(r.y, r.weights, r.perm, rows, T, H, k)),
    floatStep(
      'end-to-end',
      r.out,
      moeForwardReference(layer.x, T, { experts: kept, weights: r.weights, k }, expertParamsOfLayer(layer), layer.activation),
    ),
  ];
  return {
    path: 'padded',
    steps,
    pass: steps.every((s) => s.pass),
    ms,
    rows,
    dropped,
    routingMatchesCpu: routingMatches(layer, r.experts),
  };
}

/** Runs all three paths in turn (dispatch, dense, padded). */
export async function checkMoeKernels(ctx: KernelContext, layer: MoeLayer, capacity: number): Promise<PathCheck[]> {
  return [await checkDispatch(ctx, layer), await checkDense(ctx, layer), await checkPadded(ctx, layer, capacity)];
}
