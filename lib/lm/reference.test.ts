import { describe, expect, it } from 'vitest';
import { meanNll, nllOfRow, referenceForward } from './reference';
import { shippedModel } from './test-helpers';

const MODELS = ['lm-en', 'lm-zh', 'moe-en'];

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('reference twin against the logits PyTorch computed at training time', () => {
  for (const name of MODELS) {
    it(`${name}: every golden prompt's logits agree within 1e-3`, () => {
      const { ckpt, golden } = shippedModel(name);
      expect(golden.length).toBe(3);
      for (const g of golden) {
        const { logits } = referenceForward(ckpt, g.ids);
        expect(logits.length).toBe(g.logits.length);
        expect(maxAbsDiff(logits, g.logits)).toBeLessThan(1e-3);
      }
    });
  }
});

describe('meanNll', () => {
  it('is the mean of the per-position NLLs of the forward pass', () => {
    const { ckpt, golden } = shippedModel('lm-en');
    const ids = golden[0].ids;
    const { logits } = referenceForward(ckpt, ids);
    const V = ckpt.config.vocabSize;
    let sum = 0;
    for (let t = 0; t + 1 < ids.length; t++) sum += nllOfRow(logits, t * V, V, ids[t + 1]);
    expect(meanNll(ckpt, ids)).toBeCloseTo(sum / (ids.length - 1), 12);
  });

  it('allowing every causal key equals the dense model; a window changes it', () => {
    const { ckpt, golden } = shippedModel('lm-en');
    const ids = golden[1].ids;
    const dense = meanNll(ckpt, ids);
    expect(meanNll(ckpt, ids, () => true)).toBeCloseTo(dense, 12);
    const windowed = meanNll(ckpt, ids, (q, k) => q - k < 4);
    expect(windowed).not.toBeCloseTo(dense, 6);
  });

  it('a query with no allowed key reads zeros instead of NaN', () => {
    const { ckpt, golden } = shippedModel('lm-en');
    const nll = meanNll(ckpt, golden[0].ids, (q, k) => k < q);
    expect(Number.isFinite(nll)).toBe(true);
  });

  it('refuses fewer than two ids with an empty-text problem', () => {
    const { ckpt } = shippedModel('lm-en');
    expect(() => meanNll(ckpt, [1])).toThrow(expect.objectContaining({ key: 'empty-text' }));
  });

  it('refuses ids beyond the context with a too-long problem', () => {
    const { ckpt } = shippedModel('lm-en');
    const ids = new Array(ckpt.config.maxPositions + 1).fill(1);
    expect(() => meanNll(ckpt, ids)).toThrow(expect.objectContaining({ key: 'too-long' }));
  });
});

describe('attention and routing traces', () => {
  it('each head row sums to 1 over allowed keys; the routing picks top-k of a softmax', () => {
    const { ckpt, golden } = shippedModel('moe-en');
    const ids = golden[0].ids;
    const r = referenceForward(ckpt, ids, { attention: true, router: true });
    const n = ids.length;
    for (const layer of r.attention!) {
      for (const head of layer) {
        for (let q = 0; q < n; q++) {
          let s = 0;
          for (let k = 0; k < n; k++) s += head[q * n + k];
          expect(s).toBeCloseTo(1, 10);
          expect(head[q * n + n - 1] === 0 || q === n - 1).toBe(true);
        }
      }
    }
    const E = ckpt.config.experts;
    const probs = r.router![0];
    const chosen = r.chosen![0];
    for (let t = 0; t < n; t++) {
      const row = Array.from(probs.subarray(t * E, (t + 1) * E));
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
      const best = row.indexOf(Math.max(...row));
      expect(chosen[t * 2]).toBe(best);
    }
  });
});
