/**
 * What every bring-your-own matrix reader shares (lib/io/npy.ts for NumPy .npy, lib/io/safetensors-matrix.ts
 * for Hugging Face .safetensors): the limits, the error with a kebab-case key the UI translates, and the
 * conversion of stored numbers to the float32 row-major [rows, cols] matrix the labs analyse, with a
 * record of what the conversion changed. Nothing is partly loaded: a reader returns a whole matrix or
 * throws one MatrixFileError.
 */

export const MAX_MATRIX_DIM = 4096;
/** Largest file accepted before parsing: a 4096 x 4096 float32 matrix plus a generous header (64 MiB + 64 KiB). */
export const MAX_FILE_BYTES = MAX_MATRIX_DIM * MAX_MATRIX_DIM * 4 + 65536;
/** The largest finite float32, (2 − 2⁻²³) · 2¹²⁷ ≈ 3.4028235e38. */
export const FLOAT32_MAX = 3.4028234663852886e38;

export type MatrixProblem =
  | 'too-big-file' // larger than MAX_FILE_BYTES
  | 'not-npy' // neither the .npy signature nor a safetensors header
  | 'malformed' // an .npy header or body that cannot be read
  | 'dtype' // complex, string, object or structured values
  | 'rank' // not 2-D
  | 'empty' // a side of length 0
  | 'too-large' // a side longer than MAX_MATRIX_DIM
  | 'non-finite' // NaN or ±Infinity
  | 'safetensors-unreadable' // a .safetensors file whose header cannot be read
  | 'safetensors-truncated' // a .safetensors file that ends before one of its tensors does
  | 'no-matrix' // a .safetensors file without a 2-D tensor that can be analysed
  | 'no-tensor'; // the tensor asked for is not in the file, or cannot be analysed

export class MatrixFileError extends Error {
  readonly key: MatrixProblem;
  readonly values: Record<string, string | number>;
  constructor(key: MatrixProblem, message: string, values: Record<string, string | number> = {}) {
    super(message);
    this.name = 'MatrixFileError';
    this.key = key;
    this.values = values;
  }
}

/** What turning the stored numbers into float32 did; absent when they were float32 values stored little-endian. */
export interface Conversion {
  /** The stored dtype as the file names it: NumPy's ("float64", "int32", "uint8") or safetensors' ("F64", "I8"). */
  from: string;
  /** 'float' for float64, 'integer' for integers and booleans, 'exact' for float32 / float16 stored big-endian. */
  kind: StoredKind;
  /** Stored big-endian (a ">" .npy descr with elements of 2 bytes or more): the bytes were reordered. */
  bigEndian: boolean;
  /** Number of values. */
  total: number;
  /** Finite values whose nearest float32 differs from the stored value (clamped ones not included). */
  rounded: number;
  /** Of `rounded`: non-zero values below float32's smallest subnormal (≈ 1.4e-45) that became 0. */
  toZero: number;
  /** Finite values beyond float32's range (|v| rounds past FLOAT32_MAX), clamped to ±FLOAT32_MAX. */
  clamped: number;
}

export interface LoadedMatrix {
  /** Row-major [rows, cols]. */
  data: Float32Array;
  rows: number;
  cols: number;
  /** The stored dtype as the file names it ("float32", "float16", "float64", "F32", "BF16", ...). */
  dtype: string;
  conversion: Conversion | null;
}

/**
 * How stored values become float32: 'exact' for dtypes whose every value is a float32 (float32, and
 * float16 / bfloat16 already widened), 'float' for float64 (rounded to nearest; beyond float32's range
 * clamped), 'integer' for integers and booleans (exact up to 2²⁴ in magnitude, else rounded to nearest).
 */
export type StoredKind = 'exact' | 'float' | 'integer';

/**
 * Copies `values` (one number, bigint or boolean per element, in file order) into a Float32Array and counts
 * what changed. NaN and ±Infinity pass through unchanged (finishMatrix refuses them with their position).
 */
export function toFloat32(
  values: ArrayLike<number | bigint | boolean>,
  from: string,
  kind: StoredKind,
  bigEndian: boolean,
): { data: Float32Array; conversion: Conversion | null } {
  const n = values.length;
  const data = new Float32Array(n);
  let rounded = 0;
  let toZero = 0;
  let clamped = 0;
  for (let i = 0; i < n; i++) {
    const stored = values[i];
    if (typeof stored === 'bigint') {
      // int64 / uint64: Number() is exact below 2^53; the comparison is done on the integers themselves.
      const f = Math.fround(Number(stored));
      data[i] = f;
      if (Math.abs(f) > 16777216 && BigInt(f) !== stored) rounded++;
      continue;
    }
    const v = Number(stored);
    const f = Math.fround(v);
    if (f === v || Number.isNaN(v)) data[i] = f;
    else if (Number.isFinite(v) && !Number.isFinite(f)) {
      data[i] = v > 0 ? FLOAT32_MAX : -FLOAT32_MAX;
      clamped++;
    } else {
      data[i] = f;
      rounded++;
      if (f === 0) toZero++;
    }
  }
  const conversion = kind === 'exact' && !bigEndian ? null : { from, kind, bigEndian, total: n, rounded, toZero, clamped };
  return { data, conversion };
}

/** Refuses a shape that is not a non-empty matrix of at most MAX_MATRIX_DIM on each side (empty, too-large). */
export function checkShape(rows: number, cols: number): void {
  if (rows < 1 || cols < 1) throw new MatrixFileError('empty', `The matrix is empty (${rows} × ${cols}).`, { rows, cols });
  if (rows > MAX_MATRIX_DIM || cols > MAX_MATRIX_DIM) {
    throw new MatrixFileError('too-large', `The matrix is ${rows} × ${cols}; at most ${MAX_MATRIX_DIM} × ${MAX_MATRIX_DIM} is accepted.`, {
      rows,
      cols,
      max: MAX_MATRIX_DIM,
    });
  }
}

/**
 * Returns the [rows, cols] matrix held in `source` (row-major, or column-major when `fortranOrder`) as
 * row-major. Throws malformed (not rows · cols values) or non-finite (naming the first such value's row
 * and column, counted in the row-major result).
 */
export function finishMatrix(source: Float32Array, rows: number, cols: number, fortranOrder: boolean): Float32Array {
  if (source.length !== rows * cols)
    throw new MatrixFileError('malformed', `The file holds ${source.length} values, not ${rows} × ${cols} = ${rows * cols}.`);
  let data = source;
  if (fortranOrder) {
    data = new Float32Array(rows * cols);
    for (let c = 0; c < cols; c++) for (let r = 0; r < rows; r++) data[r * cols + c] = source[c * rows + r];
  }
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      const row = Math.floor(i / cols);
      const col = i % cols;
      throw new MatrixFileError('non-finite', `The matrix has a non-finite value (${data[i]}) at row ${row}, column ${col}.`, { row, col });
    }
  }
  return data;
}
