/// <reference lib="webworker" />
/**
 * The attention lab's worker: masks, grids, block layouts, receptive fields, probabilities
 * and the kernels' reference twins, off the main thread (lib/labs/attention/jobs.ts).
 * Protocol: lib/labs/attention/protocol.ts on lib/runtime (worker-host.ts). The lab sends each kind
 * on its own channel: a newer request cancels the older, whose job stops at its next check (jobs
 * check between row chunks), so while a slider moves only the newest value is computed to the end.
 */
import { computeOverview, computeProbabilities, computeTwins, computeView } from '@/lib/labs/attention/jobs';
import type { AttentionProtocol } from '@/lib/labs/attention/protocol';
import { type HostScope, Transfer, hostWorker } from '@/lib/runtime/worker-host';

hostWorker<AttentionProtocol>(self as unknown as HostScope, {
  view: async (body, job) => {
    await job.check(); // a burst of slider moves collapses to the newest value
    const result = await computeView({ ...body, kind: 'view', id: job.id }, job.check);
    const buffers: Transferable[] = [];
    for (const v of [result.main, result.compare]) {
      if (!v) continue;
      buffers.push(v.overview.values.buffer, v.zoom.values.buffer, v.kinds.buffer, v.receptive.depths.buffer);
    }
    return new Transfer(result, buffers);
  },
  overview: async (body, job) => {
    await job.check();
    const result = await computeOverview({ ...body, kind: 'overview', id: job.id }, job.check);
    return new Transfer(result, [result.overview.values.buffer]);
  },
  probs: async (body, job) => {
    await job.check();
    const result = await computeProbabilities({ ...body, kind: 'probs', id: job.id }, job.check);
    return new Transfer(result, [result.values.buffer]);
  },
  twin: async (body, job) => {
    await job.check();
    const result = await computeTwins({ ...body, kind: 'twin', id: job.id }, job.check);
    return new Transfer(result, [result.blockSparse.buffer, result.dense.buffer]);
  },
});
