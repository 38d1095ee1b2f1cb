/**
 * The MoE dispatch path for a Mixtral (SwiGLU) layer, on WebGPU through the kernel harness, and
 * its step-by-step check. The same programs as run-moe-dispatch.ts with SwiGLU experts:
 *   1 router logits   MoeGroupedMatmulProgram ('direct', one group)            [T, E]
 *   2 top-k           MoeTopKProgram × 2, Mixtral weights p/Σp                 [T·k]
 *   3 offsets         MoeExpertOffsetsProgram                                  [E + 1]
 *   4 counting sort   MoeCountingSortProgram                                   [S + S]
 *   5 gate | up       MoeGroupedMatmulProgram ('gather', no activation) on w13  [S, 2F]
 *   6 SwiGLU          silu(gate) ⊙ up (tfjs ops on the same backend)           [S, F]
 *   7 down            MoeGroupedMatmulProgram ('direct') on w2                 [S, H]
 *   8 combine         MoeCombineProgram                                        [T, H]
 * Twins: moe-dispatch-reference.ts for each program (swigluRows for step 6), and the model's float64
 * MoE block (lib/lm/moe-layer.ts moeBlockReference) end to end.
 */
import type * as TF from '@tensorflow/tfjs';
import { type KernelContext, runProgram } from '../harness';
import { type StepCheck, floatStep, intStep } from './moe-check';
import { MoeCombineProgram } from './moe-combine-program';
import {
  combineReference,
  countingSortReference,
  expertOffsetsReference,
  groupedMatmulReference,
  routerLogitsReference,
  swigluRows,
  topKReference,
} from './moe-dispatch-reference';
import { type GroupedMatmulShape, MoeGroupedMatmulProgram } from './moe-matmul-program';
import { MoeCountingSortProgram, MoeExpertOffsetsProgram } from './moe-sort-program';
import { MoeTopKProgram, WEIGHT_MODES } from './moe-topk-program';

/** One layer's MoE block on a text, for this dispatch path (the MoE lab's worker sends it: lib/lm/moe-protocol.ts). */
export interface LayerInputs {
  layer: number;
  numTokens: number;
  hidden: number;
  ffn: number;
  numExperts: number;
  k: number;
  /** [n, H] the block's input y = RMSNorm(h) as the tfjs path computed it. */
  x: Float32Array;
  /** [H, E] the router, transposed from Hugging Face's [E, H]. */
  router: Float32Array;
  /** [E, H, 2F] each expert's gate (w1) and up (w3) projections side by side, transposed. */
  w13: Float32Array;
  /** [E, F, H] each expert's down projection (w2), transposed. */
  w2: Float32Array;
  /** [n, H] the block's output in float64 on x with the trained routing (lib/lm/reference.ts mixExperts). */
  reference: Float64Array;
  /** [n, k] the float64 routing of x. */
  referenceExperts: Int32Array;
}

export type SwigluStep =
  'logits' | 'topk-experts' | 'topk-weights' | 'offsets' | 'sort' | 'up' | 'swiglu' | 'down' | 'combine' | 'end-to-end';

export interface SwigluCheck {
  steps: (Omit<StepCheck, 'step'> & { step: SwigluStep })[];
  pass: boolean;
  ms: number;
  /** The GPU chose the experts of the float64 reference. */
  routingMatchesReference: boolean;
}

const i32 = (values: number[]) => values.map((v) => ({ type: 'int32' as const, data: [v] }));

/** Runs every step on the GPU and reads each back (every tensor disposed). */
async function runSwiglu(ctx: KernelContext, L: LayerInputs) {
  const { tf } = ctx;
  const { numTokens: T, hidden: H, ffn: F, numExperts: E, k } = L;
  const S = T * k;
  const keep: TF.Tensor[] = [];
  const t = <X extends TF.Tensor>(x: X) => (keep.push(x), x);
  try {
    const x = t(tf.tensor2d(L.x, [T, H]));
    const router = t(tf.tensor3d(L.router, [1, H, E]));
    const w13 = t(tf.tensor3d(L.w13, [E, H, 2 * F]));
    const w2 = t(tf.tensor3d(L.w2, [E, F, H]));
    const routerOffsets = t(tf.tensor1d(Int32Array.from([0, T]), 'int32'));
    const rShape: GroupedMatmulShape = { rows: T, inDim: H, outDim: E, aRows: T, groups: 1, slotsPerToken: 1 };
    const logits = t(
      runProgram(
        ctx,
        new MoeGroupedMatmulProgram(rShape, 'direct', 'none', false),
        [x, router, routerOffsets],
        MoeGroupedMatmulProgram.uniformsFor(rShape),
      ),
    );
    const topU = i32([T, E, k, WEIGHT_MODES.mixtral]);
    const experts = t(runProgram(ctx, new MoeTopKProgram(T, k, 'experts'), [logits], topU, 'int32'));
    const weights = t(runProgram(ctx, new MoeTopKProgram(T, k, 'weights'), [logits], topU, 'float32'));
    const offsets = t(runProgram(ctx, new MoeExpertOffsetsProgram(E), [experts], i32([S, E]), 'int32'));
    const perm = t(runProgram(ctx, new MoeCountingSortProgram(S, E, S, false), [experts, offsets], i32([S, E, S, 0]), 'int32'));
    const upShape: GroupedMatmulShape = { rows: S, inDim: H, outDim: 2 * F, aRows: T, groups: E, slotsPerToken: k };
    const gu = t(
      runProgram(
        ctx,
        new MoeGroupedMatmulProgram(upShape, 'gather', 'none', false),
        [x, w13, offsets, perm],
        MoeGroupedMatmulProgram.uniformsFor(upShape),
      ),
    );
    const act = t(
      tf.tidy(() => {
        const g = tf.slice(gu, [0, 0], [S, F]);
        return tf.mul(tf.mul(g, tf.sigmoid(g)), tf.slice(gu, [0, F], [S, F]));
      }),
    );
    const downShape: GroupedMatmulShape = { rows: S, inDim: F, outDim: H, aRows: S, groups: E, slotsPerToken: 1 };
    const y = t(
      runProgram(
        ctx,
        new MoeGroupedMatmulProgram(downShape, 'direct', 'none', false),
        [act, w2, offsets],
        MoeGroupedMatmulProgram.uniformsFor(downShape),
      ),
    );
    const out = t(runProgram(ctx, new MoeCombineProgram(T, H), [y, weights, perm], i32([T, H, k, S])));
    const read = async (z: TF.Tensor) => (await z.data()) as Float32Array | Int32Array;
    return {
      logits: (await read(logits)) as Float32Array,
      experts: (await read(experts)) as Int32Array,
      weights: (await read(weights)) as Float32Array,
      offsets: (await read(offsets)) as Int32Array,
      perm: (await read(perm)) as Int32Array,
      gu: (await read(gu)) as Float32Array,
      act: (await read(act)) as Float32Array,
      y: (await read(y)) as Float32Array,
      out: (await read(out)) as Float32Array,
    };
  } finally {
    tf.dispose(keep);
  }
}

/**
 * Runs the SwiGLU dispatch path on the model's layer and checks each step against its twin fed
 * with the GPU's own inputs to that step (as moe-check.ts), and the output against the model's
 * float64 block (LayerInputs.reference), by lib/runtime/check-kernel.ts's rule.
 */
export async function checkSwigluDispatch(ctx: KernelContext, L: LayerInputs): Promise<SwigluCheck> {
  const { numTokens: T, hidden: H, ffn: F, numExperts: E, k } = L;
  const S = T * k;
  const t0 = performance.now();
  const device = ctx.backend.device;
  device.pushErrorScope('validation');
  let r: Awaited<ReturnType<typeof runSwiglu>>;
  try {
    r = await runSwiglu(ctx, L);
  } finally {
    const error = await device.popErrorScope();
    if (error) throw new Error(`WebGPU validation error: ${error.message}`);
  }
  const ms = performance.now() - t0;
  const top = topKReference(r.logits, T, E, k, 'mixtral');
  const gu = groupedMatmulReference({
    a: L.x,
    aRows: T,
    w: L.w13,
    bias: null,
    offsets: r.offsets,
    perm: r.perm,
    rows: S,
    inDim: H,
    outDim: 2 * F,
    slotsPerToken: k,
    rowSource: 'gather',
    activation: 'none',
  });
  const steps = [
    floatStep('logits', r.logits, routerLogitsReference(L.x, T, H, L.router, E)),
    intStep('topk-experts', r.experts, top.experts),
    floatStep('topk-weights', r.weights, top.weights),
    intStep('offsets', r.offsets, expertOffsetsReference(r.experts, T, k, E)),
    intStep('sort', r.perm, countingSortReference(r.experts, T, k, E)),
    floatStep('up', r.gu, gu),
    floatStep('swiglu', r.act, swigluRows(r.gu, S, F)),
    floatStep(
      'down',
      r.y,
      groupedMatmulReference({
        a: r.act,
        aRows: S,
        w: L.w2,
        bias: null,
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
    floatStep('end-to-end', r.out, L.reference),
  ];
  const routingMatchesReference = L.referenceExperts.every((e, i) => e === r.experts[i]);
  return { steps, pass: steps.every((s) => s.pass), ms, routingMatchesReference };
}
