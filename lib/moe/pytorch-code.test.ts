import { describe, expect, it } from 'vitest';
import { SOURCE_MOE_CODE, fixedMoeCode } from './pytorch-code';

describe('PyTorch code panels', () => {
  it('the source layer is the article’s: raw top-k and a Python loop with / top_k', () => {
    expect(SOURCE_MOE_CODE).toContain('torch.topk(gate_scores, self.top_k, dim=-1).indices');
    expect(SOURCE_MOE_CODE).toContain('/ self.top_k');
    expect(SOURCE_MOE_CODE).toContain('for i in range(len(self.experts))');
  });

  it('the fixed layer uses the current settings, softmax weights, one batched dispatch and the aux loss', () => {
    const code = fixedMoeCode({
      hidden: 64,
      numExperts: 16,
      k: 3,
      auxWeight: 0.01,
      renormalize: true,
      activation: 'relu',
      numShared: 0,
      capacityFactor: null,
    });
    expect(code).toContain('hidden_dim=64, num_experts=16, top_k=3');
    expect(code).toContain('aux_weight=0.01');
    expect(code).toContain('F.softmax(logits');
    expect(code).toContain('weights = weights / weights.sum(dim=-1, keepdim=True)');
    expect(code).toContain('torch.argsort(slot_experts, stable=True)');
    expect(code).toContain('torch.bmm(buf, self.w1)');
    expect(code).toContain('index_add_');
    expect(code).toContain('nn.ReLU()');
    expect(code).not.toMatch(/for i in range\(len\(self.experts\)\)/);
  });

  it('top-k without renormalisation (norm_topk_prob=False), shared experts and capacity drops appear when chosen', () => {
    const code = fixedMoeCode({
      hidden: 32,
      numExperts: 8,
      k: 1,
      auxWeight: 0.1,
      renormalize: false,
      activation: 'gelu',
      numShared: 2,
      capacityFactor: 1.25,
    });
    expect(code).toContain('no renormalisation: norm_topk_prob=False');
    expect(code).not.toContain('GShard');
    expect(code).toContain('range(2)');
    expect(code).toContain('math.ceil(self.top_k * 1.25 * T / self.num_experts)');
    expect(code).toContain('nn.GELU()');
  });
});
