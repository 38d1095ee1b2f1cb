/**
 * What the MoE lab asks of its language-model worker (components/labs/moe/moe-lm.worker.ts), which
 * holds moe-en on tfjs, in the protocol of lib/runtime/protocol.ts. The worker runs one request at
 * a time; the lab sends 'route' and 'layer' on channels of their name, so a newer one supersedes
 * the older.
 */
import type { ModelBackend } from '../compute/backend';
import type { LayerInputs } from '../kernels/moe/run-moe-swiglu';
import type { Progress } from '../runtime/protocol';
import type { RoutingChange } from './routing-changes';
import type { DownloadProgress } from './worker-protocol';

export type MoeLmProtocol = {
  load: { payload: { backend: ModelBackend | 'auto' }; result: MoeLmLoaded; progress: DownloadProgress };
  route: { payload: { text: string }; result: PassageRouting };
  evaluate: { payload: { change: RoutingChange; capacityFactor: number }; result: ChangeResult; progress: Progress<'evaluate'> };
  layer: { payload: { text: string; layer: number }; result: LayerInputs };
};

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

/** One layer's MoE block on a text, for the dispatch kernel: its shape lives beside the kernel (lib/kernels/moe/run-moe-swiglu.ts). */
export type { LayerInputs } from '../kernels/moe/run-moe-swiglu';
