import { describe, expect, it } from 'vitest';
import { SOURCE_SNIPPET_CHECK, SOURCE_SPARSE_SNIPPET, torchBenchmarkCode, torchDynamicCode } from './pytorch-code';

describe('PyTorch code for the current settings', () => {
  const base = { size: 2048, batch: 64, blockSize: 32, seed: 7, samples: 25, csr: true, bsr: true, s24: true };

  it("uses the settings and every format's torch API, timed with CUDA events", () => {
    const code = torchBenchmarkCode(base);
    for (const s of [
      'M = K = 2048',
      'N = 64',
      'B = 32',
      'SAMPLES = 25',
      'torch.manual_seed(7)',
      'to_sparse_csr()',
      'to_sparse_bsr((B, B))',
      'to_sparse_semi_structured',
      'torch.cuda.Event(enable_timing=True)',
      '0.99',
    ]) {
      expect(code).toContain(s);
    }
  });

  it('leaves out unchecked formats and pads a batch of 1 for cuSPARSELt', () => {
    const code = torchBenchmarkCode({ ...base, batch: 1, csr: false, bsr: false });
    expect(code).not.toContain('to_sparse_csr');
    expect(code).not.toContain('to_sparse_bsr');
    expect(code).toContain('pad');
  });

  it("keeps the source's snippet verbatim and shows what it does", () => {
    expect(SOURCE_SPARSE_SNIPPET).toContain('dense_weight.to_sparse()');
    expect(SOURCE_SNIPPET_CHECK).toContain('1048576');
    expect(torchDynamicCode('topk', 0.25, 0.5)).toContain('topk(k, dim=-1)');
    expect(torchDynamicCode('threshold', 0.25, 0.5)).toContain('>= 0.5');
  });
});
