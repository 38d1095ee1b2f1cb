/**
 * A reader for the safetensors format (Hugging Face, github.com/huggingface/safetensors):
 *   bytes 0–7        N, the header's length, unsigned 64-bit little-endian
 *   bytes 8 … 8+N    UTF-8 JSON: { name: { dtype, shape, data_offsets: [begin, end] }, __metadata__? }
 *   bytes 8+N …      the data buffer; a tensor's bytes are [8+N+begin, 8+N+end), little-endian, row-major
 * Floating dtypes F32, F16 and BF16 are widened to Float32Array (exactly: every F16/BF16 value is
 * an F32 value); I32 and I64 become Int32Array (I64 values must fit 32 bits). Anything else is
 * refused with an LmError whose key names the problem.
 */
import { LmError } from './errors';

export type SafetensorsDtype = 'F32' | 'F16' | 'BF16' | 'I32' | 'I64';
const BYTES: Record<SafetensorsDtype, number> = { F32: 4, F16: 2, BF16: 2, I32: 4, I64: 8 };

export interface StoredTensor {
  dtype: SafetensorsDtype;
  shape: number[];
  data: Float32Array | Int32Array;
}

export interface Safetensors {
  tensors: Map<string, StoredTensor>;
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
  if (bytes.length < 8) throw new LmError('not-safetensors', `The file is ${bytes.length} bytes long; a safetensors file starts with an 8-byte header length.`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = Number(view.getBigUint64(0, true));
  if (length <= 0 || 8 + length > bytes.length) {
    throw new LmError('not-safetensors', `The header length (${length} bytes) does not fit the file (${bytes.length} bytes); the file is not safetensors or is truncated.`);
  }
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + length)));
  } catch {
    throw new LmError('not-safetensors', 'The safetensors header is not valid UTF-8 JSON.');
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) throw new LmError('not-safetensors', 'The safetensors header is not a JSON object.');
  return { header: header as Record<string, unknown>, dataStart: 8 + length };
}

function decode(dtype: SafetensorsDtype, raw: DataView, count: number): Float32Array | Int32Array {
  switch (dtype) {
    case 'F32': {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = raw.getFloat32(4 * i, true);
      return out;
    }
    case 'F16': {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = halfToFloat(raw.getUint16(2 * i, true));
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
        if (v > 2147483647n || v < -2147483648n) throw new LmError('unsupported-dtype', `An I64 value (${v}) does not fit 32 bits.`, { dtype });
        out[i] = Number(v);
      }
      return out;
    }
  }
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
    if (typeof e?.dtype !== 'string' || !(e.dtype in BYTES)) {
      throw new LmError('unsupported-dtype', `Tensor "${name}" has dtype ${String(e?.dtype)}; F32, F16, BF16, I32 and I64 are supported.`, { name, dtype: String(e?.dtype) });
    }
    const dtype = e.dtype as SafetensorsDtype;
    const shape = e.shape;
    const offsets = e.data_offsets;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0) || !Array.isArray(offsets) || offsets.length !== 2) {
      throw new LmError('not-safetensors', `Tensor "${name}" has no valid shape or data_offsets in the header.`, { name });
    }
    const [begin, end] = offsets as number[];
    const count = (shape as number[]).reduce((a, b) => a * b, 1);
    if (!Number.isInteger(begin) || !Number.isInteger(end) || end - begin !== count * BYTES[dtype] || begin < 0) {
      throw new LmError('not-safetensors', `Tensor "${name}": data_offsets [${begin}, ${end}] do not match its shape [${(shape as number[]).join(', ')}] of ${dtype}.`, { name });
    }
    if (dataStart + end > bytes.length) {
      throw new LmError('truncated', `The file ends before tensor "${name}" does (needs ${dataStart + end} bytes, has ${bytes.length}); it is truncated.`, { name, need: dataStart + end, have: bytes.length });
    }
    const raw = new DataView(bytes.buffer, bytes.byteOffset + dataStart + begin, end - begin);
    tensors.set(name, { dtype, shape: shape as number[], data: decode(dtype, raw, count) });
  }
  return { tensors, metadata };
}
