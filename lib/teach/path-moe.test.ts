import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { moeTeachMessages } from '../i18n/teach-moe';
import { teachMessages } from '../i18n/teach';
import { referenceForward } from '../lm/reference';
import { evaluateRouting, evaluationWindows } from '../lm/routing-eval';
import { trainedRouting } from '../lm/routing';
import { shippedModel } from '../lm/test-helpers';
import type { RoutingRecord } from '../lm/tf-lm';
import type { ChangeResult } from '../lm/moe-protocol';
import { moeSchema } from '../state/moe';
import { parseState } from '../state/parse';
import { type Known, gradeAnswer, knownValues, presetHref } from './guided';
import { GUIDED_PATHS } from './paths';
import { CHEAPEST_ORDER, loadsExplain, mergeLive, moeLmLive, moeMnistLive, moePath } from './path-moe';

const docs = (
  JSON.parse(readFileSync(fileURLToPath(new URL('../../public/data/lm/en.test.json', import.meta.url)), 'utf8')) as {
    docs: { text: string }[];
  }
).docs;

/** A routing change's result with only the numbers the live values read. */
const result = (
  change: ChangeResult['change'],
  nll: number,
  capacityFactor: number | null = null,
  routing: ChangeResult['routing'] = null,
): ChangeResult => ({
  change,
  capacityFactor,
  nll,
  perplexity: Math.exp(nll),
  bitsPerChar: nll / Math.LN2,
  scored: 1530,
  dropped: 0,
  excluded: null,
  ms: 1,
  routing,
});

/** The routing-change figures measured on this checkout (README, “What changing the routing costs”). */
const README_NLL = { trained: 1.5624, top1: 1.6179, 'no-renorm': 1.5682, capacity: 1.7458, 'drop-least': 1.5723 } as const;

describe('the MoE guided path', () => {
  it('has six steps that each open a canonical URL of the MoE lab, and is registered', () => {
    expect(GUIDED_PATHS.moe).toBe(moePath);
    expect(moePath.steps.map((s) => s.id)).toEqual(['classes', 'repeat', 'top1', 'capacity', 'balance', 'dropLeast']);
    moePath.steps.forEach((_, i) => {
      const href = presetHref(moePath, i, 'zh');
      expect(href.startsWith('/zh/moe?')).toBe(true);
      const state = parseState(moeSchema, new URLSearchParams(href.slice(href.indexOf('?')))).state;
      expect(state.step).toBe(i + 1);
      expect(state).toMatchObject(moePath.steps[i].preset);
    });
    expect(presetHref(moePath, 4, 'en')).toMatch(/mode=mnist.*numExperts=16.*auxWeight=0(&|$)/);
  });

  it('has a text for every step and question in both languages, and a name for every panel it points at', () => {
    for (const locale of ['en', 'zh'] as const) {
      const t = moeTeachMessages[locale];
      for (const s of moePath.steps) {
        expect(t.steps[s.id as keyof typeof t.steps].choices.length).toBeGreaterThan(1);
        expect(teachMessages[locale].panels[s.panel]).toBeTruthy();
      }
      for (const q of moePath.check) {
        expect(t.checks[q.id as keyof typeof t.checks]).toBeDefined();
        expect(teachMessages[locale].panels[q.panel]).toBeTruthy();
      }
    }
  });

  it('judges the predictions by the measured figures: top-1 costs 2–10%, a capacity of 1.25 more than top-1, the least-used expert less', () => {
    const live = moeLmLive({
      results: Object.fromEntries(
        Object.entries(README_NLL).map(([c, n]) => [c, result(c as ChangeResult['change'], n, c === 'capacity' ? 1.25 : null)]),
      ),
      capacityFactor: 1.25,
      topK: 2,
      numExperts: 8,
    });
    const v = { ...live, 'cap.1.dropped': 0.378, 'cap.cf': 1.25 } as Known;
    const step = (id: string) => moePath.steps.find((s) => s.id === id)!;
    expect(step('top1').verdict!(v)).toBe(1); // 4.770 → 5.043: +5.7%
    expect(step('capacity').verdict!(v)).toBe(1); // +0.183 against +0.056 nats
    expect(step('dropLeast').verdict!(v)).toBe(0); // +0.010 against +0.056
    const top1Cost = moePath.check.find((q) => q.id === 'top1Cost')!.answer(v);
    expect(gradeAnswer(top1Cost, 5.7)).toBe(true);
    expect(gradeAnswer(top1Cost, 7)).toBe(false);
    expect(moePath.check.find((q) => q.id === 'cheapest')!.answer(v)).toEqual({
      kind: 'choice',
      index: CHEAPEST_ORDER.indexOf('no-renorm'),
    });
    expect(moeTeachMessages.en.steps.top1.reveal(v, live)).toMatch(/from 4\.770 to 5\.04\d \(\+5\.7%/);
    expect(moeTeachMessages.zh.steps.dropLeast.reveal(v, live)).toContain('+0.010');
  });

  it('the MNIST step: an idle expert is collapse, none is only unbalanced', () => {
    const balance = moePath.steps.find((s) => s.id === 'balance')!;
    const idle = moeMnistLive({ numExperts: 16, cvWith: 0.136, cvWithout: 0.686, dead: 1 });
    expect(balance.verdict!(knownValues(idle, balance.needs)!)).toBe(0);
    expect(moeTeachMessages.en.steps.balance.reveal(knownValues(idle, balance.needs)!, idle)).toContain(
      '1 expert got no token at all: routing collapse',
    );
    const uneven = moeMnistLive({ numExperts: 16, cvWith: 0.136, cvWithout: 0.3, dead: 0 });
    expect(balance.verdict!(knownValues(uneven, balance.needs)!)).toBe(1);
    expect(moeTeachMessages.zh.steps.balance.reveal(knownValues(uneven, balance.needs)!, uneven)).toContain('没有坍缩');
    expect(moeMnistLive(null)).toEqual({});
  });

  it('keeps the last measured value when a report lacks it', () => {
    expect(mergeLive({ a: 1, b: 2 }, { a: null, b: 3, c: Number.NaN })).toEqual({ a: 1, b: 3 });
  });

  it('loadsExplain: the share of the gap above uniform that the same loads at random reproduce', () => {
    expect(loadsExplain(0.605, 0.58, 0.125)).toBeCloseTo(0.948, 3);
    expect(loadsExplain(0.125, 0.125, 0.125)).toBe(1);
  });

  it('on moe-en’s own routing of the test text (float64 reference): spaces crowd onto one expert in layer 0, loads explain layer 1’s repeats, layer 1 has an idle expert', async () => {
    const { ckpt, vocab } = shippedModel('moe-en');
    const forward = async (ids: number[], record: RoutingRecord) => {
      const r = referenceForward(ckpt, ids, { router: true });
      r.chosen!.forEach((c) => record.chosen.push(c));
      r.routerLogits!.forEach((l) => record.logits!.push(Float32Array.from(l)));
      r.routing!.forEach((x) => record.weights.push(Float32Array.from(x.weights)));
      return r.logits;
    };
    const windows = evaluationWindows(docs, vocab);
    const e = (await evaluateRouting(windows, ckpt.config.vocabSize, forward, trainedRouting(2)))!;
    const routing = { chars: windows.flatMap((w) => w.chars), windows: e.windows, chosen: e.record.chosen, logits: e.record.logits };
    const live = moeLmLive({ results: { trained: result('trained', e.nll, null, routing) }, capacityFactor: 1.25, topK: 2, numExperts: 8 });
    const at = (id: string) => moePath.steps.find((s) => s.id === id)!;
    const classes = knownValues(live, at('classes').needs)!;
    expect(at('classes').verdict!(classes)).toBe(1);
    expect(moeTeachMessages.en.steps.classes.reveal(classes, live)).toMatch(/^In layer 0 spaces send \d+% of their slots to expert \d/);
    expect(at('repeat').verdict!(knownValues(live, at('repeat').needs)!)).toBe(1);
    expect(live['cap.1.idle']).toBeGreaterThanOrEqual(1);
    expect(live['cap.1.dropped']).toBeGreaterThan(0.2);
    const locality = moePath.check.find((q) => q.id === 'locality')!;
    expect(locality.answer(knownValues(live, locality.needs)!)).toEqual({ kind: 'choice', index: 0 });
  }, 240_000);
});
