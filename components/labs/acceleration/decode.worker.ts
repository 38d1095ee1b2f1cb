/// <reference lib="webworker" />
/**
 * The "Decode a real model" worker: downloads lm-en (Cache Storage first, lib/lm/download.ts) and
 * its prune windows (public/data/lm/en.prune.json: calibration and test), then runs the jobs of
 * lib/acceleration/decode-jobs.ts. Perplexity and calibration run on tfjs's WASM backend; decoding on
 * the WebGPU backend through the WGSL GEMV kernels (lib/lm/sparse-linear.ts gemvLinear), or, without
 * WebGPU, on WASM with tf.matMul on the pruned weights (the fallback the panel explains).
 * Calibration statistics and perplexities are cached per method / pruned weights.
 * Protocol: lib/acceleration/decode-protocol.ts on lib/runtime (worker-host.ts).
 */
import { kernelBackend, useNamedModelBackend } from '@/lib/compute/tf';
import { decodeCheck, decodeTable, type DecodeEnv } from '@/lib/acceleration/decode-jobs';
import type {
  DecodeCheckRequest,
  DecodeCheckResult,
  DecodeProgress,
  DecodeProtocol,
  DecodeShapesRequest,
  DecodeShapesResult,
  DecodeTableRequest,
  DecodeTableResult,
} from '@/lib/acceleration/decode-protocol';
import { measureLlmShapes } from '@/lib/acceleration/llm-shapes';
import { minSampleMsFor } from '@/lib/acceleration/measure';
import { gemvLayoutFor } from '@/lib/kernels/matmul/matmul-config';
import type { Checkpoint } from '@/lib/lm/checkpoint';
import { loadModel } from '@/lib/lm/load-model';
import { lmIssue } from '@/lib/lm/errors';
import { LM_MODELS } from '@/lib/lm/models';
import { parsePruneData, pruneDataUrl, CALIBRATION_DEFAULT } from '@/lib/lm/prune-data';
import type { GramStats } from '@/lib/lm/prune-forward';
import { calibrate, perplexityOf } from '@/lib/lm/prune-jobs';
import { type DecodeConfig, decodeTableConfigs, gemvLinear, prunedKey, tfLinear } from '@/lib/lm/sparse-linear';
import { type Vocab, decodeIds, encodeText } from '@/lib/lm/vocab';
import { type HostScope, type JobContext, hostWorker } from '@/lib/runtime/worker-host';
import { yieldToEventLoop } from '@/lib/runtime/yield';

type Job = JobContext<DecodeProgress>;

/** Characters of the first test window the model continues. */
const PROMPT_CHARS = 24;
/** Profiled steps per configuration (the breakdown is their mean). */
const PROFILE_STEPS = 4;

interface Loaded {
  ckpt: Checkpoint;
  vocab: Vocab;
  prompt: string;
  promptIds: number[];
  test: number[][];
  calibration: number[][];
}

let loaded: Promise<Loaded> | null = null;
let stats: Promise<GramStats | null> | null = null;
const perplexities = new Map<string, number>();

function load(job: Job): Promise<Loaded> {
  loaded ??= (async () => {
    const entry = LM_MODELS['lm-en'];
    const { ckpt, vocab } = await loadModel(
      'lm-en',
      entry.bytes,
      { fetch: (...a) => fetch(...a), caches: typeof caches === 'undefined' ? null : caches },
      (p) => job.progress({ phase: 'download', done: p.loaded, total: p.total }),
    );
    const res = await fetch(pruneDataUrl('en'));
    if (!res.ok) throw new Error(`${pruneDataUrl('en')}: HTTP ${res.status}`);
    const data = parsePruneData(await res.json());
    const prompt = Array.from(data.test[0]).slice(0, PROMPT_CHARS).join('');
    return {
      ckpt,
      vocab,
      prompt,
      promptIds: encodeText(vocab, prompt).ids,
      test: data.test.map((t) => encodeText(vocab, t).ids),
      calibration: data.calibration.slice(0, CALIBRATION_DEFAULT).map((t) => encodeText(vocab, t).ids),
    };
  })();
  loaded.catch(() => {
    loaded = null;
  });
  return loaded;
}

async function envFor(job: Job, m: Loaded, useKernels: boolean, emulated: boolean): Promise<DecodeEnv> {
  const wasm = await useNamedModelBackend('wasm');
  const ctx = useKernels ? await kernelBackend() : null;
  const activateDecode = async () => {
    if (useKernels) await kernelBackend();
    else await useNamedModelBackend('wasm');
  };
  await activateDecode();
  const layout = gemvLayoutFor(emulated);
  return {
    tf: wasm.tf,
    linear: (cfg: DecodeConfig) => (ctx ? gemvLinear(ctx, cfg.kernel, { blockSize: cfg.blockSize, layout }) : tfLinear(wasm.tf)),
    perplexity: async (ckpt, key) => {
      const hit = perplexities.get(key);
      if (hit !== undefined) return hit;
      await useNamedModelBackend('wasm');
      const p = await perplexityOf(wasm.tf, ckpt, m.test);
      perplexities.set(key, p);
      return p;
    },
    stats: () => {
      stats ??= (async () => {
        await useNamedModelBackend('wasm');
        return calibrate(wasm.tf, m.ckpt, m.calibration, async (done, total) => {
          job.progress({ phase: 'calibrate', done, total });
          await yieldToEventLoop();
        });
      })();
      stats.catch(() => {
        stats = null;
      });
      return stats;
    },
    step: async (phase, done, total) => {
      job.progress({ phase, done, total });
      await job.check();
    },
    beforeDecode: activateDecode,
    // GPU timestamp queries when the device has them (tfjs requests the feature), else readbacks
    timing: ctx && !ctx.backend.device.features.has('timestamp-query') ? 'sync' : 'kernel',
  };
}

async function shapes(req: DecodeShapesRequest, job: Job): Promise<DecodeShapesResult> {
  const ctx = await kernelBackend();
  const rows = await measureLlmShapes(ctx, {
    emulated: req.emulated,
    kernels: req.kernels,
    blockSize: req.blockSize,
    samples: req.samples,
    minSampleMs: minSampleMsFor(req.emulated),
    layout: gemvLayoutFor(req.emulated),
    signal: job.signal,
    onProgress: (done, total) => job.progress({ phase: 'shapes', done, total }),
  });
  return { emulated: req.emulated, rows };
}

async function table(req: DecodeTableRequest, job: Job): Promise<DecodeTableResult> {
  const m = await load(job);
  const kernels = req.kernels.filter((k) => k !== 'dense');
  const configs = decodeTableConfigs(['dense', ...kernels], req.method, req.sparsities, req.blockSize);
  const env = await envFor(job, m, req.useKernels, req.emulated);
  const { rows, roundTripMs, timing } = await decodeTable(env, m.ckpt, m.promptIds, configs, req.tokens, PROFILE_STEPS);
  return {
    backend: req.useKernels ? 'webgpu' : 'wasm',
    prompt: m.prompt,
    rows: rows.map((r) => ({ ...r, text: decodeIds(m.vocab, r.ids) })),
    roundTripMs,
    timing,
    finishedAt: new Date().toISOString(),
  };
}

async function check(req: DecodeCheckRequest, job: Job): Promise<DecodeCheckResult> {
  const m = await load(job);
  const env = await envFor(job, m, true, req.emulated);
  const configs: DecodeConfig[] = [
    { kernel: 'dense', method: req.method, sparsity: 0, blockSize: req.blockSize },
    ...req.kernels
      .filter((k) => k !== 'dense')
      .map((kernel) => ({ kernel, method: req.method, sparsity: kernel === '2:4' ? 0.5 : req.sparsity, blockSize: req.blockSize })),
  ];
  const rows = [];
  for (const [i, cfg] of configs.entries()) {
    job.progress({ phase: 'check', done: i, total: configs.length, label: prunedKey(cfg) });
    const tokens = cfg.kernel === 'dense' ? req.denseTokens : req.sparseTokens;
    const r = await decodeCheck({ ...env, step: async () => env.step?.('check', i, configs.length) }, m.ckpt, m.promptIds, cfg, tokens);
    rows.push({ ...r, text: '' });
  }
  return { prompt: m.prompt, rows };
}

hostWorker<DecodeProtocol>(self as unknown as HostScope, { table, check, shapes }, { toIssue: lmIssue });
