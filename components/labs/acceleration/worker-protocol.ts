/** Messages between the acceleration lab and its worker (acceleration.worker.ts). */
import type { DynamicEvaluation, DynamicMode, DynamicOptions, Histogram } from '@/lib/acceleration/dynamic';
import type { RowOperands, RowOperandsRequest } from '@/lib/acceleration/operands';
import type { AccuracyRow } from '@/lib/acceleration/table';

export type WorkerRequest =
  | { type: 'model' }
  | { type: 'accuracy'; blockSize: number }
  | { type: 'dynamic'; opts: DynamicOptions; layer: 'h1' | 'h2' }
  | { type: 'curve'; mode: DynamicMode }
  | { type: 'operands'; req: RowOperandsRequest }
  | { type: 'gather'; size: number; keep: number; seed: number };

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

export type WorkerReply = {
  model: ModelInfo;
  accuracy: AccuracyRow[];
  dynamic: DynamicReply;
  curve: CurvePoint[];
  operands: RowOperands;
  gather: GatherInputs;
};

export type WorkerMessage =
  | { id: number; kind: 'result'; payload: unknown }
  | { id: number; kind: 'progress'; payload: unknown }
  | { id: number; kind: 'error'; message: string };
