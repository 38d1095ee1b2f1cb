'use client';

import { createContext, useContext } from 'react';
import { common } from '@/lib/i18n/common';
import type { Locale } from '@/lib/i18n/locales';

const LocaleContext = createContext<Locale>('en');

export function LocaleProvider({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

/** The shared messages (lib/i18n/common.ts) in the page's language. */
export function useCommon() {
  return common[useLocale()];
}
