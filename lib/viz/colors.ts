/**
 * Colour lookup tables for heatmaps: viridis (colour-blind safe, perceptually uniform,
 * from d3-scale-chromatic) sampled into 256 RGBA entries, so drawing a pixel is one
 * table read.
 */
import { rgb } from 'd3-color';
import { interpolateCividis, interpolateViridis } from 'd3-scale-chromatic';

export type ColorScaleName = 'viridis' | 'cividis';

/** 256 entries of packed RGBA bytes (ABGR little-endian, as ImageData's Uint32 view wants). */
export function colorTable(name: ColorScaleName = 'viridis'): Uint32Array {
  const interp = name === 'viridis' ? interpolateViridis : interpolateCividis;
  const out = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    const c = rgb(interp(i / 255));
    out[i] = (255 << 24) | (c.b << 16) | (c.g << 8) | c.r;
  }
  return out;
}

/** Packs a CSS hex colour (#rrggbb) for a Uint32 ImageData view. */
export function packHex(hex: string): number {
  const n = Number.parseInt(hex.replace('#', ''), 16);
  const r = (n >> 16) & 255;
  const g = (n >> 8) & 255;
  const b = n & 255;
  return ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

/** Hex colour of a value in [0, 1] on the scale (for legends and SVG). */
export function colorAt(t: number, name: ColorScaleName = 'viridis'): string {
  const interp = name === 'viridis' ? interpolateViridis : interpolateCividis;
  return rgb(interp(Math.min(1, Math.max(0, t)))).formatHex();
}

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const n = Number.parseInt(hex.replace('#', ''), 16);
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin((n >> 16) & 255) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255);
}

/** Black-ish or white text, whichever contrasts more with the background (WCAG ratio). */
export function textColorOn(background: string): '#111111' | '#ffffff' {
  const l = luminance(background);
  const dark = luminance('#111111');
  return (l + 0.05) / (dark + 0.05) >= 1.05 / (l + 0.05) ? '#111111' : '#ffffff';
}
