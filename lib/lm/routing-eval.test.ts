import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { meanNll, referenceForward } from './reference';
import { EVAL_LENGTH, EVAL_WINDOWS, evaluateRouting, evaluationWindows } from './routing-eval';
import { trainedRouting } from './routing';
import { shippedModel } from './test-helpers';
import type { RoutingRecord } from './tf-lm';

const docs = (
  JSON.parse(readFileSync(fileURLToPath(new URL('../../public/data/lm/en.test.json', import.meta.url)), 'utf8')) as {
    docs: { text: string }[];
  }
).docs;

describe('evaluation windows of the test split', () => {
  it('are EVAL_WINDOWS windows of EVAL_LENGTH characters spread from the start to the end of the split', () => {
    const { vocab } = shippedModel('moe-en');
    const w = evaluationWindows(docs, vocab);
    expect(w).toHaveLength(EVAL_WINDOWS);
    expect(w.every((x) => x.ids.length === EVAL_LENGTH)).toBe(true);
    expect(w[0].start).toBe(0);
    const total = Array.from(docs.map((d) => d.text).join('\n\n')).length;
    expect(w.at(-1)!.start).toBe(total - EVAL_LENGTH);
    expect(w[0].chars.join('')).toBe(Array.from(docs[0].text).slice(0, EVAL_LENGTH).join(''));
  });

  it('refuses a split shorter than one window', () => {
    const { vocab } = shippedModel('moe-en');
    expect(() => evaluationWindows([{ text: 'short' }], vocab)).toThrow(/fewer than one window/);
  });
});

describe('evaluateRouting', () => {
  it("is the mean NLL over every scored character of every window, and keeps each layer's routing", async () => {
    const { ckpt, vocab } = shippedModel('moe-en');
    const windows = evaluationWindows(docs, vocab, 2, 24);
    const forward = async (ids: number[], record: RoutingRecord) => {
      const r = referenceForward(ckpt, ids, { router: true });
      r.chosen!.forEach((c) => record.chosen.push(c));
      r.routerLogits!.forEach((l) => record.logits!.push(Float32Array.from(l)));
      r.routing!.forEach((x) => record.weights.push(Float32Array.from(x.weights)));
      return r.logits;
    };
    const progress: number[] = [];
    const result = (await evaluateRouting(windows, ckpt.config.vocabSize, forward, trainedRouting(2), {
      onProgress: (d) => progress.push(d),
    }))!;
    const expected = (meanNll(ckpt, windows[0].ids) + meanNll(ckpt, windows[1].ids)) / 2;
    expect(result.nll).toBeCloseTo(expected, 10);
    expect(result.scored).toBe(46);
    expect(result.perplexity).toBeCloseTo(Math.exp(expected), 10);
    expect(result.windows).toEqual([24, 24]);
    expect(result.record.chosen).toHaveLength(ckpt.config.layers);
    expect(result.record.chosen[0]).toHaveLength(48 * 2);
    expect(result.record.logits[0]).toHaveLength(48 * 8);
    expect(progress).toEqual([1, 2]);
    expect(await evaluateRouting(windows, ckpt.config.vocabSize, forward, null, { isCancelled: () => true })).toBeNull();
  });
});
