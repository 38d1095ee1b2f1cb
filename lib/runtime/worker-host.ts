/**
 * The worker side of lib/runtime/protocol.ts: one handler per request type. A handler gets the
 * payload and a JobContext: `progress` posts a progress message, `check` yields to the event loop
 * and throws Cancelled once the page cancelled the request (or superseded it on its channel),
 * `signal` aborts with it (for fetches and timers). Its return value is the result; a thrown
 * Cancelled or AbortError settles the request as cancelled, anything else as a failure with the
 * Issue that `toIssue` makes of it (a runtime issue when it returns null).
 */
import { runtimeIssue, type Issue } from './issue';
import type { FromWorker, PayloadOf, ProgressOf, ProtocolSpec, RequestType, ResultOf, ToWorker } from './protocol';
import { yieldToEventLoop } from './yield';
import { Cancelled, isCancellation } from './cancelled';

export { Cancelled, isCancellation } from './cancelled';

export interface JobContext<P> {
  id: number;
  progress(progress: P, transfer?: Transferable[]): void;
  /** Yields to the event loop, then throws Cancelled if the request was cancelled. */
  check(): Promise<void>;
  /** Whether the request was cancelled (for loops that check synchronously). */
  cancelled(): boolean;
  signal: AbortSignal;
}

/** A result with the buffers to move (not copy) to the page. */
export class Transfer<R> {
  constructor(
    readonly value: R,
    readonly buffers: Transferable[],
  ) {}
}

export type Handlers<S extends ProtocolSpec> = {
  [T in RequestType<S>]: (
    payload: PayloadOf<S, T>,
    job: JobContext<ProgressOf<S, T>>,
  ) => Promise<ResultOf<S, T> | Transfer<ResultOf<S, T>>>;
};

/** What the host needs of a DedicatedWorkerGlobalScope. */
export interface HostScope {
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
  onmessage: ((event: { data: ToWorker }) => unknown) | null;
}

export interface HostOptions {
  /** The Issue of a thrown error the page should read (e.g. lib/lm/errors.ts lmIssue); null: a runtime issue with its message. */
  toIssue?: (err: unknown) => Issue | null;
  /** Run one request at a time, in arrival order (e.g. forward passes that must not interleave). */
  serial?: boolean;
}

/** Installs the handlers on the worker's scope. */
export function hostWorker<S extends ProtocolSpec>(
  scope: HostScope,
  handlers: Handlers<S>,
  { toIssue = () => null, serial = false }: HostOptions = {},
): void {
  const running = new Map<number, AbortController>();
  const post = (m: FromWorker, transfer: Transferable[] = []) => scope.postMessage(m, transfer);
  let queue: Promise<void> = Promise.resolve();

  /** Serial only: requests waiting their turn, and whether the page cancelled them meanwhile. */
  const queued = new Map<number, boolean>();

  scope.onmessage = (event) => {
    const m = event.data;
    if (m.kind === 'cancel') {
      const controller = running.get(m.id);
      if (controller) controller.abort();
      else if (queued.has(m.id)) queued.set(m.id, true);
      return;
    }
    if (!serial) return run(m);
    queued.set(m.id, false);
    queue = queue.then(() => run(m));
    return queue;
  };

  async function run(m: Extract<ToWorker, { kind: 'request' }>): Promise<void> {
    const { id } = m;
    const cancelledWhileQueued = queued.get(id) === true;
    queued.delete(id);
    if (cancelledWhileQueued) {
      post({ kind: 'cancelled', id });
      return;
    }
    const controller = new AbortController();
    running.set(id, controller);
    const job: JobContext<unknown> = {
      id,
      progress: (progress, transfer) => {
        if (!controller.signal.aborted) post({ kind: 'progress', id, progress }, transfer);
      },
      check: async () => {
        await yieldToEventLoop();
        if (controller.signal.aborted) throw new Cancelled();
      },
      cancelled: () => controller.signal.aborted,
      signal: controller.signal,
    };
    try {
      const handler = handlers[m.type as RequestType<S>] as unknown as
        ((payload: unknown, job: JobContext<unknown>) => Promise<unknown>) | undefined;
      if (!handler) throw new Error(`unknown request type ${m.type}`);
      const out = await handler(m.payload, job);
      if (controller.signal.aborted) post({ kind: 'cancelled', id });
      else if (out instanceof Transfer) post({ kind: 'result', id, value: out.value }, out.buffers);
      else post({ kind: 'result', id, value: out });
    } catch (err) {
      if (isCancellation(err) || controller.signal.aborted) post({ kind: 'cancelled', id });
      else post({ kind: 'failure', id, issue: toIssue(err) ?? runtimeIssue(err) });
    } finally {
      running.delete(id);
    }
  }
}
