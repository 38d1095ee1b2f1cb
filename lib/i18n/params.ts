import { type Locale, isLocale } from './locales';

/** Reads the locale route parameter (the layout has already refused anything else). */
export async function localeOf(params: Promise<{ locale: string }>): Promise<Locale> {
  const { locale } = await params;
  return isLocale(locale) ? locale : 'en';
}
