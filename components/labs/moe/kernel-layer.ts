import type { MoeLayer } from '@/lib/kernels/moe/moe-dispatch-reference';
import { makeSyntheticLayer } from '@/lib/kernels/moe/moe-dispatch-reference';
import { TOPK_MAX_K, type WeightMode } from '@/lib/kernels/moe/moe-topk-program';
import { SORT_MAX_EXPERTS } from '@/lib/kernels/moe/moe-sort-program';
import { TOKENS_PER_DIGIT } from '@/lib/models/moe-classifier';
import type { RoutingVariant } from '@/lib/moe/variants';
import type { MoeState } from '@/lib/state/moe';
import type { LabModel, PreparedModel } from './use-mnist-moe';

/** Gate weighting the kernels use for a routing variant (they implement token-choice top-k). */
export function weightModeOf(variant: RoutingVariant): WeightMode {
  if (variant === 'source') return 'source';
  if (variant === 'mixtral' || variant === 'noisy') return 'mixtral';
  return 'gshard';
}

export interface KernelLayerInputs {
  /** The settings have a problem (no layer then). */
  earlyIssue: boolean;
  mnist: boolean;
  model: LabModel | null;
  prepared: PreparedModel | null;
  ds: MoeState;
  /** k in effect (1 for Switch). */
  kEff: number;
}

/**
 * The layer the kernel panel runs: 4 test digits' tokens through the picked MNIST model's routed experts,
 * or a seeded synthetic layer; null when the settings have a problem or E exceeds the sort kernel's limit.
 */
export function kernelLayer({ earlyIssue, mnist, model, prepared, ds, kEff }: KernelLayerInputs): MoeLayer | null {
  if (earlyIssue || ds.numExperts > SORT_MAX_EXPERTS) return null;
  const k = Math.min(kEff, TOPK_MAX_K, ds.numExperts);
  const weightMode = weightModeOf(ds.variant);
  if (mnist) {
    if (!model || !prepared) return null;
    const w = model.weights;
    const { hidden: H, ffn: F, numExperts: E, numShared: ms } = w.config;
    const T = 4 * TOKENS_PER_DIGIT;
    return {
      numTokens: T,
      hidden: H,
      ffn: F,
      numExperts: E,
      k,
      activation: 'relu',
      weightMode,
      x: prepared.tokens.slice(0, T * H),
      router: w.router,
      w1: w.w1.slice(ms * H * F),
      b1: w.b1.slice(ms * F),
      w2: w.w2.slice(ms * F * H),
      b2: w.b2.slice(ms * H),
    };
  }
  const H = Math.min(64, ds.hidden);
  return makeSyntheticLayer(
    {
      numTokens: 64,
      hidden: H,
      ffn: Math.min(128, 4 * H),
      numExperts: ds.numExperts,
      k,
      activation: ds.activation,
      weightMode,
      skew: ds.skew,
    },
    ds.seed,
  );
}
