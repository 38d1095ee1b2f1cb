/**
 * Bring-your-own matrix: prune an uploaded [rows, cols] matrix with the pruning lab's
 * methods (lib/sparsity/pruning.ts, PyTorch semantics) and report what each storage
 * format would cost for the result. Methods that need more than one matrix (Wanda needs
 * activations; global ranks several layers) fall back as stated in `note`.
 */
import { blockMask, l1UnstructuredMask, lnStructuredMask, nmMask, sparsityOf } from '../sparsity/pruning';
import { bsrBytes, bytes24, denseBytes, denseTo24, denseToBsr, denseToCsr, csrBytes, is24 } from '../sparsity/formats';

export type ByoMethod = 'l1-unstructured' | 'ln-structured' | 'nm' | 'block' | 'global' | 'wanda' | 'none';

export interface ByoSettings {
  method: ByoMethod;
  amount: number;
  norm: number;
  dim: number;
  n: number;
  m: number;
  block: number;
}

export interface ByoResult {
  rows: number;
  cols: number;
  /** 1 = kept. */
  mask: Uint8Array;
  /** Fraction of zeros after pruning (zeros already in the file count too). */
  sparsity: number;
  /** The method actually applied. */
  applied: ByoMethod;
  /** Why the method was changed or skipped, as a stable key (translated by the UI). */
  note: 'wanda-needs-activations' | 'global-is-l1' | 'shape-not-divisible' | null;
  bytes: { dense: number; csr: number; bsr: number | null; sparse24: number | null };
}

export function analyzeMatrix(data: Float32Array, rows: number, cols: number, s: ByoSettings): ByoResult {
  let applied: ByoMethod = s.method;
  let note: ByoResult['note'] = null;
  if (applied === 'wanda') {
    applied = 'l1-unstructured';
    note = 'wanda-needs-activations';
  } else if (applied === 'global') {
    applied = 'l1-unstructured';
    note = 'global-is-l1';
  }
  let mask: Uint8Array;
  try {
    if (applied === 'l1-unstructured') mask = l1UnstructuredMask(data, s.amount);
    else if (applied === 'ln-structured') mask = lnStructuredMask(data, [rows, cols], s.amount, s.norm, s.dim);
    else if (applied === 'nm') mask = nmMask(data, [rows, cols], s.n, s.m);
    else if (applied === 'block') mask = blockMask(data, [rows, cols], s.block, s.amount);
    else mask = new Uint8Array(rows * cols).fill(1);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    mask = new Uint8Array(rows * cols).fill(1);
    applied = 'none';
    note = 'shape-not-divisible';
  }
  const pruned = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) pruned[i] = mask[i] ? data[i] : 0;
  const block = s.block > 0 && rows % s.block === 0 && cols % s.block === 0 ? s.block : null;
  return {
    rows,
    cols,
    mask,
    sparsity: sparsityOf(pruned),
    applied,
    note,
    bytes: {
      dense: denseBytes(rows, cols),
      csr: csrBytes(denseToCsr(pruned, rows, cols)),
      bsr: block ? bsrBytes(denseToBsr(pruned, rows, cols, block)) : null,
      sparse24: cols % 4 === 0 && is24(pruned, cols) ? bytes24(denseTo24(pruned, rows, cols)) : null,
    },
  };
}
