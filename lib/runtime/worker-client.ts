/**
 * The page side of lib/runtime/protocol.ts: a promise client over anything that posts and receives
 * messages like a Worker (a real Worker in the hooks, a fake port in the tests). The worker starts
 * on the first request; if it dies, every pending request fails with a `runtime` issue and the
 * next request starts a fresh one.
 *
 * Superseding: a request sent with a `channel` cancels the pending request of that channel, whose
 * outcome is then `{ status: 'cancelled' }` at once (the worker stops it at its next check).
 */
import { type Issue, runtimeIssue } from './issue';
import { Cancelled } from './cancelled';
import type { FromWorker, Outcome, ProgressOf, ProtocolSpec, RequestType, ResultOf, PayloadOf, ToWorker } from './protocol';

/** What the client needs of a Worker. */
export interface WorkerPort {
  postMessage(message: ToWorker, transfer?: Transferable[]): void;
  onmessage: ((event: { data: FromWorker }) => void) | null;
  onerror: ((event: { message?: string; preventDefault?: () => void }) => void) | null;
  terminate(): void;
}

export interface RequestOptions<P> {
  /** A newer request on the same channel supersedes this one. */
  channel?: string;
  onProgress?: (progress: P) => void;
  /** Buffers moved (not copied) to the worker with the payload. */
  transfer?: Transferable[];
}

export interface Job<R> {
  id: number;
  /** Always resolves (never rejects): done with the value, failed with an Issue, or cancelled. */
  outcome: Promise<Outcome<R>>;
}

interface Pending {
  settle: (o: Outcome<unknown>) => void;
  onProgress?: (progress: never) => void;
  channel?: string;
}

export class WorkerClient<S extends ProtocolSpec> {
  private port: WorkerPort | null = null;
  private readonly pending = new Map<number, Pending>();
  private readonly channels = new Map<string, number>();
  private nextId = 1;

  /** `start` makes the worker (e.g. `() => new Worker(new URL('./x.worker.ts', import.meta.url), { type: 'module' })`). */
  constructor(private readonly start: () => WorkerPort) {}

  request<T extends RequestType<S>>(
    type: T,
    payload: PayloadOf<S, T>,
    options: RequestOptions<ProgressOf<S, T>> = {},
  ): Job<ResultOf<S, T>> {
    const id = this.nextId++;
    if (options.channel !== undefined) {
      const older = this.channels.get(options.channel);
      if (older !== undefined) this.cancel(older);
      this.channels.set(options.channel, id);
    }
    const outcome = new Promise<Outcome<ResultOf<S, T>>>((resolve) => {
      this.pending.set(id, {
        settle: resolve as (o: Outcome<unknown>) => void,
        onProgress: options.onProgress as ((p: never) => void) | undefined,
        channel: options.channel,
      });
    });
    this.ensure().postMessage({ kind: 'request', id, type, payload }, options.transfer ?? []);
    return { id, outcome };
  }

  /** Cancels a pending request: its outcome is `cancelled` at once; the worker stops it at its next check. Bound: pass it around freely. */
  readonly cancel = (id: number): void => {
    if (!this.pending.has(id)) return;
    this.settle(id, { status: 'cancelled' });
    this.port?.postMessage({ kind: 'cancel', id });
  };

  /** Stops the worker; pending requests end cancelled. */
  dispose(): void {
    this.port?.terminate();
    this.port = null;
    for (const id of [...this.pending.keys()]) this.settle(id, { status: 'cancelled' });
  }

  private settle(id: number, outcome: Outcome<unknown>): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    if (p.channel !== undefined && this.channels.get(p.channel) === id) this.channels.delete(p.channel);
    p.settle(outcome);
  }

  private ensure(): WorkerPort {
    if (this.port) return this.port;
    const port = this.start();
    port.onmessage = (event) => {
      const m = event.data;
      if (m.kind === 'progress') (this.pending.get(m.id)?.onProgress as ((p: unknown) => void) | undefined)?.(m.progress);
      else if (m.kind === 'result') this.settle(m.id, { status: 'done', value: m.value });
      else if (m.kind === 'failure') this.settle(m.id, { status: 'failed', issue: m.issue });
      else this.settle(m.id, { status: 'cancelled' });
    };
    port.onerror = (event) => {
      event.preventDefault?.();
      const issue = runtimeIssue(event.message || 'the worker stopped');
      if (this.port === port) this.port = null;
      port.terminate();
      for (const id of [...this.pending.keys()]) this.settle(id, { status: 'failed', issue });
    };
    this.port = port;
    return port;
  }
}

/** A failed request's Issue as an Error, for sequential code (see valueOf). */
export class WorkerFailure extends Error {
  constructor(readonly issue: Issue) {
    super(String(issue.params?.message ?? issue.key));
    this.name = 'WorkerFailure';
  }
}

/**
 * For sequential code that awaits several steps in one try block (a measurement): the value, or
 * a thrown WorkerFailure (failed) or Cancelled (cancelled, which such code treats like an abort).
 */
export async function valueOf<R>(outcome: Promise<Outcome<R>>): Promise<R> {
  const o = await outcome;
  if (o.status === 'done') return o.value;
  if (o.status === 'failed') throw new WorkerFailure(o.issue);
  throw new Cancelled();
}
