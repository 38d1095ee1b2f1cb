/**
 * Test helpers: write small masks as rows of '0'/'1' so expected matrices read like the maths.
 */
import type { PatternParams } from './params';
import { PATTERN_REGISTRY, type PatternName } from './pattern-registry';

/** Row strings of an n×n (or numBlocks×numBlocks) 0/1 matrix, e.g. ['110', '111', '011']. */
export function formatRows(mask: Uint8Array, size: number): string[] {
  const rows: string[] = [];
  for (let i = 0; i < size; i++) rows.push(Array.from(mask.subarray(i * size, i * size + size)).join(''));
  return rows;
}

/**
 * The mask of a pattern computed entry by entry from its defining predicate (the registry's
 * oracle), the slow and obvious way (O(n²) calls): the reference the fast row-segment
 * builders are checked against. BigBird reads `bigBirdLayout` when given.
 */
export function referenceMask(name: PatternName, p: PatternParams, bigBirdLayout?: Uint8Array): Uint8Array {
  const n = p.seqLen;
  const attends = PATTERN_REGISTRY[name].oracle(p, bigBirdLayout);
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
