/**
 * Bring-your-own tensor: reads a NumPy .npy file (numpy.lib.format, versions 1.0–3.0) holding one 2-D
 * matrix of at most 4096 x 4096, parsed with the npyjs library:
 *   bytes 0–5   "\x93NUMPY", then the format version (major, minor)
 *   then        the header length (uint16 LE in 1.0, uint32 LE in 2.0/3.0) and a Python dict literal
 *               {'descr': '<f8', 'fortran_order': False, 'shape': (rows, cols), }
 *   then        rows · cols elements, row-major (column-major when fortran_order is True)
 * Accepted dtypes: float16/32/64 (f2, f4, f8), signed and unsigned integers of 1–8 bytes (i1…i8, u1…u8)
 * and bool (b1), little- or big-endian. Everything but little-endian float32/float16 is converted to
 * float32 and the conversion recorded (lib/io/matrix.ts toFloat32). Everything else is refused with a
 * MatrixFileError whose `key` the UI translates; nothing is partly loaded.
 * Output: row-major Float32Array [rows, cols] (Fortran-ordered files are transposed).
 */
import { parse } from 'npyjs';
import { checkShape, finishMatrix, MatrixFileError, MAX_FILE_BYTES, toFloat32, type LoadedMatrix, type StoredKind } from './matrix';

export const NPY_MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"

/** NumPy's name and the conversion kind of each accepted type code (descr without its byte-order char). */
const TYPES: Record<string, { name: string; kind: StoredKind }> = {
  f2: { name: 'float16', kind: 'exact' },
  f4: { name: 'float32', kind: 'exact' },
  f8: { name: 'float64', kind: 'float' },
  i1: { name: 'int8', kind: 'integer' },
  i2: { name: 'int16', kind: 'integer' },
  i4: { name: 'int32', kind: 'integer' },
  i8: { name: 'int64', kind: 'integer' },
  u1: { name: 'uint8', kind: 'integer' },
  u2: { name: 'uint16', kind: 'integer' },
  u4: { name: 'uint32', kind: 'integer' },
  u8: { name: 'uint64', kind: 'integer' },
  b1: { name: 'bool', kind: 'integer' },
};

export function hasNpyMagic(bytes: Uint8Array): boolean {
  return bytes.length >= NPY_MAGIC.length && NPY_MAGIC.every((b, i) => bytes[i] === b);
}

/** The header's dictionary text (latin-1) and where it starts, or throws not-npy / malformed. */
function readHeader(bytes: Uint8Array): { text: string; start: number } {
  if (bytes.length < 10 || !hasNpyMagic(bytes))
    throw new MatrixFileError('not-npy', 'This is not a .npy file (the "\\x93NUMPY" signature is missing).');
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [len, start] =
    major === 1
      ? [view.getUint16(8, true), 10]
      : major === 2 || major === 3
        ? [bytes.length >= 12 ? view.getUint32(8, true) : -1, 12]
        : [-1, 0];
  if (len < 0 || start + len > bytes.length)
    throw new MatrixFileError('malformed', `The .npy header is malformed (format version ${major}.${bytes[7]}).`);
  let text = '';
  for (let i = start; i < start + len; i++) text += String.fromCharCode(bytes[i]);
  return { text, start };
}

/**
 * npyjs reads little-endian data only: a copy of a big-endian file with every element's bytes reversed and
 * the descr's ">" (at `orderAt`) replaced by "<".
 */
function toLittleEndian(buffer: ArrayBuffer, orderAt: number, dataStart: number, size: number): ArrayBuffer {
  const copy = new Uint8Array(buffer.slice(0));
  copy[orderAt] = '<'.charCodeAt(0);
  const end = dataStart + Math.floor((copy.length - dataStart) / size) * size;
  for (let at = dataStart; at < end; at += size) copy.subarray(at, at + size).reverse();
  return copy.buffer;
}

export function readNpyMatrix(buffer: ArrayBuffer): LoadedMatrix {
  if (buffer.byteLength > MAX_FILE_BYTES) {
    throw new MatrixFileError(
      'too-big-file',
      `The file is ${buffer.byteLength} bytes; at most ${MAX_FILE_BYTES} are accepted (a 4096 × 4096 float32 matrix).`,
      { bytes: buffer.byteLength, max: MAX_FILE_BYTES },
    );
  }
  const bytes = new Uint8Array(buffer);
  const { text, start } = readHeader(bytes);
  const descr = /'descr'\s*:\s*'([<>|=]?)([a-zA-Z]\d*)'/.exec(text);
  if (!descr) {
    if (/'descr'\s*:\s*\[/.test(text))
      throw new MatrixFileError('dtype', 'The array has a structured dtype (named fields); a plain numeric dtype is needed.', {
        dtype: 'structured',
      });
    throw new MatrixFileError('malformed', 'The .npy header has no dtype ("descr").');
  }
  const [, order, code] = descr;
  const type = TYPES[code];
  if (!type)
    throw new MatrixFileError('dtype', `The array's dtype is ${code}; float, integer and bool arrays are accepted.`, { dtype: code });
  const size = Number(code.slice(1));
  const bigEndian = order === '>' && size > 1;

  let source = buffer;
  if (order === '>') {
    // The descr's byte-order character sits just before the type code, before the closing quote.
    const orderAt = start + descr.index + descr[0].length - 1 - code.length - 1;
    source = toLittleEndian(buffer, orderAt, start + text.length, size);
  }
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(source, { convertFloat16: true });
  } catch (err) {
    throw new MatrixFileError('malformed', `The .npy file could not be read: ${err instanceof Error ? err.message : String(err)}.`);
  }
  const shape = parsed.shape;
  if (shape.length !== 2)
    throw new MatrixFileError('rank', `The array has ${shape.length} dimension(s); a 2-D matrix is needed.`, { rank: shape.length });
  const [rows, cols] = shape;
  checkShape(rows, cols);
  // npyjs returns a typed array (a boolean[] for b1) over the rest of the file.
  const { data: converted, conversion } = toFloat32(
    parsed.data as unknown as ArrayLike<number | bigint | boolean>,
    type.name,
    type.kind,
    bigEndian,
  );
  const data = finishMatrix(converted, rows, cols, parsed.fortranOrder);
  return { data, rows, cols, dtype: type.name, conversion };
}
