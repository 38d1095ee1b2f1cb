/**
 * On-disk format of the shared MLP (public/models/), pure TypeScript plus one browser loader.
 *
 *   mlp.json                  manifest (MlpManifest below)
 *   mlp-784-256-256-10.bin    little-endian float32, no header, in PyTorch state_dict order:
 *                               fc1.weight [256, 784], fc1.bias [256],
 *                               fc2.weight [256, 256], fc2.bias [256],
 *                               fc3.weight [10, 256],  fc3.bias [10]
 *                             each weight row-major [out, in] (W[o, i] at o · in + i).
 *   Offsets in the manifest are in BYTES from the start of the .bin (multiples of 4), so a
 *   reader needs nothing but the manifest; 269,322 floats = 1,077,288 bytes.
 */
import type { MlpLayer, MlpWeights } from './mlp';

export const MLP_MANIFEST_FILE = 'mlp.json';
export const MLP_FORMAT = 'sparselab-mlp/1';

export interface MlpLayerEntry {
  name: string;
  out: number;
  in: number;
  /** Byte offset of W [out, in] in the .bin. */
  weightOffset: number;
  /** Byte offset of b [out] in the .bin. */
  biasOffset: number;
}

export interface MlpManifest {
  format: typeof MLP_FORMAT;
  /** The weights file, relative to the manifest. */
  file: string;
  dtype: 'float32-le';
  byteLength: number;
  /** Layer widths [in_0, out_0 = in_1, …, out_last], e.g. [784, 256, 256, 10]. */
  arch: number[];
  activation: 'relu';
  layers: MlpLayerEntry[];
  /** Accuracy of the stored weights on the 2,000 test / 8,000 train digits (pure-TS forward). */
  testAccuracy: number;
  trainAccuracy: number;
  epochs: number;
  seed: number;
  /** Human-readable training recipe (library, backend, optimizer, augmentation). */
  trainedWith: string;
}

/** Manifest fields the trainer supplies; the layout fields are computed by serializeMlp. */
export type MlpTrainingInfo = Pick<MlpManifest, 'testAccuracy' | 'trainAccuracy' | 'epochs' | 'seed' | 'trainedWith'>;

/** Default .bin name for an architecture: mlp-784-256-256-10.bin. */
export function getMlpFileName(arch: number[]): string {
  return `mlp-${arch.join('-')}.bin`;
}

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Reads n little-endian float32 starting at byte `offset` into a new (aligned) Float32Array. */
function readFloat32Le(bytes: Uint8Array, offset: number, n: number): Float32Array {
  if (offset % 4 !== 0) throw new RangeError(`offset ${offset} is not a multiple of 4`);
  if (offset < 0 || offset + 4 * n > bytes.byteLength)
    throw new RangeError(`${n} floats at byte ${offset} run past the end (${bytes.byteLength} bytes)`);
  if (littleEndian) return new Float32Array(bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + offset + 4 * n));
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, 4 * n);
  const out = new Float32Array(n);
  for (let k = 0; k < n; k++) out[k] = view.getFloat32(4 * k, true);
  return out;
}

/** Writes `values` as little-endian float32 at byte `offset`. */
function writeFloat32Le(view: DataView, offset: number, values: Float32Array): void {
  for (let k = 0; k < values.length; k++) view.setFloat32(offset + 4 * k, values[k], true);
}

/** Turns a manifest and the bytes of its .bin into weights (fresh arrays, not views of `buffer`). */
export function parseMlp(manifest: MlpManifest, buffer: ArrayBuffer | Uint8Array): MlpWeights {
  if (manifest.format !== MLP_FORMAT) throw new Error(`unknown MLP format ${String(manifest.format)}`);
  if (manifest.dtype !== 'float32-le') throw new Error(`unsupported dtype ${String(manifest.dtype)}`);
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  if (bytes.byteLength !== manifest.byteLength)
    throw new RangeError(`weights file has ${bytes.byteLength} bytes, manifest says ${manifest.byteLength}`);
  const layers: MlpLayer[] = manifest.layers.map((entry, l) => {
    if (entry.in !== manifest.arch[l] || entry.out !== manifest.arch[l + 1]) {
      throw new RangeError(`${entry.name}: [${entry.out}, ${entry.in}] does not match arch ${manifest.arch.join('-')}`);
    }
    return {
      name: entry.name,
      out: entry.out,
      in: entry.in,
      weight: readFloat32Le(bytes, entry.weightOffset, entry.out * entry.in),
      bias: readFloat32Le(bytes, entry.biasOffset, entry.out),
    };
  });
  if (layers.length !== manifest.arch.length - 1) throw new RangeError(`${layers.length} layers for arch ${manifest.arch.join('-')}`);
  return { layers };
}

/** Lays the weights out in state_dict order and returns the manifest and the .bin bytes. */
export function serializeMlp(weights: MlpWeights, info: MlpTrainingInfo): { manifest: MlpManifest; bytes: Uint8Array } {
  const arch = [weights.layers[0].in, ...weights.layers.map((layer) => layer.out)];
  const byteLength = 4 * weights.layers.reduce((sum, layer) => sum + layer.weight.length + layer.bias.length, 0);
  const bytes = new Uint8Array(byteLength);
  const view = new DataView(bytes.buffer);
  let offset = 0;
  const layers = weights.layers.map((layer): MlpLayerEntry => {
    const weightOffset = offset;
    writeFloat32Le(view, weightOffset, layer.weight);
    const biasOffset = weightOffset + 4 * layer.weight.length;
    writeFloat32Le(view, biasOffset, layer.bias);
    offset = biasOffset + 4 * layer.bias.length;
    return { name: layer.name, out: layer.out, in: layer.in, weightOffset, biasOffset };
  });
  const manifest: MlpManifest = {
    format: MLP_FORMAT,
    file: getMlpFileName(arch),
    dtype: 'float32-le',
    byteLength,
    arch,
    activation: 'relu',
    layers,
    ...info,
  };
  return { manifest, bytes };
}

function joinUrl(baseUrl: string, file: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${file}`;
}

/** Browser loader: fetches `${baseUrl}/mlp.json`, then the .bin it names, and parses them. */
export async function loadMlp(baseUrl: string): Promise<{ manifest: MlpManifest; weights: MlpWeights }> {
  const manifestUrl = joinUrl(baseUrl, MLP_MANIFEST_FILE);
  const manifestResponse = await fetch(manifestUrl);
  if (!manifestResponse.ok) throw new Error(`could not load ${manifestUrl}: HTTP ${manifestResponse.status}`);
  const manifest = (await manifestResponse.json()) as MlpManifest;
  const binUrl = joinUrl(baseUrl, manifest.file);
  const binResponse = await fetch(binUrl);
  if (!binResponse.ok) throw new Error(`could not load ${binUrl}: HTTP ${binResponse.status}`);
  return { manifest, weights: parseMlp(manifest, await binResponse.arrayBuffer()) };
}
