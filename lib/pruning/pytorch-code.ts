/**
 * PyTorch code for the lab's current settings (what the user copies), and the source
 * article's own two snippets, verbatim, with what they get wrong.
 *
 * Semantics referenced:
 * - torch.nn.utils.prune: l1_unstructured, ln_structured(n, dim), global_unstructured
 *   (pruning_method=prune.L1Unstructured), custom_from_mask, remove. Calling a pruning
 *   function again on the same parameter prunes `amount` of what remains (PruningContainer).
 * - torch.sparse.to_sparse_semi_structured: 2:4 only, CUDA (sm80+), fp16/bf16/int8; for fp16
 *   the weight must be at least and a multiple of 32 × 64 (rows × cols).
 * - Wanda (Sun et al. 2023): S = |W| · ||X||_2 per input feature, compared within each output row.
 */
import type { PruneSettings } from './model-masks';

/** The lab's model, as a PyTorch module, shared by every generated snippet. */
const MODEL = `import torch
import torch.nn as nn
import torch.nn.utils.prune as prune

# The lab's model: 784-256-256-10 MLP with ReLU (weights from public/models/, state_dict order)
model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10))`;

/** Python literal of a fraction, without float noise (0.7, not 0.7000000000000001). */
export function pyFloat(x: number): string {
  const s = String(Number(x.toFixed(6)));
  return s.includes('.') || s.includes('e') ? s : `${s}.0`;
}

function pyNorm(n: number): string {
  return n === Number.POSITIVE_INFINITY ? "float('inf')" : String(n);
}

function layersLine(scope: PruneSettings['scope']): string {
  return scope === 'hidden'
    ? 'layers = [model[0], model[2]]  # fc1, fc2 (the output layer fc3 stays dense)'
    : 'layers = [model[0], model[2], model[4]]  # fc1, fc2, fc3';
}

/** Wraps `body` (indented by 4) in a loop when the method is applied more than once. */
function repeat(iterations: number, body: string): string {
  if (iterations <= 1) return body;
  const indented = body
    .split('\n')
    .map((line) => (line ? `    ${line}` : line))
    .join('\n');
  return `# Applied ${iterations} times: each call prunes the amount of what REMAINS (PyTorch's PruningContainer)\nfor _ in range(${iterations}):\n${indented}`;
}

const REMOVE = `# Make it permanent: weight = weight_orig * weight_mask, the mask and weight_orig are dropped.
# The shape stays the same and the zeros are still stored and multiplied.
for layer in layers:
    prune.remove(layer, "weight")`;

function fineTuneBlock(steps: number): string {
  if (steps <= 0) return '';
  return `

# Fine-tune with the masks held (BEFORE prune.remove): forward uses weight_orig * weight_mask,
# so pruned weights get zero gradient and stay zero.
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
for step, (x, y) in zip(range(${steps}), train_loader):  # batches of 64 digits, x: [64, 784]
    loss = nn.functional.cross_entropy(model(x), y)
    opt.zero_grad()
    loss.backward()
    opt.step()`;
}

function methodBody(s: PruneSettings): { prune: string; run: string } {
  return { prune: pruneBody(s), run: s.method === 'nm' ? nmRunBody(s) : '' };
}

function pruneBody(s: PruneSettings): string {
  const amount = pyFloat(s.amount);
  switch (s.method) {
    case 'l1-unstructured':
      return repeat(s.iterations, `for layer in layers:\n    prune.l1_unstructured(layer, name="weight", amount=${amount})`);
    case 'ln-structured': {
      const what = s.dim === 0 ? 'output neurons (rows of W [out, in])' : 'input features (columns of W [out, in])';
      return `# dim=${s.dim}: removes whole ${what} with the smallest L${s.norm === Number.POSITIVE_INFINITY ? '∞' : s.norm} norm\n${repeat(
        s.iterations,
        `for layer in layers:\n    prune.ln_structured(layer, name="weight", amount=${amount}, n=${pyNorm(s.norm)}, dim=${s.dim})`,
      )}`;
    }
    case 'global':
      return repeat(
        s.iterations,
        `# One L1 threshold over all layers together: layers with small weights lose more\nprune.global_unstructured(\n    [(layer, "weight") for layer in layers],\n    pruning_method=prune.L1Unstructured,\n    amount=${amount},\n)`,
      );
    case 'block':
      return `def block_mask(w, b, amount):
    """Keep the b x b tiles of w [out, in] with the largest Frobenius norm.
    Only tiles that still hold a weight compete; amount is a fraction of those."""
    out_f, in_f = w.shape
    tiles = w.reshape(out_f // b, b, in_f // b, b)
    norms = tiles.pow(2).sum(dim=(1, 3)).sqrt().flatten()
    alive = tiles.ne(0).any(dim=3).any(dim=1).flatten()
    k = round(amount * int(alive.sum()))       # Python's round: half to even, like PyTorch
    alive_idx = alive.nonzero().flatten()
    drop = alive_idx[torch.argsort(norms[alive_idx], stable=True)[:k]]
    keep = alive.clone()
    keep[drop] = False
    return keep.reshape(out_f // b, in_f // b).repeat_interleave(b, 0).repeat_interleave(b, 1)

# b must divide both dims of a layer (fc3 [10, 256] only takes b = 1 or 2)
${repeat(s.iterations, `for layer in layers:\n    prune.custom_from_mask(layer, "weight", block_mask(layer.weight.detach(), ${s.blockSize}, ${amount}))`)}`;
    case 'nm':
      return `def nm_mask(w, n=${s.n}, m=${s.m}):
    """Keep the n largest |w| of every m consecutive weights of a row (w [out, in], in % m == 0)."""
    groups = w.abs().reshape(-1, m)
    idx = groups.topk(n, dim=1).indices
    mask = torch.zeros_like(groups, dtype=torch.bool).scatter_(1, idx, True)
    return mask.reshape(w.shape)

# Re-applying N:M changes nothing: the n largest of each group are the ones already kept.
for layer in layers:
    prune.custom_from_mask(layer, "weight", nm_mask(layer.weight.detach()))`;
    case 'wanda':
      return `@torch.no_grad()
def wanda_prune(layers, x, amount):
    """Wanda (Sun et al. 2023): score |W_ij| * ||X_j||_2, pruned within each output row."""
    for i, layer in enumerate(layers):
        w = layer.weight
        norms = x.norm(p=2, dim=0)                      # ||X_j||_2 over the calibration digits, [in]
        score = torch.where(w.ne(0), w.abs() * norms, -1.0)   # already-pruned weights go first
        remaining = int(w[0].ne(0).sum())               # every row keeps the same count
        k = (layer.in_features - remaining) + round(amount * remaining)
        drop = torch.sort(score, dim=1, stable=True).indices[:, :k]
        mask = torch.ones_like(score, dtype=torch.bool).scatter_(1, drop, False)
        prune.custom_from_mask(layer, "weight", mask)    # later layers see the pruned inputs
        x = layer(x)
        if i < 2:
            x = torch.relu(x)

calib_x = train_images[:128].reshape(128, 784)          # the first 128 training digits, in [0, 1]
${repeat(s.iterations, `wanda_prune(layers, calib_x, ${amount})`)}`;
  }
}

function nmRunBody(s: PruneSettings): string {
  if (s.m === 4 && s.n <= 2) {
    return `

# Run 2:4 on sparse tensor cores (CUDA, compute capability 8.0+, fp16/bf16): the weight is stored
# compressed (half the values + 2-bit positions) and the matmul skips the zeros.
# fp16 needs rows and cols to be multiples of 32 and 64: only fc2 [256, 256] qualifies here
# (fc1 has 784 columns, fc3 has 10 rows).
from torch.sparse import to_sparse_semi_structured
model = model.half().cuda().eval()
model[2].weight = nn.Parameter(to_sparse_semi_structured(model[2].weight))`;
  }
  return `

# ${s.n}:${s.m} is not 2:4, so torch.sparse.to_sparse_semi_structured cannot store it:
# on today's GPUs it runs as a dense matmul that multiplies the zeros.`;
}

/** PyTorch code reproducing the lab's current pruning (and fine-tuning) settings. */
export function generatePytorchCode(s: PruneSettings, fineTuneSteps = 0): string {
  const { prune, run } = methodBody(s);
  return `${MODEL}\n${layersLine(s.scope)}\n\n${prune}${fineTuneBlock(fineTuneSteps)}\n\n${REMOVE}${run}\n`;
}

/** The source article's L1 unstructured snippet, verbatim. */
export const SOURCE_UNSTRUCTURED = `import torch
import torch.nn.utils.prune as prune
# 对线性层进行L1非结构化剪枝(稀疏率80%)
linear = torch.nn.Linear(1024, 1024)
prune.l1_unstructured(linear, name='weight', amount=0.8)
# 检查稀疏率
weight = linear.weight
sparsity = 1.0 - (weight.count_nonzero() / weight.numel())
print(f"稀疏率: {sparsity:.2%}") # 输出约80%`;

/** The source article's Ln structured snippet, verbatim. */
export const SOURCE_STRUCTURED = `# 结构化剪枝:按通道裁剪
conv = torch.nn.Conv2d(64, 128, 3)
prune.ln_structured(conv, name='weight', amount=0.3, n=2, dim=0)
# 验证结构化稀疏
print(f"稀疏后权重形状: {conv.weight.shape}") # 形状不变
print(f"非零元素比例: {conv.weight.count_nonzero() / conv.weight.numel():.2%}")`;

/**
 * What the source's snippets actually compute, from PyTorch's counting rule:
 * Linear(1024, 1024): round(0.8 · 1,048,576) = 838,861 zeros → 80.00%;
 * Conv2d(64, 128, 3): weight [128, 64, 3, 3], round(0.3 · 128) = 38 filters → 70.31% non-zero.
 */
export function sourceSnippetFacts(): { linearZeros: number; linearSparsity: number; convFiltersPruned: number; convNonZero: number } {
  const n = 1024 * 1024;
  const linearZeros = Math.round(0.8 * n); // 838860.8 → 838861 (no half case)
  const filters = 128;
  const convFiltersPruned = Math.round(0.3 * filters); // 38.4 → 38
  return { linearZeros, linearSparsity: linearZeros / n, convFiltersPruned, convNonZero: (filters - convFiltersPruned) / filters };
}
