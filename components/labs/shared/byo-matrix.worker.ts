/// <reference lib="webworker" />
/**
 * Reads an uploaded .npy or .safetensors file, prunes the matrix and measures its formats off the main
 * thread, so a 4096 x 4096 upload never freezes the page. Replies with a small aggregated picture, or
 * with the 2-D tensors of a .safetensors file when no tensor was picked yet.
 */
import { analyzeMatrix, type ByoResult, type ByoSettings } from '@/lib/io/byo-matrix';
import type { Conversion, MatrixProblem } from '@/lib/io/matrix';
import { fileProblem, openMatrixFile } from '@/lib/io/open-matrix';
import type { TensorChoice } from '@/lib/io/safetensors-matrix';
import { aggregateGrid, type Grid } from '@/lib/viz/aggregate';

export interface ByoRequest {
  id: number;
  buffer: ArrayBuffer;
  fileName: string;
  /** The .safetensors tensor to analyse; null lists the file's tensors (an .npy is analysed either way). */
  tensor: string | null;
  settings: ByoSettings;
}

export type ByoReply =
  | { id: number; kind: 'matrix'; dtype: string; conversion: Conversion | null; tensor: string | null; grid: Grid; top: number; result: Omit<ByoResult, 'mask'> }
  | { id: number; kind: 'tensors'; tensors: TensorChoice[]; notMatrices: number }
  | { id: number; kind: 'problem'; problem: { key: MatrixProblem | 'unexpected'; message: string } };

const reply = (message: ByoReply) => self.postMessage(message);

self.onmessage = (e: MessageEvent<ByoRequest>) => {
  const { id, buffer, fileName, tensor, settings } = e.data;
  try {
    const opened = openMatrixFile(buffer, fileName, tensor);
    if (opened.kind === 'tensors') {
      reply({ id, kind: 'tensors', tensors: opened.tensors, notMatrices: opened.notMatrices });
      return;
    }
    const m = opened.matrix;
    const { mask, ...result } = analyzeMatrix(m.data, m.rows, m.cols, settings);
    const shown = new Float32Array(m.data.length);
    for (let i = 0; i < shown.length; i++) shown[i] = mask[i] ? Math.abs(m.data[i]) : 0;
    const grid = aggregateGrid(shown, m.rows, m.cols, 512, 512);
    const sorted = Float32Array.from(grid.values).sort();
    const top = sorted[Math.floor(0.99 * (sorted.length - 1))] || 1;
    reply({ id, kind: 'matrix', dtype: m.dtype, conversion: m.conversion, tensor: opened.tensor, grid, top, result });
  } catch (err) {
    const problem = fileProblem(err);
    if (problem) {
      reply({ id, kind: 'problem', problem });
      return;
    }
    // A bug, not the file's fault: the page says so, and the error still reaches the console.
    reply({ id, kind: 'problem', problem: { key: 'unexpected', message: err instanceof Error ? err.message : String(err) } });
    throw err;
  }
};
