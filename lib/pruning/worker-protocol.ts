/**
 * Messages between the pruning lab and its workers (components/labs/pruning/pruning.worker.ts).
 * One worker script, started three times (live evaluation, curves, fine-tuning) so that a long
 * curve or fine-tuning run never delays the live accuracy. Every job carries an id; a newer
 * request of the same kind (or a 'cancel') stops the older one at its next tick.
 */
import type { MnistData } from '../data/mnist';
import type { MlpWeights } from '../models/mlp';
import type { CurvePoint } from './curve';
import type { EvaluateResult, FineTuneProgress } from './lab-jobs';
import type { Calibration, PruneSettings } from './model-masks';

/** 'compare' evaluates the "Compare with" method; it runs on the live-evaluation worker. */
export type JobKind = 'evaluate' | 'curve' | 'finetune' | 'compare';

export type WorkerRequest =
  | { kind: 'init'; weights: MlpWeights; test: MnistData; calibration: Calibration }
  /** The raw training split (bytes as in public/data), needed by fine-tuning only. */
  | { kind: 'train'; images: Uint8Array; labels: Uint8Array }
  | { kind: 'evaluate'; id: number; settings: PruneSettings }
  | { kind: 'curve'; id: number; settings: PruneSettings }
  | { kind: 'compare'; id: number; settings: PruneSettings }
  | { kind: 'finetune'; id: number; masks: (Uint8Array | undefined)[]; steps: number; seed: number }
  | { kind: 'cancel'; of: JobKind; id: number };

export type WorkerResponse =
  | { kind: 'evaluate'; id: number; result: EvaluateResult; denseAccuracy: number }
  | { kind: 'compare'; id: number; result: EvaluateResult }
  | { kind: 'curve-point'; id: number; point: CurvePoint; done: number; total: number }
  | { kind: 'curve-done'; id: number }
  | { kind: 'finetune-progress'; id: number; progress: FineTuneProgress }
  | { kind: 'finetune-done'; id: number; weights: MlpWeights; accuracy: number }
  | { kind: 'error'; of: JobKind | 'init'; id: number; message: string };
