import { describe, expect, it } from 'vitest';
import { blockCsrFromMask, buildBlockCsr } from '../../attention/block-csr';
import { patternMask, PATTERN_NAMES, type PatternParams } from '../../attention/patterns';
import { smallParams } from '../../attention/test-helpers';
import { BlockSparseAttentionProgram, blockSparseKeyTile } from './attention-block-sparse-program';
import { attentionReference } from './attention-dense-reference';
import { attentionInputs, headInputs, streamSeed } from './attention-inputs';
import { blockSparseAttentionReference } from './attention-block-sparse-reference';
import { compareOutputs } from '../../runtime/check-kernel';
import { interleaveBlocks } from './run-attention-block-sparse';

describe('blockSparseAttentionReference vs the masked dense twin', () => {
  it.each(PATTERN_NAMES)('%s: equal within 1e-6 on seeded inputs (n = 37, b = 8, 2 heads, causal or not)', (name) => {
    for (const causal of [false, true]) {
      const p: PatternParams = { ...smallParams(37, 8, causal, 7), randomBlocks: 0 };
      const shape = { heads: 2, seqLen: 37, headDim: 8 };
      const { q, k, v } = attentionInputs(3, shape);
      const mask = patternMask(name, p);
      const expected = attentionReference(q, k, v, shape, mask);
      const actual = blockSparseAttentionReference(q, k, v, shape, buildBlockCsr(name, p));
      expect(compareOutputs(actual, expected).maxAbsError).toBeLessThan(1e-6);
    }
  });

  it('BigBird 256 tokens, 16-blocks, r = 2 (not the full fallback): equal within 1e-6', () => {
    const p: PatternParams = { ...smallParams(256, 16, false), randomBlocks: 2, seed: 5 };
    const shape = { heads: 1, seqLen: 256, headDim: 16 };
    const { q, k, v } = attentionInputs(1, shape);
    const expected = attentionReference(q, k, v, shape, patternMask('bigbird', p));
    const actual = blockSparseAttentionReference(q, k, v, shape, buildBlockCsr('bigbird', p));
    expect(compareOutputs(actual, expected).maxAbsError).toBeLessThan(1e-6);
  });

  it('an arbitrary mask through blockCsrFromMask, including an empty row (zeros out)', () => {
    const n = 10;
    const mask = new Uint8Array(n * n).map((_, i) => ((i * 7919) % 5 === 0 ? 1 : 0));
    mask.fill(0, 3 * n, 4 * n); // row 3 attends nothing
    const shape = { heads: 1, seqLen: n, headDim: 4 };
    const { q, k, v } = attentionInputs(8, shape);
    const actual = blockSparseAttentionReference(q, k, v, shape, blockCsrFromMask(mask, n, 4));
    expect(compareOutputs(actual, attentionReference(q, k, v, shape, mask)).maxAbsError).toBeLessThan(1e-6);
    expect([...actual.subarray(12, 16)]).toEqual([0, 0, 0, 0]);
  });

  it('refuses a layout of another length', () => {
    const shape = { heads: 1, seqLen: 8, headDim: 2 };
    const { q, k, v } = attentionInputs(1, shape);
    expect(() => blockSparseAttentionReference(q, k, v, shape, buildBlockCsr('dense', { ...smallParams(16, 4, false) }))).toThrow(
      /seqLen 16/,
    );
  });
});

describe('seeded Q, K, V', () => {
  it("a head's inputs are the same alone or among all heads; streams differ", () => {
    const all = attentionInputs(42, { heads: 3, seqLen: 5, headDim: 4 });
    const one = headInputs(42, 1, 5, 4);
    expect(all.k.subarray(20, 40)).toEqual(one.k);
    expect(streamSeed(42, 0, 0)).not.toBe(streamSeed(42, 0, 1));
    expect(streamSeed(42, 0, 0)).not.toBe(streamSeed(43, 0, 0));
  });
});

describe('BlockSparseAttentionProgram set-up', () => {
  it('keys staged per step divide b and keep the K/V tiles within 16 KiB', () => {
    for (const b of [16, 32, 64, 128]) {
      for (const d of [8, 16, 24, 64, 128, 256]) {
        const tk = blockSparseKeyTile(b, d);
        expect(b % tk).toBe(0);
        expect(2 * tk * d * 4).toBeLessThanOrEqual(16384);
      }
    }
  });

  it('names every compile-time constant in the shader key; one workgroup of b per query block and head', () => {
    const p = new BlockSparseAttentionProgram(3, 1000, 64, 32);
    expect(p.shaderKey).toBe('sparselab_block_sparse_attention_d64_b32_tk32');
    expect(p.dispatch).toEqual([32, 3, 1]);
    expect(p.workgroupSize).toEqual([32, 1, 1]);
    expect(p.getUserCode()).toContain('workgroupUniformLoad');
    expect(() => new BlockSparseAttentionProgram(1, 64, 64, 48)).toThrow(/16, 32, 64, 128/);
  });

  it('interleaves (colIdx, maskOffset) pairs', () => {
    const csr = buildBlockCsr('causal', smallParams(8, 4, false));
    expect([...interleaveBlocks(csr)]).toEqual([0, csr.maskOffset[0], 0, -1, 1, csr.maskOffset[2]]);
  });
});
