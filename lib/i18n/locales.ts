/** The site's languages and the shared number format live in lib/runtime/locale.ts (below the labs); re-exported here. */
import { type Locale, isLocale, DEFAULT_LOCALE } from '../runtime/locale';

export { DEFAULT_LOCALE, LOCALES, type Locale, formatNumber, isLocale } from '../runtime/locale';

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
