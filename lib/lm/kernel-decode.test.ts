import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { denseTo24, denseToBsr } from '../sparsity/formats';
import { KernelDecoder, kernelTimer, syncTimer } from './kernel-decode';
import { referenceForward } from './reference';
import {
  type DecodeConfig,
  decodeTableConfigs,
  effectiveSparsity,
  linearSparsityOf,
  prunedFor,
  prunedKey,
  tfLinear,
} from './sparse-linear';
import { shippedModel } from './test-helpers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>, offset = 0): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[offset + i]));
  return m;
}

/** Feeds ids one at a time and returns each position's logits, concatenated. */
async function decodeAll(dec: KernelDecoder, ids: number[], profile = false): Promise<Float32Array> {
  const V = dec.ckpt.config.vocabSize;
  const out = new Float32Array(ids.length * V);
  for (const [i, id] of ids.entries()) out.set((await dec.step(id, { profile: profile ? syncTimer : undefined })).logits, i * V);
  return out;
}

const cfg = (kernel: DecodeConfig['kernel'], sparsity: number, method: DecodeConfig['method'] = 'magnitude'): DecodeConfig => ({
  kernel,
  method,
  sparsity,
  blockSize: 32,
});

describe('KernelDecoder (token by token, pluggable linear layers)', () => {
  it('lm-en dense: every position gives the reference logits (≤ 1e-3), profiled or not, and leaves no tensor behind', async () => {
    const { ckpt, golden } = shippedModel('lm-en');
    const ids = golden[0].ids.slice(0, 12);
    const ref = referenceForward(ckpt, ids).logits;
    const before = tf.memory().numTensors;
    const dec = new KernelDecoder(tf, ckpt, tfLinear(tf));
    expect(maxAbsDiff(await decodeAll(dec, ids), ref)).toBeLessThan(1e-3);
    dec.reset();
    expect(dec.length).toBe(0);
    expect(maxAbsDiff(await decodeAll(dec, ids, true), ref)).toBeLessThan(1e-3);
    dec.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('a profiled step times every part and counts its syncs; an unprofiled one makes none', async () => {
    const { ckpt } = shippedModel('lm-en');
    const dec = new KernelDecoder(tf, ckpt, tfLinear(tf));
    const plain = await dec.step(3);
    expect(plain.syncs).toEqual({ linear: 0, attention: 0, norms: 0, sampling: 0 });
    const r = await dec.step(5, { profile: kernelTimer(tf), sample: (l) => l.indexOf(Math.max(...l)) });
    // per layer: q/k/v, o, gate/up, down = 4 linear syncs, plus the head
    expect(r.syncs.linear).toBe(4 * ckpt.config.layers + 1);
    expect(r.syncs.attention).toBe(ckpt.config.layers);
    expect(r.parts.linear).toBeGreaterThan(0);
    expect(r.next).toBe(r.logits.indexOf(Math.max(...r.logits)));
    dec.dispose();
  });

  it('rejects a token outside the vocabulary and a full context with a message', async () => {
    const { ckpt } = shippedModel('lm-en');
    const dec = new KernelDecoder(tf, ckpt, tfLinear(tf));
    await expect(dec.step(10_000)).rejects.toThrow(/outside the vocabulary/);
    dec.length = ckpt.config.maxPositions;
    await expect(dec.step(1)).rejects.toThrow(/context/);
    dec.dispose();
  });

  it('moe-en (Mixtral) is refused with a clear message', () => {
    expect(() => new KernelDecoder(tf, shippedModel('moe-en').ckpt, tfLinear(tf))).toThrow(/Llama/);
  });
});

describe('checkpoints pruned for each kernel', () => {
  it('the table runs dense, then CSR and BSR at every sparsity and 2:4 at 50% only', () => {
    const rows = decodeTableConfigs(['dense', 'csr', 'bsr', '2:4'], 'wanda', [0.5, 0.7, 0.9], 32);
    expect(rows.map((r) => `${r.kernel}@${r.sparsity}`)).toEqual([
      'dense@0',
      'csr@0.5',
      'bsr@0.5',
      '2:4@0.5',
      'csr@0.7',
      'bsr@0.7',
      'csr@0.9',
      'bsr@0.9',
    ]);
    expect(effectiveSparsity('2:4', 0.9)).toBe(0.5);
    expect(prunedKey(cfg('2:4', 0.9))).toBe(prunedKey(cfg('2:4', 0.5)));
  });

  it('CSR at 70%: 70% of the linear weights are zero and decoding matches the reference of the same weights', async () => {
    const { ckpt, golden } = shippedModel('lm-en');
    const pruned = await prunedFor(ckpt, cfg('csr', 0.7), null);
    expect(linearSparsityOf(pruned)).toBeCloseTo(0.7, 2);
    expect(linearSparsityOf(ckpt)).toBeLessThan(0.01);
    const ids = golden[1].ids.slice(0, 8);
    const dec = new KernelDecoder(tf, pruned, tfLinear(tf));
    const ref = referenceForward(pruned, ids).logits;
    expect(maxAbsDiff(await decodeAll(dec, ids), ref)).toBeLessThan(1e-3);
    // and the pruned model really differs from the dense one
    expect(maxAbsDiff(ref, referenceForward(ckpt, ids).logits)).toBeGreaterThan(1e-2);
    dec.dispose();
  }, 60_000);

  it('BSR 32 at 50%: whole 32 × 32 tiles are zero, half of them, and the BSR format stores only the rest', async () => {
    const { ckpt } = shippedModel('lm-en');
    const pruned = await prunedFor(ckpt, cfg('bsr', 0.5), null);
    const w = pruned.layers[0].mlp!.gate; // [512, 192]
    const bsr = denseToBsr(w, 512, 192, 32);
    const tiles = (512 / 32) * (192 / 32);
    expect(bsr.blockRowPtr[512 / 32]).toBe(tiles / 2);
    expect(linearSparsityOf(pruned)).toBeCloseTo(0.5, 2);
  });

  it('2:4 keeps 2 of every 4 consecutive weights, so the 2:4 format takes every matrix', async () => {
    const { ckpt } = shippedModel('lm-en');
    const pruned = await prunedFor(ckpt, cfg('2:4', 0.5), null);
    const c = ckpt.config;
    expect(() => denseTo24(pruned.layers[2].o, c.hidden, c.heads * c.headDim)).not.toThrow();
    expect(linearSparsityOf(pruned)).toBeCloseTo(0.5, 3);
  });

  it('Wanda and SparseGPT without calibration statistics get a clear message', async () => {
    const { ckpt } = shippedModel('lm-en');
    await expect(prunedFor(ckpt, cfg('csr', 0.5, 'wanda'), null)).rejects.toThrow(/calibration/);
    await expect(prunedFor(ckpt, cfg('bsr', 0.5, 'sparsegpt'), null)).rejects.toThrow(/calibration/);
  });
});
