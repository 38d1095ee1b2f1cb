import { describe, expect, it } from 'vitest';
import { aggregateGrid } from '../viz/aggregate';
import { countPatternPairs } from './cost';
import { createMaskGrid, fullRegion, maskGrid, maskGridWithin, rowKeys, zoomRegion } from './mask-grid';
import { countPairOverlap, createDiffGrid } from './mask-diff';
import { PATTERN_NAMES, patternMask } from './patterns';
import { smallParams } from './test-helpers';

describe('maskGrid', () => {
  it.each(PATTERN_NAMES)('%s: equals aggregateGrid of the element mask (whole matrix and a region, exact and aggregated)', (name) => {
    for (const causal of [false, true]) {
      const p = { ...smallParams(45, 5, causal, 7), randomBlocks: 1 };
      const mask = patternMask(name, p);
      for (const maxPixels of [45, 8, 3]) {
        const g = maskGrid(name, p, fullRegion(45), maxPixels);
        const ref = aggregateGrid(mask, 45, 45, maxPixels, maxPixels);
        expect(g.rows).toBe(ref.rows);
        expect(g.blockRows).toBe(ref.blockRows);
        for (let i = 0; i < ref.values.length; i++) expect(g.values[i]).toBeCloseTo(ref.values[i], 6);
      }
      // region rows 10..30, cols 5..41, exact
      const region = { row0: 10, row1: 30, col0: 5, col1: 41 };
      const g = maskGrid(name, p, region, 64);
      for (let r = 0; r < 20; r++) for (let c = 0; c < 36; c++) expect(g.values[r * 36 + c]).toBe(mask[(10 + r) * 45 + 5 + c]);
    }
  });

  it.each(['dilated', 'strided', 'fixed'] as const)(
    '%s: periodic segments counted per cell (closed form and whole-cell runs) equal the mask',
    (name) => {
      // periods that divide the cell width (runs) and that do not (per-cell closed form)
      for (const [dilation, stride, maxPixels] of [
        [2, 4, 24],
        [3, 5, 24],
        [4, 8, 12],
        [5, 6, 7],
      ]) {
        const p = { ...smallParams(96, 8, false, 40), dilation, stride, summaryTokens: 2 };
        const mask = patternMask(name, p);
        const g = maskGrid(name, p, fullRegion(96), maxPixels);
        const ref = aggregateGrid(mask, 96, 96, maxPixels, maxPixels);
        for (let i = 0; i < ref.values.length; i++) expect(g.values[i]).toBeCloseTo(ref.values[i], 6);
        const region = { row0: 7, row1: 90, col0: 3, col1: 93 };
        const gr = maskGrid(name, p, region, maxPixels);
        const sub = new Uint8Array(83 * 90);
        for (let r = 0; r < 83; r++) for (let c = 0; c < 90; c++) sub[r * 90 + c] = mask[(7 + r) * 96 + 3 + c];
        const refR = aggregateGrid(sub, 83, 90, maxPixels, maxPixels);
        for (let i = 0; i < refR.values.length; i++) expect(gr.values[i]).toBeCloseTo(refR.values[i], 6);
      }
    },
  );

  it('an 8192-token window grid of 512 pixels has the right total without building the mask', () => {
    const p = { ...smallParams(8192, 64, false), windowSize: 256 };
    const g = maskGrid('window', p, fullRegion(8192), 512);
    expect(g.rows).toBe(512);
    expect(g.blockRows).toBe(16);
    const total = g.values.reduce((s, v) => s + v * 256, 0);
    expect(total).toBeCloseTo(countPatternPairs('window', p), 0);
  });

  it('builds in chunks: rowsLeft counts down and finish refuses early', () => {
    const b = createMaskGrid('causal', smallParams(20, 4, false), fullRegion(20), 20);
    expect(b.rowsLeft).toBe(20);
    b.addRows(7);
    expect(b.rowsLeft).toBe(13);
    expect(() => b.finish()).toThrow();
    b.addRows(100);
    expect(b.finish().values[19 * 20 + 19]).toBe(1);
  });

  it('refuses a region outside the matrix', () => {
    expect(() => maskGrid('dense', smallParams(10, 2, false), { row0: 0, row1: 11, col0: 0, col1: 10 }, 10)).toThrow(RangeError);
  });
});

describe('maskGridWithin', () => {
  const p = { ...smallParams(256, 16, false), windowSize: 8 };
  it('gives the same grid as maskGrid when the clock stays inside the budget', () => {
    expect(maskGridWithin('window', p, fullRegion(256), 64, 5, () => 0)).toEqual(maskGrid('window', p, fullRegion(256), 64));
  });
  it('gives up (null) once the clock passes the budget before the last row', () => {
    let t = 0;
    const clock = () => (t += 2); // 2 ms per read: over a 5 ms budget after the third chunk
    expect(maskGridWithin('window', p, fullRegion(256), 64, 5, clock)).toBeNull();
  });
});

describe('zoomRegion', () => {
  it('is n/zoom a side, centred, and kept inside the matrix', () => {
    expect(zoomRegion(1024, 8, 512, 512)).toEqual({ row0: 448, row1: 576, col0: 448, col1: 576 });
    expect(zoomRegion(1024, 8, 0, 1023)).toEqual({ row0: 0, row1: 128, col0: 896, col1: 1024 });
    expect(zoomRegion(100, 3, 50, 50)).toEqual({ row0: 33, row1: 67, col0: 33, col1: 67 });
    expect(zoomRegion(64, 1, 5000, 5000)).toEqual(fullRegion(64));
  });
});

describe('rowKeys', () => {
  it('lists the keys a query reads as merged ranges', () => {
    const p = { ...smallParams(20, 4, false), windowSize: 5, globalTokens: 2 };
    const r = rowKeys('longformer', p, 10);
    expect(r.ranges).toEqual([
      [0, 2],
      [8, 13],
    ]);
    expect(r.count).toBe(7);
    expect(r.keys[9]).toBe(1);
    expect(() => rowKeys('dense', p, 20)).toThrow(RangeError);
  });
});

describe('countPairOverlap', () => {
  it('window vs causal: both = lower half of the window, the rest split', () => {
    const p = { ...smallParams(30, 5, false), windowSize: 7 };
    const a = patternMask('window', p);
    const b = patternMask('causal', p);
    let both = 0;
    let onlyA = 0;
    let onlyB = 0;
    for (let i = 0; i < a.length; i++) {
      if (a[i] && b[i]) both++;
      else if (a[i]) onlyA++;
      else if (b[i]) onlyB++;
    }
    expect(countPairOverlap({ name: 'window', params: p }, { name: 'causal', params: p })).toEqual({ both, onlyA, onlyB });
    const first = countPairOverlap({ name: 'window', params: p }, { name: 'causal', params: p }, 0, 12);
    const rest = countPairOverlap({ name: 'window', params: p }, { name: 'causal', params: p }, 12, 30);
    expect(first.both + rest.both).toBe(both);
  });
});

describe('createDiffGrid', () => {
  it('splits every cell into both / only A / only B, matching the element masks', () => {
    const p = { ...smallParams(33, 4, false), windowSize: 9, globalTokens: 2 };
    const a = patternMask('longformer', p);
    const b = patternMask('causal', p);
    const builder = createDiffGrid({ name: 'longformer', params: p }, { name: 'causal', params: p }, fullRegion(33), 8);
    builder.addRows(3);
    builder.addRows(99);
    const g = builder.finish();
    const refBoth = aggregateGrid(
      a.map((x, i) => x & b[i]),
      33,
      33,
      8,
      8,
    );
    const refA = aggregateGrid(
      a.map((x, i) => x & (1 - b[i])),
      33,
      33,
      8,
      8,
    );
    const refB = aggregateGrid(
      b.map((x, i) => x & (1 - a[i])),
      33,
      33,
      8,
      8,
    );
    for (let i = 0; i < refBoth.values.length; i++) {
      expect(g.both[i]).toBeCloseTo(refBoth.values[i], 6);
      expect(g.onlyA[i]).toBeCloseTo(refA.values[i], 6);
      expect(g.onlyB[i]).toBeCloseTo(refB.values[i], 6);
    }
  });
});
