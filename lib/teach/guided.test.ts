import { describe, expect, it } from 'vitest';
import { teachMessages } from '../i18n/teach';
import { parseState } from '../state/parse';
import { defineSchema } from '../state/schema';
import { COURSE, RELATED, nextInCourse, relatedHref } from './course';
import { currentStep, defineGuidedPath, gradeAnswer, knownValues, parseTypedNumber, presetHref, presetState } from './guided';
import { GUIDED_PATHS, accelerationPath, modelsPath, trainingPath } from './paths';
import { GUIDED_STEP_PARAM } from '../state/step-param';

describe('guided paths', () => {
  it('every preset is a canonical URL of its lab that parses back to the same state with no corrections', () => {
    for (const path of Object.values(GUIDED_PATHS)) {
      path!.steps.forEach((_, i) => {
        const href = presetHref(path!, i, 'en');
        expect(href.startsWith(`/en/${path!.lab}?v=1&`)).toBe(true);
        const parsed = parseState(path!.schema, new URLSearchParams(href.split('?')[1]));
        expect(parsed.corrections).toEqual([]);
        expect(parsed.state).toEqual(presetState(path!, i));
        expect(parsed.state.step).toBe(i + 1);
      });
    }
  });

  it('the training presets are runnable and finish in 160 steps', () => {
    const s = presetState(trainingPath, 0);
    expect([s.subset, s.batch, s.epochs, s.sched, s.final]).toEqual([2000, 64, 5, 'cubic', 0.9]);
    expect(s.begin).toBeLessThan(s.end);
    expect(s.end).toBeLessThanOrEqual(160);
    expect(presetState(trainingPath, 3).order).toBe('source');
  });

  it('every step and question has text in both languages, with as many choices as its verdict can name', () => {
    for (const locale of ['en', 'zh'] as const) {
      const t = teachMessages[locale];
      for (const [lab, path] of [
        ['training', trainingPath],
        ['acceleration', accelerationPath],
        ['models', modelsPath],
      ] as const) {
        for (const step of path.steps) {
          const text = (t.paths[lab] as Record<string, { predict: string; choices: readonly string[] }>)[step.id];
          expect(text?.predict, `${locale} ${lab}.${step.id}`).toBeTruthy();
          expect(text.choices.length).toBeGreaterThanOrEqual(2);
          expect(t.panels[step.panel], `${locale} panel ${step.panel}`).toBeTruthy();
        }
        for (const q of path.check) {
          expect((t.checks[lab] as Record<string, unknown>)[q.id], `${locale} ${lab}.${q.id}`).toBeTruthy();
          expect(t.panels[q.panel], `${locale} panel ${q.panel}`).toBeTruthy();
        }
      }
    }
  });

  it('a reveal prints the live numbers it is given', () => {
    const v = { 'source.target': 0.9, 'source.measured': 0.183 };
    expect(teachMessages.en.paths.training.source.reveal(v, v)).toContain('aimed at 90.0% and measured 18.3%');
    const a = { 'b64.csr.at90': 2.84, 'b64.bsr.at90': 4.97 };
    expect(teachMessages.zh.paths.acceleration.formats90.reveal(a, { ...a, 'b64.csr.breakEven': 0.546 })).toContain('CSR 在 55% 时持平');
  });

  it('verdicts follow the live values', () => {
    const formats = accelerationPath.steps[0];
    expect(formats.verdict!({ 'b64.csr.at90': 2.9, 'b64.bsr.at90': 5.0 })).toBe(1);
    expect(formats.verdict!({ 'b64.csr.at90': 1.2, 'b64.bsr.at90': 1.5 })).toBe(2);
    const source = trainingPath.steps[3];
    expect(source.verdict!({ 'source.measured': 0.18, 'source.target': 0.9 })).toBe(1);
    expect(source.verdict!({ 'source.measured': 0.9, 'source.target': 0.9 })).toBe(0);
  });

  it('currentStep: 0 is not started, past the last is done, anything else is clamped', () => {
    expect(currentStep(trainingPath, 0)).toEqual({ index: 0, started: false, done: false });
    expect(currentStep(trainingPath, 2)).toEqual({ index: 1, started: true, done: false });
    expect(currentStep(trainingPath, 6)).toEqual({ index: 4, started: true, done: true });
    expect(currentStep(trainingPath, 9)).toEqual({ index: 4, started: true, done: true });
  });

  it('knownValues waits for every needed value to be a finite number', () => {
    expect(knownValues({ a: 1, b: null }, ['a', 'b'])).toBeNull();
    expect(knownValues({ a: 1, b: Number.NaN }, ['a', 'b'])).toBeNull();
    expect(knownValues({ a: 1, b: 2, c: 3 }, ['a', 'b'])).toEqual({ a: 1, b: 2 });
  });

  it('grades choices exactly and numbers within the tolerance; reads typed numbers', () => {
    expect(gradeAnswer({ kind: 'choice', index: 1 }, 1)).toBe(true);
    expect(gradeAnswer({ kind: 'choice', index: 1 }, 0)).toBe(false);
    expect(gradeAnswer({ kind: 'number', value: 54.6, tolerance: 3 }, 52)).toBe(true);
    expect(gradeAnswer({ kind: 'number', value: 54.6, tolerance: 3 }, 50)).toBe(false);
    expect(gradeAnswer({ kind: 'number', value: 1, tolerance: 3 }, null)).toBe(false);
    expect(parseTypedNumber(' 54,5 % ')).toBe(54.5);
    expect(parseTypedNumber('abc')).toBeNull();
    expect(parseTypedNumber('')).toBeNull();
  });

  it('rejects a path whose schema has no step parameter or whose preset names an unknown setting', () => {
    const bare = defineSchema('bare', 1, { a: { kind: 'int', default: 0, min: 0, max: 1 } });
    expect(() =>
      defineGuidedPath({ lab: 'pruning', schema: bare, steps: [{ id: 'x', preset: {}, needs: [], panel: 'p' }], check: [] }),
    ).toThrow(/no 'step'/);
    const withStep = defineSchema('ok', 1, { a: { kind: 'int', default: 0, min: 0, max: 1 }, step: GUIDED_STEP_PARAM });
    expect(() =>
      defineGuidedPath({
        lab: 'pruning',
        schema: withStep,
        steps: [{ id: 'x', preset: { b: 1 } as never, needs: [], panel: 'p' }],
        check: [],
      }),
    ).toThrow(/unknown 'b'/);
  });
});

describe('course', () => {
  it('starts with the models page, lists every lab once and links each to the next', () => {
    expect(COURSE[0]).toBe('models');
    expect(new Set(COURSE).size).toBe(6);
    expect(nextInCourse('models')).toBe('pruning');
    expect(nextInCourse('training')).toBeNull();
  });

  it('pruning links to the acceleration panel that answers "does this mask run faster?"', () => {
    const link = RELATED.pruning.find((l) => l.to === 'acceleration')!;
    expect(relatedHref(link, 'en')).toBe('/en/acceleration#speed-table');
    expect(teachMessages.en.course.related[link.id]).toMatch(/run faster/);
    for (const links of Object.values(RELATED)) for (const l of links) expect(teachMessages.zh.course.related[l.id]).toBeTruthy();
  });
});
