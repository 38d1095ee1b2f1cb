'use client';

/**
 * Performance marks for the repaint budget (issue 8): a control move marks
 * 'sparselab:input'; the next heatmap repaint measures 'sparselab:repaint' from it
 * (User Timing API, read by the budget check with performance.getEntriesByName).
 */
const INPUT = 'sparselab:input';
let pending = false;

export function markInput(): void {
  if (typeof performance === 'undefined') return;
  performance.clearMarks(INPUT);
  performance.mark(INPUT);
  pending = true;
}

export function measureRepaint(): void {
  if (!pending || typeof performance === 'undefined') return;
  pending = false;
  performance.measure('sparselab:repaint', INPUT);
}
