/**
 * One shape for every problem a lab reports to the reader: a kebab-case `key` and the values its
 * message is filled with. This file is the generic layer: it names no lab and no message table. A
 * domain module reports `Issue<ItsOwnKeys>` (lib/lm/errors.ts LmProblem, lib/io/matrix.ts
 * MatrixProblem, ...); lib/i18n/issues.ts unites those keys into the app's IssueKey, holds one message
 * per key in each language, and shows an issue (`issueMessage`, `issueDetail`).
 *
 * The worker protocol (lib/runtime/protocol.ts) carries an `Issue` without naming its keys. So that it
 * is still the app's union there, lib/i18n/issues.ts registers IssueKey in IssueRegistry by
 * declaration merging (TypeScript handbook, "Module Augmentation"); `Issue`'s default key is the
 * registered one, and `string` in a program without lib/i18n/issues.ts. A key without a message thus
 * stays a type error wherever an issue is shown.
 *
 * Two keys belong to the runtime itself: `runtime` (a failure of the runtime, e.g. a worker that
 * stopped; params.message says what) and `cancelled` (the notice after the reader cancelled a long
 * measurement).
 */

export type RuntimeIssueKey = 'runtime' | 'cancelled';

/** Filled by lib/i18n/issues.ts with `{ key: IssueKey }` (declaration merging); empty here. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- an interface that lib/i18n/issues.ts augments
export interface IssueRegistry {}

/** The app's issue keys once lib/i18n/issues.ts has registered them; any string before. */
export type RegisteredIssueKey = IssueRegistry extends { key: infer K extends string } ? K : string;

export type IssueParams = Record<string, string | number>;

export interface Issue<K extends string = RegisteredIssueKey> {
  key: K;
  params?: IssueParams;
}

/** A failure of the runtime itself (a bug, a stopped worker), with the English detail to show. */
export function runtimeIssue(err: unknown): Issue<'runtime'> {
  return { key: 'runtime', params: { message: err instanceof Error ? err.message : String(err) } };
}
