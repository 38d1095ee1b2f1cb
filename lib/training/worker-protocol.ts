/**
 * Messages between the training lab and its Web Worker (components/labs/training/
 * training.worker.ts). Every message about a run carries its runId, so the page ignores
 * messages of a run it has already reset.
 */
import type { TrainingConfig } from './config';
import type { EvalRecord, RunSummary, StepRecord } from './run-training';

export type ToWorker =
  | { type: 'start'; runId: number; config: TrainingConfig }
  | { type: 'pause'; runId: number }
  | { type: 'resume'; runId: number }
  | { type: 'stop'; runId: number };

export type FromWorker =
  | { type: 'loading'; runId: number }
  | { type: 'started'; runId: number; backend: string; tensors: number }
  | { type: 'steps'; runId: number; records: StepRecord[] }
  | { type: 'eval'; runId: number; record: EvalRecord; tensors: number }
  | { type: 'round'; runId: number; round: number; sparsity: number }
  | { type: 'done'; runId: number; summary: RunSummary; tensors: number }
  | { type: 'error'; runId: number; message: string }
  /** After a run's tensors are disposed: the worker's tf.memory().numTensors (read by the end-to-end tensor-leak check). */
  | { type: 'released'; runId: number; tensors: number };

/** Where the static site serves MNIST (public/data). */
export const DATA_URL = '/data';
