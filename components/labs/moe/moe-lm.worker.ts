/// <reference lib="webworker" />
/**
 * The MoE lab's language-model worker: loads moe-en (Cache Storage first, lib/lm/download.ts) onto
 * tfjs (WebGPU on a hardware adapter, WASM otherwise, or the backend the page names), routes a
 * passage, evaluates routing changes on the fixed test-split subset (lib/lm/routing-eval.ts;
 * results cached per backend, change and capacity factor) and hands one layer's MoE inputs and
 * weights to the page's dispatch kernel, one request at a time. Protocol: lib/lm/moe-protocol.ts on
 * lib/runtime (worker-host.ts).
 */
import { useNamedModelBackend } from '@/lib/compute/tf';
import type { ModelBackend } from '@/lib/compute/backend';
import type { Checkpoint } from '@/lib/lm/checkpoint';
import { LmError, lmIssue } from '@/lib/lm/errors';
import { loadModel } from '@/lib/lm/load-model';
import { LM_MODELS } from '@/lib/lm/models';
import { type RoutingChange, leastUsedExperts, policyOf } from '@/lib/lm/routing-changes';
import { type EvalWindow, evaluateRouting, evaluationWindows } from '@/lib/lm/routing-eval';
import { type RoutingRecord, TfLm } from '@/lib/lm/tf-lm';
import { type Vocab, encodeText } from '@/lib/lm/vocab';
import { moeBlockReference, packSwigluLayer } from '@/lib/lm/moe-layer';
import type { ChangeResult, LayerInputs, MoeLmLoaded, MoeLmProtocol, PassageRouting } from '@/lib/lm/moe-protocol';
import type { PayloadOf, ProgressOf } from '@/lib/runtime/protocol';
import { Cancelled, type HostScope, type JobContext, hostWorker } from '@/lib/runtime/worker-host';
import { yieldToEventLoop } from '@/lib/runtime/yield';

type Payload<T extends keyof MoeLmProtocol> = PayloadOf<MoeLmProtocol, T>;
type Job<T extends keyof MoeLmProtocol> = JobContext<ProgressOf<MoeLmProtocol, T>>;

const MODEL = 'moe-en' as const;

let model: { lm: TfLm; ckpt: Checkpoint; vocab: Vocab; backend: ModelBackend } | null = null;
let windows: EvalWindow[] | null = null;
const results = new Map<string, ChangeResult>();

async function load(req: Payload<'load'>, job: Job<'load'>): Promise<MoeLmLoaded> {
  const { tf, name } = await useNamedModelBackend(req.backend);
  if (model && model.backend !== name) {
    model.lm.dispose();
    model = null;
    results.clear();
  }
  let fromCache = true;
  if (!model) {
    const loadedModel = await loadModel(
      MODEL,
      LM_MODELS[MODEL].bytes,
      { fetch: (...a) => fetch(...a), caches: typeof caches === 'undefined' ? null : caches },
      (p) => job.progress({ phase: 'download', done: p.loaded, total: p.total, fromCache: p.fromCache }),
      job.signal,
    );
    const { ckpt, vocab } = loadedModel;
    fromCache = loadedModel.fromCache;
    model = { lm: new TfLm(tf, ckpt), ckpt, vocab, backend: name };
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
  if (enc.unknown.length === enc.ids.length)
    throw new LmError('all-unknown', "None of the characters is in the model's vocabulary.", { length: enc.ids.length });
  const n = Math.min(enc.ids.length, ckpt.config.maxPositions);
  return { ids: enc.ids.slice(0, n), chars: enc.chars.slice(0, n), unknown: enc.unknown.filter((i) => i < n), cut: enc.ids.length - n };
}

async function route(req: Payload<'route'>, job: Job<'route'>): Promise<PassageRouting> {
  const { lm } = loaded();
  const { ids, chars, unknown, cut } = encode(req.text);
  const record: RoutingRecord = { chosen: [], weights: [], logits: [] };
  await lm.forward(ids, undefined, record);
  if (job.cancelled()) throw new Cancelled();
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

async function evaluate(req: Payload<'evaluate'>, job: Job<'evaluate'>): Promise<ChangeResult> {
  const key = keyOf(req.change, req.capacityFactor);
  const hit = results.get(key);
  if (hit) return hit;
  const { lm, ckpt } = loaded();
  const c = ckpt.config;
  const w = await testWindows();
  let leastUsed: number[] | null = null;
  if (req.change === 'drop-least') {
    const trained = await evaluate({ ...req, change: 'trained' }, job);
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
      isCancelled: job.cancelled,
      onProgress: (done, total) => job.progress({ phase: 'evaluate', done, total }),
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
    routing:
      req.change === 'trained'
        ? { chars: w.flatMap((x) => x.chars), windows: r.windows, chosen: r.record.chosen, logits: r.record.logits }
        : null,
  };
  results.set(key, result);
  return result;
}

async function layerInputs(req: Payload<'layer'>, job: Job<'layer'>): Promise<LayerInputs> {
  const { lm, ckpt } = loaded();
  const c = ckpt.config;
  const moe = ckpt.layers[req.layer]?.moe;
  if (!moe) throw new RangeError(`moe-en has no Mixtral layer ${req.layer}`);
  const { ids } = encode(req.text);
  const record: RoutingRecord = { chosen: [], weights: [], inputs: [] };
  await lm.forward(ids, undefined, record);
  if (job.cancelled()) throw new Cancelled();
  const n = ids.length;
  const H = c.hidden;
  const F = c.intermediate;
  const E = c.experts;
  const x = record.inputs![req.layer];
  const ref = moeBlockReference(moe, x, n, H, F, c.topK);
  const packed = packSwigluLayer(moe, H, F);
  return {
    layer: req.layer,
    numTokens: n,
    hidden: H,
    ffn: F,
    numExperts: E,
    k: c.topK,
    x,
    router: packed.router,
    w13: packed.w13,
    w2: packed.w2,
    reference: ref.out,
    referenceExperts: ref.chosen,
  };
}

// one request at a time, in arrival order (a forward pass must not interleave with another)
hostWorker<MoeLmProtocol>(self as unknown as HostScope, { load, route, evaluate, layer: layerInputs }, { toIssue: lmIssue, serial: true });
