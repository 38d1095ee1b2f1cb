/**
 * The one message protocol between a page and its Web Workers (lib/runtime/worker-client.ts on the
 * page, lib/runtime/worker-host.ts in the worker).
 *
 * page → worker: `request` (id, request type, payload), `cancel` (id).
 * worker → page: any number of `progress` for a request, then exactly one of `result`, `failure`
 * (an Issue the page translates) or `cancelled`.
 *
 * One rule for work nobody wants any more: a request cancelled by the page, or superseded by a newer
 * request on the same channel (the client cancels the older one when it sends the newer), settles as
 * the outcome `{ status: 'cancelled' }`. It is never a failure: pages ignore it and show no error.
 */
import type { Issue } from './issue';

/**
 * A worker's vocabulary: for each request type, its payload, its result and what its progress
 * messages carry. E.g. `{ load: { payload: { model: string }; result: Info; progress: Download } }`.
 */
export type ProtocolSpec = Record<string, { payload: unknown; result: unknown; progress?: unknown }>;

export type RequestType<S extends ProtocolSpec> = keyof S & string;
export type PayloadOf<S extends ProtocolSpec, T extends RequestType<S>> = S[T]['payload'];
export type ResultOf<S extends ProtocolSpec, T extends RequestType<S>> = S[T]['result'];
export type ProgressOf<S extends ProtocolSpec, T extends RequestType<S>> = S[T] extends { progress: infer P } ? P : never;

/** The usual progress: `done` of `total` units of a named phase. */
export interface Progress<Phase extends string = string> {
  phase: Phase;
  done: number;
  total: number;
}

export type ToWorker = { kind: 'request'; id: number; type: string; payload: unknown } | { kind: 'cancel'; id: number };

export type FromWorker =
  | { kind: 'progress'; id: number; progress: unknown }
  | { kind: 'result'; id: number; value: unknown }
  | { kind: 'failure'; id: number; issue: Issue }
  | { kind: 'cancelled'; id: number };

/** How a request ended, as the page sees it. */
export type Outcome<R> = { status: 'done'; value: R } | { status: 'failed'; issue: Issue } | { status: 'cancelled' };
