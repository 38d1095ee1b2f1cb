/**
 * Pruning a Llama checkpoint's linear layers (q, k, v, o, gate, up, down of every decoder layer;
 * the tied embedding / lm_head only when asked, as the papers leave it dense), returning a pruned
 * COPY. Methods, each per linear W [out, in] with calibration statistics of its input X [N, in]:
 *   magnitude  |W_ij|; comparison group the whole layer ('layer', torch.nn.utils.prune's
 *              l1_unstructured) or each output row ('row', the group Wanda found better);
 *   wanda      S_ij = |W_ij| · ‖X_j‖₂, per output row (Sun, Liu, Bair & Kolter 2023);
 *   sparsegpt  lib/sparsity/sparsegpt.ts with H = (2/N)·XᵀX (Frantar & Alistarh 2023);
 * each unstructured or N:M (2:4, 4:8: keep n of every m consecutive weights of a row, by the
 * method's score); and structured, per decoder layer:
 *   heads      attention head h scored by Σ_{j ∈ head h} ‖X_j‖₂ · ‖W_o[:, j]‖₂ over its o_proj
 *              input columns (the Wanda score summed over the unit's output weights); a pruned
 *              head loses its q_proj rows and o_proj columns (k, v are shared by the GQA group);
 *   channels   FFN channel c scored by ‖X_c‖₂ · ‖W_down[:, c]‖₂ (the input of down_proj); a
 *              pruned channel loses its gate and up rows and its down column.
 * Calibration statistics come from ONE pass of the DENSE model over the calibration windows
 * (one-shot from dense activations: every layer sees unpruned inputs), not the papers' layer-by-
 * layer pass through the already pruned earlier layers; this lets one pass serve every method
 * and sparsity of the lab's curve.
 */
import { l1UnstructuredMask, nmMask, pruneCount, wandaMask } from '../sparsity/pruning';
import { sparseGptPrune } from '../sparsity/sparsegpt';
import type { Checkpoint, LayerWeights } from './checkpoint';
import { type CaptureSite, type GramStats, hessianFromGram, normsFromGram } from './prune-forward';

export const LM_PRUNE_METHODS = ['magnitude', 'wanda', 'sparsegpt', 'heads', 'channels'] as const;
export type LmPruneMethod = (typeof LM_PRUNE_METHODS)[number];
export const LM_PATTERNS = ['unstructured', '2:4', '4:8'] as const;
export type LmPattern = (typeof LM_PATTERNS)[number];
export const LINEAR_KINDS = ['q', 'k', 'v', 'o', 'gate', 'up', 'down'] as const;
export type LinearKind = (typeof LINEAR_KINDS)[number];

/** Which capture site feeds each linear kind. */
export const SITE_OF: Record<LinearKind, CaptureSite> = { q: 'attn', k: 'attn', v: 'attn', o: 'o', gate: 'mlp', up: 'mlp', down: 'down' };

export interface LmPruneSpec {
  method: LmPruneMethod;
  /** Ignored by heads / channels. */
  pattern: LmPattern;
  /** Fraction pruned (unstructured, heads, channels); ignored by N:M, which is 50%. */
  amount: number;
  /** Magnitude's comparison group. */
  group: 'layer' | 'row';
  /** The linear kinds pruned (heads / channels ignore it). */
  kinds: readonly LinearKind[];
  /** Also prune the tied embedding / lm_head [V, H] (as a linear with the final norm's output as input). */
  embed: boolean;
}

export interface PruneOutcome {
  ckpt: Checkpoint;
  /** Zeros among the weights of the matrices the spec covers (the 7 kinds, plus the head when asked). */
  sparsity: number;
  /** Zeros among all weights of all 7 linear kinds. */
  linearSparsity: number;
}

/** Whether a method needs calibration statistics. */
export function needsCalibration(method: LmPruneMethod): boolean {
  return method !== 'magnitude';
}

export function nmOf(pattern: LmPattern): [number, number] | null {
  return pattern === '2:4' ? [2, 4] : pattern === '4:8' ? [4, 8] : null;
}

/** Rows × cols of each linear kind. */
export function shapeOf(ckpt: Checkpoint, kind: LinearKind): [number, number] {
  const c = ckpt.config;
  const qd = c.heads * c.headDim;
  const kvd = c.kvHeads * c.headDim;
  const shapes: Record<LinearKind, [number, number]> = {
    q: [qd, c.hidden],
    k: [kvd, c.hidden],
    v: [kvd, c.hidden],
    o: [c.hidden, qd],
    gate: [c.intermediate, c.hidden],
    up: [c.intermediate, c.hidden],
    down: [c.hidden, c.intermediate],
  };
  return shapes[kind];
}

function getW(l: LayerWeights, kind: LinearKind): Float32Array {
  if (kind === 'q' || kind === 'k' || kind === 'v' || kind === 'o') return l[kind];
  return l.mlp![kind];
}

function setW(l: LayerWeights, kind: LinearKind, w: Float32Array): void {
  if (kind === 'q' || kind === 'k' || kind === 'v' || kind === 'o') l[kind] = w;
  else l.mlp![kind] = w;
}

/** A deep copy of a Llama checkpoint (weights copied; config shared). */
export function copyCheckpoint(ckpt: Checkpoint): Checkpoint {
  const tied = ckpt.lmHead === ckpt.embed;
  const embed = Float32Array.from(ckpt.embed);
  return {
    config: ckpt.config,
    embed,
    norm: Float32Array.from(ckpt.norm),
    lmHead: tied ? embed : Float32Array.from(ckpt.lmHead),
    layers: ckpt.layers.map((l) => ({
      inputNorm: Float32Array.from(l.inputNorm),
      q: Float32Array.from(l.q),
      k: Float32Array.from(l.k),
      v: Float32Array.from(l.v),
      o: Float32Array.from(l.o),
      postNorm: Float32Array.from(l.postNorm),
      mlp: l.mlp ? { gate: Float32Array.from(l.mlp.gate), up: Float32Array.from(l.mlp.up), down: Float32Array.from(l.mlp.down) } : null,
      moe: null,
    })),
  };
}

/** Prunes one matrix W [rows, cols] by an unstructured / N:M method with its input's Gram matrix. */
export function pruneMatrix(
  w: Float32Array,
  shape: [number, number],
  spec: Pick<LmPruneSpec, 'method' | 'pattern' | 'amount' | 'group'>,
  gram: Float64Array | null,
  rows: number,
): Float32Array {
  const nm = nmOf(spec.pattern);
  const [, cols] = shape;
  if (spec.method === 'sparsegpt') {
    if (!gram) throw new Error('SparseGPT needs calibration statistics');
    return sparseGptPrune(w, shape, hessianFromGram(gram, rows), spec.amount, { nm: nm ?? undefined }).weights;
  }
  let scores: Float32Array;
  if (spec.method === 'wanda') {
    if (!gram) throw new Error('Wanda needs calibration statistics');
    const norms = normsFromGram(gram, cols);
    scores = w.map((v, e) => Math.abs(v) * norms[e % cols]);
  } else {
    scores = w;
  }
  let mask: Uint8Array;
  if (nm) mask = nmMask(scores, shape, nm[0], nm[1]);
  else if (spec.method === 'magnitude' && spec.group === 'layer') mask = l1UnstructuredMask(scores, spec.amount);
  else mask = wandaMask(scores.map(Math.abs), shape, new Float32Array(cols).fill(1), spec.amount);
  return w.map((v, e) => (mask[e] ? v : 0));
}

/** Importance of each unit (head or FFN channel) of one layer; see the file header. */
export function unitScores(ckpt: Checkpoint, layer: number, unit: 'heads' | 'channels', gram: Float64Array): Float64Array {
  const c = ckpt.config;
  const l = ckpt.layers[layer];
  const [outDim, inDim] = unit === 'heads' ? shapeOf(ckpt, 'o') : shapeOf(ckpt, 'down');
  const W = unit === 'heads' ? l.o : l.mlp!.down;
  const norms = normsFromGram(gram, inDim);
  const colScore = new Float64Array(inDim);
  for (let j = 0; j < inDim; j++) {
    let s = 0;
    for (let r = 0; r < outDim; r++) s += W[r * inDim + j] ** 2;
    colScore[j] = norms[j] * Math.sqrt(s);
  }
  if (unit === 'channels') return colScore;
  const out = new Float64Array(c.heads);
  for (let j = 0; j < inDim; j++) out[Math.floor(j / c.headDim)] += colScore[j];
  return out;
}

/** Indices of the pruneCount(amount, n) lowest scores (ties: lower index first). */
function lowest(scores: Float64Array, amount: number): number[] {
  const k = pruneCount(amount, scores.length);
  return Array.from(scores.keys())
    .sort((a, b) => scores[a] - scores[b] || a - b)
    .slice(0, k);
}

function countZeros(ws: Float32Array[]): [number, number] {
  let zeros = 0;
  let total = 0;
  for (const w of ws) {
    total += w.length;
    for (let e = 0; e < w.length; e++) if (w[e] === 0) zeros++;
  }
  return [zeros, total];
}

/**
 * The pruned copy of `ckpt` for `spec`. `stats` (the dense model's Gram matrices) is required by
 * every method but magnitude. `step` is awaited after each matrix (progress, yielding, cancel:
 * let it throw to stop).
 */
export async function pruneCheckpoint(
  ckpt: Checkpoint,
  spec: LmPruneSpec,
  stats: GramStats | null,
  step?: (done: number, total: number) => Promise<void> | void,
): Promise<PruneOutcome> {
  if (ckpt.config.arch !== 'llama') throw new Error('the pruning lab prunes Llama models only');
  if (needsCalibration(spec.method) && !stats) throw new Error(`${spec.method} needs calibration statistics`);
  if (!(spec.amount >= 0 && spec.amount <= 1)) throw new RangeError(`amount must be a fraction in [0, 1], got ${String(spec.amount)}`);
  const out = copyCheckpoint(ckpt);
  const c = ckpt.config;
  const covered: Float32Array[] = [];
  if (spec.method === 'heads' || spec.method === 'channels') {
    for (let li = 0; li < c.layers; li++) {
      const l = out.layers[li];
      const gram = spec.method === 'heads' ? stats!.layers[li].o : stats!.layers[li].down;
      const units = lowest(unitScores(ckpt, li, spec.method, gram), spec.amount);
      if (spec.method === 'heads') {
        const d = c.headDim;
        const qd = c.heads * d;
        for (const h of units) {
          l.q.fill(0, h * d * c.hidden, (h + 1) * d * c.hidden);
          for (let r = 0; r < c.hidden; r++) l.o.fill(0, r * qd + h * d, r * qd + (h + 1) * d);
        }
        covered.push(l.q, l.o);
      } else {
        const m = l.mlp!;
        for (const ch of units) {
          m.gate.fill(0, ch * c.hidden, (ch + 1) * c.hidden);
          m.up.fill(0, ch * c.hidden, (ch + 1) * c.hidden);
          for (let r = 0; r < c.hidden; r++) m.down[r * c.intermediate + ch] = 0;
        }
        covered.push(m.gate, m.up, m.down);
      }
      await step?.(li + 1, c.layers);
    }
  } else {
    const total = c.layers * spec.kinds.length + (spec.embed ? 1 : 0);
    let done = 0;
    for (let li = 0; li < c.layers; li++) {
      for (const kind of spec.kinds) {
        const gram = stats ? stats.layers[li][SITE_OF[kind]] : null;
        const pruned = pruneMatrix(getW(out.layers[li], kind), shapeOf(ckpt, kind), spec, gram, stats?.rows ?? 0);
        setW(out.layers[li], kind, pruned);
        covered.push(pruned);
        await step?.(++done, total);
      }
    }
    if (spec.embed) {
      const head = pruneMatrix(out.lmHead, [c.vocabSize, c.hidden], spec, stats?.head ?? null, stats?.rows ?? 0);
      out.lmHead = head;
      if (c.tied) out.embed = head;
      covered.push(head);
      await step?.(++done, total);
    }
  }
  const [z, t] = countZeros(covered);
  const [lz, lt] = countZeros(out.layers.flatMap((l) => LINEAR_KINDS.map((k) => getW(l, k))));
  return { ckpt: out, sparsity: t ? z / t : 0, linearSparsity: lt ? lz / lt : 0 };
}

/** A stable text key of a spec (cache keys, test names). */
export function specKey(spec: LmPruneSpec): string {
  const structured = spec.method === 'heads' || spec.method === 'channels';
  const nm = !structured && spec.pattern !== 'unstructured';
  return [
    spec.method,
    structured ? '' : spec.pattern,
    nm ? '' : spec.amount.toFixed(3),
    spec.method === 'magnitude' ? spec.group : '',
    structured ? '' : spec.kinds.join('+'),
    spec.embed && !structured ? 'embed' : '',
  ].join('|');
}
