/**
 * Row-wise description of every pattern, so masks, block layouts, counts and receptive
 * fields are all computed from a few numbers per query row instead of an n×n scan.
 *
 * Row i of a mask (the keys query i attends) is a union of segments; segment k is
 *   S_k = { j ∈ [lo_k, hi_k) : mod(j - phase_k, period_k) < width_k },
 * i.e. a periodic set clipped to an interval:
 *   - a plain interval has period 1, width 1 (every j qualifies);
 *   - an arithmetic progression j ≡ phase (mod p) has width 1 (dilated, strided);
 *   - "the last c columns of every stride" has period l, phase l - c, width c (fixed).
 * Each pattern emits at most 2 segments per row, except BigBird (one per run of attended
 * blocks); each pattern's rule is its entry in pattern-registry.ts. The `causal` flag clips
 * every hi to i + 1 (AND with j <= i).
 * Callers validate the parameters first (params.ts); nothing here re-checks them.
 */
import type { PatternParams } from './params';
import { PATTERN_REGISTRY, type PatternName, type PushSegment } from './pattern-registry';

/** Segments of one row, struct-of-arrays so rows reuse one allocation. */
export interface RowSegments {
  count: number;
  lo: Int32Array;
  hi: Int32Array;
  period: Int32Array;
  phase: Int32Array;
  width: Int32Array;
}

/** How to write the segments of any row of one configured pattern. */
export interface RowPlan {
  seqLen: number;
  /** Most segments any row can emit: size of the RowSegments to pass to writeRow. */
  capacity: number;
  /** Overwrites `out` with the segments of query row `row` (0 <= row < seqLen). */
  writeRow(row: number, out: RowSegments): void;
}

/** Allocates segment storage for `capacity` segments. */
export function createRowSegments(capacity: number): RowSegments {
  return {
    count: 0,
    lo: new Int32Array(capacity),
    hi: new Int32Array(capacity),
    period: new Int32Array(capacity),
    phase: new Int32Array(capacity),
    width: new Int32Array(capacity),
  };
}

/** Mathematical modulo: result in [0, p) for any integer x (JS % keeps the sign of x). */
function modulo(x: number, p: number): number {
  const r = x % p;
  return r < 0 ? r + p : r;
}

/** Appends segment {j ∈ [lo, hi) ∩ [0, limit) : mod(j - phase, period) < width}; drops it if empty. */
function pushSegment(out: RowSegments, limit: number, lo: number, hi: number, period = 1, phase = 0, width = 1): void {
  const a = lo < 0 ? 0 : lo;
  const b = hi > limit ? limit : hi;
  if (a >= b) return;
  const k = out.count++;
  out.lo[k] = a;
  out.hi[k] = b;
  if (width >= period) {
    out.period[k] = 1;
    out.phase[k] = 0;
    out.width[k] = 1;
  } else {
    out.period[k] = period;
    out.phase[k] = modulo(phase, period);
    out.width[k] = width;
  }
}

/**
 * The RowPlan of a validated configuration: the pattern's row rule (pattern-registry.ts,
 * which states each row's key set and the paper behind it) writing into RowSegments.
 */
export function planRows(name: PatternName, params: PatternParams): RowPlan {
  const n = params.seqLen;
  const causal = params.causal;
  const rule = PATTERN_REGISTRY[name].rows(params);
  let target: RowSegments = createRowSegments(0);
  const push: PushSegment = (limit, lo, hi, period, phase, width) => pushSegment(target, limit, lo, hi, period, phase, width);
  return {
    seqLen: n,
    capacity: rule.capacity,
    writeRow(i, out) {
      out.count = 0;
      target = out;
      rule.write(i, push, causal ? i + 1 : n);
    },
  };
}

/** Sets mask[offset + j] = 1 for every j of the row's segments. */
export function fillRowSegments(mask: Uint8Array, offset: number, segs: RowSegments): void {
  for (let k = 0; k < segs.count; k++) {
    const lo = segs.lo[k];
    const hi = segs.hi[k];
    const p = segs.period[k];
    if (p === 1) {
      mask.fill(1, offset + lo, offset + hi);
      continue;
    }
    const w = segs.width[k];
    const start = lo - modulo(lo - segs.phase[k], p); // aligned chunk start <= lo
    if (w === 1) {
      for (let j = start < lo ? start + p : start; j < hi; j += p) mask[offset + j] = 1;
      continue;
    }
    for (let s = start; s < hi; s += p) {
      const a = s < lo ? lo : s;
      const e = s + w > hi ? hi : s + w;
      if (a < e) mask.fill(1, offset + a, offset + e);
    }
  }
}

/**
 * Marks layout[offset + kb] = 1 for every key block kb (of `blockSize` keys) containing at
 * least one j of the row's segments. O(1) per block: within block [A, B) the first
 * qualifying j is A if mod(A - phase, p) < width, otherwise A + p - mod(A - phase, p).
 */
export function markRowBlocks(layout: Uint8Array, offset: number, segs: RowSegments, blockSize: number): void {
  for (let k = 0; k < segs.count; k++) {
    const lo = segs.lo[k];
    const hi = segs.hi[k];
    const first = Math.floor(lo / blockSize);
    const last = Math.floor((hi - 1) / blockSize);
    const p = segs.period[k];
    if (p === 1) {
      layout.fill(1, offset + first, offset + last + 1);
      continue;
    }
    const phase = segs.phase[k];
    const w = segs.width[k];
    for (let kb = first; kb <= last; kb++) {
      if (layout[offset + kb] === 1) continue;
      const a = Math.max(kb * blockSize, lo);
      const e = Math.min(kb * blockSize + blockSize, hi);
      const r = modulo(a - phase, p);
      if (r < w || a + p - r < e) layout[offset + kb] = 1;
    }
  }
}

/** |{ j ∈ [lo, hi) : mod(j - phase, p) < w }| = G(hi) - G(lo), G(x) = floor((x-phase)/p) w + min(mod(x-phase, p), w). */
function countSegment(lo: number, hi: number, p: number, phase: number, w: number): number {
  const g = (x: number): number => Math.floor((x - phase) / p) * w + Math.min(modulo(x - phase, p), w);
  return g(hi) - g(lo);
}

/**
 * |∪ segments|: analytic for one segment or for plain intervals (sorted and merged);
 * otherwise marks the span in `scratch` (length >= seqLen, all zero, left all zero).
 */
export function countRowSegments(segs: RowSegments, scratch: Uint8Array): number {
  const m = segs.count;
  if (m === 0) return 0;
  if (m === 1) return countSegment(segs.lo[0], segs.hi[0], segs.period[0], segs.phase[0], segs.width[0]);
  let allIntervals = true;
  for (let k = 0; k < m; k++) if (segs.period[k] !== 1) allIntervals = false;
  if (allIntervals) {
    const order = Array.from({ length: m }, (_, k) => k).sort((x, y) => segs.lo[x] - segs.lo[y]);
    let total = 0;
    let reach = -1; // covered up to (exclusive)
    for (const k of order) {
      const lo = Math.max(segs.lo[k], reach);
      if (segs.hi[k] > lo) total += segs.hi[k] - lo;
      reach = Math.max(reach, segs.hi[k]);
    }
    return total;
  }
  let minLo = segs.lo[0];
  let maxHi = segs.hi[0];
  for (let k = 1; k < m; k++) {
    minLo = Math.min(minLo, segs.lo[k]);
    maxHi = Math.max(maxHi, segs.hi[k]);
  }
  fillRowSegments(scratch, 0, segs);
  let total = 0;
  for (let j = minLo; j < maxHi; j++) total += scratch[j];
  scratch.fill(0, minLo, maxHi);
  return total;
}
