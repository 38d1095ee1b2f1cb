/**
 * Input checks shared by the sparsity library (pruning, schedules, formats).
 *
 * Two styles, one source of truth for the wording:
 * - `validate*` functions (in pruning.ts / schedules.ts) return a list of
 *   `ValidationIssue`s so a form can show every problem at once, translated by `key`;
 * - the library functions themselves throw a RangeError carrying the first
 *   issue's English message, which always names the offending value.
 *
 * Every check is O(1) or a single pass over its input, so bad input never hangs.
 */

/** One problem with a set of parameters. `key` is stable and kebab-case (lib/i18n/issues.ts translates it); `values` fill its placeholders. */
export interface ValidationIssue<K extends string = string> {
  key: K;
  message: string;
  values: Record<string, number | string>;
}

/** Throws a RangeError with the first issue's message (the list is expected to be non-empty). */
export function throwFirstIssue(issues: readonly ValidationIssue[]): void {
  if (issues.length > 0) throw new RangeError(issues[0].message);
}

/** Throws unless `value` is an integer >= `min`. */
export function assertInteger(name: string, value: number, min: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new RangeError(`${name} must be an integer, got ${String(value)}`);
  }
  if (value < min) {
    throw new RangeError(`${name} = ${value} must be at least ${min}`);
  }
}

/** Throws unless `buffer.length === expected`, naming the shape that was expected. */
export function assertLength(name: string, buffer: ArrayLike<number>, expected: number, shape: string): void {
  if (buffer.length !== expected) {
    throw new RangeError(`${name}.length = ${buffer.length} does not equal ${shape} = ${expected}`);
  }
}

/** Throws unless every entry of `mask` is 0 or 1 (a binary keep-mask, 1 = kept). */
export function assertBinaryMask(name: string, mask: ArrayLike<number>): void {
  for (let i = 0; i < mask.length; i++) {
    const v = mask[i];
    if (v !== 0 && v !== 1) {
      throw new RangeError(`${name}[${i}] = ${String(v)} must be 0 or 1`);
    }
  }
}

/** Throws unless every entry of `values` is finite (NaN / ±Infinity would make rankings meaningless). */
export function assertFiniteEntries(name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new RangeError(`${name}[${i}] = ${String(values[i])} must be a finite number`);
    }
  }
}
