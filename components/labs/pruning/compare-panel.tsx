'use client';

import { useEffect, useMemo, useRef } from 'react';
import { useLocale } from '@/components/shell/locale-context';
import { CanvasExport } from '@/components/viz/canvas-export';
import { HeatmapCanvas } from '@/components/viz/heatmap-canvas';
import { maskToJson } from '@/lib/export/tables';
import { formatNumber } from '@/lib/i18n/locales';
import { pruningMessages } from '@/lib/i18n/pruning';
import type { MlpLayer } from '@/lib/models/mlp';
import type { EvaluateResult } from '@/lib/pruning/lab-jobs';
import { DIFF_CLASSES, type DiffClass, classifyMasks, countMaskDiff } from '@/lib/pruning/mask-diff';
import type { PruneMethod } from '@/lib/state/pruning';
import { formatPercent } from '@/lib/runtime/format';

/**
 * Difference colours from the Okabe–Ito palette (distinguishable with colour-vision
 * deficiencies); "pruned by both" uses the heatmaps' neutral colour (--viz-empty).
 */
export const DIFF_COLORS: Record<Exclude<DiffClass, 'neither'>, string> = {
  both: '#0072B2',
  aOnly: '#E69F00',
  bOnly: '#CC79A7',
};

function hexToRgb(hex: string): [number, number, number] {
  const v = Number.parseInt(hex.replace('#', ''), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

function emptyColor(): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue('--viz-empty').trim();
  return /^#[0-9a-f]{6}$/i.test(v) ? v : '#e4e4e7';
}

/** |w| where the mask keeps the weight, 0 where it prunes it. */
function maskedAbs(weight: Float32Array, mask: Uint8Array | undefined): Float32Array {
  const out = new Float32Array(weight.length);
  for (let i = 0; i < out.length; i++) out[i] = mask && mask[i] === 0 ? 0 : Math.abs(weight[i]);
  return out;
}

function quantileAbs(w: Float32Array, q: number): number {
  const a = Float32Array.from(w, Math.abs).sort();
  return a.length === 0 ? 1 : a[Math.min(a.length - 1, Math.floor(q * (a.length - 1)))] || 1;
}

/** The four-class difference picture, one canvas pixel per weight [out, in]. */
function DiffCanvas({
  classes,
  rows,
  cols,
  label,
  exportName,
  exportJson,
}: {
  classes: Uint8Array;
  rows: number;
  cols: number;
  label: string;
  exportName: string;
  exportJson: () => string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const palette = [...(['both', 'aOnly', 'bOnly'] as const).map((k) => hexToRgb(DIFF_COLORS[k])), hexToRgb(emptyColor())];
    const image = ctx.createImageData(cols, rows);
    for (let i = 0; i < rows * cols; i++) {
      const [r, g, b] = palette[classes[i]];
      image.data[4 * i] = r;
      image.data[4 * i + 1] = g;
      image.data[4 * i + 2] = b;
      image.data[4 * i + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
  }, [classes, rows, cols]);
  return (
    <>
      <canvas
        ref={ref}
        width={cols}
        height={rows}
        role="img"
        aria-label={label}
        data-testid="compare-diff-canvas"
        className="w-full rounded border border-zinc-200 dark:border-zinc-800"
        style={{ imageRendering: 'pixelated', aspectRatio: `${cols} / ${rows}` }}
      />
      <CanvasExport name={exportName} canvas={ref} json={exportJson} label={label} testId="compare-diff" />
    </>
  );
}

interface Props {
  layer: MlpLayer;
  layerIndex: number;
  methodA: PruneMethod;
  methodB: PruneMethod;
  /** Result of the lab's method (A) and of the "Compare with" method (B); null while computing. */
  a: EvaluateResult | null;
  b: EvaluateResult | null;
  pendingA: boolean;
  pendingB: boolean;
  /** File name stems of the downloads: A's and B's settings. */
  exportNames?: { a: string; b: string };
}

/**
 * Two methods side by side: accuracies and sparsities of the whole model, the selected layer's
 * kept weights under A and under B, and a picture of where their masks differ with counts.
 */
export function ComparePanel({
  layer,
  layerIndex,
  methodA,
  methodB,
  a,
  b,
  pendingA,
  pendingB,
  exportNames = { a: `pruning-${methodA}`, b: `pruning-${methodB}` },
}: Props) {
  const locale = useLocale();
  const all = pruningMessages[locale];
  const t = all.compare;
  const nameA = all.methods[methodA].label;
  const nameB = all.methods[methodB].label;
  const size = layer.out * layer.in;
  const maskA = a?.masks[layerIndex];
  const maskB = b?.masks[layerIndex];
  const top = useMemo(() => quantileAbs(layer.weight, 0.99), [layer]);
  const valuesA = useMemo(() => maskedAbs(layer.weight, maskA), [layer, maskA]);
  const valuesB = useMemo(() => maskedAbs(layer.weight, maskB), [layer, maskB]);
  const ready = !!a && !!b;
  const classes = useMemo(() => (ready ? classifyMasks(maskA, maskB, size) : null), [ready, maskA, maskB, size]);
  const counts = useMemo(() => (ready ? countMaskDiff(maskA, maskB, size) : null), [ready, maskA, maskB, size]);
  const n = (v: number) => formatNumber(v, locale, 0);
  const card = 'rounded-lg border border-zinc-200 p-3 dark:border-zinc-800';
  const big = 'mt-1 font-mono text-xl font-semibold tabular-nums';
  const sides = [
    { key: 'a', name: t.sideA(nameA), method: nameA, result: a, pending: pendingA, values: valuesA, mask: maskA, stem: exportNames.a },
    { key: 'b', name: t.sideB(nameB), method: nameB, result: b, pending: pendingB, values: valuesB, mask: maskB, stem: exportNames.b },
  ] as const;

  return (
    <section aria-labelledby="compare-title" className="space-y-3" data-testid="compare-panel" aria-busy={pendingA || pendingB}>
      <h2 id="compare-title" className="text-lg font-semibold">
        {t.title(nameA, nameB)}
      </h2>
      {methodA === methodB && <p className="text-sm text-zinc-600 dark:text-zinc-400">{t.same}</p>}
      <div className="grid gap-4 md:grid-cols-2">
        {sides.map((s) => (
          <div key={s.key} className="space-y-2" data-testid={`compare-side-${s.key}`}>
            <div className="grid grid-cols-2 gap-2">
              <div className={card}>
                <div className="text-sm text-zinc-600 dark:text-zinc-400">{s.name}</div>
                <div className="text-sm text-zinc-600 dark:text-zinc-400">{t.accuracy}</div>
                <div
                  className={`${big} ${s.pending ? 'opacity-60' : ''}`}
                  data-testid={`compare-accuracy-${s.key}`}
                  data-value={s.result?.accuracy ?? ''}
                >
                  {s.result ? formatPercent(s.result.accuracy, locale, 2) : t.computing}
                </div>
              </div>
              <div className={card}>
                <div className="text-sm text-zinc-600 dark:text-zinc-400">{s.name}</div>
                <div className="text-sm text-zinc-600 dark:text-zinc-400">{t.sparsity}</div>
                <div
                  className={`${big} ${s.pending ? 'opacity-60' : ''}`}
                  data-testid={`compare-sparsity-${s.key}`}
                  data-value={s.result?.sparsity ?? ''}
                >
                  {s.result ? formatPercent(s.result.sparsity, locale, 1) : t.computing}
                </div>
              </div>
            </div>
            <h3 className="text-sm font-medium">{t.maskTitle(s.key === 'a' ? 'A' : 'B', layer.name)}</h3>
            <HeatmapCanvas
              data={s.values}
              rows={layer.out}
              cols={layer.in}
              domain={[0, top]}
              neutralZero
              absolute
              maxPixels={1024}
              label={t.maskLabel(s.method, layer.name)}
              valueAt={(r, c) => (s.mask && s.mask[r * layer.in + c] === 0 ? 0 : layer.weight[r * layer.in + c])}
              formatValue={(v) => v.toFixed(4)}
              testId={`compare-heatmap-${s.key}`}
              exportName={`compare-${s.key}-${s.stem}-${layer.name}-weights`}
              exportJson={() =>
                maskToJson(s.mask ?? new Uint8Array(size).fill(1), layer.out, layer.in, {
                  layer: layer.name,
                  side: s.key.toUpperCase(),
                  settings: s.stem,
                  values: 'mask of W [out, in]: 1 = kept, 0 = pruned',
                })
              }
            />
          </div>
        ))}
      </div>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">{t.diffOnlyHere}</p>
      <div className="max-w-3xl space-y-2">
        <h3 className="text-sm font-medium">{t.diffTitle(layer.name)}</h3>
        {classes && counts ? (
          <>
            <DiffCanvas
              classes={classes}
              rows={layer.out}
              cols={layer.in}
              label={t.diffLabel(layer.name, nameA, nameB, n(counts.both), n(counts.aOnly), n(counts.bOnly), n(counts.neither))}
              exportName={`compare-${exportNames.a}-vs-${exportNames.b}-${layer.name}-difference`}
              exportJson={() =>
                maskToJson(classes, layer.out, layer.in, {
                  layer: layer.name,
                  a: exportNames.a,
                  b: exportNames.b,
                  values: 'class of each weight: 0 kept by both, 1 kept by A only, 2 kept by B only, 3 pruned by both',
                  counts,
                })
              }
            />
            <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm" data-testid="compare-legend" data-total={counts.total}>
              {DIFF_CLASSES.map((cls) => (
                <li key={cls} className="inline-flex items-center gap-1.5">
                  <span
                    aria-hidden="true"
                    className="h-3 w-3 rounded-sm border border-zinc-400"
                    style={{ background: cls === 'neither' ? 'var(--viz-empty)' : DIFF_COLORS[cls] }}
                  />
                  <span>{t.classes[cls]}:</span>
                  <span className="font-mono tabular-nums" data-testid={`diff-count-${cls}`} data-value={counts[cls]}>
                    {n(counts[cls])}
                  </span>
                </li>
              ))}
            </ul>
            <p className="text-xs text-zinc-600 dark:text-zinc-400">
              {t.total(n(counts.total))} · {t.agreement(formatPercent(counts.agreement, locale, 1))}
            </p>
            <p className="text-xs text-zinc-600 dark:text-zinc-400">{t.caption}</p>
          </>
        ) : (
          <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
            {t.computing}
          </p>
        )}
      </div>
    </section>
  );
}
