'use client';

import { memo } from 'react';
import { useLocale } from '@/components/shell/locale-context';
import type { LabIssue } from '@/lib/labs/attention/config';
import { attentionMessages } from '@/lib/i18n/attention';
import { formatNumber } from '@/lib/i18n/locales';

/** Translates one configuration issue (lib/labs/attention/config.ts) into a sentence: its params formatted, then its message. */
export function issueText(issue: LabIssue, m: (typeof attentionMessages)['en']['issues'], fmt: (v: number) => string): string {
  const params = Object.fromEntries(Object.entries(issue.params).map(([name, v]) => [name, fmt(v)]));
  return m.messages[issue.key](params);
}

/** What the lab had to adjust or wants the user to know about the settings. */
export const IssuesNotice = memo(function IssuesNotice({ issues }: { issues: readonly LabIssue[] }) {
  const locale = useLocale();
  const m = attentionMessages[locale].issues;
  if (issues.length === 0) return null;
  const fmt = (v: number) => formatNumber(v, locale, 0);
  return (
    <div
      role="status"
      data-testid="lab-issues"
      className="rounded border border-sky-400 bg-sky-50 p-3 text-sm text-sky-950 dark:border-sky-700 dark:bg-sky-950/50 dark:text-sky-100"
    >
      <p className="font-medium">{m.title}</p>
      <ul className="mt-1 list-disc space-y-1 pl-5">
        {issues.map((issue) => (
          <li key={`${issue.pattern}-${issue.key}`} data-issue={issue.key}>
            {issueText(issue, m, fmt)}
          </li>
        ))}
      </ul>
    </div>
  );
});
