/**
 * What the training lab asks of its Web Worker (components/labs/training/training.worker.ts), in
 * the protocol of lib/runtime/protocol.ts. A 'run' streams its events as progress and ends with the
 * summary; 'control' pauses, resumes or stops the run of that request between steps (a stopped run
 * still ends with its summary, marked stopped). A new run stops the previous one first.
 */
import type { TrainingConfig } from './config';
import type { EvalRecord, RunSummary, StepRecord } from './run-training';

export type TrainingEvent =
  | { type: 'loading' }
  | { type: 'started'; backend: string; tensors: number }
  | { type: 'steps'; records: StepRecord[] }
  | { type: 'eval'; record: EvalRecord; tensors: number }
  | { type: 'round'; round: number; sparsity: number }
  /** After a run's tensors are disposed: the worker's tf.memory().numTensors (read by the end-to-end tensor-leak check). */
  | { type: 'released'; tensors: number };

export type TrainingProtocol = {
  run: { payload: { config: TrainingConfig }; result: { summary: RunSummary; tensors: number }; progress: TrainingEvent };
  control: { payload: { run: number; action: 'pause' | 'resume' | 'stop' }; result: void };
};

/** Where the static site serves MNIST (public/data). */
export const DATA_URL = '/data';
