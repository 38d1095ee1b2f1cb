/**
 * The site's languages and the number format every table and formatter shares. They sit here, below
 * the labs, so that lib/runtime/format.ts and a lab's own code can take a Locale without importing the
 * message tables in lib/i18n (which re-exports these from lib/i18n/locales.ts).
 */

/** The site's languages: English and Simplified Chinese (the language of the source article). */
export const LOCALES = ['en', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Formats a number for display: thousands separators, at most `digits` decimals. */
export function formatNumber(value: number, locale: Locale, digits = 2): string {
  if (!Number.isFinite(value)) return String(value);
  return new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: digits }).format(value);
}
