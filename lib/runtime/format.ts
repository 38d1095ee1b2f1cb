/**
 * The labs' shared number formatters, in the reader's locale (lib/runtime/locale.ts formatNumber:
 * thousands separators, at most `digits` decimals). Missing or non-finite values print as "—".
 */
import { type Locale, formatNumber } from './locale';

const MISSING = '—';
const missing = (v: number | null | undefined): v is null | undefined => v === null || v === undefined || !Number.isFinite(v);

/** A fraction as a percentage: 0.978 → "97.8%" (`digits` after the point of the percentage). */
export function formatPercent(fraction: number | null | undefined, locale: Locale, digits = 1): string {
  if (missing(fraction)) return MISSING;
  return `${formatNumber(fraction * 100, locale, digits)}%`;
}

/** A fraction as a percentage with enough digits to tell small densities apart: 1 digit from 10% (and for 0), 2 from 1%, else 3. */
export function formatDensity(fraction: number, locale: Locale): string {
  const pct = fraction * 100;
  const digits = pct === 0 || pct >= 10 ? 1 : pct >= 1 ? 2 : 3;
  return `${formatNumber(pct, locale, digits)}%`;
}

/** A ratio such as 14.2: 0 decimals from 100, 1 from 10, else 2. */
export function formatRatio(x: number, locale: Locale): string {
  return formatNumber(x, locale, x >= 100 ? 0 : x >= 10 ? 1 : 2);
}

/**
 * A difference of fractions in percentage points, signed unless `signed` is false: −0.0125 → "−1.3",
 * 0.004 → "+0.4"; one that rounds to zero has no sign.
 */
export function formatPoints(delta: number | null | undefined, locale: Locale, digits = 1, signed = true): string {
  if (missing(delta)) return MISSING;
  const v = Number((delta * 100).toFixed(digits));
  const body = formatNumber(Math.abs(v), locale, digits);
  return v < 0 ? `−${body}` : v > 0 && signed ? `+${body}` : body;
}
