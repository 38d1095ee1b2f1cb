/// <reference lib="webworker" />
/**
 * The language-model pruning worker: downloads lm-en or lm-zh (Cache Storage first,
 * lib/lm/download.ts) and the lab's calibration / test windows (public/data/lm/<lang>.prune.json),
 * computes the dense model's calibration statistics once per (model, calibration size), then
 * prunes copies and measures their perplexity (lib/lm/prune-jobs.ts) on tfjs (WebGPU on a
 * hardware adapter, WASM otherwise, or the backend the page names). Jobs interleave at every
 * pruned matrix (the worker yields there), so a live evaluation is not stuck behind a curve.
 * Results are cached in memory per model, calibration size and spec. Protocol: lib/lm/prune-protocol.ts
 * on lib/runtime (worker-host.ts).
 */
import { useNamedModelBackend } from '@/lib/compute/tf';
import type { ModelBackend } from '@/lib/compute/backend';
import type { Checkpoint } from '@/lib/lm/checkpoint';
import { lmIssue } from '@/lib/lm/errors';
import { loadModel } from '@/lib/lm/load-model';
import { type LmPruneSpec, needsCalibration, pruneCheckpoint, specKey } from '@/lib/lm/prune';
import { type PruneData, parsePruneData, pruneDataUrl } from '@/lib/lm/prune-data';
import type { GramStats } from '@/lib/lm/prune-forward';
import { type Evaluation, calibrate, evaluateSpec, perplexityOf } from '@/lib/lm/prune-jobs';
import type { GeneratedPair, LoadedLm, PointResult, PruneLmName, PruneLmProgress, PruneLmProtocol } from '@/lib/lm/prune-protocol';
import { sampleNext } from '@/lib/lm/sampling';
import { TfLm } from '@/lib/lm/tf-lm';
import { type Vocab, decodeIds, encodeText } from '@/lib/lm/vocab';
import { mulberry32 } from '@/lib/random';
import type { PayloadOf } from '@/lib/runtime/protocol';
import { type HostScope, type JobContext, hostWorker } from '@/lib/runtime/worker-host';
import { yieldToEventLoop } from '@/lib/runtime/yield';

type Payload<T extends keyof PruneLmProtocol> = PayloadOf<PruneLmProtocol, T>;
type Job = JobContext<PruneLmProgress>;

interface Loaded {
  ckpt: Checkpoint;
  vocab: Vocab;
  data: PruneData;
  test: number[][];
  info: LoadedLm;
}

let tfLib: Awaited<ReturnType<typeof useNamedModelBackend>>['tf'] | null = null;
let backendName: ModelBackend | null = null;
const models = new Map<PruneLmName, Loaded>();
const stats = new Map<string, Promise<GramStats | null>>();
const results = new Map<string, Evaluation>();

async function load(req: Payload<'load'>, job: Job): Promise<LoadedLm> {
  const { tf, name } = await useNamedModelBackend(req.backend);
  if (backendName !== name) {
    models.clear();
    stats.clear();
    results.clear();
    backendName = name;
  }
  tfLib = tf;
  const hit = models.get(req.model);
  if (hit) return { ...hit.info, fromCache: true };
  const { ckpt, vocab, fromCache } = await loadModel(
    req.model,
    req.bytes,
    { fetch: (...a) => fetch(...a), caches: typeof caches === 'undefined' ? null : caches },
    (p) => job.progress({ phase: 'download', done: p.loaded, total: p.total }),
  );
  const lang = req.model === 'lm-zh' ? 'zh' : 'en';
  const res = await fetch(pruneDataUrl(lang));
  if (!res.ok) throw new Error(`${pruneDataUrl(lang)}: HTTP ${res.status}`);
  const data = parsePruneData(await res.json());
  const test = data.test.map((t) => encodeText(vocab, t).ids);
  const densePerplexity = await perplexityOf(tf, ckpt, test);
  const info: LoadedLm = {
    model: req.model,
    backend: name,
    fromCache,
    densePerplexity,
    testWindows: test.length,
    windowLength: test[0].length,
    defaultPrompt: Array.from(data.test[0]).slice(0, 48).join(''),
  };
  models.set(req.model, { ckpt, vocab, data, test, info });
  return info;
}

function loaded(name: PruneLmName): Loaded {
  const m = models.get(name);
  if (!m || !tfLib) throw new Error(`model ${name} is not loaded`);
  return m;
}

/** The dense model's statistics, computed once per (model, calib); shared by concurrent jobs. */
function statsFor(name: PruneLmName, calib: number, job: Job): Promise<GramStats | null> {
  const key = `${name}|${calib}`;
  let p = stats.get(key);
  if (!p) {
    const m = loaded(name);
    const windows = m.data.calibration.slice(0, calib).map((t) => encodeText(m.vocab, t).ids);
    p = calibrate(tfLib!, m.ckpt, windows, async (done, total) => {
      job.progress({ phase: 'calibrate', done, total });
      await yieldToEventLoop();
    });
    stats.set(key, p);
    p.catch(() => stats.delete(key));
  }
  return p;
}

async function evaluateOne(name: PruneLmName, spec: LmPruneSpec, calib: number, job: Job): Promise<Evaluation> {
  const key = `${name}|${needsCalibration(spec.method) ? calib : 0}|${specKey(spec)}`;
  const hit = results.get(key);
  if (hit) return hit;
  const m = loaded(name);
  const s = needsCalibration(spec.method) ? await statsFor(name, calib, job) : null;
  await job.check();
  const r = await evaluateSpec(tfLib!, m.ckpt, spec, s, m.test, async (done, total) => {
    job.progress({ phase: 'prune', done, total });
    await job.check();
  });
  const { pruned: _pruned, ...evaluation } = r;
  results.set(key, evaluation);
  return evaluation;
}

async function batch(req: Payload<'batch'>, job: Job): Promise<PointResult[]> {
  const out: PointResult[] = [];
  for (let i = 0; i < req.specs.length; i++) {
    const evaluation = await evaluateOne(req.model, req.specs[i], req.calib, job);
    const point = { index: i, spec: req.specs[i], evaluation };
    out.push(point);
    job.progress({ phase: 'batch', point, done: i + 1, total: req.specs.length });
  }
  return out;
}

async function continueText(
  lm: TfLm,
  vocab: Vocab,
  promptIds: number[],
  req: Payload<'generate'>,
  check: () => Promise<void>,
): Promise<string> {
  const random = mulberry32(req.seed);
  const context = lm.ckpt.config.maxPositions;
  const session = lm.session();
  const out: number[] = [];
  try {
    let logits = await session.append(promptIds.slice(-Math.floor(context / 2)));
    for (let i = 0; i < req.length; i++) {
      await check();
      const next = sampleNext(logits, req.temperature, req.topK, random);
      out.push(next);
      if (i === req.length - 1 || session.length >= context) break;
      logits = await session.append([next]);
    }
  } finally {
    session.dispose();
  }
  return decodeIds(vocab, out);
}

async function generate(req: Payload<'generate'>, job: Job): Promise<GeneratedPair> {
  const m = loaded(req.model);
  const check = job.check;
  const prompt = req.prompt.trim() === '' ? m.info.defaultPrompt : req.prompt;
  const ids = encodeText(m.vocab, prompt).ids;
  const s = needsCalibration(req.spec.method) ? await statsFor(req.model, req.calib, job) : null;
  const pruned = await pruneCheckpoint(m.ckpt, req.spec, s, check);
  const evaluation = await evaluateOne(req.model, req.spec, req.calib, job);
  const texts: string[] = [];
  for (const [k, ckpt] of [m.ckpt, pruned.ckpt].entries()) {
    const lm = new TfLm(tfLib!, ckpt);
    try {
      texts.push(await continueText(lm, m.vocab, ids, req, check));
    } finally {
      lm.dispose();
    }
    job.progress({ phase: 'generate', done: k + 1, total: 2 });
  }
  return { prompt, dense: texts[0], pruned: texts[1], perplexity: evaluation.perplexity };
}

hostWorker<PruneLmProtocol>(
  self as unknown as HostScope,
  { load, evaluate: (req, job) => evaluateOne(req.model, req.spec, req.calib, job), batch, generate },
  { toIssue: lmIssue },
);
