import { describe, expect, it } from 'vitest';
import { formatBytes, formatFlops, preferredLocale } from './locales';

describe('preferredLocale', () => {
  it.each([
    [['zh-CN', 'en'], 'zh'],
    [['fr-FR', 'zh-TW'], 'zh'],
    [['de'], 'en'],
    [[], 'en'],
  ])('%j -> %s', (langs, expected) => expect(preferredLocale(langs)).toBe(expected));
});

describe('units', () => {
  it.each([
    [512, '512 B'],
    [2048, '2.00 KiB'],
    [64 * 1024 * 1024, '64.0 MiB'],
  ])('formatBytes(%d) = %s', (n, s) => expect(formatBytes(n)).toBe(s));
  it('formatFlops uses powers of 1000', () => expect(formatFlops(4.3e9)).toBe('4.30 GFLOP'));
});
