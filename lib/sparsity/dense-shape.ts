/** The shape check every storage-format conversion starts with (lib/sparsity/formats.ts, format-24.ts). */
import { assertInteger, assertLength } from './validation';

export function assertDense(dense: Float32Array, rows: number, cols: number): void {
  assertInteger('rows', rows, 0);
  assertInteger('cols', cols, 0);
  assertLength('dense', dense, rows * cols, `rows × cols = ${rows} × ${cols}`);
}

export function assertBlockShape(rows: number, cols: number, blockSize: number): void {
  assertInteger('blockSize', blockSize, 1);
  if (rows % blockSize !== 0 || cols % blockSize !== 0) {
    throw new RangeError(`blockSize = ${blockSize} does not divide the shape [${rows}, ${cols}]`);
  }
}
