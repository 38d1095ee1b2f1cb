'use client';

/**
 * Performance marks for the repaint budget. Every control move is an input with
 * an id (markInput, mark 'sparselab:input'); the first repaint of a picture computed for
 * that input adds the measure 'sparselab:repaint' from the move to the repaint (User
 * Timing API, read by scripts/budget-runtime.ts with performance.getEntriesByName).
 * A picture drawn for an older input never measures a newer one.
 */
const INPUT = 'sparselab:input';
const REPAINT = 'sparselab:repaint';
/** Input id -> its time (performance.now()); ids at or below `measured` are dropped. */
const pending = new Map<number, number>();
/** Moves kept waiting for their picture; older ones are dropped (never measured). */
const MAX_PENDING = 64;
let latest = 0;
let measured = 0;

/** Marks a control move; returns its id. */
export function markInput(): number {
  latest++;
  if (typeof performance === 'undefined') return latest;
  pending.set(latest, performance.now());
  // moves no picture answers (a slider without a heatmap) must not pile up
  if (pending.size > MAX_PENDING) pending.delete(pending.keys().next().value as number);
  performance.clearMarks(INPUT); // the start times live in `pending`; the timeline keeps the newest mark
  performance.mark(INPUT, { detail: latest });
  return latest;
}

/** The id of the newest control move (0 before any): pictures computed now are for it. */
export function latestInput(): number {
  return latest;
}

/** Call after drawing a picture computed for input `id` (default: the newest input). */
export function measureRepaint(id: number = latest): void {
  if (id <= measured || typeof performance === 'undefined') return;
  const start = pending.get(id);
  measured = id;
  for (const k of pending.keys()) if (k <= id) pending.delete(k);
  if (start === undefined) return;
  performance.measure(REPAINT, { start, end: performance.now(), detail: id });
}
