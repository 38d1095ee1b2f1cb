import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { shippedModel } from '../lm/test-helpers';
import { type DecodeConfig, tfLinear } from '../lm/sparse-linear';
import { type DecodeEnv, type DecodeRow, decodeCheck, decodeSpeedups, decodeTable } from './decode-jobs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const env = (): DecodeEnv => ({ tf, linear: () => tfLinear(tf), perplexity: async () => 4.2, stats: async () => null });
const cfg = (kernel: DecodeConfig['kernel'], sparsity: number): DecodeConfig => ({ kernel, method: 'magnitude', sparsity, blockSize: 32 });

describe('decode jobs on the tfjs path (Node, cpu backend)', () => {
  it('the table decodes every configuration from the same prompt, with tokens per second and a breakdown', async () => {
    const { ckpt, golden } = shippedModel('lm-en');
    const before = tf.memory().numTensors;
    const { rows, roundTripMs, timing } = await decodeTable(
      env(),
      ckpt,
      golden[0].ids.slice(0, 4),
      [cfg('dense', 0), cfg('csr', 0.9)],
      3,
      1,
    );
    expect(timing).toBe('kernel');
    expect(roundTripMs).toBe(0);
    expect(rows.map((r) => r.config.kernel)).toEqual(['dense', 'csr']);
    expect(rows[1].linearSparsity).toBeCloseTo(0.9, 2);
    for (const r of rows) {
      expect(r.ids).toHaveLength(3);
      expect(r.tokensPerSecond).toBeCloseTo(1000 / r.msPerToken, 9);
      expect(r.breakdown.parts.linear).toBeGreaterThanOrEqual(0);
      expect(r.perplexity).toBe(4.2);
    }
    expect(tf.memory().numTensors).toBe(before);
    // readback timing measures the round trip it takes off every part
    const synced = await decodeTable({ ...env(), timing: 'sync' }, ckpt, golden[0].ids.slice(0, 4), [cfg('dense', 0)], 2, 1);
    expect(synced.timing).toBe('sync');
    expect(synced.roundTripMs).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('the check finds the reference tokens and logits for dense and pruned weights', async () => {
    const { ckpt, golden } = shippedModel('lm-en');
    for (const c of [cfg('dense', 0), cfg('bsr', 0.7)]) {
      const r = await decodeCheck(env(), ckpt, golden[0].ids.slice(0, 4), c, 6);
      expect(r.sameTokens).toBe(true);
      expect(r.firstMismatch).toBeNull();
      expect(r.maxAbsError).toBeLessThan(1e-3);
      expect(r.scale).toBeGreaterThan(1); // max |reference logit|, the scale of a relative tolerance
      expect(Number.isFinite(r.scale)).toBe(true);
    }
  }, 60_000);

  it('a prompt that leaves no room in the context is refused with a message', async () => {
    const { ckpt } = shippedModel('lm-en');
    await expect(decodeTable(env(), ckpt, new Array(250).fill(1), [cfg('dense', 0)], 8, 1)).rejects.toThrow(/context/);
    await expect(decodeTable(env(), ckpt, [], [cfg('dense', 0)], 8, 1)).rejects.toThrow(/empty/);
  });

  it('speed-ups: whole step and linear part against dense, Amdahl from the dense linear share', () => {
    const row = (kernel: DecodeConfig['kernel'], ms: number, linear: number, share: number): DecodeRow => ({
      config: cfg(kernel, 0.5),
      sparsity: 0.5,
      linearSparsity: 0.5,
      perplexity: 5,
      msPerToken: ms,
      cv: 0,
      tokensPerSecond: 1000 / ms,
      linearBytes: 0,
      ids: [],
      breakdown: { parts: { linear, attention: 1, norms: 1, sampling: 0 }, attributed: 0, step: ms, overhead: 0, linearShare: share },
    });
    const [d, s] = decodeSpeedups([row('dense', 10, 8, 0.8), row('csr', 5, 2, 0.5)]);
    expect(d.speedup).toBe(1);
    expect(s.speedup).toBe(2);
    expect(s.linearSpeedup).toBe(4);
    expect(s.predicted).toBeCloseTo(1 / (0.2 + 0.8 / 4), 12);
    expect(s.limit).toBeCloseTo(5, 12);
  });
});
