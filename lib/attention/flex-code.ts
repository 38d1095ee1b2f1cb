/**
 * PyTorch code for the current settings: the pattern as a FlexAttention mask_mod, turned
 * into a block mask with torch.nn.attention.flex_attention.create_block_mask (PyTorch 2.5+),
 * so flex_attention skips the empty BLOCK_SIZE × BLOCK_SIZE tiles exactly as the lab's
 * block-sparse kernel does. Each mask_mod is the pattern's predicate in pattern-registry.ts
 * (q_idx = query i, kv_idx = key j), with the knobs' constants of pattern-fields.ts. BigBird's
 * seeded random blocks are written out, so the Python layout is the lab's, block for block.
 */
import type { PatternParams } from './params';
import { KNOB_SPECS, knobValue, PATTERN_KNOBS } from './pattern-fields';
import { PATTERN_REGISTRY, type PatternName } from './pattern-registry';

export interface FlexCodeOptions {
  heads: number;
  headDim: number;
}

/** The constants the mask_mod reads: each knob the pattern reads that has a Python name, in the knobs' order. */
function constants(name: PatternName, p: PatternParams): string[] {
  const reads = new Set(PATTERN_REGISTRY[name].knobs);
  return PATTERN_KNOBS.filter((knob) => reads.has(knob) && KNOB_SPECS[knob].python).map(
    (knob) => `${KNOB_SPECS[knob].python} = ${knobValue(p, knob)}`,
  );
}

/** The complete, runnable Python snippet for the pattern and sizes. */
export function flexAttentionCode(name: PatternName, p: PatternParams, options: FlexCodeOptions): string {
  const entry = PATTERN_REGISTRY[name];
  const causalAnd = p.causal && !entry.causal;
  const fnLines = [...entry.maskMod];
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
    ...(entry.pythonSetup ? entry.pythonSetup(p) : []),
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
