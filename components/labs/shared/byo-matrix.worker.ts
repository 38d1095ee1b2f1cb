/// <reference lib="webworker" />
/**
 * Reads an uploaded .npy, prunes it and measures its formats off the main thread, so a
 * 4096 x 4096 upload never freezes the page. Replies with a small aggregated picture.
 */
import { analyzeMatrix, type ByoSettings } from '@/lib/io/byo-matrix';
import { NpyError, readNpyMatrix } from '@/lib/io/npy';
import { aggregateGrid } from '@/lib/viz/aggregate';

export interface ByoRequest {
  id: number;
  buffer: ArrayBuffer;
  settings: ByoSettings;
}

self.onmessage = (e: MessageEvent<ByoRequest>) => {
  const { id, buffer, settings } = e.data;
  try {
    const m = readNpyMatrix(buffer);
    const r = analyzeMatrix(m.data, m.rows, m.cols, settings);
    const shown = new Float32Array(m.data.length);
    for (let i = 0; i < shown.length; i++) shown[i] = r.mask[i] ? Math.abs(m.data[i]) : 0;
    const grid = aggregateGrid(shown, m.rows, m.cols, 512, 512);
    const sorted = Float32Array.from(grid.values).sort();
    const top = sorted[Math.floor(0.99 * (sorted.length - 1))] || 1;
    self.postMessage({ id, ok: true, dtype: m.dtype, grid, top, result: { ...r, mask: undefined } });
  } catch (err) {
    const problem = err instanceof NpyError ? { key: err.key, message: err.message } : { key: 'malformed', message: err instanceof Error ? err.message : String(err) };
    self.postMessage({ id, ok: false, problem });
  }
};
