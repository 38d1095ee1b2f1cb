/**
 * Seeded input augmentation for training on the small (8,000-digit) train split.
 *
 * Translation: each digit x [28, 28] is moved by an integer offset (dx, dy), drawn uniformly
 * from {−s … s}² with s = maxShift, and the uncovered border is filled with 0 (background):
 *   x'[r, c] = x[r − dy, c − dx]  if 0 ≤ r − dy < 28 and 0 ≤ c − dx < 28,  else 0.
 * Ink that moves past the edge is lost. In the mnist-package digits most have a ≥ 1-pixel blank
 * margin, but about 1 % of the train digits touch the border, so a shift may crop a few pixels.
 */
import { MNIST_COLS, MNIST_ROWS } from './mnist';

/** Copies one rows × cols image from src (at srcOffset) to dst (at dstOffset), shifted by (dx, dy). */
export function shiftImage(
  src: Float32Array,
  srcOffset: number,
  dst: Float32Array,
  dstOffset: number,
  dx: number,
  dy: number,
  rows: number = MNIST_ROWS,
  cols: number = MNIST_COLS,
): void {
  for (let r = 0; r < rows; r++) {
    const sr = r - dy;
    const rowOut = dstOffset + r * cols;
    if (sr < 0 || sr >= rows) {
      dst.fill(0, rowOut, rowOut + cols);
      continue;
    }
    const rowIn = srcOffset + sr * cols;
    for (let c = 0; c < cols; c++) {
      const sc = c - dx;
      dst[rowOut + c] = sc >= 0 && sc < cols ? src[rowIn + sc] : 0;
    }
  }
}

/**
 * Returns a shifted copy of `count` digits images [count, 784]: digit n moves by
 * (dx, dy) = (⌊u₁ (2s+1)⌋ − s, ⌊u₂ (2s+1)⌋ − s) with u₁, u₂ the next two draws of `random`.
 */
export function shiftDigitsRandomly(images: Float32Array, count: number, random: () => number, maxShift = 1): Float32Array {
  const pixels = MNIST_ROWS * MNIST_COLS;
  if (images.length !== count * pixels) throw new RangeError(`expected ${count * pixels} values, got ${images.length}`);
  const out = new Float32Array(images.length);
  const span = 2 * maxShift + 1;
  for (let n = 0; n < count; n++) {
    const dx = Math.floor(random() * span) - maxShift;
    const dy = Math.floor(random() * span) - maxShift;
    shiftImage(images, n * pixels, out, n * pixels, dx, dy);
  }
  return out;
}
