'use client';

import { memo, useMemo } from 'react';
import { patternMask } from '@/lib/attention/patterns';
import { maskToJson } from '@/lib/export/tables';
import { Slider } from '@/components/controls/slider';
import { useLocale } from '@/components/shell/locale-context';
import type { PatternRef, PatternView, ViewRequest } from '@/lib/labs/attention/jobs';
import { fullRegion, rowKeys, type Region } from '@/lib/attention/mask-grid';
import { attentionMessages } from '@/lib/i18n/attention';
import { formatNumber } from '@/lib/i18n/locales';
import { ZOOM_STOPS } from '@/lib/state/attention';
import type { Grid } from '@/lib/viz/aggregate';
import { keyCells, paintDensity, paintRowHighlight, palette, paletteHex } from '@/lib/viz/mask-paint';
import { formatDensity } from '@/lib/runtime/format';
import { type Cell, GridCanvas } from './grid-canvas';
import { Legend, Section } from './section';
import { binFractions, StripCanvas } from './strip-canvas';
import { useDark } from './use-dark';

/** The whole-matrix picture and the pattern it shows. */
export interface OverviewPicture {
  main: PatternRef;
  grid: Grid;
  /** The control move it answers (perf-marks.ts), for the repaint measure. */
  input?: number;
}

export interface MaskPanelProps {
  view: PatternView | null;
  request: ViewRequest | null;
  /**
   * The newest whole-matrix picture, which may be newer than `view` (the lab computes it in
   * its own worker so it follows the slider first); null: view.overview.
   */
  overview: OverviewPicture | null;
  /** The control move `view` answers (perf-marks.ts). */
  viewInput?: number;
  busy: boolean;
  zoom: number;
  onZoom: (zoom: number) => void;
  onCentre: (cell: Cell) => void;
  inspect: number | null;
  onInspect: (row: number | null) => void;
}

/** Pixels of a density grid, with the inspected row's keys lit when the row is inside the grid's region. */
function usePixels(
  grid: Grid | undefined,
  region: Region | undefined,
  keys: Uint8Array | null,
  row: number | null,
  dark: boolean,
): Uint32Array | null {
  return useMemo(() => {
    if (!grid || !region) return null;
    const pal = palette(dark);
    const px = paintDensity(grid.values, pal);
    if (keys && row !== null && row >= region.row0 && row < region.row1) {
      const gridRow = Math.floor((row - region.row0) / grid.blockRows);
      paintRowHighlight(px, grid.cols, gridRow, keyCells(keys, region.col0, region.col1, grid.blockCols), pal);
    }
    return px;
  }, [grid, region, keys, row, dark]);
}

/** The mask: the whole matrix, a zoomed region, and a row inspector. */
/** Largest sequence length whose exact mask is offered as JSON (1024² entries, about 2 MB of text). */
const MASK_JSON_MAX = 1024;

export const MaskPanel = memo(function MaskPanel({
  view,
  request,
  overview,
  viewInput,
  busy,
  zoom,
  onZoom,
  onCentre,
  inspect,
  onInspect,
}: MaskPanelProps) {
  const locale = useLocale();
  const m = attentionMessages[locale];
  const dark = useDark();
  const hex = paletteHex(dark);
  // the overview is the newest picture: the inspector follows its pattern
  const ov = overview ?? (view && request ? { main: request.main, grid: view.overview, input: viewInput } : null);
  const n = ov?.main.params.seqLen ?? 0;
  const whole = useMemo(() => (n > 0 ? fullRegion(n) : undefined), [n]);
  const row = inspect !== null && inspect < n ? inspect : null;
  const main = ov?.main;
  const info = useMemo(() => (main && row !== null ? rowKeys(main.name, main.params, row) : null), [main, row]);
  const overviewPx = usePixels(ov?.grid, whole, info?.keys ?? null, row, dark);
  const zoomPx = usePixels(view?.zoom, request?.region, info?.keys ?? null, row, dark);
  const stripPx = useMemo(() => {
    if (!info) return null;
    const pal = palette(dark);
    const fr = binFractions(info.keys, 512);
    const px = new Uint32Array(fr.length);
    for (let i = 0; i < fr.length; i++) px[i] = fr[i] > 0 ? pal.highlight : pal.empty;
    return px;
  }, [info, dark]);
  const num = (v: number) => formatNumber(v, locale, 0);
  const pct = (v: number) => formatDensity(v, locale);

  const describe = (grid: Grid | undefined, region: Region | undefined) => (cell: Cell) => {
    if (!grid || !region) return '';
    const gr = Math.floor((cell.row - region.row0) / grid.blockRows);
    const gc = Math.floor((cell.col - region.col0) / grid.blockCols);
    const v = grid.values[gr * grid.cols + gc];
    if (grid.blockRows === 1 && grid.blockCols === 1) return `q ${cell.row}, k ${cell.col}: ${v ? m.mask.legendAll : m.mask.legendNone}`;
    const r0 = region.row0 + gr * grid.blockRows;
    const c0 = region.col0 + gc * grid.blockCols;
    return `q ${r0}–${Math.min(region.row1, r0 + grid.blockRows) - 1}, k ${c0}–${Math.min(region.col1, c0 + grid.blockCols) - 1}: ${formatDensity(v, locale)}`;
  };
  const caption = (grid: Grid | undefined) =>
    grid ? (grid.blockRows > 1 || grid.blockCols > 1 ? m.mask.aggregated(Math.max(grid.blockRows, grid.blockCols)) : m.mask.exact) : '';
  const onCursor = (cell: Cell | null) => onInspect(cell ? cell.row : null);
  const region = request?.region;

  return (
    <Section
      title={m.mask.title}
      testId="mask-panel"
      aside={busy ? <span className="text-xs text-zinc-600 dark:text-zinc-400">{m.mask.computing}</span> : null}
    >
      <div className="grid gap-4 md:grid-cols-2">
        {whole && ov ? (
          <GridCanvas
            testId="mask-overview"
            rows={ov.grid.rows}
            cols={ov.grid.cols}
            pixels={overviewPx}
            repaintFor={ov.input}
            table={{ grid: ov.grid, format: pct }}
            region={whole}
            label={m.mask.overview}
            describe={describe(ov.grid, whole)}
            onCursor={onCursor}
            onActivate={onCentre}
            outline={region && zoom > 1 && region.row1 <= n && region.col1 <= n ? region : null}
            busy={busy}
            exportName={`mask-${ov.main.name}-n${n}`}
            exportJson={
              n <= MASK_JSON_MAX
                ? () => maskToJson(patternMask(ov.main.name, ov.main.params), n, n, { pattern: ov.main.name, params: ov.main.params })
                : undefined
            }
            caption={
              <>
                <span className="block font-medium text-zinc-800 dark:text-zinc-200">{m.mask.overview}</span>
                <span className="block">{caption(ov.grid)}</span>
              </>
            }
          />
        ) : (
          <div className="aspect-square animate-pulse rounded bg-zinc-100 dark:bg-zinc-900" />
        )}
        {region && view ? (
          <GridCanvas
            testId="mask-zoom"
            rows={view.zoom.rows}
            cols={view.zoom.cols}
            pixels={zoomPx}
            repaintFor={viewInput}
            table={{ grid: view.zoom, format: pct }}
            region={region}
            label={m.mask.zoomed(region.row0, region.row1 - 1, region.col0, region.col1 - 1)}
            describe={describe(view.zoom, region)}
            onCursor={onCursor}
            busy={busy}
            caption={
              <>
                <span className="block font-medium text-zinc-800 dark:text-zinc-200" data-testid="mask-zoom-region">
                  {m.mask.zoomed(num(region.row0), num(region.row1 - 1), num(region.col0), num(region.col1 - 1))}
                </span>
                <span className="block">{caption(view.zoom)}</span>
              </>
            }
          />
        ) : (
          <div className="aspect-square animate-pulse rounded bg-zinc-100 dark:bg-zinc-900" />
        )}
      </div>
      <div className="mt-3 grid gap-4 md:grid-cols-2">
        <Slider
          label={m.controls.zoom}
          value={zoom}
          values={ZOOM_STOPS}
          onChange={onZoom}
          format={(z) => `${z}×`}
          hint={m.controls.zoomHint}
          testId="control-zoom"
        />
        <Legend
          items={[
            { color: hex.empty, label: m.mask.legendNone },
            { color: hex.partial, label: m.mask.legendSome },
            { color: hex.attended, label: m.mask.legendAll },
            { color: hex.highlight, label: m.mask.legendRow },
          ]}
        />
      </div>
      <div className="mt-4 rounded-md bg-zinc-50 p-3 text-sm dark:bg-zinc-900/60" data-testid="row-inspector">
        <h3 className="font-medium">{m.mask.inspector}</h3>
        {info && row !== null ? (
          <>
            <p className="mt-1" data-testid="row-inspector-text">
              {m.mask.reads(num(row), num(info.count), num(n))}{' '}
              <span className="font-mono text-xs">
                {info.ranges
                  .slice(0, 8)
                  .map(([a, b]) => (b - a === 1 ? `${a}` : `${a}–${b - 1}`))
                  .join(', ')}
                {info.ranges.length > 8 ? `, … ${m.mask.more(info.ranges.length - 8)}` : ''}
              </span>
            </p>
            <div className="mt-2">
              <StripCanvas pixels={stripPx} label={m.mask.keysStrip} testId="row-inspector-strip" />
              <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">{m.mask.keysStrip}</p>
            </div>
          </>
        ) : (
          <p className="mt-1 text-zinc-600 dark:text-zinc-400">{m.mask.inspectorIdle}</p>
        )}
        <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">{m.mask.clickHint}</p>
      </div>
    </Section>
  );
});
