import { formatNumber, type Locale } from '@/lib/i18n/locales';

/** A fraction as a percentage with enough digits to tell small densities apart. */
export function formatPercent(fraction: number, locale: Locale): string {
  const pct = fraction * 100;
  const digits = pct === 0 || pct >= 10 ? 1 : pct >= 1 ? 2 : 3;
  return `${formatNumber(pct, locale, digits)}%`;
}

/** A ratio such as 14.2. */
export function formatRatio(x: number, locale: Locale): string {
  return formatNumber(x, locale, x >= 100 ? 0 : x >= 10 ? 1 : 2);
}
