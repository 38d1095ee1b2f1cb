/** Node-only helpers for the lm tests: read a shipped model folder from public/models. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Checkpoint, loadCheckpoint } from './checkpoint';
import { readSafetensors } from './safetensors';
import { type Vocab, parseVocab } from './vocab';

export const MODELS_DIR = fileURLToPath(new URL('../../public/models/', import.meta.url));

export interface ShippedModel {
  ckpt: Checkpoint;
  vocab: Vocab;
  config: unknown;
  bytes: Uint8Array;
  golden: { ids: number[]; logits: Float32Array }[];
}

const cache = new Map<string, ShippedModel>();

export function shippedModel(name: string): ShippedModel {
  const hit = cache.get(name);
  if (hit) return hit;
  const dir = join(MODELS_DIR, name);
  const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as unknown;
  const bytes = new Uint8Array(readFileSync(join(dir, 'model.safetensors')));
  const ckpt = loadCheckpoint(config, bytes);
  const vocab = parseVocab(JSON.parse(readFileSync(join(dir, 'vocab.json'), 'utf8')), ckpt.config.vocabSize);
  const g = readSafetensors(new Uint8Array(readFileSync(join(dir, 'golden.safetensors')))).tensors;
  const golden: ShippedModel['golden'] = [];
  for (let i = 0; g.has(`prompt.${i}.ids`); i++) {
    golden.push({ ids: Array.from(g.get(`prompt.${i}.ids`)!.data), logits: g.get(`prompt.${i}.logits`)!.data as Float32Array });
  }
  const model = { ckpt, vocab, config, bytes, golden };
  cache.set(name, model);
  return model;
}

/** A Cache Storage stand-in over Maps, with the methods download.ts uses. */
export function fakeCaches() {
  const stores = new Map<string, Map<string, Response>>();
  const open = async (name: string) => {
    if (!stores.has(name)) stores.set(name, new Map());
    const m = stores.get(name)!;
    return {
      match: async (url: string) => m.get(url)?.clone(),
      put: async (url: string, res: Response) => void m.set(url, res),
      delete: async (url: string) => m.delete(url),
    };
  };
  return {
    stores,
    caches: { open, has: async (n: string) => stores.has(n), delete: async (n: string) => stores.delete(n) } as unknown as CacheStorage,
  };
}
