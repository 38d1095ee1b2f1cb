import { describe, expect, it } from 'vitest';
import { decodeCheckProblem } from './decode';

describe('decodeCheckProblem', () => {
  it('passes the same tokens with logits within 1e-4 · max |reference logit|', () => {
    expect(decodeCheckProblem({ sameTokens: true, firstMismatch: null, maxAbsError: 6e-6, scale: 12 })).toBeNull();
  });

  it('names a different token or logits beyond the tolerance', () => {
    expect(decodeCheckProblem({ sameTokens: false, firstMismatch: 3, maxAbsError: 6e-6, scale: 12 })).toMatch(/^generated token 3 differs from the reference's; max \|Δ logit\| 6\.00e-6 <= 1\.20e-3/);
    expect(decodeCheckProblem({ sameTokens: true, firstMismatch: null, maxAbsError: 2e-3, scale: 12 })).toMatch(/^max \|Δ logit\| 2\.00e-3 > 1\.20e-3 \(1e-4 · max \|reference logit\| 12\.00\)$/);
    expect(decodeCheckProblem({ sameTokens: true, firstMismatch: null, maxAbsError: Number.POSITIVE_INFINITY, scale: 12 })).not.toBeNull();
  });
});
