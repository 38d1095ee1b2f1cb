/**
 * One training step as an explicit, testable sequence of operations, and the model
 * interface those operations act on. The same sequence drives the tfjs MLP trainer
 * (tf-mlp-trainer.ts) and the pure-TS test model (linear-model.ts).
 *
 * default order (the correct one; what torch.nn.utils.prune's W = W_orig ⊙ M achieves):
 *   [update-mask]            only at the schedule's update steps: M ← magnitude mask of W at s(t)
 *   forward-backward         loss and ∂L/∂W
 *   zero-pruned-gradients    ∂L/∂W ← ∂L/∂W ⊙ M    (no gradient reaches a pruned weight)
 *   optimizer-step           W ← W − lr · update(∂L/∂W, optimiser state)
 *   apply-mask               W ← W ⊙ M            (momentum / Adam moments would otherwise
 *                                                  still move pruned weights off zero)
 *   → after the step exactly round(s · n) weights are zero: measured sparsity = target.
 *
 * source order (the article's train_sparse_model: zero_grad, backward, apply_sparsity_mask, step):
 *   forward-backward
 *   update-mask, apply-mask  every step with s > 0: W ← W ⊙ M(s), gradients untouched
 *   optimizer-step           the full gradient (and momentum) moves the just-zeroed weights
 *   → after the step the pruned weights are small but non-zero: measured sparsity < target.
 *     Only weights whose gradient and optimiser state are exactly zero (e.g. first-layer
 *     weights of always-black MNIST border pixels) stay at zero.
 */
import type { MaskOrder, PruneScope } from './config';
import { computeMagnitudeMasks } from './masks';

export type StepOp = 'update-mask' | 'forward-backward' | 'zero-pruned-gradients' | 'optimizer-step' | 'apply-mask';

/** The operations of one step, in order (see the module comment). */
export function stepSequence(order: MaskOrder, maskUpdate: boolean): StepOp[] {
  if (order === 'source') {
    return maskUpdate ? ['forward-backward', 'update-mask', 'apply-mask', 'optimizer-step'] : ['forward-backward', 'optimizer-step'];
  }
  return [...(maskUpdate ? (['update-mask'] as const) : []), 'forward-backward', 'zero-pruned-gradients', 'optimizer-step', 'apply-mask'];
}

/** What the last forward/backward saw: mean loss and correct predictions of the batch. */
export interface BatchResult {
  loss: number;
  correct: number;
  count: number;
}

/** Parameters copied out of a model (for IMP's weight rewinding). */
export interface ParameterSnapshot {
  weights: Float32Array[];
  biases: Float32Array[];
}

/**
 * A model whose step is driven by `runStep`. `B` is the batch type. Weights are the
 * prunable matrices (row-major); a model without masks is dense (the mask ops do nothing).
 */
export interface TrainableModel<B> {
  /** Number of entries of each prunable weight matrix. */
  readonly weightSizes: readonly number[];
  /** Computes the loss and the gradients of every parameter on `batch` and holds the gradients. */
  forwardBackward(batch: B): BatchResult;
  /** Multiplies the held weight gradients by the masks. */
  zeroPrunedGradients(): void;
  /** Applies the held gradients with the optimiser and releases them. */
  optimizerStep(): void;
  /** W_l ← W_l ⊙ M_l. */
  applyMask(): void;
  /** Replaces the masks (null = dense). */
  setMasks(masks: readonly Uint8Array[] | null): void;
  /** The current masks, or null. */
  getMasks(): readonly Uint8Array[] | null;
  /** Copies of the prunable weight matrices. */
  readWeights(): Float32Array[];
  /** Exactly-zero entries per weight matrix (may be computed where the weights live). */
  countZeroWeights(): number[];
  readParameters(): ParameterSnapshot;
  writeParameters(snapshot: ParameterSnapshot): void;
  /** Forgets the optimiser state (moments, momentum); IMP starts each round fresh. */
  resetOptimizer(): void;
  dispose(): void;
}

export interface StepContext {
  /** Target sparsity of this step. */
  target: number;
  scope: PruneScope;
}

/** Runs `ops` on `model` with `batch`; returns the batch's loss and accuracy counts. */
export function runStep<B>(model: TrainableModel<B>, ops: readonly StepOp[], batch: B, ctx: StepContext): BatchResult {
  let result: BatchResult | null = null;
  for (const op of ops) {
    switch (op) {
      case 'update-mask':
        model.setMasks(ctx.target > 0 ? computeMagnitudeMasks(model.readWeights(), ctx.target, ctx.scope) : null);
        break;
      case 'forward-backward':
        result = model.forwardBackward(batch);
        break;
      case 'zero-pruned-gradients':
        model.zeroPrunedGradients();
        break;
      case 'optimizer-step':
        model.optimizerStep();
        break;
      case 'apply-mask':
        model.applyMask();
        break;
    }
  }
  if (!result) throw new Error('a step needs a forward-backward operation');
  return result;
}
