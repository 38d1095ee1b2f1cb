/// <reference lib="webworker" />
/**
 * Reads an uploaded .npy or .safetensors file, prunes the matrix and measures its formats off the main
 * thread, so a 4096 x 4096 upload never freezes the page. Replies with a small aggregated picture, with
 * the 2-D tensors of a .safetensors file when no tensor was picked yet, or with what is wrong with the
 * file. Protocol: ByoProtocol below, on lib/runtime (worker-host.ts); anything else thrown is a bug,
 * which reaches the page as a runtime failure.
 */
import { analyzeMatrix, type ByoResult, type ByoSettings } from '@/lib/io/byo-matrix';
import type { Conversion, MatrixProblem } from '@/lib/io/matrix';
import { fileProblem, openMatrixFile } from '@/lib/io/open-matrix';
import type { TensorChoice } from '@/lib/io/safetensors-matrix';
import { type HostScope, hostWorker } from '@/lib/runtime/worker-host';
import { aggregateGrid, type Grid } from '@/lib/viz/aggregate';

export interface ByoRequest {
  buffer: ArrayBuffer;
  fileName: string;
  /** The .safetensors tensor to analyse; null lists the file's tensors (an .npy is analysed either way). */
  tensor: string | null;
  settings: ByoSettings;
}

export type ByoReply =
  | {
      kind: 'matrix';
      dtype: string;
      conversion: Conversion | null;
      tensor: string | null;
      grid: Grid;
      top: number;
      result: Omit<ByoResult, 'mask'>;
    }
  | { kind: 'tensors'; tensors: TensorChoice[]; notMatrices: number }
  | { kind: 'problem'; problem: { key: MatrixProblem; message: string } };

export type ByoProtocol = { analyse: { payload: ByoRequest; result: ByoReply } };

hostWorker<ByoProtocol>(self as unknown as HostScope, {
  analyse: async ({ buffer, fileName, tensor, settings }) => {
    try {
      const opened = openMatrixFile(buffer, fileName, tensor);
      if (opened.kind === 'tensors') return { kind: 'tensors', tensors: opened.tensors, notMatrices: opened.notMatrices };
      const m = opened.matrix;
      const { mask, ...result } = analyzeMatrix(m.data, m.rows, m.cols, settings);
      const shown = new Float32Array(m.data.length);
      for (let i = 0; i < shown.length; i++) shown[i] = mask[i] ? Math.abs(m.data[i]) : 0;
      const grid = aggregateGrid(shown, m.rows, m.cols, 512, 512);
      const sorted = Float32Array.from(grid.values).sort();
      const top = sorted[Math.floor(0.99 * (sorted.length - 1))] || 1;
      return { kind: 'matrix', dtype: m.dtype, conversion: m.conversion, tensor: opened.tensor, grid, top, result };
    } catch (err) {
      const problem = fileProblem(err);
      if (problem) return { kind: 'problem', problem }; // the file's fault: the page says what
      throw err;
    }
  },
});
