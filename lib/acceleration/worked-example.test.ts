import { describe, expect, it } from 'vitest';
import { bsrToDense, csrToDense, find24Violation, from24ToDense } from '../sparsity/formats';
import { EXAMPLE_COLS, buildWorkedExample, positions24 } from './worked-example';

describe('the worked example', () => {
  it.each([1, 2, 3, 42])('round-trips every format and shows a 2:4 violation in the CSR matrix (seed %i)', (seed) => {
    const ex = buildWorkedExample(seed);
    expect(csrToDense(ex.csr)).toEqual(ex.unstructured);
    expect(bsrToDense(ex.bsr)).toEqual(ex.blocky);
    expect(from24ToDense(ex.s24)).toEqual(ex.semi);
    expect(find24Violation(ex.unstructured, EXAMPLE_COLS)).not.toBeNull();
    expect(positions24(ex.s24).every((p) => p >= 0 && p <= 3)).toBe(true);
  });
});
