/**
 * Guided paths and end-of-lab checks: pure data and pure functions (no React, no DOM).
 *
 * A guided path is 4–6 steps at the top of a lab. Each step
 *   1. asks the reader to predict something (one sentence, optional choices),
 *   2. offers a preset: a partial state of the lab's URL schema, applied on top of the schema's
 *      defaults, so the preset IS a canonical URL of that lab (shareable, Back restores it),
 *   3. reveals an answer computed from live values the lab exposes (named numbers read from what
 *      the page shows: a measured speed-up, a run's final accuracy), never canned text.
 * A check is 3–4 questions answered from the same live values, each pointing at the panel
 * (element id) where the answer can be read.
 *
 * Texts live in lib/i18n (both languages); this module holds only ids, presets, the names of the
 * live values each step needs and the rules that turn live values into a verdict.
 */
import type { Locale } from '../runtime/locale';
import { type Schema, type StateOf, defaultState } from '../state/schema';
import { canonicalQuery } from '../state/serialize';
import type { TeachLab } from './course';
import { MAX_GUIDED_STEPS } from '../state/step-param';

/** Named numbers a lab exposes: null / undefined / NaN while not measured yet. */
export type LiveValues = Readonly<Record<string, number | null | undefined>>;
/** The live values a step needs, all finite. */
export type Known = Readonly<Record<string, number>>;

export interface GuidedStep<S extends Schema> {
  id: string;
  /** Applied on top of the schema's defaults (plus step = this step's number). */
  preset: Partial<StateOf<S>>;
  /** Live values the answer is computed from; the answer waits until all are finite. */
  needs: readonly string[];
  /** Index of the prediction choice the live values make right (when the step offers choices). */
  verdict?: (v: Known) => number;
  /** Element id of the panel that shows the answer. */
  panel: string;
}

export type CheckAnswer = { kind: 'choice'; index: number } | { kind: 'number'; value: number; tolerance: number };

export interface CheckQuestion {
  id: string;
  needs: readonly string[];
  /** The right answer, from the live values. */
  answer: (v: Known) => CheckAnswer;
  /** Element id of the panel to look at. */
  panel: string;
}

export interface GuidedPathDef<S extends Schema = Schema> {
  lab: TeachLab;
  schema: S;
  steps: readonly GuidedStep<S>[];
  check: readonly CheckQuestion[];
}

/** Builds a path definition and checks its shape (ids unique, 1–8 steps, schema has `step`). */
export function defineGuidedPath<S extends Schema>(def: GuidedPathDef<S>): GuidedPathDef<S> {
  if (!Object.hasOwn(def.schema.params, 'step')) throw new Error(`invalid guided path: schema '${def.schema.lab}' has no 'step' parameter`);
  if (def.steps.length < 1 || def.steps.length > MAX_GUIDED_STEPS)
    throw new Error(`invalid guided path: ${def.lab} has ${def.steps.length} steps`);
  const ids = [...def.steps.map((s) => s.id), ...def.check.map((q) => q.id)];
  if (new Set(ids).size !== ids.length) throw new Error(`invalid guided path: ${def.lab} repeats an id`);
  for (const step of def.steps) {
    for (const key of Object.keys(step.preset)) {
      if (!Object.hasOwn(def.schema.params, key) || key === 'step')
        throw new Error(`invalid guided path: ${def.lab}.${step.id} presets unknown '${key}'`);
    }
  }
  return def;
}

/** The whole state a step's preset describes: defaults, the preset, step = index + 1. */
export function presetState<S extends Schema>(path: GuidedPathDef<S>, index: number): StateOf<S> {
  const step = path.steps[index];
  if (!step) throw new RangeError(`${path.lab} has no step ${index}`);
  return { ...defaultState(path.schema), ...step.preset, step: index + 1 } as StateOf<S>;
}

/** The canonical URL (path and query) of a step's preset, e.g. /en/training?v=1&sched=…&step=2. */
export function presetHref<S extends Schema>(path: GuidedPathDef<S>, index: number, locale: Locale): string {
  return `/${locale}/${path.lab}${canonicalQuery(path.schema, presetState(path, index))}`;
}

/** The step the URL's `step` names, as a 0-based index clamped to the path; `done` past the last. */
export function currentStep(path: GuidedPathDef, step: number): { index: number; started: boolean; done: boolean } {
  const n = path.steps.length;
  if (!Number.isFinite(step) || step <= 0) return { index: 0, started: false, done: false };
  if (step > n) return { index: n - 1, started: true, done: true };
  return { index: Math.floor(step) - 1, started: true, done: false };
}

/** The needed live values when every one of them is a finite number, else null. */
export function knownValues(live: LiveValues, needs: readonly string[]): Known | null {
  const out: Record<string, number> = {};
  for (const key of needs) {
    const v = live[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) return null;
    out[key] = v;
  }
  return out;
}

/** Is the reader's answer right? A number is right within the question's tolerance. */
export function gradeAnswer(answer: CheckAnswer, given: number | null): boolean {
  if (given === null || !Number.isFinite(given)) return false;
  return answer.kind === 'choice' ? given === answer.index : Math.abs(given - answer.value) <= answer.tolerance;
}

/** Reads a number the reader typed ("54", "54.5", "54,5", "54 %"); null when it is not one. */
export function parseTypedNumber(text: string): number | null {
  const t = text.trim().replace(/%$/, '').trim().replace(',', '.');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}
