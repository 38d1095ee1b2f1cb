/** Method colours: the Okabe–Ito palette (distinguishable with colour-vision deficiencies). */
export const METHOD_COLORS = {
  'l1-unstructured': '#0072B2',
  global: '#009E73',
  wanda: '#D55E00',
  nm: '#CC79A7',
  block: '#E69F00',
  'ln-structured': '#56B4E9',
} as const;

/**
 * File name stem of an export for the current settings, e.g. "pruning-nm-2of4",
 * "pruning-l1-unstructured-a0.5", "pruning-ln-structured-a0.3-l2-dim0-it3-all" (the scope is named when it is not
 * the default, hidden).
 */
export function pruningExportStem(s: {
  method: string;
  amount: number;
  n: number;
  m: number;
  blockSize: number;
  norm: number;
  dim: number;
  iterations: number;
  scope: string;
}): string {
  const what =
    s.method === 'nm'
      ? `${s.n}of${s.m}`
      : s.method === 'block'
        ? `a${s.amount}-b${s.blockSize}`
        : s.method === 'ln-structured'
          ? `a${s.amount}-l${Number.isFinite(s.norm) ? s.norm : 'inf'}-dim${s.dim}`
          : `a${s.amount}`;
  return `pruning-${s.method}-${what}${s.iterations > 1 ? `-it${s.iterations}` : ''}${s.scope === 'all' ? '-all' : ''}`;
}

export const KEPT_COLOR = '#0f766e';
export const PRUNED_COLOR = '#a1a1aa';
export const CLAIM_COLOR = '#c026d3';
