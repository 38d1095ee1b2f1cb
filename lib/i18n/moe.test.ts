import { describe, expect, it } from 'vitest';
import { moeMessages } from './moe';
import { moeLmMessages } from './moe-lm';
import { moeTeachMessages } from './teach-moe';

/** Static strings only (reveals need measured values). */
const texts = (o: unknown): string =>
  typeof o === 'string' ? o : o && typeof o === 'object' ? Object.values(o).map(texts).join('\n') : '';
const all = (o: unknown): string =>
  typeof o === 'string'
    ? o
    : typeof o === 'function'
      ? String((o as (...a: unknown[]) => unknown)(0, 0, 0, 0))
      : o && typeof o === 'object'
        ? Object.values(o).map(all).join('\n')
        : '';

describe('MoE lesson and labels say what their sources say, in both languages', () => {
  it('top-k without renormalisation is named after Qwen-MoE, DeepSeek-V2 and OLMoE, and GShard is described as renormalising', () => {
    expect(moeMessages.en.controls.variants.gshard).toBe('Top-k without renormalisation (Qwen-MoE, DeepSeek-V2, OLMoE)');
    expect(moeMessages.zh.controls.variants.gshard).toContain('Qwen-MoE');
    for (const m of [moeMessages.en, moeMessages.zh]) {
      expect(m.controls.variantHints.gshard).toContain('g₁/(g₁+g₂)');
      expect(m.controls.variantHints.gshard).toContain('2·g₂');
      expect(m.lesson.fixedNote).toMatch(/Mixtral (and|和) GShard/);
    }
  });

  it('the load-balancing loss has minimum k, equals k for uniform probabilities, and its gradient flows only through P', () => {
    const en = moeMessages.en.lesson.sections.flatMap((s) => s.p).join(' ');
    expect(en).toContain('Σ_e f_e = k');
    expect(en).toContain('Its minimum is k');
    expect(en).toContain('whenever the router probabilities are uniform, whatever f is');
    expect(en).toContain('the gradient flows only through P');
    const zh = moeMessages.zh.lesson.sections.flatMap((s) => s.p).join(' ');
    expect(zh).toContain('Σ_e f_e = k');
    expect(zh).toContain('梯度只经过 P');
    expect(moeMessages.en.figures.auxHint(2)).toContain('minimum 2');
    expect(moeLmMessages.en.auxHint(2)).toContain('the minimum is 2');
    expect(moeLmMessages.zh.auxHint(2)).toContain('最小值为 2');
  });

  it('experts are full-size FFNs except in fine-grained MoE', () => {
    const en = moeMessages.en.lesson.sections[0].p[0];
    expect(en).not.toContain('smaller feed-forward');
    expect(en).toContain('full-size');
    expect(en).toContain('DeepSeekMoE');
    expect(moeMessages.zh.lesson.sections[0].p[0]).not.toContain('较小的前馈网络');
  });

  it('noisy top-k has a learned, Softplus noise scale for load balancing, not exploration', () => {
    for (const m of [moeMessages.en, moeMessages.zh]) {
      expect(m.controls.variantHints.noisy).toContain('Softplus(x·W_noise)');
      expect(m.controls.variantHints.noisy).not.toMatch(/exploration|探索/);
    }
  });

  it('"routing collapse" only when an expert actually goes idle', () => {
    expect(moeMessages.en.model.collapseTitle(0)).toBe('Unbalanced routing without the auxiliary loss');
    expect(moeMessages.en.model.collapseTitle(2)).toContain('collapse');
    expect(moeMessages.zh.model.collapseTitle(0)).toContain('不均衡');
  });

  it('the Chinese text says 激活, 稀疏度 and 实验 (never 唤醒, 稀疏率 or 实验室 for the lab)', () => {
    const zh = all(moeMessages.zh) + all(moeLmMessages.zh) + texts(moeTeachMessages.zh);
    expect(zh).not.toMatch(/唤醒|稀疏率|实验室/);
  });

  it('says what the source gets right before its critiques, in both languages', () => {
    expect(moeMessages.en.lesson.sourceGood).toMatch(/^What the source gets right: .*torch\.topk/);
    expect(moeMessages.zh.lesson.sourceGood).toMatch(/^原文做对了什么：.*torch\.topk/);
    for (const m of [moeMessages.en, moeMessages.zh]) expect(m.lesson.sourceNote).toHaveLength(3);
    expect(moeMessages.en.controls.variantHints.source).toMatch(/rightly runs only the k experts.*but weights each of them 1\/k/);
    expect(moeMessages.zh.controls.variantHints.source).toMatch(/正确地只运行.*但每个权重固定为 1\/k/);
  });

  it('lesson text names no developer command and points at the About page instead', () => {
    for (const m of [moeMessages.en, moeMessages.zh]) {
      expect(all(m.lesson)).not.toMatch(/npm |npx /);
      expect(m.lesson.benchAbout).toMatch(/About|关于/);
    }
  });

  it('every lesson section has a place beside a panel, the same ones in both languages', () => {
    const ids = (m: typeof moeMessages.en) => m.lesson.sections.map((s) => s.id);
    expect(ids(moeMessages.zh)).toEqual(ids(moeMessages.en));
    expect(new Set(ids(moeMessages.en)).size).toBe(moeMessages.en.lesson.sections.length);
  });
});
