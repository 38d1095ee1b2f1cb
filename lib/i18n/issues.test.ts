import { describe, expect, it } from 'vitest';
import { bsrShapeIssue, gemmShapeIssue } from '../kernels/matmul/matmul-config';
import { runtimeIssue } from '../runtime/issue';
import { issueDetail, issueMessage, issueMessages } from './issues';

describe('issueMessage', () => {
  it('every key is kebab-case and says something in both languages', () => {
    const keys = Object.keys(issueMessages.en);
    expect(keys.sort()).toEqual(Object.keys(issueMessages.zh).sort());
    for (const key of keys) {
      expect(key).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      for (const locale of ['en', 'zh'] as const)
        expect(issueMessages[locale][key as keyof typeof issueMessages.en]({}).length).toBeGreaterThan(0);
    }
  });

  it("fills the message with the issue params, in the reader's language", () => {
    expect(issueMessage({ key: 'end-not-after-begin', params: { beginStep: 100, endStep: 50 } }, 'en')).toBe(
      'The end step (50) must come after the begin step (100).',
    );
    expect(issueMessage({ key: 'end-not-after-begin', params: { beginStep: 100, endStep: 50 } }, 'zh')).toBe(
      '结束步（50）必须在起始步（100）之后。',
    );
    expect(issueMessage({ key: 'too-long', params: { length: 3000, max: 2000 } }, 'en')).toBe(
      'The text is too long: 3000 characters, at most 2000.',
    );
  });

  it("says why a matmul shape cannot run, as the acceleration lab's measure panel shows it", () => {
    const batch = gemmShapeIssue(64, 64, 6);
    const block = bsrShapeIssue(96, 96, 64);
    if (!batch || !block) throw new Error('both shapes have an issue');
    expect(issueMessage(batch, 'en')).toBe('Batch 6 is not a multiple of 4, which the matrix × matrix kernels need (vec4 columns).');
    expect(issueMessage(block, 'en')).toBe('A 64 × 64 block does not divide 96 × 96.');
    expect(issueMessage(block, 'zh')).toBe('64 × 64 的块无法整除 96 × 96。');
  });

  it('a runtime issue carries the error message; issueDetail gives it bare', () => {
    const issue = runtimeIssue(new Error('out of memory'));
    expect(issue).toEqual({ key: 'runtime', params: { message: 'out of memory' } });
    expect(issueMessage(issue, 'en')).toBe('The model could not run here: out of memory.');
    expect(issueDetail(issue, 'en')).toBe('out of memory');
    expect(issueDetail({ key: 'nothing-pruned' }, 'en')).toBe('No layer could be pruned with these settings.');
  });
});
