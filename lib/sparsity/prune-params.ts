/**
 * Counting and parameter checks of the pruning masks (lib/sparsity/pruning.ts): how many units an
 * `amount` prunes, exactly as torch.nn.utils.prune, and the issues a pruning form can hold.
 */
import { type ValidationIssue, assertInteger, throwFirstIssue } from './validation';

// ---------------------------------------------------------------------------
// Counting

/**
 * Python 3 `round(x)` for a non-negative double: round half to even ("banker's
 * rounding"), on the exact double value. `x - floor(x)` is exact in binary floating
 * point, so 2.5 -> 2 and 3.5 -> 4, while 3.5000000000000004 (= 0.35 * 10 in doubles)
 * -> 4, exactly as Python.
 */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d < 0.5) return f;
  if (d > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * Number of units to prune for a fractional `amount` of `size` units:
 * torch.nn.utils.prune._compute_nparams_toprune, i.e. Python's round(amount * size)
 * (half to even: pruneCount(0.5, 5) = round(2.5) = 2; pruneCount(0.5, 3) = round(1.5) = 2).
 * Throws a RangeError for an amount outside [0, 1] or NaN, or a size that is not an integer >= 0.
 */
export function pruneCount(amount: number, size: number): number {
  throwFirstIssue(amountIssues(amount));
  assertInteger('size', size, 0);
  return roundHalfEven(amount * size);
}

// ---------------------------------------------------------------------------
// Validation (for forms; the mask functions throw the same messages)

/** Parameters a pruning form may hold; every field optional, each checked when present. */
export interface PruneParams {
  /** Fraction to prune, in [0, 1]. */
  amount?: number;
  /** N of N:M: weights kept per group. */
  n?: number;
  /** M of N:M: group length along the last dim. */
  m?: number;
  /** Matrix shape [rows, cols] the N:M groups / blocks must tile. */
  rows?: number;
  cols?: number;
  /** Side of the square blocks of a block mask. */
  blockSize?: number;
}

/** Stable keys of every issue `validatePruneParams` can report. */
export const PRUNE_ISSUE_KEYS = [
  'amount-out-of-range',
  'shape-invalid',
  'nm-invalid',
  'n-greater-than-m',
  'm-not-dividing',
  'block-size-invalid',
  'block-size-not-dividing',
] as const;
export type PruneIssueKey = (typeof PRUNE_ISSUE_KEYS)[number];

function issue(key: PruneIssueKey, message: string, values: Record<string, number | string>): ValidationIssue<PruneIssueKey> {
  return { key, message, values };
}

/** The issue of an `amount` outside [0, 1] or NaN (none when it is a fraction). */
export function amountIssues(amount: number): ValidationIssue<PruneIssueKey>[] {
  if (typeof amount !== 'number' || Number.isNaN(amount) || amount < 0 || amount > 1) {
    return [
      issue('amount-out-of-range', `amount must be a fraction in [0, 1], got ${String(amount)}`, {
        amount: String(amount),
      }),
    ];
  }
  return [];
}

const isCount = (v: number) => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/**
 * Checks pruning parameters and returns every problem found (empty = valid):
 * amount out of [0, 1] or NaN; rows / cols not integers >= 0; n or m not integers
 * (m >= 1, n >= 0); n > m; m not dividing cols; block size not an integer >= 1;
 * block size not dividing rows or cols. Divisibility is only checked when the
 * matrix shape is given.
 */
export function validatePruneParams(p: PruneParams): ValidationIssue<PruneIssueKey>[] {
  const out: ValidationIssue<PruneIssueKey>[] = [];
  if (p.amount !== undefined) out.push(...amountIssues(p.amount));
  for (const [name, v] of [
    ['rows', p.rows],
    ['cols', p.cols],
  ] as const) {
    if (v !== undefined && !isCount(v)) {
      out.push(issue('shape-invalid', `${name} must be an integer >= 0, got ${String(v)}`, { name, value: String(v) }));
    }
  }
  const colsOk = p.cols !== undefined && isCount(p.cols);
  const rowsOk = p.rows !== undefined && isCount(p.rows);
  if (p.n !== undefined || p.m !== undefined) {
    const n = p.n as number;
    const m = p.m as number;
    if (!isCount(n) || !isCount(m) || m < 1) {
      out.push(
        issue('nm-invalid', `N:M needs integers n >= 0 and m >= 1, got n = ${String(n)}, m = ${String(m)}`, {
          n: String(n),
          m: String(m),
        }),
      );
    } else {
      if (n > m) {
        out.push(issue('n-greater-than-m', `N:M needs n <= m, got n = ${n} > m = ${m}`, { n, m }));
      }
      if (colsOk && (p.cols as number) % m !== 0) {
        out.push(
          issue('m-not-dividing', `N:M group size m = ${m} does not divide the last dim cols = ${p.cols}`, {
            m,
            cols: p.cols as number,
          }),
        );
      }
    }
  }
  if (p.blockSize !== undefined) {
    const b = p.blockSize;
    if (!isCount(b) || b < 1) {
      out.push(issue('block-size-invalid', `blockSize must be an integer >= 1, got ${String(b)}`, { blockSize: String(b) }));
    } else if ((rowsOk && (p.rows as number) % b !== 0) || (colsOk && (p.cols as number) % b !== 0)) {
      out.push(
        issue('block-size-not-dividing', `blockSize = ${b} does not divide the shape [${p.rows ?? '?'}, ${p.cols ?? '?'}]`, {
          blockSize: b,
          rows: p.rows ?? '?',
          cols: p.cols ?? '?',
        }),
      );
    }
  }
  return out;
}
