/** Options, progress and results of the MoE classifier's training (moe-train.ts). */
import type { RoutingSettings } from '../moe/variants';
import type { MoeClassifierConfig, MoeClassifierWeights } from './moe-classifier';

export interface MoeTrainOptions {
  config: MoeClassifierConfig;
  /** Routing during training (variant, k, capacity, noise, numShared ignored: from config). */
  routing: RoutingSettings;
  /** α, the auxiliary load-balancing loss weight. */
  auxWeight: number;
  seed: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Called after every step; return a promise to yield to the page (e.g. a setTimeout(0)). */
  onStep?: (p: TrainProgress) => void | Promise<void>;
  /** Test accuracy is measured after every epoch (and every `evalEvery` steps when given). */
  evalEvery?: number;
  signal?: AbortSignal;
}

export interface TrainProgress {
  step: number;
  totalSteps: number;
  epoch: number;
  loss: number;
  auxLoss: number;
  /** Load CV of this batch's routing. */
  loadCv: number;
  /** Set on evaluation steps. */
  testAccuracy?: number;
  elapsedMs: number;
}

export interface EvalPoint {
  step: number;
  elapsedMs: number;
  testAccuracy: number;
  loadCv: number;
}

export interface MoeTrainResult {
  weights: MoeClassifierWeights;
  history: EvalPoint[];
  /** ms from start to the first evaluation at >= 90 % test accuracy (null if never). */
  msTo90: number | null;
  totalMs: number;
  steps: number;
}

export class TrainingCancelled extends Error {
  constructor() {
    super('training cancelled');
    this.name = 'TrainingCancelled';
  }
}
