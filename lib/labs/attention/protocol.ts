/**
 * What the attention lab asks of its worker (components/labs/attention/attention.worker.ts), in the
 * protocol of lib/runtime/protocol.ts. The payloads are lib/labs/attention/jobs.ts's requests
 * without their kind and id (the worker adds them); the lab sends each kind on a channel of its
 * name, so while a slider moves only the newest value is computed to the end.
 */
import type {
  OverviewRequest,
  OverviewResult,
  ProbabilityRequest,
  ProbabilityResult,
  TwinRequest,
  TwinResult,
  ViewRequest,
  ViewResult,
} from './jobs';

type Body<R> = Omit<R, 'kind' | 'id'>;

export type AttentionProtocol = {
  view: { payload: Body<ViewRequest>; result: ViewResult };
  overview: { payload: Body<OverviewRequest>; result: OverviewResult };
  probs: { payload: Body<ProbabilityRequest>; result: ProbabilityResult };
  twin: { payload: Body<TwinRequest>; result: TwinResult };
};
