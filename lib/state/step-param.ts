/**
 * The `step` URL parameter of a lab's guided path: 0 = not started, k = the reader is at step k
 * (1-based), steps + 1 = finished. A lab adopts it with one line in its schema:
 *
 *   export const fooSchema = defineSchema('foo', 1, { ..., step: GUIDED_STEP_PARAM });
 *
 * Adding a parameter does not change the meaning of the others, so the schema version stays.
 */
import type { IntParam } from './schema';

/** At most 8 steps per path, plus 0 (not started) and steps + 1 (finished). */
export const MAX_GUIDED_STEPS = 8;

export const GUIDED_STEP_PARAM = { kind: 'int', default: 0, min: 0, max: MAX_GUIDED_STEPS + 1 } as const satisfies IntParam;
