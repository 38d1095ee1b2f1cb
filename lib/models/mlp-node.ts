/**
 * Node-only reading and writing of the shared MLP in public/models (scripts and tests).
 * Browser code uses loadMlp(baseUrl) from mlp-format.ts.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MlpWeights } from './mlp';
import { MLP_MANIFEST_FILE, type MlpManifest, type MlpTrainingInfo, parseMlp, serializeMlp } from './mlp-format';

/** Absolute path of public/models (lib/models → ../../public/models). */
export const MLP_MODEL_DIR = fileURLToPath(new URL('../../public/models/', import.meta.url));

/** Reads mlp.json and its .bin from `dir` (default public/models). */
export async function loadMlpFromDisk(dir: string = MLP_MODEL_DIR): Promise<{ manifest: MlpManifest; weights: MlpWeights }> {
  const manifest = JSON.parse(await readFile(join(dir, MLP_MANIFEST_FILE), 'utf8')) as MlpManifest;
  const bytes = await readFile(join(dir, manifest.file));
  return { manifest, weights: parseMlp(manifest, new Uint8Array(bytes)) };
}

/** Writes mlp.json and the .bin into `dir` (default public/models); returns the manifest. */
export async function saveMlpToDisk(weights: MlpWeights, info: MlpTrainingInfo, dir: string = MLP_MODEL_DIR): Promise<MlpManifest> {
  const { manifest, bytes } = serializeMlp(weights, info);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, manifest.file), bytes);
  await writeFile(join(dir, MLP_MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
