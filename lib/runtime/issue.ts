/**
 * One shape for every problem a lab reports to the reader: a kebab-case `key` and the values its
 * message is filled with. The messages live in lib/i18n/issues.ts, one table per language; a key
 * that is not in the tables is a type error, so `issueMessage` never shows a blank.
 *
 * The keys: the language models' problems (lib/lm/errors.ts LmProblem); an uploaded matrix file's
 * (lib/io/matrix.ts MatrixProblem); the pruning lab's settings
 * (lib/pruning/model-masks.ts PruneIssueCode, from lib/sparsity/pruning.ts's checks); MoE routing
 * settings (lib/moe/variants.ts RoutingProblem); sparsity
 * schedules (lib/sparsity/schedules.ts) and training configs (lib/training/config.ts); `runtime` (a
 * failure of the runtime itself, e.g. a worker that stopped; params.message says what) and
 * `cancelled` (the notice after the reader cancelled a long measurement).
 */
import type { Locale } from '../i18n/locales';
import { issueMessages } from '../i18n/issues';
import type { MatrixProblem } from '../io/matrix';
import type { LmProblem } from '../lm/errors';
import type { RoutingProblem } from '../moe/variants';
import type { PruneIssueCode } from '../pruning/model-masks';
import type { ScheduleIssueKey } from '../sparsity/schedules';
import type { TrainingIssueKey } from '../training/config';

export type IssueKey = LmProblem | MatrixProblem | PruneIssueCode | RoutingProblem | ScheduleIssueKey | TrainingIssueKey | 'runtime' | 'cancelled';

export type IssueParams = Record<string, string | number>;

export interface Issue<K extends IssueKey = IssueKey> {
  key: K;
  params?: IssueParams;
}

/** The issue's message in the reader's language, filled with its params. */
export function issueMessage(issue: Issue, locale: Locale): string {
  return issueMessages[locale][issue.key](issue.params ?? {});
}

/** A failure of the runtime itself (a bug, a stopped worker), with the English detail to show. */
export function runtimeIssue(err: unknown): Issue<'runtime'> {
  return { key: 'runtime', params: { message: err instanceof Error ? err.message : String(err) } };
}

/** What went wrong, for a panel that already says "… failed: {detail}": a runtime issue's bare detail, else the issue's message. */
export function issueDetail(issue: Issue, locale: Locale): string {
  return issue.key === 'runtime' ? String(issue.params?.message ?? '') : issueMessage(issue, locale);
}
