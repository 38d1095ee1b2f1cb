/** Messages between the acceleration lab's "Decode a real model" panel and its worker (components/labs/acceleration/decode.worker.ts). */
import type { LinearKernel } from '../kernels/linear-gemv';
import type { DecodeMethod } from '../lm/sparse-linear';
import type { CheckRow, DecodeRow } from './decode-jobs';
import type { ShapeTiming } from './llm-shapes';

export interface DecodeTableRequest {
  id: number;
  type: 'table';
  method: DecodeMethod;
  /** Sparsities decoded by CSR and BSR (2:4 runs at 50% when 0.5 is among them). */
  sparsities: number[];
  /** Sparse kernels to run beside dense. */
  kernels: LinearKernel[];
  blockSize: number;
  tokens: number;
  /** Whether the WGSL kernels can run (WebGPU adapter present); false: the WASM fallback. */
  useKernels: boolean;
  emulated: boolean;
}

export interface DecodeCheckRequest {
  id: number;
  type: 'check';
  method: DecodeMethod;
  sparsity: number;
  kernels: LinearKernel[];
  blockSize: number;
  /** Greedy tokens of the dense WGSL path (64) and of each sparse path. */
  denseTokens: number;
  sparseTokens: number;
  emulated: boolean;
}

export interface DecodeShapesRequest {
  id: number;
  type: 'shapes';
  kernels: LinearKernel[];
  blockSize: number;
  emulated: boolean;
  samples: number;
}

export type DecodeRequest = DecodeTableRequest | DecodeCheckRequest | DecodeShapesRequest | { id: number; type: 'cancel'; target: number };

export type DecodePhase = 'download' | 'calibrate' | 'prune' | 'decode' | 'profile' | 'check' | 'shapes';

export interface DecodeTableResult {
  /** 'webgpu': the WGSL kernels; 'wasm': the fallback, tf.matMul on the pruned weights. */
  backend: 'webgpu' | 'wasm';
  prompt: string;
  rows: (DecodeRow & { text: string })[];
  roundTripMs: number;
  /** How the parts were timed: 'kernel' (tf.time: GPU timestamp queries on WebGPU) or 'sync' (readbacks). */
  timing: 'kernel' | 'sync';
  finishedAt: string;
}

export interface DecodeCheckResult {
  prompt: string;
  rows: (CheckRow & { text: string })[];
}

export interface DecodeShapesResult {
  emulated: boolean;
  rows: ShapeTiming[];
}

export type DecodeResponse =
  | { id: number; type: 'progress'; phase: DecodePhase; done: number; total: number; label?: string }
  | { id: number; type: 'result'; result: DecodeTableResult | DecodeCheckResult | DecodeShapesResult }
  | { id: number; type: 'error'; error: { key: string; message: string } };
