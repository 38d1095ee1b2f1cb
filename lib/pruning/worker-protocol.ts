/**
 * What the pruning lab asks of its workers (components/labs/pruning/pruning.worker.ts), in the
 * protocol of lib/runtime/protocol.ts. One worker script, started three times (live evaluation and
 * "Compare with", curves, fine-tuning) so that a long curve or fine-tuning run never delays the live
 * accuracy. Each instance first gets 'init' (and the fine-tuning one 'train'); the lab sends every
 * job kind on a channel of its name, so a newer request stops the older one at its next tick.
 */
import type { MnistData } from '../data/mnist';
import type { MlpWeights } from '../models/mlp';
import type { CurvePoint } from './curve';
import type { EvaluateResult, FineTuneProgress } from './lab-jobs';
import type { Calibration, PruneSettings } from './model-masks';

export type PruningProtocol = {
  init: { payload: { weights: MlpWeights; test: MnistData; calibration: Calibration }; result: void };
  /** The raw training split (bytes as in public/data), needed by fine-tuning only. */
  train: { payload: { images: Uint8Array; labels: Uint8Array }; result: void };
  /** Prunes and evaluates; also the dense model's accuracy (measured once). */
  evaluate: { payload: { settings: PruneSettings }; result: EvaluateResult & { denseAccuracy: number } };
  /** The "Compare with" method: an evaluation on the live-evaluation worker. */
  compare: { payload: { settings: PruneSettings }; result: EvaluateResult };
  curve: { payload: { settings: PruneSettings }; result: void; progress: { point: CurvePoint; done: number; total: number } };
  finetune: {
    payload: { masks: (Uint8Array | undefined)[]; steps: number; seed: number };
    result: { weights: MlpWeights; accuracy: number };
    progress: FineTuneProgress;
  };
};
