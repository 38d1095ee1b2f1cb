/**
 * What the acceleration lab's "Decode a real model" panel asks of its worker
 * (components/labs/acceleration/decode.worker.ts), in the protocol of lib/runtime/protocol.ts. The
 * panel runs one job at a time, on one channel: a new job supersedes the running one.
 */
import type { LinearKernel } from '../kernels/lm/linear-gemv';
import type { DecodeMethod } from '../lm/sparse-linear';
import type { CheckRow, DecodeRow } from './decode-jobs';
import type { ShapeTiming } from './llm-shapes';
import type { Progress } from '../runtime/protocol';

export interface DecodeTableRequest {
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
  kernels: LinearKernel[];
  blockSize: number;
  emulated: boolean;
  samples: number;
}

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

/** Progress of a decode job; `label` names the configuration being checked. */
export interface DecodeProgress extends Progress<DecodePhase> {
  label?: string;
}

export type DecodeProtocol = {
  table: { payload: DecodeTableRequest; result: DecodeTableResult; progress: DecodeProgress };
  check: { payload: DecodeCheckRequest; result: DecodeCheckResult; progress: DecodeProgress };
  shapes: { payload: DecodeShapesRequest; result: DecodeShapesResult; progress: DecodeProgress };
};
