import { describe, expect, it } from 'vitest';
import { DIGIT_SIDE, findInkBox, preprocessDrawing, resampleArea } from './digit-preprocess';

/** A w × h drawing with a filled rectangle of ink. */
function rect(w: number, h: number, x0: number, y0: number, x1: number, y1: number): Float32Array {
  const out = new Float32Array(w * h);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) out[y * w + x] = 1;
  return out;
}

function centreOfMass(img: Float32Array): [number, number] {
  let m = 0;
  let cx = 0;
  let cy = 0;
  for (let y = 0; y < DIGIT_SIDE; y++)
    for (let x = 0; x < DIGIT_SIDE; x++) {
      const v = img[y * DIGIT_SIDE + x];
      m += v;
      cx += v * (x + 0.5);
      cy += v * (y + 0.5);
    }
  return [cx / m, cy / m];
}

describe('findInkBox', () => {
  it('finds the half-open bounding box', () => {
    expect(findInkBox(rect(10, 10, 2, 3, 5, 9), 10, 10)).toEqual({ top: 3, left: 2, bottom: 9, right: 5 });
  });
  it('a blank drawing has none', () => expect(findInkBox(new Float32Array(9), 3, 3)).toBeNull());
});

describe('resampleArea', () => {
  it('averages areas: 4 × 4 → 2 × 2 block means', () => {
    const src = Float32Array.from([1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
    expect(Array.from(resampleArea(src, 4, 4, 2, 2))).toEqual([1, 0, 0, 0.5]);
  });
  it('keeps the mean intensity when shrinking by a fractional factor', () => {
    const src = rect(7, 7, 1, 1, 6, 6);
    const out = resampleArea(src, 7, 7, 3, 3);
    const mean = (a: Float32Array) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(out)).toBeCloseTo(mean(src), 5);
  });
});

describe('preprocessDrawing (MNIST: 20 × 20 box, centre of mass at the centre of 28 × 28)', () => {
  it('a blank pad gives null', () => expect(preprocessDrawing(new Float32Array(280 * 280), 280, 280)).toBeNull());
  it('a tall stroke is scaled to 20 pixels high, aspect kept, centred by mass', () => {
    const img = preprocessDrawing(rect(280, 280, 30, 20, 70, 220), 280, 280) as Float32Array; // 40 × 200 → 4 × 20
    const box = findInkBox(img, DIGIT_SIDE, DIGIT_SIDE) as NonNullable<ReturnType<typeof findInkBox>>;
    expect(box.bottom - box.top).toBe(20);
    expect(box.right - box.left).toBe(4);
    const [cx, cy] = centreOfMass(img);
    expect(Math.abs(cx - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(cy - 14)).toBeLessThanOrEqual(0.5);
  });
  it('position on the pad does not matter', () => {
    const a = preprocessDrawing(rect(100, 100, 5, 5, 45, 45), 100, 100);
    const b = preprocessDrawing(rect(100, 100, 50, 40, 90, 80), 100, 100);
    expect(b).toEqual(a);
  });
  it('output is in [0, 1]', () => {
    const ink = rect(50, 50, 10, 10, 40, 40).map((v) => v * 3);
    const img = preprocessDrawing(ink, 50, 50) as Float32Array;
    expect(Math.max(...img)).toBeLessThanOrEqual(1);
    expect(Math.min(...img)).toBeGreaterThanOrEqual(0);
  });
  it('rejects a size that does not match', () => {
    expect(() => preprocessDrawing(new Float32Array(5), 2, 2)).toThrow(/values/);
  });
});
