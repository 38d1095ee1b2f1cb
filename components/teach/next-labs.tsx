'use client';

/**
 * The end of a lab: the next lab of the recommended order (lib/teach/course.ts) with its promise,
 * and links to related panels of other labs. Adopting it: <NextLabs lab="pruning" />.
 */
import Link from 'next/link';
import { useLocale } from '@/components/shell/locale-context';
import { teachMessages } from '@/lib/i18n/teach';
import { RELATED, type TeachLab, nextInCourse, relatedHref } from '@/lib/teach/course';

export function NextLabs({ lab }: { lab: TeachLab }) {
  const locale = useLocale();
  const m = teachMessages[locale].course;
  const next = nextInCourse(lab);
  const related = RELATED[lab];
  return (
    <nav
      aria-labelledby="next-labs-title"
      className="embed-hide space-y-2 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
      data-testid="next-labs"
    >
      <h2 id="next-labs-title" className="text-lg font-semibold">
        {m.nextTitle}
      </h2>
      {next && (
        <p>
          <Link href={`/${locale}/${next}`} className="font-medium text-teal-800 underline dark:text-teal-300" data-testid="next-lab">
            {m.titles[next]} →
          </Link>{' '}
          <span className="text-sm text-zinc-700 dark:text-zinc-300">{m.promise[next]}</span>
        </p>
      )}
      {related.length > 0 && (
        <>
          <h3 className="text-sm font-semibold">{m.relatedTitle}</h3>
          <ul className="list-disc space-y-1 pl-5 text-sm">
            {related.map((l) => (
              <li key={l.id}>
                <Link href={relatedHref(l, locale)} className="text-teal-800 underline dark:text-teal-300" data-testid={`related-${l.id}`}>
                  {m.related[l.id]}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </nav>
  );
}
