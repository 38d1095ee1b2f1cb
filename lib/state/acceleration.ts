/**
 * URL state of the sparse acceleration lab: one schema for every control.
 *   size       weight size M = K (sizes 1024–4096 are for GPUs; 128–512 suit a software adapter)
 *   batch      N, tokens multiplied together (1 = GEMV, token-by-token decoding)
 *   csr/bsr/nm24  which formats the measurement includes
 *   block      BSR block size b (b × b tiles) for the kernels and for block pruning
 *   seed       seed of the random matrices and of the worked example
 *   samples    timed samples per kernel (median and CV over them; >= 20)
 *   keep       dynamic sparsity: kept fraction of each token's hidden activations (top-k mode)
 *   mode       dynamic sparsity: top-k (keep the largest) or threshold (TEAL: keep |h| >= t)
 *   threshold  dynamic sparsity: magnitude threshold t (threshold mode)
 *   layer      which hidden layer's activations the histogram shows (h1 or h2)
 *   dmethod    decoding lm-en: pruning method of the sparse kernels' weights (magnitude, Wanda, SparseGPT)
 *   dsp        decoding lm-en: the sparsities decoded (all = 50, 70 and 90%; 2:4 is always 50%);
 *              the kernels are the csr / bsr / nm24 toggles, BSR's block size is `block`
 *   dtokens    decoding lm-en: tokens generated per kernel (tokens per second is their median)
 */
import { BSR_BLOCK_SIZES } from '../kernels/format-registry';
import { GUIDED_STEP_PARAM } from './step-param';
import { type StateOf, defineSchema } from './schema';

export const ACCELERATION_SIZES = ['128', '256', '512', '1024', '2048', '4096'] as const;
/** Sizes offered for GPUs; the smaller ones are what a software adapter can time in reasonable time. */
export const GPU_SIZES = ['1024', '2048', '4096'] as const;
export const SOFTWARE_SIZES = ['128', '256', '512'] as const;

export const accelerationSchema = defineSchema('acceleration', 1, {
  size: { kind: 'enum', default: '1024', values: ACCELERATION_SIZES },
  batch: { kind: 'enum', default: '64', values: ['1', '64', '256'] },
  csr: { kind: 'bool', default: true },
  bsr: { kind: 'bool', default: true },
  nm24: { kind: 'bool', default: true },
  block: { kind: 'enum', default: '32', values: BSR_BLOCK_SIZES },
  seed: { kind: 'int', default: 1, min: 0, max: 2 ** 31 - 1 },
  samples: { kind: 'int', default: 20, min: 20, max: 200 },
  keep: { kind: 'float', default: 0.25, min: 0.02, max: 1, digits: 2 },
  mode: { kind: 'enum', default: 'topk', values: ['topk', 'threshold'] },
  threshold: { kind: 'float', default: 0.5, min: 0, max: 4, digits: 2 },
  layer: { kind: 'enum', default: 'h1', values: ['h1', 'h2'] },
  dmethod: { kind: 'enum', default: 'magnitude', values: ['magnitude', 'wanda', 'sparsegpt'] },
  dsp: { kind: 'enum', default: 'all', values: ['all', '50', '70', '90'] },
  dtokens: { kind: 'int', default: 32, min: 4, max: 128 },
  /** Guided path: the step the reader is at (lib/state/step-param.ts). */
  step: GUIDED_STEP_PARAM,
});

export type AccelerationState = StateOf<typeof accelerationSchema>;
