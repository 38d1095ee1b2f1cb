/**
 * PyTorch code for the lab's current settings: the same sparsity-vs-speed experiment on
 * a CUDA GPU with torch.sparse (to_sparse_csr, to_sparse_bsr, to_sparse_semi_structured)
 * timed with torch.cuda.Event, median of the samples. Pure string building.
 */
import { TABLE_SPARSITIES } from './table';

export interface TorchCodeSettings {
  size: number;
  batch: number;
  blockSize: number;
  seed: number;
  samples: number;
  csr: boolean;
  bsr: boolean;
  s24: boolean;
}

export function torchBenchmarkCode(s: TorchCodeSettings): string {
  const sp = TABLE_SPARSITIES.map((v) => String(v)).join(', ');
  const lines: string[] = [
    '# Sparsity vs speed with torch.sparse on a CUDA GPU (settings from the lab).',
    'import torch',
    '',
    `torch.manual_seed(${s.seed})`,
    "dev = 'cuda'",
    `M = K = ${s.size}   # weight [M, K] (nn.Linear's [out, in])`,
    `N = ${s.batch}      # batch: activations X [K, N]${s.batch === 1 ? ' (a matrix-vector product, as in token-by-token decoding)' : ''}`,
    `B = ${s.blockSize}      # BSR block size`,
    `SAMPLES = ${s.samples}`,
    '',
    'def median_ms(fn):',
    '    for _ in range(3):          # warm-up: kernel selection, caches',
    '        fn()',
    '    start = torch.cuda.Event(enable_timing=True)',
    '    end = torch.cuda.Event(enable_timing=True)',
    '    times = []',
    '    for _ in range(SAMPLES):',
    '        start.record()',
    '        fn()',
    '        end.record()',
    '        torch.cuda.synchronize()',
    '        times.append(start.elapsed_time(end))',
    '    return sorted(times)[len(times) // 2]',
    '',
    'W = torch.rand(M, K, device=dev) * 2 - 1',
    'X = torch.rand(K, N, device=dev) * 2 - 1',
    'dense_ms = median_ms(lambda: W @ X)',
    "print(f'dense: {dense_ms:.3f} ms')",
    '',
    `for s in [${sp}]:`,
    "    row = f'sparsity {s:.2f}  ideal {1 / (1 - s):6.1f}x'",
  ];
  if (s.csr) {
    lines.push(
      '    # unstructured zeros -> CSR (to_sparse_csr stores int64 crow/col indices)',
      '    Wu = W * (torch.rand(M, K, device=dev) >= s)',
      '    W_csr = Wu.to_sparse_csr()',
      "    row += f'  CSR {dense_ms / median_ms(lambda: W_csr @ X):5.2f}x'",
    );
  }
  if (s.bsr) {
    lines.push(
      '    # whole B x B tiles zeroed -> BSR (skips empty tiles)',
      '    tiles = (torch.rand(M // B, K // B, device=dev) >= s).float()',
      '    Wb = W * tiles.repeat_interleave(B, 0).repeat_interleave(B, 1)',
      '    W_bsr = Wb.to_sparse_bsr((B, B))',
      "    row += f'  BSR {dense_ms / median_ms(lambda: W_bsr @ X):5.2f}x'",
    );
  }
  lines.push('    print(row)');
  if (s.s24) {
    lines.push(
      '',
      '# 2:4 semi-structured: sparse tensor cores (Ampere or newer), float16 / bfloat16 only.',
      'from torch.sparse import to_sparse_semi_structured',
      'W16 = W.half()',
      '# keep the 2 largest |w| of every 4 consecutive weights of a row',
      'groups = W16.abs().reshape(M, K // 4, 4)',
      'keep = torch.zeros_like(groups, dtype=torch.bool).scatter_(2, groups.topk(2, dim=2).indices, True)',
      'W24 = W16 * keep.reshape(M, K)',
      `X16 = ${s.batch % 8 === 0 ? 'X.half()' : 'torch.nn.functional.pad(X.half(), (0, (-N) % 8))  # cuSPARSELt wants N % 8 == 0: pad the batch'}`,
      'W24_sparse = to_sparse_semi_structured(W24)',
      'ms_dense16 = median_ms(lambda: W24 @ X16)',
      'ms_24 = median_ms(lambda: W24_sparse @ X16)',
      "print(f'2:4 (fp16): {ms_dense16 / ms_24:.2f}x vs dense fp16')",
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The source article's snippet, verbatim (shown with origin='source'). */
export const SOURCE_SPARSE_SNIPPET = `# 将稠密权重转换为稀疏格式
dense_weight = torch.randn(1024, 1024)
sparse_weight = dense_weight.to_sparse()
# 稀疏矩阵乘法(跳过零值)
input_tensor = torch.randn(1, 1024)
output = torch.sparse.mm(sparse_weight, input_tensor.t()).t()
`;

/** The source article's DynamicSparseInference, verbatim. */
export const SOURCE_DYNAMIC_SNIPPET = `class DynamicSparseInference:
    """根据输入动态调整稀疏率"""
    def __init__(self, model, sparsity_threshold=0.5):
        self.model = model
        self.threshold = sparsity_threshold

    def forward(self, x):
        # 计算激活值
        activations = self.model(x)
        # 动态稀疏化:保留top-k%的激活
        k = int(activations.numel() * (1 - self.threshold))
        _, topk_indices = torch.topk(activations.abs().flatten(), k)
        sparse_output = torch.zeros_like(activations).flatten()
        sparse_output[topk_indices] = activations.flatten()[topk_indices]
        return sparse_output.reshape(activations.shape)
`;

/** What the source's snippet really does, as runnable PyTorch that shows it. */
export const SOURCE_SNIPPET_CHECK = `import torch
dense_weight = torch.randn(1024, 1024)
sparse_weight = dense_weight.to_sparse()            # COO layout
print(sparse_weight._nnz())                          # 1048576: randn has no zeros
dense_bytes = dense_weight.numel() * 4               # 4 MiB
coo_bytes = sparse_weight._nnz() * (2 * 8 + 4)       # int64 row + col index, float32 value: 20 MiB
print(coo_bytes / dense_bytes)                       # 5.0
# torch.sparse.mm on it visits all 1,048,576 entries through their indices:
# the same multiply-adds as dense, plus index reads and scattered memory access.
`;

/** A version of dynamic sparsity that can save work: sparsify each layer's input per token, then skip weight columns. */
export function torchDynamicCode(mode: 'topk' | 'threshold', keep: number, threshold: number): string {
  const select =
    mode === 'topk'
      ? [
          `    k = max(1, round(${keep} * h.shape[-1]))          # keep the top ${Math.round(keep * 100)}% of each token's activations`,
          '    idx = h.abs().topk(k, dim=-1).indices',
          '    return torch.zeros_like(h).scatter(-1, idx, h.gather(-1, idx))',
        ]
      : [`    return h * (h.abs() >= ${threshold})               # TEAL-style magnitude threshold`];
  return [
    'import torch',
    '',
    'def sparsify(h):',
    ...select,
    '',
    'def forward(mlp, x):',
    '    # x: [tokens, 784]; mlp.fc1, fc2, fc3 are nn.Linear',
    '    h1 = sparsify(torch.relu(mlp.fc1(x)))    # sparsify the INPUT of the next layer, per token',
    '    h2 = sparsify(torch.relu(mlp.fc2(h1)))',
    '    return mlp.fc3(h2)',
    '',
    '# The saving comes in the next matmul, for one token h [K]:',
    '#   y = W @ h = W[:, nz] @ h[nz]   with nz = h.nonzero(): read only those columns of W',
    'def gather_gemv(W, h):',
    '    nz = h.nonzero().squeeze(-1)',
    '    return W[:, nz] @ h[nz]',
    '',
  ].join('\n');
}
