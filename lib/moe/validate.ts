/**
 * Input checks shared by the MoE routing and dispatch references.
 *
 * Every check throws a RangeError whose message names the offending value, so
 * the UI can show it verbatim. None of them loops on anything but the input
 * length, so bad input can never hang a caller.
 */

/** A flat numeric buffer: Float32Array in practice, any array-like in tests. */
export type NumericArray = ArrayLike<number>;

/** Throws unless `value` is an integer >= `min` (and <= `max` when given). */
export function assertInteger(name: string, value: number, min: number, max = Number.POSITIVE_INFINITY): void {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new RangeError(`${name} must be an integer, got ${String(value)}`);
  }
  if (value < min) {
    throw new RangeError(`${name} = ${value} must be at least ${min}`);
  }
  if (value > max) {
    throw new RangeError(`${name} = ${value} must be at most ${max}`);
  }
}

/** Throws unless `value` is a finite number >= `min`. */
export function assertFiniteAtLeast(name: string, value: number, min: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`${name} must be a finite number, got ${String(value)}`);
  }
  if (value < min) {
    throw new RangeError(`${name} = ${value} must be at least ${min}`);
  }
}

/** Throws unless the capacity factor is a finite number > 0. */
export function assertCapacityFactor(capacityFactor: number): void {
  if (typeof capacityFactor !== 'number' || !Number.isFinite(capacityFactor) || capacityFactor <= 0) {
    throw new RangeError(`capacityFactor = ${String(capacityFactor)} must be a finite number greater than 0`);
  }
}

/** Throws unless `buffer.length === expected`, naming the shape that was expected. */
export function assertLength(name: string, buffer: NumericArray, expected: number, shape: string): void {
  if (buffer.length !== expected) {
    throw new RangeError(`${name}.length = ${buffer.length} does not equal ${shape} = ${expected}`);
  }
}

/**
 * Checks a token-major router logit matrix [numTokens, numExperts]:
 * integer sizes >= 1, matching length, every entry finite.
 */
export function assertRouterLogits(logits: NumericArray, numTokens: number, numExperts: number, expertsName = 'numExperts'): void {
  assertInteger('numTokens', numTokens, 1);
  assertInteger(expertsName, numExperts, 1);
  assertLength('logits', logits, numTokens * numExperts, `numTokens × ${expertsName} = ${numTokens} × ${numExperts}`);
  for (let i = 0; i < logits.length; i++) {
    const v = logits[i];
    if (!Number.isFinite(v)) {
      const t = Math.floor(i / numExperts);
      const e = i - t * numExperts;
      throw new RangeError(`logits[${i}] (token ${t}, expert ${e}) is ${String(v)}; router logits must be finite numbers`);
    }
  }
}

/** Throws unless 1 <= k <= numExperts (a token cannot pick more experts than exist). */
export function assertTopK(k: number, numExperts: number, expertsName = 'numExperts'): void {
  assertInteger('k', k, 1);
  if (k > numExperts) {
    throw new RangeError(`k = ${k} exceeds ${expertsName} = ${numExperts}; a token cannot pick more experts than exist`);
  }
}
