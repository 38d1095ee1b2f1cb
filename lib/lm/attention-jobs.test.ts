import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { causalPatternMask, headStats } from '../attention/lm-heads';
import { smallParams } from '../attention/test-helpers';
import { attentionTrace, headQkv, patternNll } from './attention-jobs';
import { EVAL_WINDOW_COUNT, evalWindows } from './eval-windows';
import { meanNll } from './reference';
import { shippedModel } from './test-helpers';
import { TfLm } from './tf-lm';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const testDocs = (lang: string) =>
  (JSON.parse(readFileSync(new URL(`../../public/data/lm/${lang}.test.json`, import.meta.url), 'utf8')) as { docs: { text: string }[] })
    .docs;

describe('evalWindows: the fixed test sample', () => {
  it('takes evenly spaced whole windows of the joined test split, the same every time', () => {
    const { vocab } = shippedModel('lm-en');
    const w = evalWindows(testDocs('en'), vocab, EVAL_WINDOW_COUNT, 256);
    expect(w.ids).toHaveLength(6);
    expect(w.ids.every((ids) => ids.length === 256)).toBe(true);
    expect(w.texts.every((t) => Array.from(t).length === 256)).toBe(true);
    expect(w.index[0]).toBe(0);
    expect(w.index).toEqual(w.index.map((_, j) => Math.floor((j * w.total) / 6)));
    expect(w.total).toBeGreaterThan(1000);
    expect(evalWindows(testDocs('en'), vocab, EVAL_WINDOW_COUNT, 256).texts).toEqual(w.texts);
  });

  it('refuses more windows than the text holds', () => {
    const { vocab } = shippedModel('lm-en');
    expect(() => evalWindows([{ text: 'short' }], vocab, 2, 256)).toThrow(/fewer than 2/);
  });
});

describe('patternNll on the fast path', () => {
  it('matches the reference meanNll with the same pattern (window and sinks) and dense', async () => {
    const { ckpt, vocab } = shippedModel('lm-en');
    const ids = evalWindows(testDocs('en'), vocab, 2, 48).ids[1];
    const n = ids.length;
    const window = { name: 'window' as const, params: { ...smallParams(n, 16, true), windowSize: 8 } };
    const sinks = { name: 'sinks' as const, params: { ...smallParams(n, 16, true), windowSize: 5, sinkTokens: 2 } };
    const lm = new TfLm(tf, ckpt);
    const got = await patternNll(lm, ckpt.config.vocabSize, [ids], [null, window, sinks]);
    lm.dispose();
    expect(got).not.toBeNull();
    const allowedOf = (spec: typeof window | typeof sinks) => {
      const mask = causalPatternMask(spec, n);
      return (q: number, k: number) => mask[q * n + k] === 1;
    };
    expect(got![0][0]).toBeCloseTo(meanNll(ckpt, ids), 4);
    expect(got![1][0]).toBeCloseTo(meanNll(ckpt, ids, allowedOf(window)), 4);
    expect(got![2][0]).toBeCloseTo(meanNll(ckpt, ids, allowedOf(sinks)), 4);
    // a 5-key window loses information: its loss is higher than dense
    expect(got![1][0]).toBeGreaterThan(got![0][0]);
  });

  it('stops when cancelled, reporting progress until then', async () => {
    const { ckpt } = shippedModel('lm-en');
    const lm = new TfLm(tf, ckpt);
    const seen: number[] = [];
    const got = await patternNll(
      lm,
      ckpt.config.vocabSize,
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      [null],
      {
        isCancelled: () => seen.length >= 1,
        onProgress: (done) => seen.push(done),
      },
    );
    lm.dispose();
    expect(got).toBeNull();
    expect(seen).toEqual([1]);
  });
});

describe('attentionTrace', () => {
  it('every head of every layer: rows sum to 1 over j <= i, q/k/v shaped per layer', () => {
    const { ckpt } = shippedModel('lm-en');
    const ids = [5, 6, 7, 8, 9, 10, 11, 12];
    const t = attentionTrace(ckpt, ids);
    const c = ckpt.config;
    expect(t.attention).toHaveLength(c.layers * c.heads);
    expect(t.q[0]).toHaveLength(8 * c.heads * c.headDim);
    expect(t.k[3]).toHaveLength(8 * c.kvHeads * c.headDim);
    for (const p of t.attention) {
      for (let i = 0; i < 8; i++) {
        let s = 0;
        for (let j = 0; j < 8; j++) s += p[i * 8 + j];
        expect(s).toBeCloseTo(1, 5);
      }
      expect(headStats(p, 8, null, 0).massKept).toBeCloseTo(1, 5);
    }
  });

  it('headQkv gives back the probabilities: softmax(q kᵀ / √d) over j <= i of a head equals its trace', () => {
    const { ckpt } = shippedModel('lm-en');
    const ids = [5, 6, 7, 8, 9, 10];
    const t = attentionTrace(ckpt, ids);
    const d = t.headDim;
    for (const [layer, head] of [
      [0, 0],
      [2, 5],
      [3, 3],
    ]) {
      const { q, k } = headQkv(t, layer, head);
      const p = t.attention[layer * t.heads + head];
      for (let i = 0; i < 6; i++) {
        const s = Array.from({ length: i + 1 }, (_, j) => {
          let dot = 0;
          for (let x = 0; x < d; x++) dot += q[i * d + x] * k[j * d + x];
          return dot / Math.sqrt(d);
        });
        const max = Math.max(...s);
        const z = s.reduce((a, v) => a + Math.exp(v - max), 0);
        s.forEach((v, j) => expect(p[i * 6 + j]).toBeCloseTo(Math.exp(v - max) / z, 5));
      }
    }
    expect(() => headQkv(t, 4, 0)).toThrow(RangeError);
  });
});
