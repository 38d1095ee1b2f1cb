'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { LAB_SLUGS } from '@/lib/i18n/common';
import { useCommon, useLocale } from './locale-context';

/** The route after the locale prefix: '/en/attention' -> '/attention', '/en' -> ''. */
function restOfPath(pathname: string): string {
  const parts = pathname.split('/').filter(Boolean);
  return parts.length > 1 ? `/${parts.slice(1).join('/')}` : '';
}

export function Header() {
  const locale = useLocale();
  const m = useCommon();
  const pathname = usePathname() ?? `/${locale}`;
  const rest = restOfPath(pathname);
  const other = locale === 'en' ? 'zh' : 'en';
  const items = [
    { href: `/${locale}`, label: m.nav.home, active: rest === '' },
    { href: `/${locale}/models`, label: m.nav.models, active: rest === '/models' },
    ...LAB_SLUGS.map((slug) => ({ href: `/${locale}/${slug}`, label: m.labs[slug].title, active: rest === `/${slug}` })),
    { href: `/${locale}/about`, label: m.nav.about, active: rest === '/about' },
  ];

  return (
    <header
      className="embed-hide border-b border-zinc-200 bg-white/90 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/90"
      data-testid="site-header"
    >
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-black"
      >
        {m.skipToContent}
      </a>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
        <Link href={`/${locale}`} className="text-lg font-bold tracking-tight text-teal-800 dark:text-teal-300">
          {m.siteName}
        </Link>
        <nav aria-label={m.nav.label} className="order-3 w-full overflow-x-auto sm:order-2 sm:w-auto sm:flex-1">
          <ul className="flex gap-1 whitespace-nowrap text-sm">
            {items.map((item) => (
              <li key={item.href}>
                <Link
                  href={item.href}
                  aria-current={item.active ? 'page' : undefined}
                  className={`inline-block rounded px-2 py-1.5 ${
                    item.active
                      ? 'bg-teal-100 font-semibold text-teal-900 dark:bg-teal-900/60 dark:text-teal-100'
                      : 'text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800'
                  }`}
                >
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <a
          href={`/${other}${rest}`}
          lang={other === 'zh' ? 'zh-CN' : 'en'}
          aria-label={`${m.nav.switchTo}: ${m.nav.switchToLabel}`}
          data-testid="language-switch"
          className="order-2 ml-auto rounded border border-zinc-300 px-2 py-1 text-sm text-zinc-800 hover:bg-zinc-100 sm:order-3 dark:border-zinc-700 dark:text-zinc-200 dark:hover:bg-zinc-800"
          onClick={(e) => {
            // Keep the experiment: carry the current query string (the lab's state) across.
            e.preventDefault();
            window.location.assign(`/${other}${rest}${window.location.search}`);
          }}
        >
          {m.nav.switchTo}
        </a>
      </div>
    </header>
  );
}
