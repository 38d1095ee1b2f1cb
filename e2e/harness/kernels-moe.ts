/** The MoE dispatch paths, step by step, against their twins (see kernels-entry.ts). */
import type { LayerWeights } from '../../lib/lm/checkpoint';
import { moeBlockReference, packSwigluLayer } from '../../lib/lm/moe-layer';
import type { LayerInputs } from '../../lib/lm/moe-protocol';
import { normalArray } from '../../lib/random';
import { kernelBound } from '../../lib/runtime/check-kernel';
import type { KernelContext } from '../../lib/kernels/harness';
import { type StepCheck, checkDense, checkDispatch, checkPadded } from '../../lib/kernels/moe/moe-check';
import { makeSyntheticLayer } from '../../lib/kernels/moe/moe-dispatch-reference';
import { paddedCapacity } from '../../lib/kernels/moe/moe-padded-reference';
import { checkSwigluDispatch } from '../../lib/kernels/moe/run-moe-swiglu';

// ---------------------------------------------------------------- MoE

/** One result per step of a path check (moe-check.ts: each step's twin gets the GPU's own inputs). */
function stepResults(steps: (Omit<StepCheck, 'step'> & { step: string })[], programs: Record<string, string> = {}) {
  return steps.map((s) =>
    s.mismatches !== undefined
      ? {
          step: s.step,
          program: programs[s.step] ?? STEP_PROGRAMS[s.step] ?? s.step,
          maxAbsError: s.mismatches,
          scale: s.scale,
          tolerance: 0,
          maxAbsOutput: null,
        }
      : {
          step: s.step,
          program: programs[s.step] ?? STEP_PROGRAMS[s.step] ?? s.step,
          maxAbsError: s.maxAbsError,
          scale: s.scale,
          tolerance: kernelBound(s.scale),
          maxAbsOutput: null,
        },
  );
}

/** A synthetic Mixtral block (router [E, H], SwiGLU experts) and its float64 reference, as the MoE lab's worker builds LayerInputs. */
function swigluInputs(seed: number): LayerInputs {
  const [n, H, F, E, k] = [24, 32, 48, 4, 2];
  const moe: NonNullable<LayerWeights['moe']> = {
    router: normalArray(E * H, seed, 1 / Math.sqrt(H)),
    experts: Array.from({ length: E }, (_, e) => ({
      gate: normalArray(F * H, seed + 10 * e + 1, 1 / Math.sqrt(H)),
      up: normalArray(F * H, seed + 10 * e + 2, 1 / Math.sqrt(H)),
      down: normalArray(H * F, seed + 10 * e + 3, 1 / Math.sqrt(F)),
    })),
  };
  const x = normalArray(n * H, seed + 99);
  const ref = moeBlockReference(moe, x, n, H, F, k);
  const packed = packSwigluLayer(moe, H, F);
  return {
    layer: 0,
    numTokens: n,
    hidden: H,
    ffn: F,
    numExperts: E,
    k,
    x,
    router: packed.router,
    w13: packed.w13,
    w2: packed.w2,
    reference: ref.out,
    referenceExperts: ref.chosen,
  };
}

interface MoeCheck {
  id: string;
  program: string;
  run: (ctx: KernelContext) => Promise<ReturnType<typeof stepResults>>;
}

const STEP_PROGRAMS: Record<string, string> = {
  logits: 'MoeGroupedMatmulProgram direct (router)',
  'topk-experts': 'MoeTopKProgram experts',
  'topk-weights': 'MoeTopKProgram weights',
  offsets: 'MoeExpertOffsetsProgram',
  sort: 'MoeCountingSortProgram grouped',
  up: 'MoeGroupedMatmulProgram gather (up)',
  swiglu: 'silu(gate) ⊙ up (tfjs ops)',
  down: 'MoeGroupedMatmulProgram direct (down)',
  combine: 'MoeCombineProgram',
  'end-to-end': 'the whole path',
};

/** Facts a family's run reports beside its results (e.g. slots the padded path dropped). */
export const facts: Record<string, number> = {};

export function moeChecks(): MoeCheck[] {
  const sizes = { numTokens: 40, hidden: 32, ffn: 48, numExperts: 8, k: 2 };
  const out: MoeCheck[] = [];
  // dispatch (gather rows, grouped sort), one layer per top-k weight mode and activation
  for (const [weightMode, activation] of [
    ['mixtral', 'gelu'],
    ['gshard', 'relu'],
    ['source', 'gelu'],
  ] as const) {
    const layer = makeSyntheticLayer({ ...sizes, weightMode, activation }, 3);
    out.push({
      id: `dispatch-${weightMode}-${activation}`,
      program: `dispatch path (${weightMode} weights, ${activation})`,
      run: async (ctx) => stepResults((await checkDispatch(ctx, layer)).steps),
    });
  }
  {
    const layer = makeSyntheticLayer(sizes, 4);
    out.push({
      id: 'dense',
      program: 'dense path',
      run: async (ctx) =>
        stepResults((await checkDense(ctx, layer)).steps, {
          up: 'MoeGroupedMatmulProgram broadcast (up)',
          combine: 'MoeDenseCombineProgram',
        }),
    });
    // capacity factor 1 on a skewed layer: the padded sort drops slots
    const skewed = makeSyntheticLayer({ ...sizes, skew: 0.5 }, 5);
    const capacity = paddedCapacity(skewed, 1);
    out.push({
      id: 'padded',
      program: 'padded path (padded counting sort, capacity factor 1)',
      run: async (ctx) => {
        const r = await checkPadded(ctx, skewed, capacity);
        facts.paddedDropped = r.dropped ?? 0;
        return stepResults(r.steps, { sort: 'MoeCountingSortProgram padded' });
      },
    });
  }
  {
    const inputs = swigluInputs(6);
    out.push({
      id: 'swiglu',
      program: 'Mixtral SwiGLU dispatch path',
      run: async (ctx) => stepResults((await checkSwigluDispatch(ctx, inputs)).steps),
    });
  }
  return out;
}
