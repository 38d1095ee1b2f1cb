import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { patternMask } from '../../attention/patterns';
import { smallParams } from '../../attention/test-helpers';
import { attentionReference } from './attention-dense-reference';
import { attentionInputs } from './attention-inputs';
import { maskBias, runUnfusedAttention, unfusedScoreBytes } from './attention-unfused';
import { compareOutputs } from '../../runtime/check-kernel';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('unfused tfjs attention (matMul, mask, softmax, matMul) on the CPU backend', () => {
  it.each(['window', 'causal', 'bigbird', 'longformer'] as const)('%s: matches the masked dense twin within 1e-5', async (name) => {
    const p = { ...smallParams(40, 8, false, 9) };
    const shape = { heads: 2, seqLen: 40, headDim: 8 };
    const { q, k, v } = attentionInputs(4, shape);
    const mask = patternMask(name, p);
    const before = tf.memory().numTensors;
    const out = await runUnfusedAttention(tf, q, k, v, shape, mask);
    expect(tf.memory().numTensors).toBe(before);
    expect(compareOutputs(out, attentionReference(q, k, v, shape, mask)).maxAbsError).toBeLessThan(1e-5);
  });

  it('without a mask it is dense attention', async () => {
    const shape = { heads: 1, seqLen: 16, headDim: 4 };
    const { q, k, v } = attentionInputs(2, shape);
    const out = await runUnfusedAttention(tf, q, k, v, shape);
    expect(compareOutputs(out, attentionReference(q, k, v, shape)).maxAbsError).toBeLessThan(1e-5);
  });

  it('the bias is 0 where attended and -1e9 elsewhere; the score matrix is heads·n²·4 bytes', () => {
    expect([...maskBias(Uint8Array.of(1, 0))]).toEqual([0, -1e9].map(Math.fround));
    expect(unfusedScoreBytes({ heads: 2, seqLen: 1024, headDim: 64 })).toBe(8 * 1024 * 1024);
  });
});
