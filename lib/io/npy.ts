/**
 * Bring-your-own tensor: reads a NumPy .npy file (format 1.0-3.0,
 * numpy.lib.format) holding one 2-D float32 or float16 matrix of at most 4096 x 4096,
 * parsed with the npyjs library. Everything else is refused with an NpyError whose
 * `key` the UI translates and whose message names the problem; nothing is partly loaded.
 * Output: row-major Float32Array [rows, cols] (Fortran-ordered files are transposed;
 * float16 is widened exactly).
 */
import { parse } from 'npyjs';

export const MAX_NPY_DIM = 4096;
/** Largest file accepted before parsing: a 4096 x 4096 float32 matrix plus a generous header. */
export const MAX_NPY_BYTES = MAX_NPY_DIM * MAX_NPY_DIM * 4 + 65536;

export type NpyProblem = 'too-big-file' | 'not-npy' | 'malformed' | 'byte-order' | 'dtype' | 'rank' | 'empty' | 'too-large' | 'non-finite';

export class NpyError extends Error {
  readonly key: NpyProblem;
  readonly values: Record<string, string | number>;
  constructor(key: NpyProblem, message: string, values: Record<string, string | number> = {}) {
    super(message);
    this.name = 'NpyError';
    this.key = key;
    this.values = values;
  }
}

export interface NpyMatrix {
  data: Float32Array;
  rows: number;
  cols: number;
  dtype: 'float32' | 'float16';
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"

/** The header's dictionary text (latin-1), or throws not-npy / malformed. */
function readHeader(bytes: Uint8Array): string {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw new NpyError('not-npy', 'This is not a .npy file (the "\\x93NUMPY" signature is missing).');
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [len, start] = major === 1 ? [view.getUint16(8, true), 10] : major === 2 || major === 3 ? [bytes.length >= 12 ? view.getUint32(8, true) : -1, 12] : [-1, 0];
  if (len < 0 || start + len > bytes.length) throw new NpyError('malformed', `The .npy header is malformed (format version ${major}.${bytes[7]}).`);
  let text = '';
  for (let i = start; i < start + len; i++) text += String.fromCharCode(bytes[i]);
  return text;
}

export function readNpyMatrix(buffer: ArrayBuffer): NpyMatrix {
  if (buffer.byteLength > MAX_NPY_BYTES) {
    throw new NpyError('too-big-file', `The file is ${buffer.byteLength} bytes; at most ${MAX_NPY_BYTES} are accepted (a 4096 × 4096 float32 matrix).`, { bytes: buffer.byteLength, max: MAX_NPY_BYTES });
  }
  const header = readHeader(new Uint8Array(buffer));
  const descr = /'descr'\s*:\s*'([<>|=]?)([a-zA-Z]\d*)'/.exec(header);
  if (!descr) throw new NpyError('malformed', 'The .npy header has no dtype ("descr").');
  const [, order, kind] = descr;
  if (order === '>') throw new NpyError('byte-order', 'Big-endian arrays are not supported; save with dtype "<f4" or "<f2".');
  if (kind !== 'f4' && kind !== 'f2') throw new NpyError('dtype', `The array's dtype is ${kind}; only float32 (f4) and float16 (f2) are accepted.`, { dtype: kind });

  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(buffer, { convertFloat16: true });
  } catch (err) {
    throw new NpyError('malformed', `The .npy file could not be read: ${err instanceof Error ? err.message : String(err)}.`);
  }
  const shape = parsed.shape;
  if (shape.length !== 2) throw new NpyError('rank', `The array has ${shape.length} dimension(s); a 2-D matrix is needed.`, { rank: shape.length });
  const [rows, cols] = shape;
  if (rows < 1 || cols < 1) throw new NpyError('empty', `The matrix is empty (${rows} × ${cols}).`, { rows, cols });
  if (rows > MAX_NPY_DIM || cols > MAX_NPY_DIM) {
    throw new NpyError('too-large', `The matrix is ${rows} × ${cols}; at most ${MAX_NPY_DIM} × ${MAX_NPY_DIM} is accepted.`, { rows, cols, max: MAX_NPY_DIM });
  }
  const source = parsed.data as Float32Array;
  if (!(source instanceof Float32Array) || source.length !== rows * cols) {
    throw new NpyError('malformed', `The file holds ${source.length} values, not ${rows} × ${cols} = ${rows * cols}.`);
  }
  const data = new Float32Array(rows * cols);
  if (parsed.fortranOrder) {
    for (let c = 0; c < cols; c++) for (let r = 0; r < rows; r++) data[r * cols + c] = source[c * rows + r];
  } else data.set(source);
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      const row = Math.floor(i / cols);
      const col = i % cols;
      throw new NpyError('non-finite', `The matrix has a non-finite value (${data[i]}) at row ${row}, column ${col}.`, { row, col });
    }
  }
  return { data, rows, cols, dtype: kind === 'f4' ? 'float32' : 'float16' };
}
