/// <reference lib="webworker" />
/**
 * The language-model worker: downloads a model (Cache Storage first, lib/lm/download.ts), reads
 * it (lib/lm/checkpoint.ts), puts it on tfjs (lib/lm/tf-lm.ts; WebGPU on a hardware adapter,
 * WASM otherwise, or the backend the page names), then scores text and generates with a KV
 * cache. Protocol: lib/lm/worker-protocol.ts.
 */
import { useNamedModelBackend } from '@/lib/compute/tf';
import type { ModelBackend } from '@/lib/compute/backend';
import { type Checkpoint, countParameters, loadCheckpoint } from '@/lib/lm/checkpoint';
import { LmError, toLmErrorData } from '@/lib/lm/errors';
import { loadModelFiles } from '@/lib/lm/download';
import type { LmName } from '@/lib/lm/models';
import { sampleNext } from '@/lib/lm/sampling';
import { scoreIds } from '@/lib/lm/scoring';
import { TfLm } from '@/lib/lm/tf-lm';
import { type Vocab, decodeIds, encodeText, parseVocab } from '@/lib/lm/vocab';
import type { GeneratedText, LmRequest, LmResponse, LoadedInfo, ScoredText, WorkerErrorData } from '@/lib/lm/worker-protocol';
import { mulberry32 } from '@/lib/random';
import { yieldToEventLoop } from '@/lib/training/run-control';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: LmResponse) => scope.postMessage(m);

interface Loaded {
  lm: TfLm;
  ckpt: Checkpoint;
  vocab: Vocab;
  info: LoadedInfo;
}

const models = new Map<LmName, Loaded>();
let backendName: ModelBackend | null = null;
const latest = { score: 0, generate: 0 };
const cancelled = new Set<number>();
const downloads = new Map<number, AbortController>();

class Cancelled extends Error {}

function check(id: number, kind: 'score' | 'generate'): void {
  if (cancelled.has(id) || latest[kind] !== id) throw new Cancelled();
}

async function load(req: Extract<LmRequest, { type: 'load' }>): Promise<LoadedInfo> {
  const { tf, name } = await useNamedModelBackend(req.backend);
  if (backendName !== name) {
    for (const m of models.values()) m.lm.dispose();
    models.clear();
    backendName = name;
  }
  const hit = models.get(req.model);
  if (hit) return { ...hit.info, fromCache: true };
  const controller = new AbortController();
  downloads.set(req.id, controller);
  try {
    const download = await loadModelFiles(
      req.model,
      req.bytes,
      { fetch: (...a) => fetch(...a), caches: typeof caches === 'undefined' ? null : caches },
      (p) => {
        post({ id: req.id, type: 'progress', phase: 'download', loaded: p.loaded, total: p.total, fromCache: p.fromCache });
      },
      controller.signal,
    );
    const { files, fromCache } = download;
    const text = (b: Uint8Array) => new TextDecoder().decode(b);
    let ckpt: Checkpoint;
    let vocab: Vocab;
    try {
      let config: unknown;
      let vocabRaw: unknown;
      try {
        config = JSON.parse(text(files['config.json']));
        vocabRaw = JSON.parse(text(files['vocab.json']));
      } catch {
        throw new LmError('bad-config', 'config.json or vocab.json is not valid JSON.', { field: '' });
      }
      ckpt = loadCheckpoint(config, files['model.safetensors']);
      vocab = parseVocab(vocabRaw, ckpt.config.vocabSize);
    } catch (err) {
      // an unreadable copy is never kept, so the next try downloads afresh
      await download.discard();
      throw err;
    }
    await download.keep();
    const lm = new TfLm(tf, ckpt);
    const info: LoadedInfo = {
      model: req.model,
      backend: name,
      vocab: vocab.strings,
      unkId: vocab.unkId,
      context: ckpt.config.maxPositions,
      fromCache,
      parameters: countParameters(ckpt),
    };
    models.set(req.model, { lm, ckpt, vocab, info });
    return info;
  } finally {
    downloads.delete(req.id);
  }
}

function loaded(name: LmName): Loaded {
  const m = models.get(name);
  if (!m) throw new Error(`model ${name} is not loaded`);
  return m;
}

async function score(req: Extract<LmRequest, { type: 'score' }>): Promise<ScoredText> {
  const { lm, ckpt, vocab } = loaded(req.model);
  const enc = encodeText(vocab, req.text);
  if (enc.ids.length === 0 || req.text.trim() === '') throw new LmError('empty-text', 'There is no text to score.', { length: 0 });
  if (enc.unknown.length === enc.ids.length) throw new LmError('all-unknown', 'None of the characters is in the model\'s vocabulary.', { length: enc.ids.length });
  const t0 = performance.now();
  const result = await scoreIds(enc.ids, ckpt.config.vocabSize, async (w) => {
    await yieldToEventLoop();
    return lm.forward(w);
  }, {
    context: ckpt.config.maxPositions,
    isCancelled: () => cancelled.has(req.id) || latest.score !== req.id,
    onProgress: (done, total) => post({ id: req.id, type: 'progress', phase: 'score', loaded: done, total }),
  });
  if (!result) throw new Cancelled();
  return { chars: enc.chars, unknown: enc.unknown, score: result, ms: performance.now() - t0 };
}

async function generate(req: Extract<LmRequest, { type: 'generate' }>): Promise<GeneratedText> {
  const { lm, ckpt, vocab } = loaded(req.model);
  const context = ckpt.config.maxPositions;
  const enc = encodeText(vocab, req.prompt);
  if (enc.ids.length === 0) throw new LmError('empty-text', 'Type a prompt for the model to continue.', { length: 0 });
  if (enc.unknown.length === enc.ids.length) throw new LmError('all-unknown', 'None of the prompt\'s characters is in the model\'s vocabulary.', { length: enc.ids.length });
  const random = mulberry32(req.seed);
  let history = enc.ids.slice(-context);
  const promptUsed = history.length;
  let session = lm.session();
  let slid = false;
  const out: number[] = [];
  const t0 = performance.now();
  try {
    let logits = await session.append(history);
    let pending = '';
    for (let i = 0; i < req.length; i++) {
      // WASM's data() resolves as a microtask: yield so a cancel or a newer request can arrive
      await yieldToEventLoop();
      check(req.id, 'generate');
      const next = sampleNext(logits, req.temperature, req.topK, random);
      out.push(next);
      history.push(next);
      pending += decodeIds(vocab, [next]);
      if (pending.length >= 4 || i === req.length - 1) {
        post({ id: req.id, type: 'token', text: pending });
        post({ id: req.id, type: 'progress', phase: 'generate', loaded: i + 1, total: req.length });
        pending = '';
      }
      if (i === req.length - 1) break;
      if (session.length >= context) {
        // The context is full: start again from the last half of it (the model never reads more).
        slid = true;
        session.dispose();
        session = lm.session();
        history = history.slice(-Math.floor(context / 2));
        logits = await session.append(history);
      } else {
        logits = await session.append([next]);
      }
    }
  } finally {
    session.dispose();
  }
  const seconds = (performance.now() - t0) / 1000;
  return { text: decodeIds(vocab, out), promptUsed, slid, charsPerSecond: out.length / Math.max(seconds, 1e-6) };
}

function errorData(err: unknown): WorkerErrorData {
  if (err instanceof Cancelled || (err instanceof DOMException && err.name === 'AbortError')) return { key: 'cancelled', message: 'cancelled', values: {} };
  const lm = toLmErrorData(err);
  if (lm) return lm;
  return { key: 'runtime', message: err instanceof Error ? err.message : String(err), values: {} };
}

scope.onmessage = async (event: MessageEvent<LmRequest>) => {
  const req = event.data;
  if (req.type === 'cancel') {
    cancelled.add(req.target);
    downloads.get(req.target)?.abort();
    return;
  }
  if (req.type === 'score' || req.type === 'generate') latest[req.type] = req.id;
  try {
    const result = req.type === 'load' ? await load(req) : req.type === 'score' ? await score(req) : await generate(req);
    post({ id: req.id, type: 'result', result });
  } catch (err) {
    post({ id: req.id, type: 'error', error: errorData(err) });
  } finally {
    cancelled.delete(req.id);
  }
};
