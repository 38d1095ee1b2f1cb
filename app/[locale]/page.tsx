import Link from 'next/link';
import { LAB_SLUGS, common } from '@/lib/i18n/common';
import { localeOf } from '@/lib/i18n/params';
import { teachMessages } from '@/lib/i18n/teach';

export default async function Home({ params }: { params: Promise<{ locale: string }> }) {
  const locale = await localeOf(params);
  const m = common[locale];
  const course = teachMessages[locale].course;
  return (
    <div className="space-y-12">
      <section className="max-w-3xl">
        <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">{m.home.heroTitle}</h1>
        <p className="mt-4 text-lg text-zinc-700 dark:text-zinc-300">{m.home.heroBody}</p>
      </section>

      <section aria-labelledby="start-title" data-testid="start-here">
        <h2 id="start-title" className="text-2xl font-semibold">
          {course.startTitle}
        </h2>
        <p className="mt-1 max-w-3xl text-zinc-700 dark:text-zinc-300">{course.startIntro}</p>
        <Link
          href={`/${locale}/models`}
          className="mt-4 flex items-baseline gap-3 rounded-lg border border-teal-300 bg-teal-50 p-4 transition hover:border-teal-500 dark:border-teal-800 dark:bg-teal-950/40"
          data-testid="start-models"
        >
          <span className="text-sm font-semibold text-teal-800 dark:text-teal-300">1</span>
          <span>
            <span className="block text-lg font-semibold text-teal-800 dark:text-teal-300">{course.titles.models}</span>
            <span className="text-sm text-zinc-700 dark:text-zinc-300">{course.promise.models}</span>
          </span>
        </Link>
        <ol className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="lab-cards">
          {LAB_SLUGS.map((slug, i) => (
            <li key={slug}>
              <Link
                href={`/${locale}/${slug}`}
                className="flex h-full items-baseline gap-3 rounded-lg border border-zinc-200 p-4 transition hover:border-teal-500 hover:shadow-sm dark:border-zinc-800 dark:hover:border-teal-400"
              >
                <span className="text-sm font-semibold text-zinc-500 dark:text-zinc-400">{i + 2}</span>
                <span>
                  <span className="block text-lg font-semibold text-teal-800 dark:text-teal-300">{m.labs[slug].title}</span>
                  <span className="text-sm text-zinc-700 dark:text-zinc-300">{course.promise[slug]}</span>
                </span>
              </Link>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="what-title">
        <h2 id="what-title" className="text-2xl font-semibold">
          {m.home.whatTitle}
        </h2>
        <div className="mt-4 grid gap-4 md:grid-cols-3">
          {m.home.what.map((item) => (
            <div key={item.h} className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
              <h3 className="font-semibold">{item.h}</h3>
              <p className="mt-2 text-sm leading-relaxed text-zinc-700 dark:text-zinc-300">{item.p}</p>
            </div>
          ))}
        </div>
      </section>

      <section
        aria-labelledby="claim-title"
        className="max-w-3xl rounded-lg border-l-4 border-amber-500 bg-amber-50 p-4 dark:bg-amber-950/40"
      >
        <h2 id="claim-title" className="font-semibold">
          {m.home.claimTitle}
        </h2>
        <p className="mt-1 text-sm text-zinc-800 dark:text-zinc-200">{m.home.claim}</p>
      </section>
    </div>
  );
}
