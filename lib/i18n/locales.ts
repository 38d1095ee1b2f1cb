/** The site's languages: English and Simplified Chinese (the language of the source article). */
export const LOCALES = ['en', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * A message table in both languages. The zh table must have exactly the en table's
 * shape, so a missing translation is a type error, not a blank on the page.
 */
export function defineMessages<T>(messages: { en: T; zh: NoInfer<T> }): Record<Locale, T> {
  return messages;
}

/** Chooses the site language from the browser's preferred languages (navigator.languages). */
export function preferredLocale(languages: readonly string[]): Locale {
  for (const lang of languages) {
    const base = lang.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return DEFAULT_LOCALE;
}

/** Formats a number for display: thousands separators, at most `digits` decimals. */
export function formatNumber(value: number, locale: Locale, digits = 2): string {
  if (!Number.isFinite(value)) return String(value);
  return new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: digits }).format(value);
}

/** Divides `value` by `base` until it is below it, and prints it with the reached unit. */
function withUnit(value: number, base: number, units: readonly string[]): string {
  let v = value;
  let u = 0;
  while (v >= base && u < units.length - 1) {
    v /= base;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(v >= 100 ? 0 : v >= 10 ? 1 : 2)} ${units[u]}`;
}

/** Formats a byte count with binary units (KiB, MiB, GiB). */
export function formatBytes(bytes: number): string {
  return withUnit(bytes, 1024, ['B', 'KiB', 'MiB', 'GiB', 'TiB']);
}

/** Formats a FLOP count with SI prefixes (kFLOP, MFLOP, GFLOP, TFLOP). */
export function formatFlops(flops: number): string {
  return withUnit(flops, 1000, ['FLOP', 'kFLOP', 'MFLOP', 'GFLOP', 'TFLOP', 'PFLOP']);
}
