/**
 * Problems with a language model or its input. Each has a kebab-case `key` the UI translates
 * (lib/i18n/issues.ts) with `values` filled in; the English `message` is for logs and tests.
 * Nothing is partly loaded: a checkpoint either loads whole or throws one LmError.
 */
import type { Issue } from '../runtime/issue';

export type LmProblem =
  | 'not-safetensors' // header length or JSON unreadable
  | 'truncated' // a tensor's bytes run past the end of the file
  | 'unsupported-dtype' // not F32, F16, BF16, I32 or I64
  | 'bad-config' // config.json lacks a field or has an impossible value
  | 'missing-tensor' // a tensor the architecture needs is absent
  | 'wrong-shape' // a tensor's shape differs from what the config implies
  | 'bad-vocab' // vocab.json is not an array of strings with <unk>, or its size differs from the config
  | 'empty-text' // nothing to score or to continue
  | 'all-unknown' // every character of the text is outside the vocabulary
  | 'too-long' // more characters than the model's context or the page's limit
  | 'download-failed'; // the model's files could not be fetched

export class LmError extends Error {
  readonly key: LmProblem;
  readonly values: Record<string, string | number>;
  constructor(key: LmProblem, message: string, values: Record<string, string | number> = {}) {
    super(message);
    this.name = 'LmError';
    this.key = key;
    this.values = values;
  }
}

/** The Issue (lib/runtime/issue.ts) of an LmError, which survives postMessage (Error subclasses lose their fields); null for other errors. */
export function lmIssue(err: unknown): Issue<LmProblem> | null {
  return err instanceof LmError ? { key: err.key, params: err.values } : null;
}
