'use client';

import { useEffect } from 'react';
import { preferredLocale } from '@/lib/i18n/locales';

export function LanguageRedirect() {
  useEffect(() => {
    const locale = preferredLocale(navigator.languages ?? [navigator.language]);
    window.location.replace(`/${locale}${window.location.search}`);
  }, []);
  return <p className="mt-4 text-zinc-600 dark:text-zinc-400">Opening the site in your language… / 正在以你的语言打开网站…</p>;
}
