import { type Locale, formatNumber } from '@/lib/i18n/locales';

/** A fraction as a percentage: 0.9 → "90.0%". */
export function formatPct(v: number | null | undefined, locale: Locale, digits = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return `${formatNumber(100 * v, locale, digits)}%`;
}

/** A difference of fractions in percentage points, signed (−77.8 pp, +0.5 pp) unless `signed` is false. */
export function formatPp(v: number | null | undefined, locale: Locale, digits = 2, signed = true): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const s = formatNumber(Math.abs(100 * v), locale, digits);
  if (Number(s.replace(/[^0-9.]/g, '')) === 0) return `${formatNumber(0, locale, digits)} pp`;
  return `${v < 0 ? '−' : signed ? '+' : ''}${s} pp`;
}
