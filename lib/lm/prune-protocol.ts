/**
 * What the pruning lab asks of its language-model worker (components/labs/pruning/lm-prune.worker.ts),
 * in the protocol of lib/runtime/protocol.ts: progress (for batches, with one point per spec), then
 * the result. The lab sends 'evaluate', 'generate' and each batch kind on a channel of that name,
 * so a newer one supersedes the older (which ends cancelled).
 */
import type { ModelBackend } from '../compute/backend';
import type { LmPruneSpec } from './prune';
import type { Evaluation } from './prune-jobs';
import type { Progress } from '../runtime/protocol';

export type PruneLmName = 'lm-en' | 'lm-zh';
export type BatchKind = 'curve' | 'table' | 'sensitivity';

export interface LoadedLm {
  model: PruneLmName;
  backend: ModelBackend;
  fromCache: boolean;
  /** Per-character perplexity of the dense model on the test windows. */
  densePerplexity: number;
  /** Test windows × characters each. */
  testWindows: number;
  windowLength: number;
  /** The prompt used when the reader gives none: the opening of the first test window. */
  defaultPrompt: string;
}

export interface PointResult {
  index: number;
  spec: LmPruneSpec;
  evaluation: Evaluation;
}

export interface GeneratedPair {
  prompt: string;
  dense: string;
  pruned: string;
  perplexity: number;
}

export type PruneLmPhase = 'download' | 'calibrate' | 'prune' | 'evaluate' | 'generate' | 'batch';

/** A batch's progress carries each finished point. */
export interface PruneLmProgress extends Progress<PruneLmPhase> {
  point?: PointResult;
}

export type PruneLmProtocol = {
  load: { payload: { model: PruneLmName; bytes: number; backend: ModelBackend | 'auto' }; result: LoadedLm; progress: PruneLmProgress };
  evaluate: { payload: { model: PruneLmName; spec: LmPruneSpec; calib: number }; result: Evaluation; progress: PruneLmProgress };
  batch: {
    payload: { kind: BatchKind; model: PruneLmName; specs: LmPruneSpec[]; calib: number };
    result: PointResult[];
    progress: PruneLmProgress;
  };
  generate: {
    payload: {
      model: PruneLmName;
      spec: LmPruneSpec;
      calib: number;
      prompt: string;
      seed: number;
      length: number;
      temperature: number;
      topK: number;
    };
    result: GeneratedPair;
    progress: PruneLmProgress;
  };
};
