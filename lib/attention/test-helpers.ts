/**
 * Test helpers: write small masks as rows of '0'/'1' so expected matrices read like the maths.
 */
import type { PatternName, PatternParams } from './params';

/** Row strings of an n×n (or numBlocks×numBlocks) 0/1 matrix, e.g. ['110', '111', '011']. */
export function formatRows(mask: Uint8Array, size: number): string[] {
  const rows: string[] = [];
  for (let i = 0; i < size; i++) rows.push(Array.from(mask.subarray(i * size, i * size + size)).join(''));
  return rows;
}

/**
 * The mask of a pattern computed entry by entry from its defining predicate, the slow and
 * obvious way (O(n²) calls): the reference the fast row-segment builders are checked against.
 */
export function referenceMask(name: PatternName, p: PatternParams, bigBirdLayout?: Uint8Array): Uint8Array {
  const n = p.seqLen;
  const half = Math.floor(p.windowSize / 2);
  const l = p.stride;
  const c = p.summaryTokens ?? 1;
  const numBlocks = Math.ceil(n / p.blockSize);
  const attends = (i: number, j: number): boolean => {
    switch (name) {
      case 'dense':
        return true;
      case 'causal':
        return j <= i;
      case 'window':
        return Math.abs(i - j) <= half;
      case 'causal-window':
        return i - j >= 0 && i - j <= p.windowSize - 1;
      case 'dilated':
        return Math.abs(i - j) <= half * p.dilation && (i - j) % p.dilation === 0;
      case 'strided':
        return j <= i && (i - j < l || (i - j) % l === 0);
      case 'fixed':
        return j <= i && (Math.floor(j / l) === Math.floor(i / l) || j % l >= l - c);
      case 'longformer':
        return Math.abs(i - j) <= half || i < p.globalTokens || j < p.globalTokens;
      case 'sinks':
        return j <= i && (j < p.sinkTokens || i - j < p.windowSize);
      case 'bigbird':
        if (!bigBirdLayout) throw new Error('referenceMask needs the BigBird block layout');
        return bigBirdLayout[Math.floor(i / p.blockSize) * numBlocks + Math.floor(j / p.blockSize)] === 1;
    }
  };
  const mask = new Uint8Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (attends(i, j) && (!p.causal || j <= i)) mask[i * n + j] = 1;
    }
  }
  return mask;
}

/**
 * Valid parameters for every pattern at (seqLen, blockSize), each knob clipped to what
 * that size allows, so one table of sizes exercises all ten patterns.
 */
export function smallParams(seqLen: number, blockSize: number, causal: boolean, windowSize = 3): PatternParams {
  const numBlocks = Math.ceil(seqLen / blockSize);
  const stride = Math.min(3, seqLen);
  return {
    seqLen,
    blockSize,
    causal,
    windowSize: Math.min(windowSize, seqLen),
    dilation: Math.min(2, seqLen),
    stride,
    summaryTokens: Math.min(2, stride),
    globalTokens: Math.min(2, seqLen),
    sinkTokens: Math.min(1, seqLen),
    randomBlocks: Math.min(1, Math.max(0, numBlocks - 5)),
    seed: 7,
  };
}
