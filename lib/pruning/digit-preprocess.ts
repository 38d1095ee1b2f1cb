/**
 * Turns a hand-drawn digit into an MNIST-like input, the way MNIST itself was made
 * (LeCun, Cortes & Burges: "normalized to fit in a 20x20 pixel box while preserving their
 * aspect ratio … centered in a 28x28 image by computing the center of mass of the pixels"):
 *   1. bounding box of the ink (values > inkThreshold) in the drawing [height, width];
 *   2. scale the box by s = 20 / max(boxW, boxH) with area averaging (anti-aliased);
 *   3. place it in 28 × 28 so that its centre of mass lands on pixel centre (14, 14),
 *      rounded to whole pixels (ink pushed past the border is clipped).
 * Input and output intensities are in [0, 1], 1 = ink; output is row-major [28, 28].
 */
export const DIGIT_SIDE = 28;
export const DIGIT_BOX = 20;

export interface PreprocessOptions {
  /** Ink below this counts as background when finding the box (default 0.05). */
  inkThreshold?: number;
}

/** Bounding box [top, left, bottom, right) of values above the threshold, or null if none. */
export function findInkBox(
  ink: ArrayLike<number>,
  width: number,
  height: number,
  threshold = 0.05,
): { top: number; left: number; bottom: number; right: number } | null {
  let top = height;
  let left = width;
  let bottom = -1;
  let right = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x] > threshold) {
        if (y < top) top = y;
        if (y > bottom) bottom = y;
        if (x < left) left = x;
        if (x > right) right = x;
      }
    }
  }
  return bottom < 0 ? null : { top, left, bottom: bottom + 1, right: right + 1 };
}

/**
 * Area-average resampling of src [sh, sw] to [dh, dw]: each destination pixel is the mean
 * of the source area it covers (fractional overlaps weighted), so strokes stay smooth.
 */
export function resampleArea(src: ArrayLike<number>, sw: number, sh: number, dw: number, dh: number): Float32Array {
  const out = new Float32Array(dw * dh);
  const sx = sw / dw;
  const sy = sh / dh;
  for (let y = 0; y < dh; y++) {
    const y0 = y * sy;
    const y1 = y0 + sy;
    for (let x = 0; x < dw; x++) {
      const x0 = x * sx;
      const x1 = x0 + sx;
      let sum = 0;
      for (let yy = Math.floor(y0); yy < Math.min(sh, Math.ceil(y1)); yy++) {
        const wy = Math.min(y1, yy + 1) - Math.max(y0, yy);
        if (wy <= 0) continue;
        for (let xx = Math.floor(x0); xx < Math.min(sw, Math.ceil(x1)); xx++) {
          const wx = Math.min(x1, xx + 1) - Math.max(x0, xx);
          if (wx <= 0) continue;
          sum += src[yy * sw + xx] * wx * wy;
        }
      }
      out[y * dw + x] = sum / (sx * sy);
    }
  }
  return out;
}

/**
 * MNIST-style 28 × 28 input from a drawing [height, width] (1 = ink), or null when the
 * drawing is blank.
 */
export function preprocessDrawing(
  ink: ArrayLike<number>,
  width: number,
  height: number,
  options: PreprocessOptions = {},
): Float32Array | null {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`drawing size must be positive integers, got ${width} × ${height}`);
  }
  if (ink.length !== width * height) throw new RangeError(`drawing has ${ink.length} values, expected ${width}·${height}`);
  const box = findInkBox(ink, width, height, options.inkThreshold ?? 0.05);
  if (!box) return null;
  const bw = box.right - box.left;
  const bh = box.bottom - box.top;
  const crop = new Float32Array(bw * bh);
  for (let y = 0; y < bh; y++)
    for (let x = 0; x < bw; x++) crop[y * bw + x] = Math.min(1, Math.max(0, ink[(box.top + y) * width + box.left + x]));
  const s = DIGIT_BOX / Math.max(bw, bh);
  const dw = Math.max(1, Math.min(DIGIT_BOX, Math.round(bw * s)));
  const dh = Math.max(1, Math.min(DIGIT_BOX, Math.round(bh * s)));
  const small = resampleArea(crop, bw, bh, dw, dh);
  // Centre of mass of the scaled digit (pixel centres at +0.5).
  let mass = 0;
  let cx = 0;
  let cy = 0;
  for (let y = 0; y < dh; y++) {
    for (let x = 0; x < dw; x++) {
      const v = small[y * dw + x];
      mass += v;
      cx += v * (x + 0.5);
      cy += v * (y + 0.5);
    }
  }
  cx = mass > 0 ? cx / mass : dw / 2;
  cy = mass > 0 ? cy / mass : dh / 2;
  const offX = Math.round(DIGIT_SIDE / 2 - cx);
  const offY = Math.round(DIGIT_SIDE / 2 - cy);
  const out = new Float32Array(DIGIT_SIDE * DIGIT_SIDE);
  for (let y = 0; y < dh; y++) {
    const ty = y + offY;
    if (ty < 0 || ty >= DIGIT_SIDE) continue;
    for (let x = 0; x < dw; x++) {
      const tx = x + offX;
      if (tx < 0 || tx >= DIGIT_SIDE) continue;
      out[ty * DIGIT_SIDE + tx] = Math.min(1, small[y * dw + x]);
    }
  }
  return out;
}
