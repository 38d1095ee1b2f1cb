/**
 * The sparsity-vs-speed table: its rows, the source article's claims, the ideal
 * speed-up, break-even points, and CSV / JSON export of a measurement. Pure.
 *
 * Speed-up of a format at sparsity s = (median ms of our dense kernel) / (median ms of
 * the format's kernel), both timed interleaved in the same run (lib/compute/timing.ts).
 * Ideal = 1 / density = 1 / (1 − s): what skipping every zero for free would give.
 */
import { FORMAT_NAMES, formatAppliesAt, type FormatName } from '../kernels/format-registry';

/** Rows of the table: fractions of zero weights. */
export const TABLE_SPARSITIES = [0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99] as const;

/** The storage formats timed against dense: every entry of the format registry. */
export const SPEED_FORMATS: readonly FormatName[] = FORMAT_NAMES;
export type SpeedFormat = FormatName;
export { formatAppliesAt };

/** The source article's table (稀疏率 / 参数量 / 推理速度 / 精度损失). */
export const SOURCE_CLAIMS: readonly { sparsity: number; params: number; speedup: number; accuracyLoss: [number, number] }[] = [
  { sparsity: 0.5, params: 0.5, speedup: 1.5, accuracyLoss: [0, 0.01] },
  { sparsity: 0.7, params: 0.3, speedup: 2.5, accuracyLoss: [0.01, 0.03] },
  { sparsity: 0.9, params: 0.1, speedup: 5, accuracyLoss: [0.03, 0.08] },
];

export function sourceClaimAt(sparsity: number) {
  return SOURCE_CLAIMS.find((c) => Math.abs(c.sparsity - sparsity) < 1e-9) ?? null;
}

/** 1 / (1 − s); Infinity at s = 1. */
export function idealSpeedup(sparsity: number): number {
  return 1 / (1 - sparsity);
}

export interface Timing {
  medianMs: number;
  /** Coefficient of variation of the samples. */
  cv: number;
  samples: number;
}

export interface MeasuredRow {
  sparsity: number;
  dense: Timing;
  /** tfjs's tf.matMul on the dense operands (measured on the 0% row). */
  tfjs?: Timing;
  formats: Partial<Record<SpeedFormat, Timing>>;
}

export function speedupOf(row: MeasuredRow, format: SpeedFormat): number | null {
  const t = row.formats[format];
  return t ? row.dense.medianMs / t.medianMs : null;
}

/**
 * The sparsity at which a format starts to beat dense: the lowest s such that every
 * measured point at s or above has speed-up >= 1, linearly interpolated between the
 * last point below 1 and the next one. null when the last point is still below 1 (no
 * break-even within the range); the first sparsity when every point is >= 1.
 */
export function breakEvenSparsity(points: readonly { sparsity: number; speedup: number }[]): number | null {
  const pts = [...points].filter((p) => Number.isFinite(p.speedup)).sort((a, b) => a.sparsity - b.sparsity);
  if (pts.length === 0) return null;
  let lastBelow = -1;
  pts.forEach((p, i) => {
    if (p.speedup < 1) lastBelow = i;
  });
  if (lastBelow === -1) return pts[0].sparsity;
  if (lastBelow === pts.length - 1) return null;
  const a = pts[lastBelow];
  const b = pts[lastBelow + 1];
  const t = (1 - a.speedup) / (b.speedup - a.speedup);
  return a.sparsity + t * (b.sparsity - a.sparsity);
}

/** Accuracy of the MNIST model pruned per method, per table sparsity (from the worker). */
export interface AccuracyRow {
  sparsity: number;
  /** Test accuracy after pruning with the matching method, or absent when it does not apply. */
  accuracy: Partial<Record<SpeedFormat, number>>;
}

export interface MeasurementSettings {
  size: number;
  batch: number;
  blockSize: number;
  seed: number;
  samples: number;
  formats: SpeedFormat[];
}

export interface MeasurementExport {
  device: { description: string; isFallback: boolean };
  settings: MeasurementSettings;
  /** ISO time the measurement finished. */
  measuredAt: string;
  /** Unpruned test accuracy of the MNIST model. */
  baselineAccuracy: number | null;
  rows: MeasuredRow[];
  accuracy: AccuracyRow[];
}

const METHOD: Record<SpeedFormat, string> = { csr: 'l1-unstructured', bsr: 'block', '24': '2:4' };

/** One CSV line per (sparsity, format), plus a dense / tfjs line per sparsity. Comment lines carry the device. */
export function measurementToCsv(e: MeasurementExport): string {
  const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [
    `# device: ${e.device.description}${e.device.isFallback ? ' (software fallback adapter: timings reflect CPU emulation)' : ''}`,
    `# settings: size=${e.settings.size} batch=${e.settings.batch} blockSize=${e.settings.blockSize} seed=${e.settings.seed} samples=${e.settings.samples}`,
    `# measured at: ${e.measuredAt}`,
    'sparsity,density,kernel,median_ms,cv,dense_median_ms,speedup,ideal_speedup,source_claim_speedup,pruning_method,accuracy,accuracy_loss',
  ];
  const num = (v: number | null | undefined, digits = 6) =>
    v === null || v === undefined || !Number.isFinite(v) ? '' : String(Number(v.toFixed(digits)));
  for (const row of e.rows) {
    const claim = sourceClaimAt(row.sparsity);
    const acc = e.accuracy.find((a) => Math.abs(a.sparsity - row.sparsity) < 1e-9);
    const base = [num(row.sparsity, 4), num(1 - row.sparsity, 4)];
    lines.push(
      [...base, 'dense-ours', num(row.dense.medianMs), num(row.dense.cv, 4), num(row.dense.medianMs), '1', '1', '', '', '', ''].join(','),
    );
    if (row.tfjs) {
      lines.push(
        [
          ...base,
          'tfjs-matmul',
          num(row.tfjs.medianMs),
          num(row.tfjs.cv, 4),
          num(row.dense.medianMs),
          num(row.dense.medianMs / row.tfjs.medianMs, 4),
          '1',
          '',
          '',
          '',
          '',
        ].join(','),
      );
    }
    for (const f of SPEED_FORMATS) {
      const t = row.formats[f];
      if (!t) continue;
      const a = acc?.accuracy[f];
      lines.push(
        [
          ...base,
          f === '24' ? '2:4' : f,
          num(t.medianMs),
          num(t.cv, 4),
          num(row.dense.medianMs),
          num(row.dense.medianMs / t.medianMs, 4),
          num(idealSpeedup(row.sparsity), 4),
          claim ? num(claim.speedup) : '',
          METHOD[f],
          num(a, 4),
          a !== undefined && e.baselineAccuracy !== null ? num(e.baselineAccuracy - a, 4) : '',
        ]
          .map(String)
          .map(q)
          .join(','),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

export function measurementToJson(e: MeasurementExport): string {
  return `${JSON.stringify(e, null, 2)}\n`;
}
