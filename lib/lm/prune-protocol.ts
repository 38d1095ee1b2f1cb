/**
 * Messages between the pruning lab and its language-model worker
 * (components/labs/pruning/lm-prune.worker.ts). Every request carries an id; the worker answers
 * with progress (and, for batches, one 'point' per spec), then exactly one 'result' or 'error'.
 * A newer 'evaluate' (or 'generate', or batch of the same kind) supersedes an older one, which ends
 * with the error key 'cancelled'; 'cancel' ends the named request the same way.
 */
import type { ModelBackend } from '../compute/backend';
import type { LmPruneSpec } from './prune';
import type { Evaluation } from './prune-jobs';

export type PruneLmName = 'lm-en' | 'lm-zh';
export type BatchKind = 'curve' | 'table' | 'sensitivity';

export type PruneLmRequest =
  | { id: number; type: 'load'; model: PruneLmName; bytes: number; backend: ModelBackend | 'auto' }
  | { id: number; type: 'evaluate'; model: PruneLmName; spec: LmPruneSpec; calib: number }
  | { id: number; type: 'batch'; kind: BatchKind; model: PruneLmName; specs: LmPruneSpec[]; calib: number }
  | { id: number; type: 'generate'; model: PruneLmName; spec: LmPruneSpec; calib: number; prompt: string; seed: number; length: number; temperature: number; topK: number }
  | { id: number; type: 'cancel'; target: number };

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

export type PruneLmResponse =
  | { id: number; type: 'progress'; phase: PruneLmPhase; done: number; total: number }
  | { id: number; type: 'point'; point: PointResult; done: number; total: number }
  | { id: number; type: 'result'; result: LoadedLm | Evaluation | PointResult[] | GeneratedPair }
  | { id: number; type: 'error'; error: { key: string; message: string } };
