/**
 * PyTorch code for the current settings: the pattern as a FlexAttention mask_mod, turned
 * into a block mask with torch.nn.attention.flex_attention.create_block_mask (PyTorch 2.5+),
 * so flex_attention skips the empty BLOCK_SIZE × BLOCK_SIZE tiles exactly as the lab's
 * block-sparse kernel does. Each mask_mod is the same predicate as lib/attention/patterns.ts
 * (q_idx = query i, kv_idx = key j). BigBird's seeded random blocks are written out, so the
 * Python layout is the lab's layout, block for block.
 */
import { bigBirdBlockLayout, bigBirdIsFull } from './bigbird';
import { CAUSAL_PATTERNS, type PatternName, type PatternParams } from './params';

export interface FlexCodeOptions {
  heads: number;
  headDim: number;
}

function maskBody(name: PatternName): string[] {
  switch (name) {
    case 'dense':
      return ['return kv_idx >= 0  # every pair (dense attention needs no block mask at all)'];
    case 'causal':
      return ['return q_idx >= kv_idx'];
    case 'window':
      return ['# the source article\'s convention: |i - j| <= WINDOW // 2', 'return (q_idx - kv_idx).abs() <= WINDOW // 2'];
    case 'causal-window':
      return ['# Hugging Face sliding_window = WINDOW: the last WINDOW keys, the query included', 'return (q_idx >= kv_idx) & (q_idx - kv_idx < WINDOW)'];
    case 'dilated':
      return ['d = q_idx - kv_idx', 'return (d.abs() <= (WINDOW // 2) * DILATION) & (d % DILATION == 0)'];
    case 'strided':
      return ['# Child et al. 2019, both heads of the strided pattern unioned', 'd = q_idx - kv_idx', 'return (d >= 0) & ((d < STRIDE) | (d % STRIDE == 0))'];
    case 'fixed':
      return [
        '# Child et al. 2019, fixed pattern: own stride block + last SUMMARY keys of every block',
        'same_block = q_idx // STRIDE == kv_idx // STRIDE',
        'summary = kv_idx % STRIDE >= STRIDE - SUMMARY',
        'return (q_idx >= kv_idx) & (same_block | summary)',
      ];
    case 'longformer':
      return ['local = (q_idx - kv_idx).abs() <= WINDOW // 2', 'return local | (q_idx < GLOBAL) | (kv_idx < GLOBAL)'];
    case 'sinks':
      return ['# StreamingLLM: the first SINKS tokens plus the last WINDOW', 'return (q_idx >= kv_idx) & ((kv_idx < SINKS) | (q_idx - kv_idx < WINDOW))'];
    case 'bigbird':
      return ['return LAYOUT[q_idx // BLOCK_SIZE, kv_idx // BLOCK_SIZE]'];
  }
}

function constants(name: PatternName, p: PatternParams): string[] {
  const lines: string[] = [];
  if (['window', 'causal-window', 'dilated', 'longformer', 'sinks'].includes(name)) lines.push(`WINDOW = ${p.windowSize}`);
  if (name === 'dilated') lines.push(`DILATION = ${p.dilation}`);
  if (name === 'strided' || name === 'fixed') lines.push(`STRIDE = ${p.stride}`);
  if (name === 'fixed') lines.push(`SUMMARY = ${p.summaryTokens ?? 1}`);
  if (name === 'longformer') lines.push(`GLOBAL = ${p.globalTokens}`);
  if (name === 'sinks') lines.push(`SINKS = ${p.sinkTokens}`);
  return lines;
}

/** Python lines that build BigBird's block layout as a bool tensor LAYOUT [NB, NB]. */
function bigBirdLines(p: PatternParams): string[] {
  const nb = Math.ceil(p.seqLen / p.blockSize);
  const r = p.randomBlocks;
  if (bigBirdIsFull(nb, r)) {
    return [
      `NB = ${nb}  # ceil(SEQ_LEN / BLOCK_SIZE)`,
      `# NB <= 5 + 2 * ${r}: Hugging Face BigBird falls back to full attention, and so do we`,
      'LAYOUT = torch.ones(NB, NB, dtype=torch.bool, device=DEVICE)',
    ];
  }
  const layout = bigBirdBlockLayout(nb, r, p.seed);
  const random: number[][] = [];
  for (let qb = 1; qb < nb - 1; qb++) {
    const extra: number[] = [];
    for (let kb = 1; kb < nb - 1; kb++) if (layout[qb * nb + kb] === 1 && Math.abs(kb - qb) > 1) extra.push(kb);
    random.push(extra);
  }
  const rows = random.map((x) => `[${x.join(', ')}]`);
  const chunks: string[] = [];
  for (let i = 0; i < rows.length; i += 8) chunks.push(`    ${rows.slice(i, i + 8).join(', ')},`);
  return [
    `NB = ${nb}  # ceil(SEQ_LEN / BLOCK_SIZE)`,
    `# random key blocks of query blocks 1 .. NB-2 (r = ${r}, seed ${p.seed}, as drawn by the lab)`,
    'RANDOM = [',
    ...chunks,
    ']',
    'LAYOUT = torch.zeros(NB, NB, dtype=torch.bool, device=DEVICE)',
    'LAYOUT[[0, NB - 1], :] = True  # global first and last query blocks',
    'LAYOUT[:, [0, NB - 1]] = True  # every block attends them',
    'for i in range(1, NB - 1):',
    '    LAYOUT[i, i - 1 : i + 2] = True  # sliding blocks i-1, i, i+1',
    '    LAYOUT[i, RANDOM[i - 1]] = True',
  ];
}

/** The complete, runnable Python snippet for the pattern and sizes. */
export function flexAttentionCode(name: PatternName, p: PatternParams, options: FlexCodeOptions): string {
  const causalAnd = p.causal && !CAUSAL_PATTERNS.includes(name);
  const fnLines = maskBody(name);
  if (causalAnd) {
    const last = fnLines.length - 1;
    const expr = fnLines[last].replace(/^return /, '').replace(/\s+#.*$/, '');
    fnLines[last] = `return (q_idx >= kv_idx) & (${expr})`;
  }
  const padded = p.seqLen % p.blockSize !== 0;
  return [
    'import torch',
    'from torch.nn.attention.flex_attention import create_block_mask, flex_attention',
    '',
    'DEVICE = "cuda"  # FlexAttention compiles to a Triton kernel; "cpu" also works in recent PyTorch',
    `SEQ_LEN = ${p.seqLen}`,
    `BLOCK_SIZE = ${p.blockSize}${padded ? '  # SEQ_LEN is not a multiple: the last block is padded and masked' : ''}`,
    `HEADS, HEAD_DIM = ${options.heads}, ${options.headDim}`,
    ...constants(name, p),
    ...(name === 'bigbird' ? bigBirdLines(p) : []),
    '',
    '',
    `def mask_mod(b, h, q_idx, kv_idx):  # ${name}${causalAnd ? ', causal' : ''}`,
    ...fnLines.map((l) => `    ${l}`),
    '',
    '',
    '# Which BLOCK_SIZE x BLOCK_SIZE tiles hold any attended pair: flex_attention skips the rest.',
    'block_mask = create_block_mask(mask_mod, B=None, H=None, Q_LEN=SEQ_LEN, KV_LEN=SEQ_LEN,',
    '                               device=DEVICE, BLOCK_SIZE=BLOCK_SIZE)',
    'print(block_mask)  # its sparsity and a picture of the kept tiles',
    '',
    'q, k, v = (torch.randn(1, HEADS, SEQ_LEN, HEAD_DIM, device=DEVICE, dtype=torch.float16) for _ in range(3))',
    'out = torch.compile(flex_attention)(q, k, v, block_mask=block_mask)  # [1, HEADS, SEQ_LEN, HEAD_DIM]',
    '',
  ].join('\n');
}
