/**
 * Routing difference between two variants on the same tokens and router logits (pure).
 * A token's expert set is the set of ROUTED expert ids it was sent to (shared experts,
 * ids < numShared, are left out and routed ids shifted to 0..E−1, so 'shared' compares
 * with the others); dropped / empty slots (−1) are not experts.
 */
import type { VariantRouting } from './variants';

export interface RoutingDifference {
  /** Tokens whose routed expert set differs. */
  changed: number;
  /** changed / numTokens (0 when there are no tokens). */
  fraction: number;
  /** [numTokens] 1 where the token's expert set differs. */
  changedMask: Uint8Array;
}

/** Sorted routed expert ids of token t. */
export function routedExpertSet(r: VariantRouting, t: number): number[] {
  const S = r.slotsPerToken;
  const set = new Set<number>();
  for (let j = 0; j < S; j++) {
    const e = r.experts[t * S + j];
    if (e >= r.numShared) set.add(e - r.numShared);
  }
  return Array.from(set).sort((x, y) => x - y);
}

export function routingDifference(a: VariantRouting, b: VariantRouting, numTokens: number): RoutingDifference {
  const changedMask = new Uint8Array(numTokens);
  let changed = 0;
  for (let t = 0; t < numTokens; t++) {
    const x = routedExpertSet(a, t);
    const y = routedExpertSet(b, t);
    if (x.length !== y.length || x.some((e, i) => e !== y[i])) {
      changedMask[t] = 1;
      changed++;
    }
  }
  return { changed, fraction: numTokens > 0 ? changed / numTokens : 0, changedMask };
}
