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

/** Formats a byte count with binary units (KiB, MiB, GiB). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(v >= 100 ? 0 : v >= 10 ? 1 : 2)} ${units[u]}`;
}

/** Formats a FLOP count with SI prefixes (kFLOP, MFLOP, GFLOP, TFLOP). */
export function formatFlops(flops: number): string {
  const units = ['FLOP', 'kFLOP', 'MFLOP', 'GFLOP', 'TFLOP', 'PFLOP'];
  let v = flops;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(v >= 100 ? 0 : v >= 10 ? 1 : 2)} ${units[u]}`;
}
