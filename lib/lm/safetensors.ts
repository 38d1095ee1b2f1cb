/**
 * A reader for the safetensors format (Hugging Face, github.com/huggingface/safetensors):
 *   bytes 0–7        N, the header's length, unsigned 64-bit little-endian
 *   bytes 8 … 8+N    UTF-8 JSON: { name: { dtype, shape, data_offsets: [begin, end] }, __metadata__? }
 *   bytes 8+N …      the data buffer; a tensor's bytes are [8+N+begin, 8+N+end), little-endian, row-major
 * readSafetensors (language models) widens floating dtypes F32, F16 and BF16 to Float32Array (exactly:
 * every F16/BF16 value is an F32 value); I32 and I64 become Int32Array (I64 values must fit 32 bits).
 * Anything else is refused with an LmError whose key names the problem.
 * readSafetensorsIndex checks the same header but decodes nothing: it lists every tensor with its dtype
 * (any string; the element sizes of safetensors' own dtypes are known, see SAFETENSORS_DTYPE_BYTES),
 * shape and byte range, for callers that convert other dtypes themselves (lib/io/safetensors-matrix.ts).
 */
import { LmError } from './errors';

/** The dtypes readSafetensors decodes. */
export type SafetensorsDtype = 'F32' | 'F16' | 'BF16' | 'I32' | 'I64';
const DECODED = new Set<string>(['F32', 'F16', 'BF16', 'I32', 'I64']);

/** Bytes per element of every dtype the safetensors format defines (its Rust `Dtype` enum). */
export const SAFETENSORS_DTYPE_BYTES: Readonly<Record<string, number>> = {
  BOOL: 1,
  U8: 1,
  I8: 1,
  F8_E5M2: 1,
  F8_E4M3: 1,
  I16: 2,
  U16: 2,
  F16: 2,
  BF16: 2,
  I32: 4,
  U32: 4,
  F32: 4,
  I64: 8,
  U64: 8,
  F64: 8,
};
const bytesPer = (dtype: string): number | undefined =>
  Object.hasOwn(SAFETENSORS_DTYPE_BYTES, dtype) ? SAFETENSORS_DTYPE_BYTES[dtype] : undefined;

export interface StoredTensor {
  dtype: SafetensorsDtype;
  shape: number[];
  data: Float32Array | Int32Array;
}

export interface Safetensors {
  tensors: Map<string, StoredTensor>;
  metadata: Record<string, string>;
}

/** One tensor of a safetensors header, checked but not decoded. */
export interface SafetensorsEntry {
  name: string;
  /** As written in the header, e.g. "F32", "BF16", "I8"; not necessarily one readSafetensors decodes. */
  dtype: string;
  shape: number[];
  /** Where its bytes are in the file: [offset, offset + byteLength), little-endian, row-major. */
  offset: number;
  byteLength: number;
}

export interface SafetensorsIndex {
  /** In header order. */
  entries: SafetensorsEntry[];
  metadata: Record<string, string>;
}

/** IEEE 754 half → float (exact), from its 16 bits. */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

/** The header's entries, validated: each has a known dtype, integer shape and offsets inside the file. */
function readHeader(bytes: Uint8Array): { header: Record<string, unknown>; dataStart: number } {
  if (bytes.length < 8)
    throw new LmError('not-safetensors', `The file is ${bytes.length} bytes long; a safetensors file starts with an 8-byte header length.`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = Number(view.getBigUint64(0, true));
  if (length <= 0 || 8 + length > bytes.length) {
    throw new LmError(
      'not-safetensors',
      `The header length (${length} bytes) does not fit the file (${bytes.length} bytes); the file is not safetensors or is truncated.`,
    );
  }
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + length)));
  } catch {
    throw new LmError('not-safetensors', 'The safetensors header is not valid UTF-8 JSON.');
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header))
    throw new LmError('not-safetensors', 'The safetensors header is not a JSON object.');
  return { header: header as Record<string, unknown>, dataStart: 8 + length };
}

/** True on little-endian hosts (every browser platform in practice), where F32 bytes can be viewed directly. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
let halfTable: Float32Array | null = null;
/** All 65,536 half-precision values as floats: one lookup per element instead of the arithmetic. */
function halves(): Float32Array {
  if (!halfTable) {
    halfTable = new Float32Array(65536);
    for (let h = 0; h < 65536; h++) halfTable[h] = halfToFloat(h);
  }
  return halfTable;
}

/** Decodes `count` little-endian elements of `dtype` from `raw` (F32/F16/BF16 → Float32Array, I32/I64 → Int32Array). */
export function decodeTensor(dtype: SafetensorsDtype, raw: DataView, count: number): Float32Array | Int32Array {
  switch (dtype) {
    case 'F32': {
      if (LITTLE_ENDIAN) return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + 4 * count));
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = raw.getFloat32(4 * i, true);
      return out;
    }
    case 'F16': {
      const table = halves();
      const out = new Float32Array(count);
      if (LITTLE_ENDIAN) {
        const bits = new Uint16Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + 2 * count));
        for (let i = 0; i < count; i++) out[i] = table[bits[i]];
      } else {
        for (let i = 0; i < count; i++) out[i] = table[raw.getUint16(2 * i, true)];
      }
      return out;
    }
    case 'BF16': {
      const out = new Float32Array(count);
      const word = new DataView(new ArrayBuffer(4));
      for (let i = 0; i < count; i++) {
        word.setUint32(0, raw.getUint16(2 * i, true) << 16);
        out[i] = word.getFloat32(0);
      }
      return out;
    }
    case 'I32': {
      const out = new Int32Array(count);
      for (let i = 0; i < count; i++) out[i] = raw.getInt32(4 * i, true);
      return out;
    }
    case 'I64': {
      const out = new Int32Array(count);
      for (let i = 0; i < count; i++) {
        const v = raw.getBigInt64(8 * i, true);
        if (v > 2147483647n || v < -2147483648n)
          throw new LmError('unsupported-dtype', `An I64 value (${v}) does not fit 32 bits.`, { dtype });
        out[i] = Number(v);
      }
      return out;
    }
  }
}

/**
 * Checks one header entry whose dtype is a string: an integer shape, integer data_offsets that match
 * shape × element size (when the dtype's size is known) and lie inside the file. Throws not-safetensors
 * or truncated.
 */
function checkEntry(
  name: string,
  e: { dtype: string; shape?: unknown; data_offsets?: unknown },
  dataStart: number,
  fileLength: number,
): SafetensorsEntry {
  const { dtype, shape, data_offsets: offsets } = e;
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0) || !Array.isArray(offsets) || offsets.length !== 2) {
    throw new LmError('not-safetensors', `Tensor "${name}" has no valid shape or data_offsets in the header.`, { name });
  }
  const [begin, end] = offsets as number[];
  const count = (shape as number[]).reduce((a, b) => a * b, 1);
  const size = bytesPer(dtype);
  if (
    !Number.isInteger(begin) ||
    !Number.isInteger(end) ||
    begin < 0 ||
    (size === undefined ? end < begin : end - begin !== count * size)
  ) {
    throw new LmError(
      'not-safetensors',
      `Tensor "${name}": data_offsets [${begin}, ${end}] do not match its shape [${(shape as number[]).join(', ')}] of ${dtype}.`,
      { name },
    );
  }
  if (dataStart + end > fileLength) {
    throw new LmError(
      'truncated',
      `The file ends before tensor "${name}" does (needs ${dataStart + end} bytes, has ${fileLength}); it is truncated.`,
      { name, need: dataStart + end, have: fileLength },
    );
  }
  return { name, dtype, shape: shape as number[], offset: dataStart + begin, byteLength: end - begin };
}

/** Parses a whole safetensors file. Throws LmError (not-safetensors, truncated, unsupported-dtype). */
export function readSafetensors(bytes: Uint8Array): Safetensors {
  const { header, dataStart } = readHeader(bytes);
  const tensors = new Map<string, StoredTensor>();
  let metadata: Record<string, string> = {};
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') {
      metadata = (entry ?? {}) as Record<string, string>;
      continue;
    }
    const e = entry as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (typeof e?.dtype !== 'string' || !DECODED.has(e.dtype)) {
      throw new LmError('unsupported-dtype', `Tensor "${name}" has dtype ${String(e?.dtype)}; F32, F16, BF16, I32 and I64 are supported.`, {
        name,
        dtype: String(e?.dtype),
      });
    }
    const dtype = e.dtype as SafetensorsDtype;
    const checked = checkEntry(name, { ...e, dtype }, dataStart, bytes.length);
    const raw = new DataView(bytes.buffer, bytes.byteOffset + checked.offset, checked.byteLength);
    tensors.set(name, { dtype, shape: checked.shape, data: decodeTensor(dtype, raw, checked.byteLength / SAFETENSORS_DTYPE_BYTES[dtype]) });
  }
  return { tensors, metadata };
}

/**
 * Checks a whole safetensors file's header and lists its tensors without decoding any: every entry
 * must have a string dtype, an integer shape and data_offsets inside the file (matching shape × element
 * size for the dtypes of SAFETENSORS_DTYPE_BYTES). Throws LmError (not-safetensors, truncated).
 */
export function readSafetensorsIndex(bytes: Uint8Array): SafetensorsIndex {
  const { header, dataStart } = readHeader(bytes);
  const entries: SafetensorsEntry[] = [];
  let metadata: Record<string, string> = {};
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') {
      metadata = (entry ?? {}) as Record<string, string>;
      continue;
    }
    const e = entry as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (typeof e?.dtype !== 'string') throw new LmError('not-safetensors', `Tensor "${name}" has no dtype in the header.`, { name });
    entries.push(checkEntry(name, { ...e, dtype: e.dtype }, dataStart, bytes.length));
  }
  return { entries, metadata };
}
