/// <reference lib="webworker" />
/**
 * The language-model worker: downloads a model (Cache Storage first, lib/lm/download.ts), reads
 * it (lib/lm/checkpoint.ts), puts it on tfjs (lib/lm/tf-lm.ts; WebGPU on a hardware adapter,
 * WASM otherwise, or the backend the page names), then scores text and generates with a KV
 * cache. Protocol: lib/lm/worker-protocol.ts on lib/runtime (worker-host.ts).
 */
import { useNamedModelBackend } from '@/lib/compute/tf';
import type { ModelBackend } from '@/lib/compute/backend';
import { type Checkpoint, countParameters } from '@/lib/lm/checkpoint';
import { attentionTrace, patternNll, traceBuffers } from '@/lib/lm/attention-jobs';
import { LmError, lmIssue } from '@/lib/lm/errors';
import { EVAL_WINDOW_COUNT, type EvalWindows, evalWindows } from '@/lib/lm/eval-windows';
import { loadModel } from '@/lib/lm/load-model';
import { LM_MODELS, type LmName } from '@/lib/lm/models';
import { sampleNext } from '@/lib/lm/sampling';
import { scoreIds } from '@/lib/lm/scoring';
import { TfLm } from '@/lib/lm/tf-lm';
import { type Vocab, decodeIds, encodeText } from '@/lib/lm/vocab';
import type {
  GeneratedText,
  LmProtocol,
  LoadedInfo,
  PatternNllResult,
  ScoredText,
  TraceResult,
  WindowsInfo,
} from '@/lib/lm/worker-protocol';
import { mulberry32 } from '@/lib/random';
import { Cancelled, type HostScope, type JobContext, Transfer, hostWorker } from '@/lib/runtime/worker-host';
import type { PayloadOf, ProgressOf } from '@/lib/runtime/protocol';
import { yieldToEventLoop } from '@/lib/runtime/yield';

type Payload<T extends keyof LmProtocol> = PayloadOf<LmProtocol, T>;
type Job<T extends keyof LmProtocol> = JobContext<ProgressOf<LmProtocol, T>>;

interface Loaded {
  lm: TfLm;
  ckpt: Checkpoint;
  vocab: Vocab;
  info: LoadedInfo;
}

const models = new Map<LmName, Loaded>();
let backendName: ModelBackend | null = null;

async function load(req: Payload<'load'>, job: Job<'load'>): Promise<LoadedInfo> {
  const { tf, name } = await useNamedModelBackend(req.backend);
  if (backendName !== name) {
    for (const m of models.values()) m.lm.dispose();
    models.clear();
    backendName = name;
  }
  const hit = models.get(req.model);
  if (hit) return { ...hit.info, fromCache: true };
  const { ckpt, vocab, fromCache } = await loadModel(
    req.model,
    req.bytes,
    { fetch: (...a) => fetch(...a), caches: typeof caches === 'undefined' ? null : caches },
    (p) => job.progress({ phase: 'download', done: p.loaded, total: p.total, fromCache: p.fromCache }),
    job.signal,
  );
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
}

function loaded(name: LmName): Loaded {
  const m = models.get(name);
  if (!m) throw new Error(`model ${name} is not loaded`);
  return m;
}

async function score(req: Payload<'score'>, job: Job<'score'>): Promise<ScoredText> {
  const { lm, ckpt, vocab } = loaded(req.model);
  const enc = encodeText(vocab, req.text);
  if (enc.ids.length === 0 || req.text.trim() === '') throw new LmError('empty-text', 'There is no text to score.', { length: 0 });
  if (enc.unknown.length === enc.ids.length)
    throw new LmError('all-unknown', "None of the characters is in the model's vocabulary.", { length: enc.ids.length });
  const t0 = performance.now();
  const result = await scoreIds(
    enc.ids,
    ckpt.config.vocabSize,
    async (w) => {
      await yieldToEventLoop();
      return lm.forward(w);
    },
    {
      context: ckpt.config.maxPositions,
      isCancelled: job.cancelled,
      onProgress: (done, total) => job.progress({ phase: 'score', done, total }),
    },
  );
  if (!result) throw new Cancelled();
  return { chars: enc.chars, unknown: enc.unknown, score: result, ms: performance.now() - t0 };
}

async function generate(req: Payload<'generate'>, job: Job<'generate'>): Promise<GeneratedText> {
  const { lm, ckpt, vocab } = loaded(req.model);
  const context = ckpt.config.maxPositions;
  const enc = encodeText(vocab, req.prompt);
  if (enc.ids.length === 0) throw new LmError('empty-text', 'Type a prompt for the model to continue.', { length: 0 });
  if (enc.unknown.length === enc.ids.length)
    throw new LmError('all-unknown', "None of the prompt's characters is in the model's vocabulary.", { length: enc.ids.length });
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
      await job.check();
      const next = sampleNext(logits, req.temperature, req.topK, random);
      out.push(next);
      history.push(next);
      pending += decodeIds(vocab, [next]);
      if (pending.length >= 4 || i === req.length - 1) {
        job.progress({ phase: 'generate', done: i + 1, total: req.length, text: pending });
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

/** Test documents per language, fetched once. */
const testDocs = new Map<'en' | 'zh', Promise<{ text: string }[]>>();
/** The fixed sample per model (its vocabulary decides the ids). */
const samples = new Map<LmName, EvalWindows>();

async function sampleOf(name: LmName): Promise<EvalWindows> {
  const hit = samples.get(name);
  if (hit) return hit;
  const { ckpt, vocab } = loaded(name);
  const lang = LM_MODELS[name].lang;
  let docs = testDocs.get(lang);
  if (!docs) {
    docs = fetch(`/data/lm/${lang}.test.json`).then(async (r) => {
      if (!r.ok) throw new LmError('download-failed', `The test split could not be downloaded (HTTP ${r.status}).`, { status: r.status });
      return ((await r.json()) as { docs: { text: string }[] }).docs;
    });
    testDocs.set(lang, docs);
    docs.catch(() => testDocs.delete(lang));
  }
  const sample = evalWindows(await docs, vocab, EVAL_WINDOW_COUNT, ckpt.config.maxPositions);
  samples.set(name, sample);
  return sample;
}

async function windows(req: Payload<'windows'>): Promise<WindowsInfo> {
  const s = await sampleOf(req.model);
  return { texts: s.texts, length: s.ids[0].length, total: s.total };
}

let lastTrace: { key: string; result: TraceResult } | null = null;

async function trace(req: Payload<'trace'>): Promise<Transfer<TraceResult>> {
  const { ckpt } = loaded(req.model);
  const s = await sampleOf(req.model);
  const w = Math.min(Math.max(0, req.window), s.ids.length - 1);
  const key = `${req.model}/${w}`;
  if (lastTrace?.key !== key) {
    const t0 = performance.now();
    const t = attentionTrace(ckpt, s.ids[w]);
    lastTrace = { key, result: { ...t, chars: Array.from(s.texts[w]), ms: performance.now() - t0 } };
  }
  // a copy goes to the page (the buffers move); the worker keeps its own for the next ask
  const r = lastTrace.result;
  const copy = (a: Float32Array[]) => a.map((x) => x.slice());
  const result = { ...r, attention: copy(r.attention), q: copy(r.q), k: copy(r.k), v: copy(r.v) };
  return new Transfer(result, traceBuffers(result));
}

/** Dense NLL per model and window, reused by every pattern request. */
const denseNll = new Map<string, number>();

async function nllOfPatterns(req: Payload<'pattern-nll'>, job: Job<'pattern-nll'>): Promise<PatternNllResult> {
  const { lm, ckpt } = loaded(req.model);
  const s = await sampleOf(req.model);
  const picked = req.windows.map((w) => Math.min(Math.max(0, w), s.ids.length - 1));
  const t0 = performance.now();
  const nll: number[][] = [];
  let done = 0;
  const total = req.specs.length * picked.length;
  for (const spec of req.specs) {
    const row: number[] = [];
    for (const w of picked) {
      const key = `${req.model}/${w}`;
      const cached = spec === null ? denseNll.get(key) : undefined;
      if (cached !== undefined) {
        row.push(cached);
      } else {
        const got = await patternNll(lm, ckpt.config.vocabSize, [s.ids[w]], [spec], {
          pause: yieldToEventLoop,
          isCancelled: job.cancelled,
        });
        if (!got) throw new Cancelled();
        row.push(got[0][0]);
        if (spec === null) denseNll.set(key, got[0][0]);
      }
      job.progress({ phase: 'pattern-nll', done: ++done, total });
    }
    nll.push(row);
  }
  return { nll, ms: performance.now() - t0 };
}

hostWorker<LmProtocol>(
  self as unknown as HostScope,
  { load, score, generate, windows, trace, 'pattern-nll': nllOfPatterns },
  { toIssue: lmIssue },
);
