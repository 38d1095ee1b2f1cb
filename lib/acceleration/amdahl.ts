/**
 * Whole-step speed-up when only one part of a decoding step gets faster (Amdahl 1967):
 *   S_total = 1 / ((1 − p) + p / S_part),  p = the part's share of the step's time,
 * bounded by 1 / (1 − p) however fast the part becomes. The lab feeds it the measured time of the
 * linear layers (lib/lm/kernel-decode.ts parts) and their measured speed-up.
 */
import { STEP_PARTS, type PartTimes } from '../lm/kernel-decode';

export function amdahlSpeedup(p: number, partSpeedup: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`the part's share p must be in [0, 1], got ${String(p)}`);
  if (!(partSpeedup > 0)) throw new RangeError(`the part's speed-up must be > 0, got ${String(partSpeedup)}`);
  return 1 / (1 - p + p / partSpeedup);
}

/** The ceiling 1 / (1 − p) (Infinity when the part is the whole step). */
export function amdahlLimit(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`the part's share p must be in [0, 1], got ${String(p)}`);
  return p === 1 ? Infinity : 1 / (1 - p);
}

export interface StepBreakdown {
  /** Milliseconds per token of each part, with the round trips of the profile's syncs taken off (≥ 0). */
  parts: PartTimes;
  /** Σ parts. */
  attributed: number;
  /** The unprofiled step (what tokens per second measure), ms per token. */
  step: number;
  /** step − attributed: dispatch and submission that no part's own time holds (negative when the GPU overlaps parts that the profile serialises). */
  overhead: number;
  /** Linear layers' share of the step: linear / max(step, attributed). */
  linearShare: number;
}

/**
 * Breakdown of one token: `profiled` is the per-token mean of each part measured with a sync after
 * it, `syncsPerToken` how many syncs that took, `roundTrip` the time of a bare readback (ms, taken off
 * each part in proportion to its syncs), `step` the unprofiled ms per token.
 */
export function stepBreakdown(profiled: PartTimes, syncsPerPart: PartTimes, roundTrip: number, step: number): StepBreakdown {
  const parts = { ...profiled };
  for (const k of STEP_PARTS) parts[k] = Math.max(0, profiled[k] - syncsPerPart[k] * roundTrip);
  const attributed = STEP_PARTS.reduce((s, k) => s + parts[k], 0);
  const whole = Math.max(step, attributed);
  return { parts, attributed, step, overhead: step - attributed, linearShare: whole > 0 ? parts.linear / whole : 0 };
}

/** Median of a non-empty list. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new RangeError('median of an empty list');
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
