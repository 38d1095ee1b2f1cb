import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random';
import { meanNll, referenceForward } from './reference';
import { sampleNext } from './sampling';
import { scoreIds, topOfRow } from './scoring';
import { shippedModel } from './test-helpers';
import { encodeText } from './vocab';

describe('scoreIds', () => {
  it('within the context it equals meanNll, and each top-5 is sorted and contains the argmax', async () => {
    const { ckpt, golden } = shippedModel('lm-en');
    const ids = golden[1].ids;
    const V = ckpt.config.vocabSize;
    const r = (await scoreIds(ids, V, async (w) => referenceForward(ckpt, w).logits, { context: 256 }))!;
    expect(r.windows).toBe(1);
    expect(r.scores[0]).toBeNull();
    expect(r.meanNll).toBeCloseTo(meanNll(ckpt, ids), 10);
    expect(r.perplexity).toBeCloseTo(Math.exp(r.meanNll), 10);
    for (const s of r.scores.slice(1)) {
      expect(s!.top).toHaveLength(5);
      for (let i = 1; i < 5; i++) expect(s!.top[i - 1].p).toBeGreaterThanOrEqual(s!.top[i].p);
    }
  });

  it('beyond the context every character is scored once, with at least C − S characters of context', async () => {
    const V = 32;
    const seen: number[][] = [];
    const ids = Array.from({ length: 23 }, (_, i) => i); // each id names its position
    const r = (await scoreIds(
      ids,
      V,
      async (w) => {
        seen.push([...w]);
        return new Float32Array(w.length * V);
      },
      { context: 8, stride: 4 },
    ))!;
    expect(seen.map((w) => [w[0], w.length])).toEqual([
      [0, 8],
      [4, 8],
      [8, 8],
      [12, 8],
      [16, 7],
    ]);
    expect(r.scores.filter((s) => s !== null)).toHaveLength(22);
    expect(r.meanNll).toBeCloseTo(Math.log(V), 12);
  });

  it('stops between windows when cancelled', async () => {
    let calls = 0;
    const r = await scoreIds(
      new Array(40).fill(0),
      2,
      async (w) => {
        calls++;
        return new Float32Array(w.length * 2);
      },
      { context: 8, isCancelled: () => calls >= 2 },
    );
    expect(r).toBeNull();
    expect(calls).toBe(2);
  });

  it('refuses a text of one character', async () => {
    await expect(scoreIds([1], 3, async () => new Float32Array(3), { context: 8 })).rejects.toMatchObject({ key: 'empty-text' });
  });

  it('topOfRow keeps the k largest probabilities in order', () => {
    const { top, probs } = topOfRow([0, 3, 1, 3, -2], 0, 5, 3);
    expect(top.map((t) => t.id)).toEqual([1, 3, 2]);
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});

describe('sampleNext', () => {
  it('temperature 0 is greedy', () => {
    expect(sampleNext([0.1, 2, 2, -1], 0, 0, () => 0.5)).toBe(1);
  });

  it('top-k 1 is greedy at any temperature; the same seed gives the same draws', () => {
    const logits = [0.5, 0.1, 0.4, 0.2];
    expect(sampleNext(logits, 5, 1, mulberry32(3))).toBe(0);
    const a = mulberry32(9);
    const b = mulberry32(9);
    const draws = (r: () => number) => Array.from({ length: 20 }, () => sampleNext(logits, 1, 0, r));
    expect(draws(a)).toEqual(draws(b));
  });

  it('draws follow softmax(logits / T) (chi-square over 20,000 draws)', () => {
    const logits = [1, 0, -1, 0.5];
    const T = 0.7;
    const w = logits.map((l) => Math.exp(l / T));
    const z = w.reduce((x, y) => x + y, 0);
    const counts = [0, 0, 0, 0];
    const r = mulberry32(1);
    const N = 20000;
    for (let i = 0; i < N; i++) counts[sampleNext(logits, T, 0, r)]++;
    const chi = counts.reduce((s, c, i) => s + (c - (N * w[i]) / z) ** 2 / ((N * w[i]) / z), 0);
    expect(chi).toBeLessThan(16.27); // p = 0.001 with 3 degrees of freedom
  });

  it('top-k never draws outside the k most likely', () => {
    const logits = [3, 2.9, -5, 2.8, 0];
    const r = mulberry32(4);
    for (let i = 0; i < 500; i++) expect([0, 1, 3]).toContain(sampleNext(logits, 2, 3, r));
  });
});

describe('the shipped English model reads English', () => {
  it('a real sentence costs fewer nats per character than the same characters shuffled', () => {
    const { ckpt, vocab } = shippedModel('lm-en');
    const text = 'The jury said that the city had done a good job of handling the election.';
    const shuffled = Array.from(text)
      .sort((a, b) => ((a.charCodeAt(0) * 7919) % 101) - ((b.charCodeAt(0) * 7919) % 101))
      .join('');
    expect(meanNll(ckpt, encodeText(vocab, text).ids)).toBeLessThan(meanNll(ckpt, encodeText(vocab, shuffled).ids));
  });
});
