'use client';

import { trainingMessages } from '@/lib/i18n/training';
import { issueMessage } from '@/lib/i18n/issues';
import type { TrainingIssue } from '@/lib/training/config';
import { useLocale } from '@/components/shell/locale-context';

/** The translated text of one issue (lib/i18n/issues.ts, by its kebab-case key). */
export function useIssueText() {
  const locale = useLocale();
  return (issue: TrainingIssue) => issueMessage({ key: issue.key, params: issue.values }, locale);
}

export interface IssueFix {
  key: string;
  label: string;
  apply: () => void;
}

/** Errors (the run cannot start) and warnings, each with an optional one-click fix. */
export function IssuesPanel({ issues, fixes }: { issues: readonly TrainingIssue[]; fixes: readonly IssueFix[] }) {
  const m = trainingMessages[useLocale()].issues;
  const text = useIssueText();
  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.filter((i) => i.severity === 'warning');
  const row = (i: TrainingIssue, k: number) => {
    const fix = fixes.find((f) => f.key === i.key);
    return (
      <li key={`${i.key}${k}`} data-key={i.key} className="flex flex-wrap items-center gap-2">
        <span>{text(i)}</span>
        {fix && (
          <button type="button" onClick={fix.apply} className="rounded border border-current px-2 py-0.5 text-xs">
            {fix.label}
          </button>
        )}
      </li>
    );
  };
  return (
    <>
      {errors.length > 0 && (
        <div
          role="alert"
          data-testid="config-errors"
          className="rounded border border-red-400 bg-red-50 p-3 text-sm text-red-950 dark:border-red-800 dark:bg-red-950/50 dark:text-red-100"
        >
          <p className="font-medium">{m.title}</p>
          <ul className="mt-1 list-disc space-y-1 pl-5">{errors.map(row)}</ul>
        </div>
      )}
      {warnings.length > 0 && (
        <div
          role="status"
          data-testid="config-warnings"
          className="rounded border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950/50 dark:text-amber-100"
        >
          <p className="font-medium">{m.warningTitle}</p>
          <ul className="mt-1 list-disc space-y-1 pl-5">{warnings.map(row)}</ul>
        </div>
      )}
    </>
  );
}
