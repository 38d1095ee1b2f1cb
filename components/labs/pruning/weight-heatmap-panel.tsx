'use client';

import { useMemo, useState } from 'react';
import { useLocale } from '@/components/shell/locale-context';
import { HeatmapCanvas } from '@/components/viz/heatmap-canvas';
import { maskToJson } from '@/lib/export/tables';
import { pruningMessages } from '@/lib/i18n/pruning';
import type { MlpLayer } from '@/lib/models/mlp';
import { LAYER_NAMES, type LayerName } from '@/lib/state/pruning';
import { colorAt } from '@/lib/viz/colors';

/** Quantile q of |w| (e.g. 0.99): the colour scale's top, so a few outliers do not wash out the picture. */
function absQuantile(w: Float32Array, q: number): number {
  const a = Float32Array.from(w, Math.abs).sort();
  return a.length === 0 ? 1 : a[Math.min(a.length - 1, Math.floor(q * (a.length - 1)))] || 1;
}

const ZOOM_ROWS = 16;
const ZOOM_COLS = 48;

interface Props {
  layers: readonly MlpLayer[];
  masks: readonly (Uint8Array | undefined)[] | null;
  layer: LayerName;
  onLayer: (layer: LayerName) => void;
  /** Grid drawn over the magnifier: N:M groups (every m columns) or b × b blocks. */
  grid?: { cols: number; rows?: number } | null;
  /** File name stem of the downloads (the pruning settings); the layer name is added. */
  exportName?: string;
}

/**
 * The selected layer's |W ⊙ M| [out, in], one canvas pixel per weight (fc1 is 784 wide), pruned
 * entries in the neutral colour; below, a magnified window that follows the cursor so single
 * weights, N:M groups and block edges are visible.
 */
export function WeightHeatmapPanel({ layers, masks, layer, onLayer, grid, exportName = 'pruning' }: Props) {
  const locale = useLocale();
  const t = pruningMessages[locale].heatmap;
  const l = LAYER_NAMES.indexOf(layer);
  const w = layers[l];
  const mask = masks?.[l];
  const top = useMemo(() => absQuantile(w.weight, 0.99), [w]);
  const values = useMemo(() => {
    const out = new Float32Array(w.weight.length);
    for (let i = 0; i < out.length; i++) out[i] = mask && mask[i] === 0 ? 0 : Math.abs(w.weight[i]);
    return out;
  }, [w, mask]);
  const zr = Math.min(ZOOM_ROWS, w.out);
  const zc = Math.min(ZOOM_COLS, w.in);
  const [origin, setOrigin] = useState<{ row: number; col: number }>({ row: 0, col: 0 });
  const r0Free = Math.max(0, Math.min(w.out - zr, origin.row - Math.floor(zr / 2)));
  const c0 = Math.max(0, Math.min(w.in - zc, origin.col - Math.floor(zc / 2)));
  // Snap the window to whole N:M groups / blocks (default 4 columns) so they line up with its edges.
  const alignCols = grid?.cols && grid.cols > 1 ? grid.cols : 4;
  const alignRows = grid?.rows && grid.rows > 1 ? grid.rows : 1;
  const c0Aligned = c0 - (c0 % alignCols);
  const r0 = r0Free - (r0Free % alignRows);
  const zoom = useMemo(() => {
    const out = new Float32Array(zr * zc);
    for (let r = 0; r < zr; r++) for (let c = 0; c < zc; c++) out[r * zc + c] = values[(r0 + r) * w.in + c0Aligned + c];
    return out;
  }, [values, r0, c0Aligned, zr, zc, w.in]);
  const fmt = (v: number) => v.toFixed(4);

  return (
    <section className="space-y-3" data-testid="heatmap-panel">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-lg font-semibold">{t.title(w.name, w.out, w.in)}</h2>
        <div role="group" aria-label={t.layer} className="flex gap-1">
          {LAYER_NAMES.map((name) => (
            <button
              key={name}
              type="button"
              aria-pressed={name === layer}
              onClick={() => onLayer(name)}
              data-testid={`layer-${name}`}
              className={`rounded border px-2.5 py-0.5 font-mono text-sm ${name === layer ? 'border-teal-700 bg-teal-700 text-white dark:border-teal-400 dark:bg-teal-400 dark:text-zinc-950' : 'border-zinc-300 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800'}`}
            >
              {name}
            </button>
          ))}
        </div>
      </div>
      <HeatmapCanvas
        data={values}
        rows={w.out}
        cols={w.in}
        domain={[0, top]}
        neutralZero
        absolute
        maxPixels={1024}
        label={t.label(w.name)}
        valueAt={(r, c) => (mask && mask[r * w.in + c] === 0 ? 0 : w.weight[r * w.in + c])}
        formatValue={fmt}
        onCursor={(cell) => cell && setOrigin(cell)}
        testId="weights-heatmap"
        exportName={`${exportName}-${w.name}-weights`}
        exportJson={() =>
          maskToJson(mask ?? new Uint8Array(w.weight.length).fill(1), w.out, w.in, {
            layer: w.name,
            shape: [w.out, w.in],
            values: 'mask of W [out, in]: 1 = kept, 0 = pruned',
          })
        }
      />
      <Legend top={top} />
      <p className="text-xs text-zinc-600 dark:text-zinc-400">{t.caption}</p>
      <div>
        <h3 className="text-sm font-medium" data-testid="zoom-title">
          {t.zoomTitle(r0, c0Aligned, zr, zc)}
        </h3>
        <div className="relative">
          <HeatmapCanvas
            data={zoom}
            rows={zr}
            cols={zc}
            domain={[0, top]}
            neutralZero
            absolute
            label={t.zoomLabel}
            valueAt={(r, c) => {
              const i = (r0 + r) * w.in + c0Aligned + c;
              return mask && mask[i] === 0 ? 0 : w.weight[i];
            }}
            formatValue={fmt}
            testId="weights-zoom"
            exportName={`${exportName}-${w.name}-weights-r${r0}-c${c0Aligned}`}
            exportJson={() => {
              const data: number[] = [];
              for (let r = 0; r < zr; r++)
                for (let c = 0; c < zc; c++) {
                  const i = (r0 + r) * w.in + c0Aligned + c;
                  data.push(mask && mask[i] === 0 ? 0 : w.weight[i]);
                }
              return maskToJson(data, zr, zc, {
                layer: w.name,
                rowStart: r0,
                colStart: c0Aligned,
                values: 'W ⊙ M (signed weights; 0 where pruned)',
              });
            }}
            className="mt-1"
          />
          {grid && grid.cols > 1 && grid.cols < zc && (
            <div
              aria-hidden="true"
              data-testid="zoom-grid"
              className="pointer-events-none absolute top-1 left-0 w-full"
              style={{
                aspectRatio: `${zc} / ${zr}`,
                backgroundImage: [
                  `repeating-linear-gradient(to right, transparent 0, transparent calc(${(100 * grid.cols) / zc}% - 1px), rgba(220, 38, 38, 0.8) calc(${(100 * grid.cols) / zc}% - 1px), rgba(220, 38, 38, 0.8) ${(100 * grid.cols) / zc}%)`,
                  ...(grid.rows && grid.rows > 1 && grid.rows < zr
                    ? [
                        `repeating-linear-gradient(to bottom, transparent 0, transparent calc(${(100 * grid.rows) / zr}% - 1px), rgba(220, 38, 38, 0.8) calc(${(100 * grid.rows) / zr}% - 1px), rgba(220, 38, 38, 0.8) ${(100 * grid.rows) / zr}%)`,
                      ]
                    : []),
                ].join(', '),
              }}
            />
          )}
        </div>
      </div>
    </section>
  );
}

function Legend({ top }: { top: number }) {
  const locale = useLocale();
  const t = pruningMessages[locale].heatmap;
  const stops = Array.from({ length: 11 }, (_, i) => `${colorAt(i / 10)} ${i * 10}%`).join(', ');
  return (
    <div className="flex flex-wrap items-center gap-3 text-xs text-zinc-700 dark:text-zinc-300" aria-hidden="true">
      <span>{t.legendLow}</span>
      <span className="h-3 w-40 rounded-sm" style={{ background: `linear-gradient(to right, ${stops})` }} />
      <span>{t.legendHigh(top.toFixed(3))}</span>
      <span className="ml-3 inline-flex items-center gap-1">
        <span className="h-3 w-3 rounded-sm border border-zinc-400" style={{ background: 'var(--viz-empty)' }} />
        {t.legendPruned}
      </span>
    </div>
  );
}
