/**
 * Pure TypeScript twins of the padded MoE dispatch (fixed capacity C per expert, as
 * GShard / Switch Transformer implementations on TPUs lay tokens out): every expert gets
 * a buffer of exactly C rows, [E, C, H]. A slot takes the next free row of its expert in
 * slot order (t·k + j: token order, then choice order); once C rows are taken further
 * slots are dropped (their tokens pass on the residual only). Unused rows are padding:
 * computed on zeros and thrown away. Cost: E·C rows whatever the load.
 */
import { moeForwardReference } from '../../moe/dispatch';
import { expertCapacity } from '../../moe/routing';
import { type MoeLayer, expertParamsOfLayer, routerLogitsReference, topKReference } from './moe-dispatch-reference';

/** C = ceil(k · capacityFactor · T / E) (lib/moe/routing.ts expertCapacity). */
export function paddedCapacity(layer: Pick<MoeLayer, 'numTokens' | 'numExperts' | 'k'>, capacityFactor: number): number {
  return expertCapacity(layer.numTokens, layer.numExperts, capacityFactor, layer.k);
}

/**
 * MoeCountingSortProgram's twin in padded mode: [perm (E·C rows) | position (S)];
 * row e·C + r holds the r-th slot of expert e (−1 = padding), position −1 = dropped.
 */
export function paddedSortReference(experts: Int32Array, numTokens: number, k: number, numExperts: number, capacity: number): Int32Array {
  const S = numTokens * k;
  const rows = numExperts * capacity;
  const out = new Int32Array(rows + S).fill(-1);
  const used = new Int32Array(numExperts);
  for (let s = 0; s < S; s++) {
    const e = experts[s];
    if (e < 0) continue;
    if (used[e] < capacity) {
      const row = e * capacity + used[e]++;
      out[row] = s;
      out[rows + s] = row;
    }
  }
  return out;
}

/** Offsets e·C of the padded buffer, [E + 1]. */
export function paddedOffsets(numExperts: number, capacity: number): Int32Array {
  return Int32Array.from({ length: numExperts + 1 }, (_, e) => e * capacity);
}

/** Slots dropped by the capacity (the padded path's "lost" tokens). */
export function countPaddedDrops(experts: Int32Array, numExperts: number, capacity: number): number {
  const used = new Int32Array(numExperts);
  let dropped = 0;
  for (let s = 0; s < experts.length; s++) {
    const e = experts[s];
    if (e < 0) continue;
    if (used[e] < capacity) used[e]++;
    else dropped++;
  }
  return dropped;
}

/** End-to-end twin of the padded path: top-k routing, then slots over capacity set to −1. */
export function moePaddedReference(layer: MoeLayer, capacity: number, logits?: Float32Array): { out: Float32Array; dropped: number } {
  const l = logits ?? routerLogitsReference(layer.x, layer.numTokens, layer.hidden, layer.router, layer.numExperts);
  const { experts, weights } = topKReference(l, layer.numTokens, layer.numExperts, layer.k, layer.weightMode);
  const kept = new Int32Array(experts);
  const used = new Int32Array(layer.numExperts);
  let dropped = 0;
  for (let s = 0; s < kept.length; s++) {
    const e = kept[s];
    if (used[e] < capacity) used[e]++;
    else {
      kept[s] = -1;
      dropped++;
    }
  }
  const out = moeForwardReference(
    layer.x,
    layer.numTokens,
    { experts: kept, weights, k: layer.k },
    expertParamsOfLayer(layer),
    layer.activation,
  );
  return { out, dropped };
}
