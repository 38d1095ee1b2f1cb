/// <reference lib="webworker" />
/**
 * The attention lab's worker: masks, grids, block layouts, receptive fields, probabilities
 * and the kernels' reference twins, off the main thread (lib/labs/attention/jobs.ts).
 * Every request carries an id; a newer request of the same kind makes the older one throw
 * JobCancelled at its next tick (jobs yield between row chunks), so while a slider moves
 * only the newest value is computed to the end.
 */
import {
  computeOverview,
  computeProbabilities,
  computeTwins,
  computeView,
  JobCancelled,
  type OverviewRequest,
  type ProbabilityRequest,
  type TwinRequest,
  type ViewRequest,
} from '@/lib/labs/attention/jobs';

type Request = ViewRequest | OverviewRequest | ProbabilityRequest | TwinRequest;

const scope = self as unknown as DedicatedWorkerGlobalScope;
const latest: Partial<Record<Request['kind'], number>> = {};

/**
 * Yields to the worker's event loop so a newer request can arrive. A MessageChannel
 * round trip, not setTimeout(0): nested timers are clamped to >= 4 ms, which added tens of
 * milliseconds of idle time to every view (a view yields a dozen times or more).
 */
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });
}

scope.onmessage = async (event: MessageEvent<Request>) => {
  const request = event.data;
  latest[request.kind] = request.id;
  const tick = async () => {
    await yieldToEvents();
    if (latest[request.kind] !== request.id) throw new JobCancelled();
  };
  try {
    await tick(); // a burst of slider moves collapses to the newest value
    if (request.kind === 'view') {
      const result = await computeView(request, tick);
      const buffers: Transferable[] = [];
      for (const v of [result.main, result.compare]) {
        if (!v) continue;
        buffers.push(v.overview.values.buffer, v.zoom.values.buffer, v.kinds.buffer, v.receptive.depths.buffer);
      }
      scope.postMessage(result, buffers);
    } else if (request.kind === 'overview') {
      const result = await computeOverview(request, tick);
      scope.postMessage(result, [result.overview.values.buffer]);
    } else if (request.kind === 'probs') {
      const result = await computeProbabilities(request, tick);
      scope.postMessage(result, [result.values.buffer]);
    } else {
      const result = await computeTwins(request, tick);
      scope.postMessage(result, [result.blockSparse.buffer, result.dense.buffer]);
    }
  } catch (err) {
    if (err instanceof JobCancelled) return;
    scope.postMessage({ kind: 'error', of: request.kind, id: request.id, message: err instanceof Error ? err.message : String(err) });
  }
};
