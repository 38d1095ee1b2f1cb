'use client';

import { useLocale } from '@/components/shell/locale-context';
import { pruningMessages } from '@/lib/i18n/pruning';
import type { PruneIssue } from '@/lib/pruning/model-masks';
import { issueMessage } from '@/lib/i18n/issues';

/** Explains, in the page's language, every setting that could not be applied (values shown as text only). */
export function IssuesNotice({ issues, nothingPruned }: { issues: readonly PruneIssue[]; nothingPruned: boolean }) {
  const locale = useLocale();
  const t = pruningMessages[locale];
  if (issues.length === 0) return null;
  return (
    <div
      role="alert"
      data-testid="prune-issues"
      className="rounded-md border-l-4 border-amber-500 bg-amber-50 p-3 text-sm text-amber-950 dark:bg-amber-950/40 dark:text-amber-100"
    >
      <p className="font-semibold">{t.issues.title}</p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        {issues.map((issue, i) => (
          <li key={i} data-key={issue.key}>
            {issue.layer ? <span className="font-mono">{issue.layer}: </span> : null}
            {issueMessage({ key: issue.key, params: issue.values }, locale)}
            {issue.layer ? ` ${t.issues.layerDense(issue.layer)}` : ''}
          </li>
        ))}
      </ul>
      {nothingPruned && <p className="mt-1">{t.summary.denseShown}</p>}
    </div>
  );
}
