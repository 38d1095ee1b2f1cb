/// <reference lib="webworker" />
/**
 * The "Decode a real model" worker: downloads lm-en (Cache Storage first, lib/lm/download.ts) and
 * its prune windows (public/data/lm/en.prune.json: calibration and test), then runs the jobs of
 * lib/acceleration/decode-jobs.ts. Perplexity and calibration run on tfjs's WASM backend; decoding on
 * the WebGPU backend through the WGSL GEMV kernels (lib/lm/sparse-linear.ts gemvLinear), or, without
 * WebGPU, on WASM with tf.matMul on the pruned weights (the fallback the panel explains).
 * Calibration statistics and perplexities are cached per method / pruned weights.
 * Protocol: lib/acceleration/decode-protocol.ts.
 */
import { kernelBackend, useNamedModelBackend } from '@/lib/compute/tf';
import { TimingCancelled } from '@/lib/compute/timing';
import { decodeCheck, decodeTable, type DecodeEnv } from '@/lib/acceleration/decode-jobs';
import type { DecodeRequest, DecodeResponse } from '@/lib/acceleration/decode-protocol';
import { measureLlmShapes } from '@/lib/acceleration/llm-shapes';
import { minSampleMsFor } from '@/lib/acceleration/measure';
import { gemvLayoutFor } from '@/lib/kernels/matmul-config';
import type { Checkpoint } from '@/lib/lm/checkpoint';
import { loadModel } from '@/lib/lm/load-model';
import { toLmErrorData } from '@/lib/lm/errors';
import { LM_MODELS } from '@/lib/lm/models';
import { parsePruneData, pruneDataUrl, CALIBRATION_DEFAULT } from '@/lib/lm/prune-data';
import type { GramStats } from '@/lib/lm/prune-forward';
import { calibrate, perplexityOf } from '@/lib/lm/prune-jobs';
import { type DecodeConfig, decodeTableConfigs, gemvLinear, prunedKey, tfLinear } from '@/lib/lm/sparse-linear';
import { type Vocab, decodeIds, encodeText } from '@/lib/lm/vocab';
import { yieldToEventLoop } from '@/lib/training/run-control';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: DecodeResponse) => scope.postMessage(m);

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
const cancelled = new Set<number>();

class Cancelled extends Error {}

function load(id: number): Promise<Loaded> {
  loaded ??= (async () => {
    const entry = LM_MODELS['lm-en'];
    const { ckpt, vocab } = await loadModel('lm-en', entry.bytes, { fetch: (...a) => fetch(...a), caches: typeof caches === 'undefined' ? null : caches }, (p) =>
      post({ id, type: 'progress', phase: 'download', done: p.loaded, total: p.total }),
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

async function envFor(id: number, m: Loaded, useKernels: boolean, emulated: boolean): Promise<DecodeEnv> {
  const wasm = await useNamedModelBackend('wasm');
  const guard = async () => {
    await yieldToEventLoop();
    if (cancelled.has(id)) throw new Cancelled();
  };
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
          post({ id, type: 'progress', phase: 'calibrate', done, total });
          await yieldToEventLoop();
        });
      })();
      stats.catch(() => {
        stats = null;
      });
      return stats;
    },
    step: async (phase, done, total) => {
      post({ id, type: 'progress', phase, done, total });
      await guard();
    },
    beforeDecode: activateDecode,
    // GPU timestamp queries when the device has them (tfjs requests the feature), else readbacks
    timing: ctx && !ctx.backend.device.features.has('timestamp-query') ? 'sync' : 'kernel',
  };
}

const aborts = new Map<number, AbortController>();

async function handle(req: Exclude<DecodeRequest, { type: 'cancel' }>): Promise<void> {
  if (req.type === 'shapes') {
    const ctx = await kernelBackend();
    const controller = new AbortController();
    aborts.set(req.id, controller);
    try {
      const rows = await measureLlmShapes(ctx, {
        emulated: req.emulated,
        kernels: req.kernels,
        blockSize: req.blockSize,
        samples: req.samples,
        minSampleMs: minSampleMsFor(req.emulated),
        layout: gemvLayoutFor(req.emulated),
        signal: controller.signal,
        onProgress: (done, total) => post({ id: req.id, type: 'progress', phase: 'shapes', done, total }),
      });
      post({ id: req.id, type: 'result', result: { emulated: req.emulated, rows } });
    } finally {
      aborts.delete(req.id);
    }
    return;
  }
  const m = await load(req.id);
  if (req.type === 'table') {
    const kernels = req.kernels.filter((k) => k !== 'dense');
    const configs = decodeTableConfigs(['dense', ...kernels], req.method, req.sparsities, req.blockSize);
    const env = await envFor(req.id, m, req.useKernels, req.emulated);
    const { rows, roundTripMs, timing } = await decodeTable(env, m.ckpt, m.promptIds, configs, req.tokens, PROFILE_STEPS);
    post({
      id: req.id,
      type: 'result',
      result: { backend: req.useKernels ? 'webgpu' : 'wasm', prompt: m.prompt, rows: rows.map((r) => ({ ...r, text: decodeIds(m.vocab, r.ids) })), roundTripMs, timing, finishedAt: new Date().toISOString() },
    });
    return;
  }
  const env = await envFor(req.id, m, true, req.emulated);
  const configs: DecodeConfig[] = [{ kernel: 'dense', method: req.method, sparsity: 0, blockSize: req.blockSize }, ...req.kernels.filter((k) => k !== 'dense').map((kernel) => ({ kernel, method: req.method, sparsity: kernel === '2:4' ? 0.5 : req.sparsity, blockSize: req.blockSize }))];
  const rows = [];
  for (const [i, cfg] of configs.entries()) {
    post({ id: req.id, type: 'progress', phase: 'check', done: i, total: configs.length, label: prunedKey(cfg) });
    const tokens = cfg.kernel === 'dense' ? req.denseTokens : req.sparseTokens;
    const r = await decodeCheck({ ...env, step: async () => env.step?.('check', i, configs.length) }, m.ckpt, m.promptIds, cfg, tokens);
    rows.push({ ...r, text: '' });
  }
  post({ id: req.id, type: 'result', result: { prompt: m.prompt, rows } });
}

function errorOf(err: unknown): { key: string; message: string } {
  if (err instanceof Cancelled || err instanceof TimingCancelled || (err instanceof DOMException && err.name === 'AbortError')) return { key: 'cancelled', message: 'cancelled' };
  const lm = toLmErrorData(err);
  if (lm) return { key: lm.key, message: lm.message };
  return { key: 'runtime', message: err instanceof Error ? err.message : String(err) };
}

scope.onmessage = async (event: MessageEvent<DecodeRequest>) => {
  const req = event.data;
  if (req.type === 'cancel') {
    cancelled.add(req.target);
    aborts.get(req.target)?.abort();
    return;
  }
  try {
    await handle(req);
  } catch (err) {
    post({ id: req.id, type: 'error', error: errorOf(err) });
  } finally {
    cancelled.delete(req.id);
  }
};
