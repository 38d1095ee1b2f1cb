/**
 * Pixel painters for the attention lab's canvases: each turns a grid of numbers into packed
 * RGBA pixels (ABGR little-endian, the Uint32 view of ImageData, as lib/viz/colors.ts).
 * Colours (colour-blind safe in both themes): the attended fraction of a cell on cividis
 * (Nuñez et al. 2018, d3-scale-chromatic's interpolateCividis), position u = 0.3 + 0.7·v so
 * thin bands stay visible, navy for fully attended on the light theme (cividis(1 − u)) and
 * yellow on the dark one (cividis(u)); empty cells in the page's neutral grey; differences
 * in blue (only the first pattern) and orange (only the second), grey for both; the
 * inspected row in fuchsia, off the blue–yellow axis.
 */
import { colorAt, packHex } from './colors';

export interface Palette {
  /** Density colours: ramp[round(255 · v)] for an attended fraction v in (0, 1]. */
  ramp: Uint32Array;
  empty: number;
  attended: number;
  partial: number;
  both: number;
  onlyA: number;
  onlyB: number;
  highlight: number;
  highlightEmpty: number;
}

export type PaletteHex = Record<Exclude<keyof Palette, 'ramp'>, string>;

/** The density colour of an attended fraction v in (0, 1] (see the top). */
function densityHex(v: number, dark: boolean): string {
  const u = 0.3 + 0.7 * v;
  return colorAt(dark ? u : 1 - u, 'cividis');
}

/** The palettes as CSS hex colours (legends use these). */
export function paletteHex(dark: boolean): PaletteHex {
  return dark
    ? {
        empty: '#27272a',
        attended: densityHex(1, true),
        partial: densityHex(0.5, true),
        both: '#a1a1aa',
        onlyA: '#60a5fa',
        onlyB: '#fb923c',
        highlight: '#f0abfc',
        highlightEmpty: '#701a75',
      }
    : {
        empty: '#e4e4e7',
        attended: densityHex(1, false),
        partial: densityHex(0.5, false),
        both: '#52525b',
        onlyA: '#2563eb',
        onlyB: '#ea580c',
        highlight: '#c026d3',
        highlightEmpty: '#f5d0fe',
      };
}

const palettes = new Map<boolean, Palette>();

export function palette(dark: boolean): Palette {
  let pal = palettes.get(dark);
  if (!pal) {
    const hex = paletteHex(dark);
    const ramp = new Uint32Array(256);
    for (let i = 0; i < 256; i++) ramp[i] = packHex(densityHex(i / 255, dark));
    pal = { ramp } as Palette;
    for (const key of Object.keys(hex) as (keyof PaletteHex)[]) pal[key] = packHex(hex[key]);
    palettes.set(dark, pal);
  }
  return pal;
}

/** Linear blend of two packed colours, t in [0, 1] (0 gives a). Alpha stays opaque. */
export function mixColor(a: number, b: number, t: number): number {
  const ch = (x: number, shift: number) => (x >>> shift) & 255;
  const m = (shift: number) => Math.round(ch(a, shift) + (ch(b, shift) - ch(a, shift)) * t);
  return ((255 << 24) | (m(16) << 16) | (m(8) << 8) | m(0)) >>> 0;
}

/** Fractions in [0, 1]: 0 is empty, 1 is attended, in between on the cividis ramp. */
export function paintDensity(values: ArrayLike<number>, pal: Palette): Uint32Array {
  const px = new Uint32Array(values.length);
  const ramp = pal.ramp;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    px[i] = v <= 0 ? pal.empty : v >= 1 ? pal.attended : ramp[Math.round(v * 255)];
  }
  return px;
}

/** Difference cells: the hue of what the cell holds (both / only A / only B), the strength of how much. */
export function paintDiff(both: ArrayLike<number>, onlyA: ArrayLike<number>, onlyB: ArrayLike<number>, pal: Palette): Uint32Array {
  const px = new Uint32Array(both.length);
  for (let i = 0; i < both.length; i++) {
    const total = both[i] + onlyA[i] + onlyB[i];
    if (total <= 0) {
      px[i] = pal.empty;
      continue;
    }
    // the dominant difference wins the hue, so a thin band of "only A" is not drowned by "both"
    const hue = onlyA[i] >= onlyB[i] ? (onlyA[i] > 0 ? pal.onlyA : pal.both) : pal.onlyB;
    const strength = total >= 1 ? 1 : 0.3 + 0.7 * total;
    px[i] = mixColor(pal.empty, hue, strength);
  }
  return px;
}

/** Block kinds: 0 empty, 1 partial, 2 full. */
export function paintKinds(kinds: ArrayLike<number>, pal: Palette): Uint32Array {
  const px = new Uint32Array(kinds.length);
  for (let i = 0; i < kinds.length; i++) px[i] = kinds[i] === 2 ? pal.attended : kinds[i] === 1 ? pal.partial : pal.empty;
  return px;
}

/**
 * Values in [0, max] through a 256-entry colour table, on a power scale (v / max)^gamma
 * (gamma 0.5 = square root, which lifts the many small probabilities of a long row);
 * exact zeros (masked) in the empty colour.
 */
export function paintValues(values: ArrayLike<number>, max: number, table: Uint32Array, empty: number, gamma = 1): Uint32Array {
  const px = new Uint32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === 0 || !(max > 0)) {
      px[i] = empty;
      continue;
    }
    const t = (v / max) ** gamma;
    px[i] = table[Math.min(255, Math.max(0, Math.round(t * 255)))];
  }
  return px;
}

/**
 * Which grid columns hold at least one key of `keys` (Uint8Array(n), 1 = read) within the
 * region columns [col0, col1), `blockCols` keys per grid column.
 */
export function keyCells(keys: Uint8Array, col0: number, col1: number, blockCols: number): Uint8Array {
  const cols = Math.ceil((col1 - col0) / blockCols);
  const out = new Uint8Array(cols);
  for (let j = col0; j < col1; j++) if (keys[j] !== 0) out[Math.floor((j - col0) / blockCols)] = 1;
  return out;
}

/** Repaints grid row `gridRow`: cells the inspected query reads in the highlight colour, the rest pale. */
export function paintRowHighlight(px: Uint32Array, cols: number, gridRow: number, cells: Uint8Array, pal: Palette): void {
  const base = gridRow * cols;
  for (let c = 0; c < cols; c++) px[base + c] = cells[c] ? pal.highlight : pal.highlightEmpty;
}
