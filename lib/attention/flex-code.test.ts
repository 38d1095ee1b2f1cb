import { describe, expect, it } from 'vitest';
import { bigBirdBlockLayout } from './bigbird';
import { flexAttentionCode } from './flex-code';
import { PATTERN_NAMES } from './patterns';
import { smallParams } from './test-helpers';

const opts = { heads: 2, headDim: 64 };

describe('flexAttentionCode', () => {
  it.each(PATTERN_NAMES)('%s: a complete snippet with create_block_mask, the sizes and a mask_mod', (name) => {
    const p = {
      ...smallParams(2048, 64, false),
      windowSize: 256,
      stride: 128,
      summaryTokens: 8,
      globalTokens: 16,
      sinkTokens: 4,
      dilation: 2,
      randomBlocks: 3,
    };
    const code = flexAttentionCode(name, p, opts);
    expect(code).toContain('from torch.nn.attention.flex_attention import create_block_mask, flex_attention');
    expect(code).toContain('SEQ_LEN = 2048');
    expect(code).toContain('BLOCK_SIZE = 64\n');
    expect(code).toContain('HEADS, HEAD_DIM = 2, 64');
    expect(code).toMatch(/def mask_mod\(b, h, q_idx, kv_idx\):.*\n( {4}.*\n)+/);
    expect(code).toContain('block_mask=block_mask');
  });

  it('window uses the source convention; causal ANDs non-causal patterns only', () => {
    const p = { ...smallParams(1024, 64, false), windowSize: 256 };
    expect(flexAttentionCode('window', p, opts)).toContain('return (q_idx - kv_idx).abs() <= WINDOW // 2');
    expect(flexAttentionCode('window', { ...p, causal: true }, opts)).toContain(
      'return (q_idx >= kv_idx) & ((q_idx - kv_idx).abs() <= WINDOW // 2)',
    );
    expect(flexAttentionCode('dense', { ...p, causal: true }, opts)).toContain('return (q_idx >= kv_idx) & (kv_idx >= 0)');
    expect(flexAttentionCode('causal-window', { ...p, causal: true }, opts)).toContain(
      'return (q_idx >= kv_idx) & (q_idx - kv_idx < WINDOW)\n',
    );
  });

  it("BigBird writes out the seeded random blocks, reproducing the lab's layout", () => {
    const p = { ...smallParams(1024, 64, false), randomBlocks: 2, seed: 77 };
    const code = flexAttentionCode('bigbird', p, opts);
    const random = JSON.parse(
      code.slice(code.indexOf('RANDOM = [') + 9, code.indexOf(']\nLAYOUT') + 1).replace(/,\s*\]$/, ']'),
    ) as number[][];
    const nb = 16;
    const layout = bigBirdBlockLayout(nb, 2, 77);
    expect(random).toHaveLength(nb - 2);
    random.forEach((blocks, r) => {
      const qb = r + 1;
      expect(blocks).toHaveLength(2);
      for (const kb of blocks) expect(layout[qb * nb + kb]).toBe(1);
    });
  });

  it('BigBird full fallback and padding are spelled out', () => {
    const code = flexAttentionCode('bigbird', { ...smallParams(500, 64, false), randomBlocks: 2 }, opts);
    expect(code).toContain('torch.ones(NB, NB');
    expect(code).toContain('the last block is padded');
  });
});
