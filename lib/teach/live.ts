/**
 * Live values of the labs that use guided paths: pure functions from what a lab has on screen
 * (its finished runs, its measured table, its scored text) to the named numbers its guided path
 * and check read. Fractions stay fractions (0.9 = 90%); times are ms; speed-ups are ratios.
 */
import { type MeasuredRow, type SpeedFormat, breakEvenSparsity, speedupOf } from '../acceleration/table';
import { type TrainingConfig, stepsPerEpoch } from '../training/config';
import type { RunSummary } from '../training/run-training';
import type { LiveValues } from './guided';

/** A finished run of the training lab (its RunRow). */
export interface FinishedRun {
  config: TrainingConfig;
  summary: RunSummary;
}

/**
 * Training lab. For the last finished (not stopped, no IMP) run of each kind:
 *   cubic.*    cubic schedule, correct mask order      oneshot.*  one-shot, correct order
 *   linear.*   linear (the source's rule), correct order  source.*  any schedule, the source's order
 * each with .acc (final test accuracy), .measured and .target (final sparsities) and .hard (test
 * accuracy after a final hard magnitude mask at the target). Plus, for the current settings,
 * perEpoch (optimiser steps per epoch) and linearStep (percentage points the linear rule adds
 * per epoch, 100 · final / (epochs − 1)).
 */
export function trainingLive(
  runs: readonly FinishedRun[],
  current: Pick<TrainingConfig, 'subset' | 'batchSize' | 'epochs' | 'final'>,
): LiveValues {
  const out: Record<string, number | null> = {};
  const kinds: [string, (c: TrainingConfig) => boolean][] = [
    ['cubic', (c) => c.schedule === 'cubic' && c.maskOrder === 'default'],
    ['oneshot', (c) => c.schedule === 'one-shot' && c.maskOrder === 'default'],
    ['linear', (c) => c.schedule === 'linear' && c.maskOrder === 'default'],
    ['source', (c) => c.maskOrder === 'source'],
  ];
  for (const [name, match] of kinds) {
    const run = [...runs].reverse().find((r) => !r.summary.stopped && r.config.impRounds === 0 && match(r.config));
    out[`${name}.acc`] = run?.summary.finalTestAccuracy ?? null;
    out[`${name}.measured`] = run ? run.summary.finalMeasured : null;
    out[`${name}.target`] = run ? run.summary.finalTarget : null;
    out[`${name}.hard`] = run?.summary.hardMaskAccuracy ?? null;
  }
  const countsOk = Number.isInteger(current.subset) && current.subset > 0 && Number.isInteger(current.batchSize) && current.batchSize > 0;
  out.perEpoch = countsOk ? stepsPerEpoch(current.subset, current.batchSize) : null;
  out.linearStep = current.epochs > 1 ? (100 * current.final) / (current.epochs - 1) : null;
  return out;
}

const KEY: Record<SpeedFormat, string> = { csr: 'csr', bsr: 'bsr', '24': 's24' };

/**
 * Acceleration lab, from the tables measured in this page view, one per batch (the latest at the
 * current size and block size), keys prefixed by the batch, e.g. b64.csr.at90:
 *   b<N>.<csr|bsr|s24>.at<50|70|90>  speed-up over our dense kernel at that sparsity
 *   b<N>.<csr|bsr>.breakEven          sparsity from which the format beats dense (lib/acceleration/table),
 *                                     once the table reaches 90%
 *   dyn.acc, dyn.base, dyn.kept       dynamic sparsity: test accuracy, dense accuracy, mean kept fraction
 */
/** One row of the decode table (lm-en decoding with a kernel), as the decode panel shows it. */
export interface DecodeLiveRow {
  kernel: 'dense' | 'csr' | 'bsr' | '2:4';
  sparsity: number;
  /** Whole decoding step: dense ms per token / this row's. */
  speedup: number;
  /** The linear layers alone (GPU time), dense / this row's. */
  linearSpeedup: number;
  /** Test perplexity of the pruned model. */
  perplexity: number;
  /** The dense step's linear share p and Amdahl's ceiling 1 / (1 − p). */
  linearShare: number;
  limit: number;
}

/**
 * Acceleration lab: the measured tables per batch (b<batch>.<format>.at50/70/90, .breakEven),
 * dynamic sparsity (dyn.*) and the decode table of lm-en (dec.csr.at50: whole step at 50% CSR,
 * dec.csr.linear50: its linear layers alone, dec.share, dec.limit, dec.ppl.dense, dec.ppl.csr50).
 */
export function accelerationLive(
  tables: Readonly<Record<number, readonly MeasuredRow[]>>,
  dynamic: { accuracy: number; baseline: number; kept: number } | null,
  decode: readonly DecodeLiveRow[] = [],
): LiveValues {
  const out: Record<string, number | null> = {};
  for (const [batch, rows] of Object.entries(tables)) {
    for (const format of ['csr', 'bsr', '24'] as const) {
      const points: { sparsity: number; speedup: number }[] = [];
      for (const row of rows) {
        const s = speedupOf(row, format);
        if (s !== null) points.push({ sparsity: row.sparsity, speedup: s });
      }
      const prefix = `b${batch}.${KEY[format]}`;
      for (const at of [0.5, 0.7, 0.9])
        out[`${prefix}.at${Math.round(at * 100)}`] = points.find((p) => Math.abs(p.sparsity - at) < 1e-9)?.speedup ?? null;
      const complete = points.some((p) => p.sparsity >= 0.9 - 1e-9);
      if (format !== '24') out[`${prefix}.breakEven`] = complete ? breakEvenSparsity(points) : null;
    }
  }
  out['dyn.acc'] = dynamic?.accuracy ?? null;
  out['dyn.base'] = dynamic?.baseline ?? null;
  out['dyn.kept'] = dynamic?.kept ?? null;
  const dense = decode.find((r) => r.kernel === 'dense');
  const csr50 = decode.find((r) => r.kernel === 'csr' && Math.abs(r.sparsity - 0.5) < 1e-9);
  out['dec.csr.at50'] = csr50?.speedup ?? null;
  out['dec.csr.linear50'] = csr50?.linearSpeedup ?? null;
  out['dec.share'] = dense?.linearShare ?? null;
  out['dec.limit'] = dense?.limit ?? null;
  out['dec.ppl.dense'] = dense?.perplexity ?? null;
  out['dec.ppl.csr50'] = csr50?.perplexity ?? null;
  return out;
}

/** Models page: the scored texts and the last generation. */
export interface ModelsLiveInput {
  /** Bits per character of each text scored in this page view, keyed <model>.p<passage> or <model>.text. */
  bpc: Readonly<Record<string, number>>;
  /** log2 of the vocabulary size of each loaded model: the bits of a uniform guess. */
  uniformBits: Readonly<Record<string, number>>;
  /** Generated characters per second of the last generation, or null. */
  charsPerSecond: number | null;
}

/** Keys: bpc.<model>.<p0|text> (e.g. bpc.lm-en.p0), uniform.<model>, cps. */
export function modelsLive(input: ModelsLiveInput): LiveValues {
  const out: Record<string, number | null> = { cps: input.charsPerSecond };
  for (const [k, v] of Object.entries(input.bpc)) out[`bpc.${k}`] = v;
  for (const [k, v] of Object.entries(input.uniformBits)) out[`uniform.${k}`] = v;
  return out;
}
