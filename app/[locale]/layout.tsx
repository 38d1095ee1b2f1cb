import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import '../globals.css';
import { BackendNotice } from '@/components/shell/backend-notice';
import { Footer } from '@/components/shell/footer';
import { Header } from '@/components/shell/header';
import { LocaleProvider } from '@/components/shell/locale-context';
import { common } from '@/lib/i18n/common';
import { LOCALES, isLocale } from '@/lib/i18n/locales';

export const dynamicParams = false;

const EMBED_SCRIPT = "if(/[?&]embed=(1|true)(&|$)/.test(location.search))document.documentElement.dataset.embed='1'";

export function generateStaticParams() {
  return LOCALES.map((locale) => ({ locale }));
}

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const m = common[isLocale(locale) ? locale : 'en'];
  return {
    title: { default: `${m.siteName}: ${m.tagline}`, template: `%s · ${m.siteName}` },
    description: m.home.heroBody,
    icons: { icon: '/favicon.svg' },
  };
}

export default async function LocaleLayout({ children, params }: { children: React.ReactNode; params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  return (
    <html lang={locale === 'zh' ? 'zh-CN' : 'en'} suppressHydrationWarning>
      <head>
        {/* Embed mode (?embed=1): mark <html> before first paint so the site's chrome never flashes. */}
        <script dangerouslySetInnerHTML={{ __html: EMBED_SCRIPT }} />
      </head>
      <body className="min-h-screen bg-white text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <LocaleProvider locale={locale}>
          <Header />
          <BackendNotice />
          <main id="main" className="mx-auto max-w-6xl px-4 py-8">
            {children}
          </main>
          <Footer />
        </LocaleProvider>
      </body>
    </html>
  );
}
