import { describe, expect, it } from 'vitest';
import { accelerationMessages, fasterEn, fasterZh } from './acceleration';

describe('speed-up wording', () => {
  it('a speed-up below 1 reads as "slower", in both languages', () => {
    expect(fasterEn(2.5, 'dense')).toBe('2.50× faster than dense');
    expect(fasterEn(0.8, 'dense')).toBe('1.25× slower than dense');
    expect(fasterZh(0.5, '稠密')).toBe('比稠密慢 2.00×');
    expect(fasterZh(12, '稠密')).toBe('比稠密快 12.0×');
  });

  it('the gather result never says "0.x× faster"', () => {
    expect(accelerationMessages.en.dynamic.gatherResult(0.9, 4, 0.25)).toMatch(/^1\.11× slower than dense GEMV/);
    expect(accelerationMessages.zh.dynamic.gatherResult(0.9, 4, 0.25)).toContain('慢 1.11×');
  });
});
