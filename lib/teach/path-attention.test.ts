import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { causalDensity, causalPatternMask, headStats } from '../attention/lm-heads';
import { EVAL_WINDOW_COUNT, evalWindows } from '../lm/eval-windows';
import { meanNll } from '../lm/reference';
import { shippedModel } from '../lm/test-helpers';
import { attentionTeachMessages } from '../i18n/teach-attention';
import { teachMessages } from '../i18n/teach';
import { defaultState } from '../state/schema';
import { attentionSchema } from '../state/attention';
import { gradeAnswer, knownValues, presetHref } from './guided';
import {
  attentionLive,
  attentionPath,
  type AttentionLiveInput,
  lmSpecOf,
  maskKey,
  presetMaskKey,
  riseClass,
  savedClass,
} from './path-attention';
import { GUIDED_PATHS } from './paths';

const N = 256;
const keyOf = (name: 'window' | 'dilated', windowSize: number) => {
  const spec = lmSpecOf({ ...defaultState(attentionSchema), pattern: name, windowSize, dilation: 2 }, 'lm-en');
  return maskKey(causalPatternMask(spec, N));
};

function input(tests: AttentionLiveInput['tests'], over: Partial<AttentionLiveInput> = {}): AttentionLiveInput {
  return { model: 'lm-en', tests, current: null, heads: null, sinkK: 4, sinks: null, kv: null, ...over };
}

describe('the attention guided path', () => {
  it('is registered, has 5 steps and 4 questions, each with texts in both languages and a named panel', () => {
    expect(GUIDED_PATHS.attention).toBe(attentionPath);
    expect(attentionPath.steps).toHaveLength(5);
    expect(attentionPath.check).toHaveLength(4);
    for (const locale of ['en', 'zh'] as const) {
      const t = attentionTeachMessages[locale];
      for (const s of attentionPath.steps) {
        expect(t.steps[s.id as keyof typeof t.steps].predict.length).toBeGreaterThan(10);
        expect(teachMessages[locale].panels[s.panel]).toBeTruthy();
      }
      for (const q of attentionPath.check) {
        expect(t.questions[q.id as keyof typeof t.questions].question.length).toBeGreaterThan(10);
        expect(teachMessages[locale].panels[q.panel]).toBeTruthy();
      }
    }
  });

  it('every reveal and explanation reads only the live values its step or question waits for', () => {
    const guarded = (needs: readonly string[]) =>
      new Proxy({} as Record<string, number>, {
        get: (_, key) => {
          if (typeof key !== 'string' || !needs.includes(key)) throw new Error(`reads '${String(key)}' it does not wait for`);
          return 2;
        },
      });
    for (const locale of ['en', 'zh'] as const) {
      const t = attentionTeachMessages[locale];
      for (const s of attentionPath.steps) expect(() => t.steps[s.id as keyof typeof t.steps].reveal(guarded(s.needs), {})).not.toThrow();
      for (const q of attentionPath.check)
        expect(() => t.questions[q.id as keyof typeof t.questions].explain(guarded(q.needs))).not.toThrow();
    }
  });

  it("presets are canonical URLs of the lab on the page language's model, with the step number", () => {
    expect(presetHref(attentionPath, 0, 'en')).toMatch(/^\/en\/attention\?v=1&source=auto&.*pattern=window&.*windowSize=32&.*&step=1$/);
    expect(presetHref(attentionPath, 2, 'zh')).toMatch(
      /^\/zh\/attention\?v=1&source=auto&.*pattern=dilated&.*windowSize=32&dilation=2&.*&step=3$/,
    );
    for (let i = 0; i < attentionPath.steps.length; i++) expect(presetHref(attentionPath, i, 'en')).toContain('source=auto&');
  });

  it('the window of 32 and the dilated window (w = 32, d = 2) read the same number of keys per query away from the start', () => {
    const w = causalPatternMask(lmSpecOf({ ...defaultState(attentionSchema), windowSize: 32 }, 'lm-en'), N);
    const d = causalPatternMask(
      lmSpecOf({ ...defaultState(attentionSchema), pattern: 'dilated', windowSize: 32, dilation: 2 }, 'lm-en'),
      N,
    );
    const row = (m: Uint8Array, i: number) => m.subarray(i * N, (i + 1) * N).reduce((a, b) => a + b, 0);
    expect(row(w, 200)).toBe(17);
    expect(row(d, 200)).toBe(17);
    expect(d[200 * N + 199]).toBe(0); // the character just before is skipped
    expect(Math.abs(causalDensity(w, N) - causalDensity(d, N))).toBeLessThan(0.01);
  });

  it('a mask key names the mask: equal masks share it, different ones do not', () => {
    expect(presetMaskKey('window32', 'lm-en')).toBe(keyOf('window', 32));
    expect(presetMaskKey('window32', 'lm-zh')).toBe(keyOf('window', 32)); // same context, same mask
    expect(keyOf('window', 33)).toBe(keyOf('window', 32)); // ⌊33/2⌋ = ⌊32/2⌋
    expect(keyOf('window', 4)).not.toBe(keyOf('window', 32));
    expect(presetMaskKey('dilated', 'lm-en')).toBe(keyOf('dilated', 32));
  });
});

describe('attentionLive', () => {
  const nll = (ppl: number) => Math.log(ppl);
  const tests = {
    [keyOf('window', 32)]: { dense: nll(4), pattern: nll(4.1), density: 0.128 },
    [keyOf('window', 4)]: { dense: nll(4), pattern: nll(6), density: 0.023 },
  };

  it("reads the path's experiments by their masks, and the current settings only when measured for them", () => {
    const live = attentionLive(input(tests, { current: keyOf('window', 4) }));
    expect(live['ppl.dense']).toBeCloseTo(4, 12);
    expect(live['ppl.w32']).toBeCloseTo(4.1, 12);
    expect(live['density.w32']).toBe(0.128);
    expect(live['ppl.w4']).toBeCloseTo(6, 12);
    expect(live['ppl.now']).toBeCloseTo(6, 12);
    expect(live['ppl.dil']).toBeNull(); // not measured yet: the step waits
    expect(attentionLive(input(tests, { current: 'other' }))['ppl.now']).toBeNull();
    expect(attentionLive(input({}))['ppl.dense']).toBeNull();
  });

  it('verdicts: rise classes at 5% and 25%, saved classes at 60% and 90%', () => {
    expect([0.013, 0.05, 0.25, 0.46].map(riseClass)).toEqual([0, 1, 1, 2]);
    expect([0.5, 0.6, 0.89, 0.937].map(savedClass)).toEqual([0, 1, 1, 2]);
    const known = knownValues(attentionLive(input(tests)), attentionPath.steps[0].needs)!;
    expect(attentionPath.steps[0].verdict!(known)).toBe(0); // +2.5%
    expect(attentionPath.steps[1].verdict!(knownValues(attentionLive(input(tests)), attentionPath.steps[1].needs)!)).toBe(2); // +50%
  });

  it('heads: the farthest-looking head and the strongest sink head, as multiples of an even head', () => {
    const n = 8;
    const even = new Float64Array(n * n);
    const first = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) even[i * n + j] = 1 / (i + 1);
      first[i * n] = 1; // all attention on token 0
    }
    const heads = [headStats(even, n, null, 1, 0, 0), headStats(first, n, null, 1, 1, 2)];
    const live = attentionLive(input({}, { heads, sinkK: 1 }));
    expect(live['far.layer']).toBe(1);
    expect(live['far.head']).toBe(2);
    expect(live['near.layer']).toBe(0);
    expect(live['sink.layer']).toBe(1);
    expect(live['sink.ratio']).toBeGreaterThan(2);
    const q = attentionPath.check.find((c) => c.id === 'sinkHeads')!;
    expect(gradeAnswer(q.answer(knownValues(live, q.needs)!), 0)).toBe(true); // yes: a sink head
  });

  it('the KV step reads the bytes the KV table shows', () => {
    const kv = { perToken: 524288, dense: 524288 * 4096, window: 524288 * 256, sinks: 524288 * 260, w: 256, k: 4 };
    const live = attentionLive(input({}, { kv }));
    const step = attentionPath.steps.find((s) => s.id === 'kv')!;
    const v = knownValues(live, step.needs)!;
    expect(step.verdict!(v)).toBe(2);
    expect(attentionTeachMessages.en.steps.kv.reveal(v, live)).toContain('dense 2.00 GiB; 4 sinks + the last 256: 130 MiB, 93.7% less');
  });

  it('the cost question takes the percentage the cost table prints, to 0.15 points', () => {
    const live = attentionLive(input(tests, { current: keyOf('window', 32) }));
    const q = attentionPath.check.find((c) => c.id === 'cost')!;
    const answer = q.answer(knownValues(live, q.needs)!);
    expect(gradeAnswer(answer, 2.5)).toBe(true);
    expect(gradeAnswer(answer, 3)).toBe(false);
    expect(attentionTeachMessages.en.questions.cost.explain(knownValues(live, q.needs)!)).toBe('+2.5%: 4.1 against 4 dense.');
  });
});

describe('what the path teaches holds on lm-en (float64 reference, first test passage)', () => {
  it('a window of 4 costs more than 25%, the dilated window costs more than the window of 32 at the same density', () => {
    const { ckpt, vocab } = shippedModel('lm-en');
    const docs = JSON.parse(readFileSync('public/data/lm/en.test.json', 'utf8')).docs;
    const ids = evalWindows(docs, vocab, EVAL_WINDOW_COUNT, N).ids[0];
    const ppl = (id: string | null) => {
      if (!id) return Math.exp(meanNll(ckpt, ids));
      const index = attentionPath.steps.findIndex((s) => s.id === id);
      const state = { ...defaultState(attentionSchema), ...attentionPath.steps[index].preset };
      const mask = causalPatternMask(lmSpecOf(state, 'lm-en'), N);
      return Math.exp(meanNll(ckpt, ids, (q, k) => mask[q * N + k] === 1));
    };
    const dense = ppl(null);
    const w32 = ppl('window32');
    expect(riseClass(ppl('window4') / dense - 1)).toBe(2);
    expect(ppl('dilated')).toBeGreaterThan(1.05 * w32);
  }, 120_000);
});
