import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The site's Chinese wording, everywhere at once: one term per idea. 稀疏度 (never 稀疏率),
 * 激活感知 (never 感知激活, for activation-aware), 激活 (never 唤醒, for experts), 计算吞吐 (never
 * 数学吞吐), 实验 for a lab page's experiment (never 实验室), 稀疏度调度 for a schedule (never 计划),
 * and never 被关注的对数, which reads as "the logarithm of what is attended".
 */
const BANNED = ['稀疏率', '感知激活', '唤醒', '数学吞吐', '实验室', '计划', '被关注的对数'];
const dir = fileURLToPath(new URL('.', import.meta.url));

describe('Chinese wording across lib/i18n', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  it('reads every message file', () => expect(files.length).toBeGreaterThan(10));
  it.each(files)('%s uses the agreed terms', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    expect(BANNED.filter((w) => text.includes(w))).toEqual([]);
  });
});
