import { describe, expect, it } from 'vitest';
import { moveCursor } from './cursor';

const bounds = { row0: 10, row1: 20, col0: 0, col1: 8 };
const step = { rows: 2, cols: 1, shift: 10 };

describe('moveCursor', () => {
  it('starts at the first cell, moves by the step and clamps to the bounds', () => {
    expect(moveCursor('ArrowDown', false, null, bounds, step)).toEqual({ row: 12, col: 0 });
    expect(moveCursor('ArrowRight', false, { row: 12, col: 3 }, bounds, step)).toEqual({ row: 12, col: 4 });
    expect(moveCursor('ArrowUp', false, { row: 11, col: 3 }, bounds, step)).toEqual({ row: 10, col: 3 });
    expect(moveCursor('ArrowDown', true, { row: 12, col: 3 }, bounds, step)).toEqual({ row: 19, col: 3 });
    expect(moveCursor('ArrowLeft', true, { row: 12, col: 3 }, bounds, step)).toEqual({ row: 12, col: 0 });
  });

  it('Escape leaves (null); other keys are not handled (undefined)', () => {
    expect(moveCursor('Escape', false, { row: 12, col: 3 }, bounds, step)).toBeNull();
    expect(moveCursor('a', false, { row: 12, col: 3 }, bounds, step)).toBeUndefined();
    expect(moveCursor('Tab', false, null, bounds, step)).toBeUndefined();
  });
});
