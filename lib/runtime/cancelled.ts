/** Thrown where a request is no longer wanted: cancelled by the page or superseded on its channel. */
export class Cancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'Cancelled';
  }
}

/** Cancelled, or an AbortError (a fetch or timer aborted through the job's signal). */
export function isCancellation(err: unknown): boolean {
  return err instanceof Cancelled || (typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'AbortError');
}
