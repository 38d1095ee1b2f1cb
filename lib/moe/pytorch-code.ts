/**
 * The PyTorch code the MoE lab shows: the source article's SparseMoELayer verbatim (labelled
 * as the source's), and a fixed layer generated for the current settings.
 *
 * The fix follows Hugging Face Transformers' MixtralSparseMoeBlock and
 * load_balancing_loss_func (softmax router, top-k, renormalise, aux loss), with one batched
 * dispatch (sort slots by expert, one batched matmul over padded per-expert segments via
 * torch.bmm, index_add_ to combine) instead of a Python loop over experts.
 */

/** The source article's layer, as printed there (indentation restored). */
export const SOURCE_MOE_CODE = `import torch
import torch.nn as nn

class SparseMoELayer(nn.Module):
    def __init__(self, hidden_dim, num_experts=8, top_k=2):
        super().__init__()
        self.experts = nn.ModuleList([
            nn.Sequential(
                nn.Linear(hidden_dim, hidden_dim * 4),
                nn.GELU(),
                nn.Linear(hidden_dim * 4, hidden_dim)
            ) for _ in range(num_experts)
        ])
        self.gate = nn.Linear(hidden_dim, num_experts)
        self.top_k = top_k

    def forward(self, x):
        batch, seq_len, dim = x.shape
        # 计算门控分数
        gate_scores = self.gate(x)  # [batch, seq_len, num_experts]
        # 选择top-k专家
        topk_indices = torch.topk(gate_scores, self.top_k, dim=-1).indices
        # 稀疏计算:只激活top-k专家
        output = torch.zeros_like(x)
        for k in range(self.top_k):
            expert_idx = topk_indices[:, :, k]
            for i in range(len(self.experts)):
                mask = (expert_idx == i)
                if mask.any():
                    selected = x[mask]
                    output[mask] += self.experts[i](selected) / self.top_k
        return output
`;

export interface CodeSettings {
  hidden: number;
  numExperts: number;
  k: number;
  auxWeight: number;
  /** 'mixtral' renormalises the k weights; 'gshard' keeps raw softmax probabilities. */
  renormalize: boolean;
  activation: 'gelu' | 'relu';
  numShared: number;
  /** Capacity factor for an optional capacity-limited (dropping) dispatch; null = no drops. */
  capacityFactor: number | null;
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4))));

/** A fixed, batched MoE layer for the settings (runs as is with PyTorch >= 2.0). */
export function fixedMoeCode(s: CodeSettings): string {
  const act = s.activation === 'gelu' ? 'nn.GELU()' : 'nn.ReLU()';
  const k = Math.max(1, Math.min(s.k, s.numExperts));
  const shared =
    s.numShared > 0
      ? `
        # DeepSeekMoE: ${s.numShared} shared expert(s) see every token, weight 1
        self.shared = nn.ModuleList([Expert(hidden_dim, ffn_dim) for _ in range(${s.numShared})])`
      : '';
  const sharedForward =
    s.numShared > 0
      ? `
        for expert in self.shared:
            out = out + expert(flat)`
      : '';
  const capacity =
    s.capacityFactor !== null
      ? `
        # capacity C = ceil(k * capacity_factor * T / E): slots past C in token order are dropped
        capacity = math.ceil(self.top_k * ${fmt(s.capacityFactor)} * T / self.num_experts)
        rank = torch.arange(len(order), device=x.device) - offsets[sorted_experts]
        keep = rank < capacity
        order, sorted_experts, rank = order[keep], sorted_experts[keep], rank[keep]`
      : `
        rank = torch.arange(len(order), device=x.device) - offsets[sorted_experts]`;
  return `import math
import torch
import torch.nn as nn
import torch.nn.functional as F


class Expert(nn.Module):
    def __init__(self, hidden_dim, ffn_dim):
        super().__init__()
        self.w1 = nn.Linear(hidden_dim, ffn_dim)
        self.act = ${act}
        self.w2 = nn.Linear(ffn_dim, hidden_dim)

    def forward(self, x):
        return self.w2(self.act(self.w1(x)))


class SparseMoELayer(nn.Module):
    """Top-${k} of ${s.numExperts} experts with softmax gate weights, one batched dispatch and an aux loss."""

    def __init__(self, hidden_dim=${s.hidden}, num_experts=${s.numExperts}, top_k=${k}, ffn_dim=None, aux_weight=${fmt(s.auxWeight)}):
        super().__init__()
        ffn_dim = ffn_dim or 4 * hidden_dim
        self.num_experts, self.top_k, self.aux_weight = num_experts, top_k, aux_weight
        self.gate = nn.Linear(hidden_dim, num_experts, bias=False)
        # expert weights stacked so that one batched matmul serves every expert
        self.w1 = nn.Parameter(torch.randn(num_experts, hidden_dim, ffn_dim) / math.sqrt(hidden_dim))
        self.b1 = nn.Parameter(torch.zeros(num_experts, 1, ffn_dim))
        self.w2 = nn.Parameter(torch.randn(num_experts, ffn_dim, hidden_dim) / math.sqrt(ffn_dim))
        self.b2 = nn.Parameter(torch.zeros(num_experts, 1, hidden_dim))
        self.act = ${act}${shared}

    def forward(self, x):
        batch, seq_len, dim = x.shape
        flat = x.reshape(-1, dim)                               # [T, H]
        T = flat.shape[0]
        logits = self.gate(flat)                                # [T, E]
        probs = F.softmax(logits, dim=-1, dtype=torch.float)   # softmax over ALL experts
        weights, experts = torch.topk(probs, self.top_k, dim=-1)  # [T, k]
        ${s.renormalize ? 'weights = weights / weights.sum(dim=-1, keepdim=True)  # Mixtral: renormalise over the k' : '# no renormalisation: norm_topk_prob=False (Qwen-MoE, DeepSeek-V2, OLMoE) keeps the raw probabilities'}
        weights = weights.to(x.dtype)                          # gradients reach the gate through these

        # 1) counting sort of the T*k slots by expert -> per-expert segments
        slot_experts = experts.reshape(-1)                     # [T*k]
        order = torch.argsort(slot_experts, stable=True)       # slots grouped by expert
        sorted_experts = slot_experts[order]
        counts = torch.bincount(slot_experts, minlength=self.num_experts)
        offsets = torch.cumsum(counts, 0) - counts             # first row of each expert${capacity}
        tokens = order // self.top_k

        # 2) one batched matmul over all experts (segments padded to the longest one)
        rows = int(rank.max()) + 1 if len(rank) else 1
        buf = flat.new_zeros(self.num_experts, rows, dim)
        buf[sorted_experts, rank] = flat[tokens]
        h = self.act(torch.bmm(buf, self.w1) + self.b1)        # [E, rows, F]
        y = torch.bmm(h, self.w2) + self.b2                    # [E, rows, H]

        # 3) weighted scatter-combine back to token order
        out = torch.zeros_like(flat)
        out.index_add_(0, tokens, y[sorted_experts, rank] * weights.reshape(-1)[order, None])${sharedForward}

        # auxiliary load-balancing loss (Switch / Mixtral): E * sum_e f_e * P_e
        f = F.one_hot(experts, self.num_experts).float().sum(1).mean(0)   # selections per expert / T
        P = probs.mean(0)                                                 # mean router probability
        self.aux_loss = self.aux_weight * self.num_experts * (f * P).sum()
        return out.reshape(batch, seq_len, dim)


# usage: loss = task_loss + sum(m.aux_loss for m in model.modules() if isinstance(m, SparseMoELayer))
layer = SparseMoELayer()
y = layer(torch.randn(2, 16, ${s.hidden}))
print(y.shape, float(layer.aux_loss))
`;
}
