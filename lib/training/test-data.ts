/**
 * Seeded toy data for the training unit tests: x ~ N(0, 1) [count, in], labels from a
 * random linear teacher, argmax_o (x Tᵀ)[n, o]. Pure, deterministic.
 */
import { normalArray } from '../random';
import type { TrainingConfig } from './config';
import type { LinearBatch } from './linear-model';

/** The lab's default settings (lib/state/training.ts defaults). */
export const baseConfig: TrainingConfig = {
  schedule: 'cubic',
  final: 0.9,
  initial: 0,
  beginStep: 32,
  endStep: 220,
  frequency: 8,
  t0: 126,
  epochs: 5,
  batchSize: 128,
  learningRate: 0.001,
  optimizer: 'adam',
  maskOrder: 'default',
  scope: 'global',
  impRounds: 0,
  rewindStep: 20,
  subset: 8000,
  seed: 1,
};

export function makeToyBatches(count: number, inDim: number, outDim: number, batchSize: number, seed: number): LinearBatch[] {
  const x = normalArray(count * inDim, seed);
  const teacher = normalArray(outDim * inDim, seed + 1);
  const y = new Uint8Array(count);
  for (let n = 0; n < count; n++) {
    let best = 0;
    let bestScore = -Infinity;
    for (let o = 0; o < outDim; o++) {
      let s = 0;
      for (let i = 0; i < inDim; i++) s += x[n * inDim + i] * teacher[o * inDim + i];
      if (s > bestScore) {
        bestScore = s;
        best = o;
      }
    }
    y[n] = best;
  }
  const batches: LinearBatch[] = [];
  for (let start = 0; start < count; start += batchSize) {
    const end = Math.min(count, start + batchSize);
    batches.push({ x: x.slice(start * inDim, end * inDim), y: y.slice(start, end), count: end - start });
  }
  return batches;
}
