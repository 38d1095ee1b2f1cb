/**
 * What a measurement needs from the device, and roughly how long it takes on a software
 * adapter. Pure.
 */
import { formatAppliesAt, type SpeedFormat, TABLE_SPARSITIES } from './table';

/**
 * Largest single buffer a measurement binds (bytes): W (M·K floats), the CSR value or
 * index array at 0% sparsity (M·K entries + padding), X (K·N) and Y (M·N).
 */
export function largestBufferBytes(size: number, batch: number): number {
  return 4 * Math.max(size * size + 8, size * batch);
}

export function bufferLimitIssue(size: number, batch: number, maxBindingBytes: number): { needed: number; allowed: number } | null {
  const needed = largestBufferBytes(size, batch);
  return needed > maxBindingBytes ? { needed, allowed: maxBindingBytes } : null;
}

/** Multiply-adds per second of a software adapter (SwiftShader, 2 cores), measured: about 0.15–0.2 G. */
export const EMULATED_MACS_PER_SECOND = 1.5e8;
/** Fixed cost of one timed sample on a software adapter (submit + wait), seconds. */
const EMULATED_SAMPLE_FLOOR_S = 0.03;

/**
 * Rough seconds for a full table measurement on a software adapter: for every row and
 * kernel, (samples + 3 warm-up/calibration runs) × max(floor, work / rate), the work of
 * a sparse kernel taken as its density (× 2 for CSR's indirection) of the dense work.
 */
export function estimateMeasureSeconds(size: number, batch: number, samples: number, formats: readonly SpeedFormat[]): number {
  const macs = size * size * batch;
  const runS = (fraction: number) => Math.max(EMULATED_SAMPLE_FLOOR_S, (fraction * macs) / EMULATED_MACS_PER_SECOND);
  let total = 0;
  for (const s of TABLE_SPARSITIES) {
    let row = runS(1) * (s === 0 ? 2 : 1); // dense (and tfjs on the 0% row)
    for (const f of formats) {
      if (!formatAppliesAt(f, s)) continue;
      row += runS(f === 'csr' ? 2 * (1 - s) : f === '24' ? 0.6 : 1 - s);
    }
    total += row * (Math.max(20, samples) + 3);
  }
  return total;
}
