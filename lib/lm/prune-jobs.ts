/**
 * The jobs of the language-model pruning lab, shared by its worker and scripts/prune-lm.ts:
 * calibrate (the dense model's Gram matrices over the calibration windows), evaluate (prune a
 * copy, then the per-character perplexity exp(mean NLL) on the fixed test windows), and the
 * lists of specs behind the curve, the Wanda-style table and the per-layer sensitivity.
 */
import type * as TF from '@tensorflow/tfjs';
import type { Checkpoint } from './checkpoint';
import {
  LINEAR_KINDS,
  type LinearKind,
  type LmPattern,
  type LmPruneMethod,
  type LmPruneSpec,
  needsCalibration,
  pruneCheckpoint,
} from './prune';
import { BatchedLlama, type GramStats } from './prune-forward';

type Tf = typeof TF;

/** Sparsities of the curve (fraction of weights, or of heads / channels for the structured methods). */
export const CURVE_SPARSITIES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] as const;
/** Methods drawn on the curve (unstructured; heads and channels as fractions of units). */
export const CURVE_METHODS: readonly LmPruneMethod[] = ['magnitude', 'wanda', 'sparsegpt', 'heads', 'channels'];
/** The Wanda table's methods and columns (Sun et al. 2023, Table 3). */
export const TABLE_METHODS = ['magnitude', 'wanda', 'sparsegpt'] as const;
export const TABLE_PATTERNS: readonly LmPattern[] = ['unstructured', '4:8', '2:4'];

/**
 * LLaMA-7B WikiText perplexities of Sun et al. 2023 (Wanda), Table 3, for reference: per token of
 * LLaMA's tokenizer, so not comparable in value with our per-character perplexity; the ORDER is
 * what the lab compares. Only the cells the lab quotes; the others are null.
 */
export const PAPER_LLAMA7B = {
  dense: 5.68,
  cells: {
    magnitude: { unstructured: 17.29, '4:8': null, '2:4': 42.13 },
    wanda: { unstructured: 7.26, '4:8': null, '2:4': 11.53 },
    sparsegpt: { unstructured: 7.22, '4:8': null, '2:4': 11.0 },
  } as Record<(typeof TABLE_METHODS)[number], Record<LmPattern, number | null>>,
};

export const DEFAULT_SPEC: LmPruneSpec = {
  method: 'magnitude',
  pattern: 'unstructured',
  amount: 0.5,
  group: 'layer',
  kinds: LINEAR_KINDS,
  embed: false,
};

/** Curve specs: every method at every sparsity, unstructured, all linear kinds, head dense. */
export function curveSpecs(base: Pick<LmPruneSpec, 'group'> = DEFAULT_SPEC): LmPruneSpec[] {
  return CURVE_METHODS.flatMap((method) => CURVE_SPARSITIES.map((amount) => ({ ...DEFAULT_SPEC, group: base.group, method, amount })));
}

/** Table specs: 50% unstructured, 4:8 and 2:4 for magnitude (per layer, as the paper's baseline), Wanda, SparseGPT. */
export function tableSpecs(): LmPruneSpec[] {
  return TABLE_METHODS.flatMap((method) => TABLE_PATTERNS.map((pattern) => ({ ...DEFAULT_SPEC, method, pattern })));
}

/** Sensitivity specs: the current method and pattern, one linear kind at a time. */
export function sensitivitySpecs(spec: LmPruneSpec): LmPruneSpec[] {
  return LINEAR_KINDS.map((kind: LinearKind) => ({ ...spec, kinds: [kind], embed: false }));
}

export interface Evaluation {
  /** exp(mean NLL) per character on the test windows. */
  perplexity: number;
  nll: number;
  /** Zeros among the covered weights and among all linear weights. */
  sparsity: number;
  linearSparsity: number;
  /** Milliseconds pruning and evaluating. */
  pruneMs: number;
  evalMs: number;
}

/** The dense model's Gram matrices over the calibration windows (null when cancelled). */
export async function calibrate(
  tf: Tf,
  ckpt: Checkpoint,
  windows: readonly number[][],
  onProgress?: (done: number, total: number) => Promise<void> | void,
  isCancelled?: () => boolean,
): Promise<GramStats | null> {
  const model = new BatchedLlama(tf, ckpt);
  try {
    return await model.gram(windows, 8, onProgress, isCancelled);
  } finally {
    model.dispose();
  }
}

/** Perplexity of a checkpoint on the test windows. */
export async function perplexityOf(tf: Tf, ckpt: Checkpoint, test: readonly number[][]): Promise<number> {
  const model = new BatchedLlama(tf, ckpt);
  try {
    return Math.exp(await model.meanNll(test));
  } finally {
    model.dispose();
  }
}

/** Prunes a copy for `spec` and measures it; `step` is awaited per pruned matrix (throw to cancel). */
export async function evaluateSpec(
  tf: Tf,
  ckpt: Checkpoint,
  spec: LmPruneSpec,
  stats: GramStats | null,
  test: readonly number[][],
  step?: (done: number, total: number) => Promise<void> | void,
): Promise<Evaluation & { pruned: Checkpoint }> {
  if (needsCalibration(spec.method) && !stats) throw new Error(`${spec.method} needs calibration`);
  const t0 = performance.now();
  const r = await pruneCheckpoint(ckpt, spec, stats, step);
  const t1 = performance.now();
  const model = new BatchedLlama(tf, r.ckpt);
  let nll: number;
  try {
    nll = await model.meanNll(test);
  } finally {
    model.dispose();
  }
  const t2 = performance.now();
  return {
    perplexity: Math.exp(nll),
    nll,
    sparsity: r.sparsity,
    linearSparsity: r.linearSparsity,
    pruneMs: t1 - t0,
    evalMs: t2 - t1,
    pruned: r.ckpt,
  };
}

/**
 * Whether the measured table shows the paper's ordering: at every pattern both calibrated
 * methods beat magnitude, and magnitude's 2:4 is worse than its 50% unstructured.
 */
export function sameOrderingAsPaper(cells: Partial<Record<string, number>>): { holds: boolean; failures: string[] } {
  const failures: string[] = [];
  const get = (m: string, p: LmPattern) => cells[`${m}|${p}`];
  for (const p of TABLE_PATTERNS) {
    const mag = get('magnitude', p);
    for (const m of ['wanda', 'sparsegpt']) {
      const v = get(m, p);
      if (mag !== undefined && v !== undefined && !(v < mag)) failures.push(`${m} ${p}`);
    }
  }
  const u = get('magnitude', 'unstructured');
  const s = get('magnitude', '2:4');
  if (u !== undefined && s !== undefined && !(s > u)) failures.push('magnitude 2:4');
  return { holds: failures.length === 0, failures };
}
