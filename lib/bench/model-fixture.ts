/**
 * The benchmarks' model fixture: a shipped checkpoint and its vocabulary fetched from the site and
 * parsed (lib/lm/checkpoint.ts, lib/lm/vocab.ts), as the labs' workers load them but without
 * the Cache Storage copy (lib/lm/load-model.ts), and a timing variant for async work.
 */
import { type Checkpoint, loadCheckpoint } from '../lm/checkpoint';
import { type LmName, modelUrl } from '../lm/models';
import { type Vocab, parseVocab } from '../lm/vocab';

async function bytes(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** config.json, model.safetensors and vocab.json of a shipped model, parsed. */
export async function fetchBenchModel(name: LmName): Promise<{ ckpt: Checkpoint; vocab: Vocab }> {
  const [config, weights, vocabRaw] = await Promise.all([
    bytes(modelUrl(name, 'config.json')),
    bytes(modelUrl(name, 'model.safetensors')),
    bytes(modelUrl(name, 'vocab.json')),
  ]);
  const decoder = new TextDecoder();
  const ckpt = loadCheckpoint(JSON.parse(decoder.decode(config)), weights);
  return { ckpt, vocab: parseVocab(JSON.parse(decoder.decode(vocabRaw)), ckpt.config.vocabSize) };
}

/** The English test split's documents (public/data/lm/en.test.json). */
export async function fetchEnglishTestDocs(): Promise<{ text: string }[]> {
  const res = await fetch('/data/lm/en.test.json');
  if (!res.ok) throw new Error(`/data/lm/en.test.json: HTTP ${res.status}`);
  return ((await res.json()) as { docs: { text: string }[] }).docs;
}

/** Times fn (async) as a TimingVariant of lib/compute/timing.ts: run() starts it, the sync awaits it. */
export function asyncVariant(name: string, fn: () => Promise<unknown>) {
  let pending: Promise<unknown> = Promise.resolve();
  return { v: { name, run: () => void (pending = fn()) }, sync: () => pending.then(() => undefined) };
}
