/**
 * The keyboard cursor of the picture components (HeatmapCanvas, the attention GridCanvas):
 * arrow keys move it by a step (steps.shift with Shift held), clamped to the cells
 * [row0, row1) × [col0, col1); Escape leaves the picture. Pure: the components keep the state.
 */
export interface CursorCell {
  row: number;
  col: number;
}

export interface CursorBounds {
  row0: number;
  row1: number;
  col0: number;
  col1: number;
}

const ARROWS: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

/**
 * The cursor after a key: a cell for an arrow (from `cur`, or the first cell when none),
 * null for Escape, undefined for any other key (not handled).
 */
export function moveCursor(
  key: string,
  shift: boolean,
  cur: CursorCell | null,
  bounds: CursorBounds,
  step: { rows: number; cols: number; shift: number },
): CursorCell | null | undefined {
  if (key === 'Escape') return null;
  const arrow = ARROWS[key];
  if (!arrow) return undefined;
  const k = shift ? step.shift : 1;
  const from = cur ?? { row: bounds.row0, col: bounds.col0 };
  return {
    row: Math.min(bounds.row1 - 1, Math.max(bounds.row0, from.row + arrow[0] * step.rows * k)),
    col: Math.min(bounds.col1 - 1, Math.max(bounds.col0, from.col + arrow[1] * step.cols * k)),
  };
}
