/**
 * Bring-your-own tensor from a Hugging Face .safetensors file (format: lib/lm/safetensors.ts, whose
 * reader checks the header and the tensors' byte ranges). A checkpoint holds many named tensors: the
 * 2-D ones ([rows, cols], e.g. a Linear layer's weight [out_features, in_features]) are listed for the
 * user to pick one; scalars, vectors (biases, norms) and tensors of 3 or more dimensions are left out and
 * counted. A picked tensor becomes a row-major float32 [rows, cols] matrix like an .npy upload:
 * F32, F16 and BF16 exactly, F64 rounded to float32, integers and BOOL exactly up to 2²⁴ in magnitude
 * (lib/io/matrix.ts toFloat32 records what changed). Problems throw a MatrixFileError; nothing is partly loaded.
 */
import { LmError } from '../lm/errors';
import { decodeTensor, readSafetensorsIndex, type SafetensorsEntry } from '../lm/safetensors';
import {
  checkShape,
  finishMatrix,
  MatrixFileError,
  MAX_FILE_BYTES,
  MAX_MATRIX_DIM,
  toFloat32,
  type LoadedMatrix,
  type MatrixProblem,
  type StoredKind,
} from './matrix';
import type { Issue } from '../runtime/issue';

/** Conversion kind of each safetensors dtype a matrix can be read from (the F8 formats cannot). */
const KINDS: Record<string, StoredKind> = {
  F32: 'exact',
  F16: 'exact',
  BF16: 'exact',
  F64: 'float',
  BOOL: 'integer',
  I8: 'integer',
  U8: 'integer',
  I16: 'integer',
  U16: 'integer',
  I32: 'integer',
  U32: 'integer',
  I64: 'integer',
  U64: 'integer',
};
const kindOf = (dtype: string): StoredKind | undefined => (Object.hasOwn(KINDS, dtype) ? KINDS[dtype] : undefined);

/**
 * Why a listed 2-D tensor cannot be analysed: its dtype, a side of length 0, or a side over 4096; the
 * same keys as a whole file's MatrixProblem. The tensor list labels each (lib/i18n/common.ts).
 */
export type TensorProblem = Extract<MatrixProblem, 'dtype' | 'empty' | 'too-large'>;

/** A tensor's problem with what it is about: dtype { dtype }, empty { rows, cols }, too-large { rows, cols, max }. */
export type TensorIssue = Issue<TensorProblem>;

export interface TensorChoice {
  name: string;
  rows: number;
  cols: number;
  /** As the file names it: "F32", "BF16", "I8", ... */
  dtype: string;
  /** null when it can be analysed. */
  problem: TensorIssue | null;
}

export interface SafetensorsListing {
  /** The 2-D tensors, in the file's header order. */
  tensors: TensorChoice[];
  /** Tensors that are not 2-D (scalars, vectors, 3-D and up), not listed. */
  notMatrices: number;
}

/** Whether `bytes` start like a safetensors file: a little-endian uint64 header length that fits, then "{". */
export function looksLikeSafetensors(bytes: Uint8Array): boolean {
  if (bytes.length < 10) return false;
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(0, true);
  return length >= 2n && length <= BigInt(bytes.length - 8) && bytes[8] === 0x7b;
}

function readIndex(buffer: ArrayBuffer): { bytes: Uint8Array; entries: SafetensorsEntry[] } {
  if (buffer.byteLength > MAX_FILE_BYTES) {
    throw new MatrixFileError('too-big-file', `The file is ${buffer.byteLength} bytes; at most ${MAX_FILE_BYTES} are accepted.`, {
      bytes: buffer.byteLength,
      max: MAX_FILE_BYTES,
    });
  }
  const bytes = new Uint8Array(buffer);
  try {
    return { bytes, entries: readSafetensorsIndex(bytes).entries };
  } catch (err) {
    if (err instanceof LmError && (err.key === 'not-safetensors' || err.key === 'truncated'))
      throw new MatrixFileError(err.key === 'truncated' ? 'safetensors-truncated' : 'safetensors-unreadable', err.message, err.values);
    throw err;
  }
}

function problemOf(e: SafetensorsEntry): TensorIssue | null {
  const [rows, cols] = e.shape;
  if (!kindOf(e.dtype)) return { key: 'dtype', params: { dtype: e.dtype } };
  if (rows < 1 || cols < 1) return { key: 'empty', params: { rows, cols } };
  if (rows > MAX_MATRIX_DIM || cols > MAX_MATRIX_DIM) return { key: 'too-large', params: { rows, cols, max: MAX_MATRIX_DIM } };
  return null;
}

/**
 * Lists the 2-D tensors of a safetensors file. Throws too-big-file, safetensors-unreadable, safetensors-truncated, or
 * no-matrix when none of them can be analysed (e.g. a file of 1-D tensors only).
 */
export function listSafetensorsMatrices(buffer: ArrayBuffer): SafetensorsListing {
  const { entries } = readIndex(buffer);
  const tensors = entries
    .filter((e) => e.shape.length === 2)
    .map((e) => ({ name: e.name, rows: e.shape[0], cols: e.shape[1], dtype: e.dtype, problem: problemOf(e) }));
  const notMatrices = entries.length - tensors.length;
  if (!tensors.some((t) => t.problem === null)) {
    throw new MatrixFileError(
      'no-matrix',
      `The file has ${entries.length} tensor(s) and ${tensors.length} of them 2-D, none of which can be analysed (a float, integer or bool dtype and at most ${MAX_MATRIX_DIM} × ${MAX_MATRIX_DIM} are needed).`,
      { tensors: entries.length, matrices: tensors.length },
    );
  }
  return { tensors, notMatrices };
}

/** Little-endian elements of a dtype decodeTensor does not widen to float32 (F64, integers, BOOL), one array slot each. */
function readValues(dtype: string, raw: DataView, count: number): ArrayLike<number | bigint> {
  const numbers = (out: Float64Array | Int32Array | Uint32Array, get: (i: number) => number) => {
    for (let i = 0; i < count; i++) out[i] = get(i);
    return out;
  };
  const bigints = (out: BigInt64Array | BigUint64Array, get: (i: number) => bigint) => {
    for (let i = 0; i < count; i++) out[i] = get(i);
    return out;
  };
  switch (dtype) {
    case 'F64':
      return numbers(new Float64Array(count), (i) => raw.getFloat64(8 * i, true));
    case 'BOOL':
    case 'U8':
      return numbers(new Uint32Array(count), (i) => raw.getUint8(i));
    case 'I8':
      return numbers(new Int32Array(count), (i) => raw.getInt8(i));
    case 'I16':
      return numbers(new Int32Array(count), (i) => raw.getInt16(2 * i, true));
    case 'U16':
      return numbers(new Uint32Array(count), (i) => raw.getUint16(2 * i, true));
    case 'I32':
      return numbers(new Int32Array(count), (i) => raw.getInt32(4 * i, true));
    case 'U32':
      return numbers(new Uint32Array(count), (i) => raw.getUint32(4 * i, true));
    case 'I64':
      return bigints(new BigInt64Array(count), (i) => raw.getBigInt64(8 * i, true));
    case 'U64':
      return bigints(new BigUint64Array(count), (i) => raw.getBigUint64(8 * i, true));
    default:
      throw new MatrixFileError('dtype', `Tensor dtype ${dtype} cannot be read as a matrix.`, { dtype });
  }
}

/**
 * Reads the 2-D tensor `name` of a safetensors file as a float32 matrix. Throws what listSafetensorsMatrices
 * throws for the file, no-tensor when the name is absent, rank / dtype / empty / too-large when that tensor
 * cannot be analysed, non-finite for NaN or infinite values.
 */
export function readSafetensorsMatrix(buffer: ArrayBuffer, name: string): LoadedMatrix {
  const { bytes, entries } = readIndex(buffer);
  const entry = entries.find((e) => e.name === name);
  if (!entry) throw new MatrixFileError('no-tensor', `The file has no tensor named "${name}".`, { name });
  if (entry.shape.length !== 2)
    throw new MatrixFileError('rank', `Tensor "${name}" has ${entry.shape.length} dimension(s); a 2-D matrix is needed.`, {
      rank: entry.shape.length,
    });
  const kind = kindOf(entry.dtype);
  if (!kind)
    throw new MatrixFileError('dtype', `Tensor "${name}" has dtype ${entry.dtype}; float, integer and bool tensors are accepted.`, {
      dtype: entry.dtype,
    });
  const [rows, cols] = entry.shape;
  checkShape(rows, cols);
  const raw = new DataView(bytes.buffer, bytes.byteOffset + entry.offset, entry.byteLength);
  const count = rows * cols;
  const { data, conversion } =
    entry.dtype === 'F32' || entry.dtype === 'F16' || entry.dtype === 'BF16'
      ? { data: decodeTensor(entry.dtype, raw, count) as Float32Array, conversion: null }
      : toFloat32(readValues(entry.dtype, raw, count), entry.dtype, kind, false);
  return { data: finishMatrix(data, rows, cols, false), rows, cols, dtype: entry.dtype, conversion };
}
