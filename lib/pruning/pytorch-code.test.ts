import { describe, expect, it } from 'vitest';
import { pruneCount } from '../sparsity/pruning';
import type { PruneSettings } from './model-masks';
import { SOURCE_STRUCTURED, SOURCE_UNSTRUCTURED, generatePytorchCode, pyFloat, sourceSnippetFacts } from './pytorch-code';

const base: PruneSettings = {
  method: 'l1-unstructured',
  amount: 0.5,
  norm: 2,
  dim: 0,
  n: 2,
  m: 4,
  blockSize: 4,
  iterations: 1,
  scope: 'all',
};

describe('pyFloat', () => {
  it.each([
    [0.5, '0.5'],
    [0.7000000000000001, '0.7'],
    [1, '1.0'],
    [0, '0.0'],
  ])('%s → %s', (x, s) => expect(pyFloat(x)).toBe(s));
});

describe('generatePytorchCode', () => {
  it('L1 unstructured: one prune call per layer, then prune.remove', () => {
    const code = generatePytorchCode({ ...base, amount: 0.8 });
    expect(code).toContain('prune.l1_unstructured(layer, name="weight", amount=0.8)');
    expect(code).toContain('layers = [model[0], model[2], model[4]]');
    expect(code).toContain('prune.remove(layer, "weight")');
    expect(code).not.toContain('for _ in range');
  });
  it('re-application becomes a loop', () => {
    expect(generatePytorchCode({ ...base, iterations: 3 })).toContain(
      'for _ in range(3):\n    for layer in layers:\n        prune.l1_unstructured',
    );
  });
  it('ln_structured writes n (inf as float) and dim', () => {
    expect(generatePytorchCode({ ...base, method: 'ln-structured', amount: 0.3, norm: Number.POSITIVE_INFINITY, dim: 1 })).toContain(
      'prune.ln_structured(layer, name="weight", amount=0.3, n=float(\'inf\'), dim=1)',
    );
  });
  it('global uses prune.global_unstructured with L1Unstructured', () => {
    const code = generatePytorchCode({ ...base, method: 'global', amount: 0.9 });
    expect(code).toContain('prune.global_unstructured(');
    expect(code).toContain('pruning_method=prune.L1Unstructured');
    expect(code).toContain('amount=0.9');
  });
  it('2:4 shows the mask and the to_sparse_semi_structured conversion; 4:8 says it cannot', () => {
    const code24 = generatePytorchCode({ ...base, method: 'nm' });
    expect(code24).toContain('def nm_mask(w, n=2, m=4)');
    expect(code24).toContain('to_sparse_semi_structured(model[2].weight)');
    const code48 = generatePytorchCode({ ...base, method: 'nm', n: 4, m: 8 });
    expect(code48).not.toContain('to_sparse_semi_structured(model');
    expect(code48).toContain('4:8 is not 2:4');
  });
  it('Wanda: activation norms times |W|, compared per row', () => {
    const code = generatePytorchCode({ ...base, method: 'wanda', amount: 0.6 });
    expect(code).toContain('x.norm(p=2, dim=0)');
    expect(code).toContain('wanda_prune(layers, calib_x, 0.6)');
  });
  it('block: a custom mask with the block size', () => {
    expect(generatePytorchCode({ ...base, method: 'block', blockSize: 8 })).toContain('block_mask(layer.weight.detach(), 8, 0.5)');
  });
  it('hidden scope leaves fc3 out; fine-tuning steps appear before prune.remove', () => {
    const code = generatePytorchCode({ ...base, scope: 'hidden' }, 200);
    expect(code).toContain('layers = [model[0], model[2]]');
    expect(code.indexOf('range(200)')).toBeGreaterThan(0);
    expect(code.indexOf('range(200)')).toBeLessThan(code.indexOf('prune.remove(layer'));
  });
});

describe("the source's snippets", () => {
  it('are quoted verbatim', () => {
    expect(SOURCE_UNSTRUCTURED).toContain("prune.l1_unstructured(linear, name='weight', amount=0.8)");
    expect(SOURCE_STRUCTURED).toContain("prune.ln_structured(conv, name='weight', amount=0.3, n=2, dim=0)");
  });
  it('compute exactly 80.00% zeros and 38 of 128 filters (70.31% non-zero)', () => {
    const f = sourceSnippetFacts();
    expect(f.linearZeros).toBe(pruneCount(0.8, 1024 * 1024));
    expect(f.linearSparsity).toBeCloseTo(0.8, 6);
    expect(f.convFiltersPruned).toBe(pruneCount(0.3, 128));
    expect(f.convNonZero).toBeCloseTo(0.703125, 12);
  });
});
