import { describe, expect, it } from 'vitest';
import { aggregateGrid } from './aggregate';

describe('aggregateGrid', () => {
  it('leaves a matrix that fits untouched', () => {
    const g = aggregateGrid([1, 0, 0, 1], 2, 2, 4, 4);
    expect(g).toMatchObject({ rows: 2, cols: 2, blockRows: 1, blockCols: 1 });
    expect([...g.values]).toEqual([1, 0, 0, 1]);
  });

  it('averages 2 x 2 blocks of a 4 x 4 identity into 0.5 on the diagonal', () => {
    const eye = Array.from({ length: 16 }, (_, i) => (i % 5 === 0 ? 1 : 0));
    const g = aggregateGrid(eye, 4, 4, 2, 2);
    expect([...g.values]).toEqual([0.5, 0, 0, 0.5]);
  });

  it('averages partial edge blocks over the cells they have', () => {
    const g = aggregateGrid([1, 1, 1, 1, 1, 1, 1, 1, 1], 3, 3, 2, 2);
    expect(g).toMatchObject({ rows: 2, cols: 2, blockRows: 2, blockCols: 2 });
    expect([...g.values]).toEqual([1, 1, 1, 1]);
  });

  it('takes |value| when asked', () => {
    expect([...aggregateGrid([-1, 1], 1, 2, 1, 1, true).values]).toEqual([1]);
    expect([...aggregateGrid([-1, 1], 1, 2, 1, 1).values]).toEqual([0]);
  });
});

import { colorAt, textColorOn } from './colors';

describe('textColorOn', () => {
  it('puts white on dark viridis and dark text on bright viridis, at least 4.5:1 either way', () => {
    expect(textColorOn(colorAt(0))).toBe('#ffffff');
    expect(textColorOn(colorAt(1))).toBe('#111111');
    expect(textColorOn(colorAt(0.5))).toBe('#111111');
  });
});
