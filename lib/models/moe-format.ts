/**
 * On-disk format of the pretrained MoE digit classifiers (public/models/), pure TypeScript
 * plus one browser loader.
 *
 *   moe.json                      manifest: { format, models: MoeModelEntry[] }
 *   moe-<id>.bin                  little-endian float32, no header, tensors in the order of
 *                                 weightShapes(config) (moe-classifier.ts); byte offsets in
 *                                 the entry's `tensors` list.
 */
import { type MoeClassifierConfig, type MoeClassifierWeights, validateClassifier, weightShapes } from './moe-classifier';
import type { RoutingVariant } from '../moe/variants';

export const MOE_MANIFEST_FILE = 'moe.json';
export const MOE_FORMAT = 'sparselab-moe/1';

/** How a model was trained (shown on the page, and the key a URL's settings are matched against). */
export interface MoeTrainingInfo {
  variant: RoutingVariant;
  k: number;
  auxWeight: number;
  capacityFactor: number;
  seed: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Test accuracy of the stored weights with the training routing (pure-TS forward). */
  testAccuracy: number;
  /** Load CV over the 2,000 test digits' tokens with the training routing. */
  testLoadCv: number;
  trainSeconds: number;
  trainedWith: string;
}

export interface MoeModelEntry {
  id: string;
  file: string;
  byteLength: number;
  config: MoeClassifierConfig;
  tensors: { name: string; shape: number[]; offset: number }[];
  training: MoeTrainingInfo;
}

export interface MoeManifest {
  format: typeof MOE_FORMAT;
  models: MoeModelEntry[];
}

/** A model id such as "e8-k2-aux0.01-mixtral" (shared: "-s1"). */
export function moeModelId(config: MoeClassifierConfig, t: Pick<MoeTrainingInfo, 'variant' | 'k' | 'auxWeight'>): string {
  return `e${config.numExperts}-k${t.k}-aux${t.auxWeight}-${t.variant}${config.numShared > 0 ? `-s${config.numShared}` : ''}`;
}

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function readFloat32Le(bytes: Uint8Array, offset: number, n: number): Float32Array {
  if (offset % 4 !== 0 || offset < 0 || offset + 4 * n > bytes.byteLength)
    throw new RangeError(`${n} floats at byte ${offset} do not fit ${bytes.byteLength} bytes`);
  if (littleEndian) return new Float32Array(bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + offset + 4 * n));
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, 4 * n);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = view.getFloat32(4 * i, true);
  return out;
}

/** Weights of one manifest entry from its .bin bytes. */
export function parseMoeModel(entry: MoeModelEntry, buffer: ArrayBuffer | Uint8Array): MoeClassifierWeights {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  if (bytes.byteLength !== entry.byteLength)
    throw new RangeError(`${entry.file} has ${bytes.byteLength} bytes, manifest says ${entry.byteLength}`);
  const out: Record<string, unknown> = { config: { ...entry.config } };
  for (const { name, shape } of weightShapes(entry.config)) {
    const t = entry.tensors.find((x) => x.name === name);
    if (!t) throw new Error(`${entry.file}: tensor ${name} missing from the manifest`);
    if (t.shape.join('x') !== shape.join('x')) throw new RangeError(`${entry.file}: ${name} is [${t.shape}], expected [${shape}]`);
    out[name] = readFloat32Le(
      bytes,
      t.offset,
      shape.reduce((a, b) => a * b, 1),
    );
  }
  const weights = out as unknown as MoeClassifierWeights;
  validateClassifier(weights);
  return weights;
}

/** Lays the weights out and returns the manifest entry and the .bin bytes. */
export function serializeMoeModel(weights: MoeClassifierWeights, training: MoeTrainingInfo): { entry: MoeModelEntry; bytes: Uint8Array } {
  validateClassifier(weights);
  const shapes = weightShapes(weights.config);
  const total = shapes.reduce((s, t) => s + t.shape.reduce((a, b) => a * b, 1), 0);
  const bytes = new Uint8Array(4 * total);
  const view = new DataView(bytes.buffer);
  let offset = 0;
  const tensors = shapes.map(({ name, shape }) => {
    const values = weights[name];
    for (let i = 0; i < values.length; i++) view.setFloat32(offset + 4 * i, values[i], true);
    const t = { name, shape, offset };
    offset += 4 * values.length;
    return t;
  });
  const id = moeModelId(weights.config, training);
  return { entry: { id, file: `moe-${id}.bin`, byteLength: bytes.byteLength, config: { ...weights.config }, tensors, training }, bytes };
}

function joinUrl(baseUrl: string, file: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${file}`;
}

/** Browser loader of the manifest. */
export async function loadMoeManifest(baseUrl: string): Promise<MoeManifest> {
  const url = joinUrl(baseUrl, MOE_MANIFEST_FILE);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`could not load ${url}: HTTP ${res.status}`);
  const manifest = (await res.json()) as MoeManifest;
  if (manifest.format !== MOE_FORMAT) throw new Error(`unknown MoE model format ${String(manifest.format)}`);
  return manifest;
}

/** Browser loader of one model's weights. */
export async function loadMoeModel(baseUrl: string, entry: MoeModelEntry): Promise<MoeClassifierWeights> {
  const url = joinUrl(baseUrl, entry.file);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`could not load ${url}: HTTP ${res.status}`);
  return parseMoeModel(entry, await res.arrayBuffer());
}
