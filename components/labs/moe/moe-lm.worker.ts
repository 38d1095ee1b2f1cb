/// <reference lib="webworker" />
/**
 * The MoE lab's language-model worker: loads moe-en (Cache Storage first, lib/lm/download.ts) onto
 * tfjs (WebGPU on a hardware adapter, WASM otherwise, or the backend the page names), routes a
 * passage, evaluates routing changes on the fixed test-split subset (lib/lm/routing-eval.ts;
 * results cached per backend, change and capacity factor) and hands one layer's MoE inputs and
 * weights to the page's dispatch kernel. Protocol: lib/moe/lm-protocol.ts.
 */
import { useNamedModelBackend } from '@/lib/compute/tf';
import type { ModelBackend } from '@/lib/compute/backend';
import type { Checkpoint } from '@/lib/lm/checkpoint';
import { LmError, toLmErrorData } from '@/lib/lm/errors';
import { loadModel } from '@/lib/lm/load-model';
import { LM_MODELS } from '@/lib/lm/models';
import { type RoutingChange, leastUsedExperts, policyOf } from '@/lib/lm/routing-changes';
import { type EvalWindow, evaluateRouting, evaluationWindows } from '@/lib/lm/routing-eval';
import { type RoutingRecord, TfLm } from '@/lib/lm/tf-lm';
import { type Vocab, encodeText } from '@/lib/lm/vocab';
import type { WorkerErrorData } from '@/lib/lm/worker-protocol';
import { moeBlockReference, packSwigluLayer } from '@/lib/moe/lm-layer';
import type { ChangeResult, LayerInputs, MoeLmLoaded, MoeLmRequest, MoeLmResponse, PassageRouting } from '@/lib/moe/lm-protocol';
import { yieldToEventLoop } from '@/lib/training/run-control';

const MODEL = 'moe-en' as const;
const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: MoeLmResponse, transfer: Transferable[] = []) => scope.postMessage(m, transfer);

let model: { lm: TfLm; ckpt: Checkpoint; vocab: Vocab; backend: ModelBackend } | null = null;
let windows: EvalWindow[] | null = null;
const results = new Map<string, ChangeResult>();
const cancelled = new Set<number>();
const latest = { route: 0, layer: 0 };
const downloads = new Map<number, AbortController>();

class Cancelled extends Error {}

async function load(req: Extract<MoeLmRequest, { type: 'load' }>): Promise<MoeLmLoaded> {
  const { tf, name } = await useNamedModelBackend(req.backend);
  if (model && model.backend !== name) {
    model.lm.dispose();
    model = null;
    results.clear();
  }
  let fromCache = true;
  if (!model) {
    const controller = new AbortController();
    downloads.set(req.id, controller);
    try {
      const loadedModel = await loadModel(
        MODEL,
        LM_MODELS[MODEL].bytes,
        { fetch: (...a) => fetch(...a), caches: typeof caches === 'undefined' ? null : caches },
        (p) => post({ id: req.id, type: 'progress', phase: 'download', loaded: p.loaded, total: p.total, fromCache: p.fromCache }),
        controller.signal,
      );
      const { ckpt, vocab } = loadedModel;
      fromCache = loadedModel.fromCache;
      model = { lm: new TfLm(tf, ckpt), ckpt, vocab, backend: name };
    } finally {
      downloads.delete(req.id);
    }
  }
  const c = model.ckpt.config;
  return { backend: name, fromCache, layers: c.layers, experts: c.experts, topK: c.topK, context: c.maxPositions };
}

function loaded() {
  if (!model) throw new Error('moe-en is not loaded');
  return model;
}

function encode(text: string) {
  const { ckpt, vocab } = loaded();
  const enc = encodeText(vocab, text);
  if (enc.ids.length === 0 || text.trim() === '') throw new LmError('empty-text', 'There is no text to route.', { length: 0 });
  if (enc.unknown.length === enc.ids.length) throw new LmError('all-unknown', 'None of the characters is in the model\'s vocabulary.', { length: enc.ids.length });
  const n = Math.min(enc.ids.length, ckpt.config.maxPositions);
  return { ids: enc.ids.slice(0, n), chars: enc.chars.slice(0, n), unknown: enc.unknown.filter((i) => i < n), cut: enc.ids.length - n };
}

async function route(req: Extract<MoeLmRequest, { type: 'route' }>): Promise<PassageRouting> {
  const { lm } = loaded();
  const { ids, chars, unknown, cut } = encode(req.text);
  const record: RoutingRecord = { chosen: [], weights: [], logits: [] };
  await lm.forward(ids, undefined, record);
  if (cancelled.has(req.id) || latest.route !== req.id) throw new Cancelled();
  return { chars, unknown, cut, chosen: record.chosen, weights: record.weights, logits: record.logits! };
}

async function testWindows(): Promise<EvalWindow[]> {
  if (windows) return windows;
  const res = await fetch('/data/lm/en.test.json');
  if (!res.ok) throw new Error(`/data/lm/en.test.json: HTTP ${res.status}`);
  const { docs } = (await res.json()) as { docs: { text: string }[] };
  windows = evaluationWindows(docs, loaded().vocab);
  return windows;
}

const keyOf = (change: RoutingChange, cf: number) => `${loaded().backend}/${change}${change === 'capacity' ? `/${cf}` : ''}`;

async function evaluate(req: { id: number; change: RoutingChange; capacityFactor: number }): Promise<ChangeResult> {
  const key = keyOf(req.change, req.capacityFactor);
  const hit = results.get(key);
  if (hit) return hit;
  const { lm, ckpt } = loaded();
  const c = ckpt.config;
  const w = await testWindows();
  let leastUsed: number[] | null = null;
  if (req.change === 'drop-least') {
    const trained = await evaluate({ ...req, change: 'trained' });
    const loads = trained.routing!.chosen.map((chosen) => {
      const load = new Int32Array(c.experts);
      for (const e of chosen) if (e >= 0) load[e]++;
      return load;
    });
    leastUsed = leastUsedExperts(loads);
  }
  const policy = req.change === 'trained' ? null : policyOf(req.change, { topK: c.topK, capacityFactor: req.capacityFactor, leastUsed });
  const t0 = performance.now();
  const r = await evaluateRouting(
    w,
    c.vocabSize,
    async (ids, record, p) => {
      await yieldToEventLoop();
      return lm.forward(ids, undefined, record, p);
    },
    policy,
    {
      isCancelled: () => cancelled.has(req.id),
      onProgress: (done, total) => post({ id: req.id, type: 'progress', phase: 'evaluate', loaded: done, total }),
    },
  );
  if (!r) throw new Cancelled();
  let dropped = 0;
  for (const chosen of r.record.chosen) for (const e of chosen) if (e < 0) dropped++;
  const result: ChangeResult = {
    change: req.change,
    capacityFactor: req.change === 'capacity' ? req.capacityFactor : null,
    nll: r.nll,
    perplexity: r.perplexity,
    bitsPerChar: r.bitsPerChar,
    scored: r.scored,
    dropped,
    excluded: leastUsed,
    ms: performance.now() - t0,
    routing: req.change === 'trained' ? { chars: w.flatMap((x) => x.chars), windows: r.windows, chosen: r.record.chosen, logits: r.record.logits } : null,
  };
  results.set(key, result);
  return result;
}

async function layerInputs(req: Extract<MoeLmRequest, { type: 'layer' }>): Promise<LayerInputs> {
  const { lm, ckpt } = loaded();
  const c = ckpt.config;
  const moe = ckpt.layers[req.layer]?.moe;
  if (!moe) throw new RangeError(`moe-en has no Mixtral layer ${req.layer}`);
  const { ids } = encode(req.text);
  const record: RoutingRecord = { chosen: [], weights: [], inputs: [] };
  await lm.forward(ids, undefined, record);
  if (cancelled.has(req.id) || latest.layer !== req.id) throw new Cancelled();
  const n = ids.length;
  const H = c.hidden;
  const F = c.intermediate;
  const E = c.experts;
  const x = record.inputs![req.layer];
  const ref = moeBlockReference(moe, x, n, H, F, c.topK);
  const packed = packSwigluLayer(moe, H, F);
  return { layer: req.layer, numTokens: n, hidden: H, ffn: F, numExperts: E, k: c.topK, x, router: packed.router, w13: packed.w13, w2: packed.w2, reference: ref.out, referenceExperts: ref.chosen };
}

function errorData(err: unknown): WorkerErrorData {
  if (err instanceof Cancelled || (err instanceof DOMException && err.name === 'AbortError')) return { key: 'cancelled', message: 'cancelled', values: {} };
  const lm = toLmErrorData(err);
  if (lm) return lm;
  const message = err instanceof Error ? err.message : String(err);
  return { key: 'runtime', message, values: { message } };
}

// one request at a time, in arrival order (a forward pass must not interleave with another)
let queue: Promise<void> = Promise.resolve();

scope.onmessage = (event: MessageEvent<MoeLmRequest>) => {
  const req = event.data;
  if (req.type === 'cancel') {
    cancelled.add(req.target);
    downloads.get(req.target)?.abort();
    return;
  }
  if (req.type === 'route' || req.type === 'layer') latest[req.type] = req.id;
  queue = queue.then(async () => {
    try {
      if (cancelled.has(req.id)) throw new Cancelled();
      const result =
        req.type === 'load' ? await load(req) : req.type === 'route' ? await route(req) : req.type === 'evaluate' ? await evaluate(req) : await layerInputs(req);
      post({ id: req.id, type: 'result', result });
    } catch (err) {
      post({ id: req.id, type: 'error', error: errorData(err) });
    } finally {
      cancelled.delete(req.id);
    }
  });
};
