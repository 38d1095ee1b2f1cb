/**
 * tfjs live-tensor counts of the page's Web Workers. tfjs in a worker is a separate
 * instance, so the page's tf.memory().numTensors does not see its tensors; a worker that
 * runs tfjs reports tf.memory().numTensors after each job, and the footer shows the page's
 * count plus these (the no-leak check of scripts/budget-runtime.ts reads that total). Pure module state, no DOM.
 */
const workers = new Map<string, number>();

/** Records a worker's count; null removes it (the worker was terminated: its tensors are gone). */
export function reportWorkerTensors(source: string, count: number | null): void {
  if (count === null) workers.delete(source);
  else workers.set(source, count);
}

/** The sum over the reporting workers, or null when none reports. */
export function workerTensorCount(): number | null {
  if (workers.size === 0) return null;
  let sum = 0;
  for (const n of workers.values()) sum += n;
  return sum;
}

/** Page + workers; null when neither has loaded tfjs. */
export function totalTensorCount(page: number | null): number | null {
  const w = workerTensorCount();
  return page === null && w === null ? null : (page ?? 0) + (w ?? 0);
}
