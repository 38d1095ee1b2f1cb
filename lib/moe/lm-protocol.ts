/**
 * Messages between the MoE lab and its language-model worker (components/labs/moe/moe-lm.worker.ts),
 * which holds moe-en on tfjs. Every request carries an id; the worker answers with progress
 * messages, then exactly one 'result' or 'error'. 'cancel' ends the named request with an error of
 * key 'cancelled'; a newer 'route' or 'layer' supersedes an older one of the same kind.
 */
import type { ModelBackend } from '../compute/backend';
import type { RoutingChange } from '../lm/routing-changes';
import type { WorkerErrorData } from '../lm/worker-protocol';

export type MoeLmRequest =
  | { id: number; type: 'load'; backend: ModelBackend | 'auto' }
  | { id: number; type: 'route'; text: string }
  | { id: number; type: 'evaluate'; change: RoutingChange; capacityFactor: number }
  | { id: number; type: 'layer'; text: string; layer: number }
  | { id: number; type: 'cancel'; target: number };

export interface MoeLmLoaded {
  backend: ModelBackend;
  fromCache: boolean;
  layers: number;
  experts: number;
  topK: number;
  context: number;
}

/** The routing of one text (cut to the model's context), per layer. */
export interface PassageRouting {
  chars: string[];
  /** Positions whose character is outside the vocabulary. */
  unknown: number[];
  /** Characters beyond the context that were left out. */
  cut: number;
  /** chosen[layer]: [n, k] experts, best first. */
  chosen: Int32Array[];
  /** weights[layer]: [n, k] gate weights. */
  weights: Float32Array[];
  /** logits[layer]: [n, E] router logits. */
  logits: Float32Array[];
}

/** What one routing change costs on the fixed test-split subset (lib/lm/routing-eval.ts). */
export interface ChangeResult {
  change: RoutingChange;
  /** The capacity factor the `capacity` change used; null for the others. */
  capacityFactor: number | null;
  nll: number;
  perplexity: number;
  bitsPerChar: number;
  scored: number;
  /** Slots the change dropped (capacity) over all layers and windows. */
  dropped: number;
  /** drop-least: the switched-off expert of each layer. */
  excluded: number[] | null;
  /** Milliseconds of model work. */
  ms: number;
  /** trained only: the routing of the evaluation text, for the statistics. */
  routing: { chars: string[]; windows: number[]; chosen: Int32Array[]; logits: Float32Array[] } | null;
}

/** One layer's MoE block on a text, for the dispatch kernel (lib/kernels/run-moe-swiglu.ts). */
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

export type MoeLmResponse =
  | { id: number; type: 'progress'; loaded: number; total: number; phase: 'download' | 'route' | 'evaluate'; fromCache?: boolean }
  | { id: number; type: 'result'; result: MoeLmLoaded | PassageRouting | ChangeResult | LayerInputs }
  | { id: number; type: 'error'; error: WorkerErrorData };
