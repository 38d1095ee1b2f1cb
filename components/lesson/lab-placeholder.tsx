import Link from 'next/link';
import { type LabSlug, common } from '@/lib/i18n/common';
import type { Locale } from '@/lib/i18n/locales';

/** What a lab will show, until the lab is built. */
export function LabPlaceholder({ locale, slug }: { locale: Locale; slug: LabSlug }) {
  const m = common[locale];
  const lab = m.labs[slug];
  return (
    <article data-testid="lab-placeholder" className="max-w-3xl">
      <h1 className="text-3xl font-bold tracking-tight">{lab.title}</h1>
      <p className="mt-3 text-lg text-zinc-700 dark:text-zinc-300">{lab.short}</p>
      <p className="mt-6 font-medium">{m.comingSoon}</p>
      <ul className="mt-2 list-disc space-y-1 pl-6">
        {lab.shows.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
      <p className="mt-8">
        <Link className="text-teal-700 underline dark:text-teal-300" href={`/${locale}`}>
          {m.backToHome}
        </Link>
      </p>
    </article>
  );
}
