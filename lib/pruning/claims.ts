/**
 * The source article's table of accuracy losses ("精度损失") at three sparsities, and how a
 * measured accuracy-vs-sparsity curve compares with it. A loss is read as percentage points
 * of accuracy below the dense model: loss = dense − pruned.
 */
export interface SourceClaim {
  sparsity: number;
  /** Claimed loss range [minLoss, maxLoss] as fractions (0.01 = 1 point). */
  minLoss: number;
  maxLoss: number;
}

/** <1% at 50%, 1-3% at 70%, 3-8% at 90% (the source's 推理加速效果 table). */
export const SOURCE_CLAIMS: readonly SourceClaim[] = [
  { sparsity: 0.5, minLoss: 0, maxLoss: 0.01 },
  { sparsity: 0.7, minLoss: 0.01, maxLoss: 0.03 },
  { sparsity: 0.9, minLoss: 0.03, maxLoss: 0.08 },
];

export type ClaimVerdict = 'better' | 'within' | 'worse';

/** 'better': lost less than the claim's lower bound; 'worse': more than its upper bound. */
export function judgeClaim(claim: SourceClaim, dense: number, accuracy: number): ClaimVerdict {
  const loss = dense - accuracy;
  if (loss > claim.maxLoss + 1e-12) return 'worse';
  if (loss < claim.minLoss - 1e-12) return 'better';
  return 'within';
}

export interface CurvePointXY {
  sparsity: number;
  accuracy: number;
}

/**
 * Accuracy at `sparsity` read off a measured curve by linear interpolation between the two
 * nearest measured sparsities (points need not be sorted). Null when the sparsity lies
 * outside the measured range (no extrapolation) or the curve is empty. A point within 1e-9
 * is used as is.
 */
export function interpolateAccuracy(points: readonly CurvePointXY[], sparsity: number): number | null {
  if (points.length === 0) return null;
  const sorted = [...points].sort((a, b) => a.sparsity - b.sparsity);
  for (const p of sorted) if (Math.abs(p.sparsity - sparsity) <= 1e-9) return p.accuracy;
  for (let i = 0; i + 1 < sorted.length; i++) {
    const a = sorted[i];
    const b = sorted[i + 1];
    if (a.sparsity < sparsity && sparsity < b.sparsity) {
      const t = (sparsity - a.sparsity) / (b.sparsity - a.sparsity);
      return a.accuracy + t * (b.accuracy - a.accuracy);
    }
  }
  return null;
}
