import { describe, expect, it } from 'vitest';
import { formatDensity, formatPercent, formatPoints, formatRatio } from './format';

describe('shared number formatters', () => {
  it('formatPercent: a fraction as a percentage, "—" when missing', () => {
    expect(formatPercent(0.978, 'en')).toBe('97.8%');
    expect(formatPercent(0.9, 'zh', 0)).toBe('90%');
    expect(formatPercent(null, 'en')).toBe('—');
    expect(formatPercent(Number.NaN, 'en')).toBe('—');
  });

  it('formatDensity: more digits for small densities', () => {
    expect(formatDensity(0.5, 'en')).toBe('50%');
    expect(formatDensity(0.0123, 'en')).toBe('1.23%');
    expect(formatDensity(0.001234, 'en')).toBe('0.123%');
  });

  it('formatRatio: fewer decimals for larger ratios', () => {
    expect(formatRatio(123.4, 'en')).toBe('123');
    expect(formatRatio(14.24, 'en')).toBe('14.2');
    expect(formatRatio(1.234, 'en')).toBe('1.23');
  });

  it('formatPoints: signed percentage points, no sign on zero', () => {
    expect(formatPoints(-0.0125, 'en')).toBe('−1.3');
    expect(formatPoints(0.004, 'en')).toBe('+0.4');
    expect(formatPoints(0.004, 'en', 1, false)).toBe('0.4');
    expect(formatPoints(0.00001, 'en', 2)).toBe('0');
    expect(formatPoints(undefined, 'en')).toBe('—');
  });
});
