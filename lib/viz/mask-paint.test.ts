import { describe, expect, it } from 'vitest';
import { colorAt, packHex } from './colors';
import { keyCells, mixColor, paintDensity, paintDiff, paintKinds, paintRowHighlight, paintValues, palette } from './mask-paint';

const pal = palette(false);

describe('mask painters', () => {
  it('mixColor blends channel by channel', () => {
    expect(mixColor(packHex('#000000'), packHex('#ffffff'), 0.5)).toBe(packHex('#808080'));
    expect(mixColor(packHex('#102030'), packHex('#ffffff'), 0)).toBe(packHex('#102030'));
  });

  it('density: 0 empty, 1 attended, partial blended', () => {
    const px = paintDensity([0, 1, 0.5], pal);
    expect(px[0]).toBe(pal.empty);
    expect(px[1]).toBe(pal.attended);
    expect(px[2]).not.toBe(pal.empty);
    expect(px[2]).not.toBe(pal.attended);
  });

  it('density colours are cividis in both themes: navy when attended on light, yellow on dark', () => {
    expect(palette(false).attended).toBe(packHex(colorAt(0, 'cividis')));
    expect(palette(true).attended).toBe(packHex(colorAt(1, 'cividis')));
    const v = 51 / 255; // on the ramp's grid: u = 0.3 + 0.7 v
    expect(paintDensity([v], palette(false))[0]).toBe(packHex(colorAt(1 - (0.3 + 0.7 * v), 'cividis')));
    expect(paintDensity([v], palette(true))[0]).toBe(packHex(colorAt(0.3 + 0.7 * v, 'cividis')));
  });

  it('diff: only-A blue, only-B orange, both grey, nothing empty', () => {
    const px = paintDiff([1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], pal);
    expect([...px]).toEqual([pal.both, pal.onlyA, pal.onlyB, pal.empty]);
  });

  it('kinds and values', () => {
    expect([...paintKinds([0, 1, 2], pal)]).toEqual([pal.empty, pal.partial, pal.attended]);
    const table = new Uint32Array(256).map((_, i) => i);
    expect([...paintValues([0, 0.5, 1], 1, table, 999)]).toEqual([999, 128, 255]);
    expect([...paintValues([0.25, 1], 1, table, 999, 0.5)]).toEqual([128, 255]);
  });

  it('keyCells bins read keys into grid columns; the highlight repaints one row', () => {
    const keys = Uint8Array.from([0, 0, 1, 0, 0, 0, 0, 1]);
    expect([...keyCells(keys, 0, 8, 2)]).toEqual([0, 1, 0, 1]);
    expect([...keyCells(keys, 2, 8, 3)]).toEqual([1, 1]);
    const px = new Uint32Array(8);
    paintRowHighlight(px, 4, 1, Uint8Array.from([1, 0, 0, 1]), pal);
    expect([...px.subarray(4)]).toEqual([pal.highlight, pal.highlightEmpty, pal.highlightEmpty, pal.highlight]);
    expect(px[0]).toBe(0);
  });
});
