import { describe, expect, it } from 'vitest';
import { LAB_ISSUE_KEYS, resolveLabConfig, type LabInput } from '../labs/attention/config';
import { attentionMessages } from './attention';

const input: LabInput = {
  pattern: 'bigbird',
  compare: 'none',
  seqLen: 256,
  blockSize: 32,
  causal: false,
  heads: 2,
  head: 0,
  windowSize: 16,
  dilation: 2,
  stride: 16,
  summaryTokens: 2,
  globalTokens: 4,
  sinkTokens: 4,
  randomBlocks: 40,
  seed: 1,
};

describe("the attention lab's issue messages", () => {
  it('every issue key has a message in both languages, and no other key does', () => {
    for (const locale of ['en', 'zh'] as const) {
      const messages = attentionMessages[locale].issues.messages;
      expect(Object.keys(messages).sort()).toEqual([...LAB_ISSUE_KEYS].sort());
      for (const key of LAB_ISSUE_KEYS) expect(messages[key]({ value: '7', max: '3' })).toMatch(/\S/);
    }
  });

  it('fills the clamp message with the issue params', () => {
    const [issue] = resolveLabConfig(input).issues;
    expect(issue.key).toBe('random-blocks-too-large');
    const params = Object.fromEntries(Object.entries(issue.params).map(([k, v]) => [k, String(v)]));
    expect(attentionMessages.en.issues.messages[issue.key](params)).toBe(
      'Random blocks 40 is more than a middle block row has free (8 blocks, 5 already read: 3 neighbours and 2 global): using r = 3.',
    );
    expect(attentionMessages.zh.issues.messages[issue.key](params)).toBe(
      '随机块数 40 超过了中间块行的空闲块数（共 8 个块，已读取 5 个：3 个相邻块和 2 个全局块）：改用 r = 3。',
    );
  });

  it('a field below its minimum or not whole is named with its symbol', () => {
    expect(attentionMessages.en.issues.messages['stride-too-small']({ value: '0', max: '1' })).toBe(
      'Stride 0 is below its smallest value: using l = 1.',
    );
    expect(attentionMessages.zh.issues.messages['seed-not-whole']({ value: '1.5', max: '2' })).toBe('种子 1.5 不是整数：改用 2。');
  });
});
