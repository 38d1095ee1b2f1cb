/**
 * Builders of small matrix files for tests (unit tests in lib/io and e2e/byo.spec.ts), so that no binary
 * file is committed. Values are written with DataView in the byte order the dtype says.
 */

/** Writes value `v` of a NumPy type code (f2 takes the half's 16 bits) at `at`. */
function put(view: DataView, code: string, at: number, v: number | bigint, little: boolean): void {
  switch (code) {
    case 'f2':
    case 'u2':
      return view.setUint16(at, Number(v), little);
    case 'f4':
      return view.setFloat32(at, Number(v), little);
    case 'f8':
      return view.setFloat64(at, Number(v), little);
    case 'b1':
    case 'u1':
      return view.setUint8(at, Number(v));
    case 'i1':
      return view.setInt8(at, Number(v));
    case 'i2':
      return view.setInt16(at, Number(v), little);
    case 'i4':
      return view.setInt32(at, Number(v), little);
    case 'u4':
      return view.setUint32(at, Number(v), little);
    case 'i8':
      return view.setBigInt64(at, BigInt(v), little);
    case 'u8':
      return view.setBigUint64(at, BigInt(v), little);
    default:
      throw new Error(`test-files: no writer for ${code}`);
  }
}

/**
 * A .npy file (numpy.lib.format version 1.0): "\x93NUMPY", 1, 0, the header length (uint16 LE), the header
 * dict padded with spaces and a newline to a multiple of 64 bytes (as NumPy does), then `body`.
 */
export function npyWithHeader(dict: string, body: Uint8Array): Uint8Array {
  const total = Math.ceil((10 + dict.length + 1) / 64) * 64;
  const header = dict.padEnd(total - 10 - 1, ' ') + '\n';
  const out = new Uint8Array(10 + header.length + body.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  out.set(body, 10 + header.length);
  return out;
}

/**
 * A .npy file of dtype `descr` (e.g. '<f8', '>f4', '|u1') and `shape`, holding `values` in file order:
 * row-major, or column-major when `fortranOrder` (values are then written as given, column by column).
 */
export function npyFile(descr: string, shape: number[], values: ArrayLike<number | bigint>, fortranOrder = false): Uint8Array {
  const little = descr[0] !== '>';
  const code = descr.slice(1);
  const size = Number(code.slice(1));
  const body = new Uint8Array(values.length * size);
  const view = new DataView(body.buffer);
  for (let i = 0; i < values.length; i++) put(view, code, i * size, values[i], little);
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ');
  return npyWithHeader(`{'descr': '${descr}', 'fortran_order': ${fortranOrder ? 'True' : 'False'}, 'shape': (${dims}), }`, body);
}

/** NumPy type code of each safetensors dtype the builder writes (F16 and BF16 take their 16 bits). */
const SAFETENSORS_CODES: Record<string, string> = {
  F64: 'f8',
  F32: 'f4',
  F16: 'u2',
  BF16: 'u2',
  I64: 'i8',
  I32: 'i4',
  I16: 'i2',
  I8: 'i1',
  U64: 'u8',
  U32: 'u4',
  U16: 'u2',
  U8: 'u1',
  BOOL: 'u1',
  F8_E4M3: 'u1',
};

export interface TensorSpec {
  name: string;
  dtype: string;
  shape: number[];
  /** Values in row-major order, written little-endian; or `bytes` as they are. */
  values?: ArrayLike<number | bigint>;
  bytes?: Uint8Array;
}

/**
 * A .safetensors file: the header length (uint64 LE), the JSON header padded with spaces to a multiple of
 * 8 bytes ({ name: { dtype, shape, data_offsets }, __metadata__ }), then the tensors' bytes in order.
 */
export function safetensorsFile(tensors: TensorSpec[], metadata: Record<string, string> = { format: 'pt' }): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: metadata };
  const bodies = tensors.map((t) => {
    if (t.bytes) return t.bytes;
    const code = SAFETENSORS_CODES[t.dtype];
    const size = Number(code.slice(1));
    const values = t.values ?? [];
    const body = new Uint8Array(values.length * size);
    const view = new DataView(body.buffer);
    for (let i = 0; i < values.length; i++) put(view, code, i * size, values[i], true);
    return body;
  });
  let offset = 0;
  tensors.forEach((t, i) => {
    header[t.name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + bodies[i].length] };
    offset += bodies[i].length;
  });
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - (json.length % 8)) % 8);
  const jsonBytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + jsonBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(jsonBytes.length), true);
  out.set(jsonBytes, 8);
  let at = 8 + jsonBytes.length;
  for (const b of bodies) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}

/** The ArrayBuffer the readers take, holding exactly `bytes`. */
export const bufferOf = (bytes: Uint8Array): ArrayBuffer => bytes.slice().buffer as ArrayBuffer;
