/**
 * What the acceleration lab asks of its worker (components/labs/acceleration/acceleration.worker.ts),
 * in the protocol of lib/runtime/protocol.ts. The lab sends 'dynamic' on a channel: a newer one
 * supersedes the older, which ends cancelled.
 */
import type { DynamicEvaluation, DynamicMode, DynamicOptions, Histogram } from './dynamic';
import type { RowOperands, RowOperandsRequest } from './operands';
import type { AccuracyRow } from './table';

export interface ModelInfo {
  baselineAccuracy: number;
  histograms: { h1: Histogram; h2: Histogram };
  /** Layers the block size does not divide, per block size. */
  blockNotes: Record<string, { name: string; rows: number; cols: number }[]>;
}

export interface DynamicReply extends DynamicEvaluation {
  /** Median top-k cut-off of the shown layer (top-k mode), or the threshold. */
  cutoff: number;
}

export interface CurvePoint {
  /** Setting (kept fraction or threshold). */
  setting: number;
  /** Mean kept fraction over both hidden layers. */
  kept: number;
  accuracy: number;
}

export interface GatherInputs {
  w: Float32Array;
  x: Float32Array;
  idx: Int32Array;
}

export type AccelerationProtocol = {
  model: { payload: void; result: ModelInfo };
  /** Progress: the rows so far. */
  accuracy: { payload: { blockSize: number }; result: AccuracyRow[]; progress: AccuracyRow[] };
  dynamic: { payload: { opts: DynamicOptions; layer: 'h1' | 'h2' }; result: DynamicReply };
  curve: { payload: { mode: DynamicMode }; result: CurvePoint[] };
  operands: { payload: RowOperandsRequest; result: RowOperands };
  gather: { payload: { size: number; keep: number; seed: number }; result: GatherInputs };
};
