/**
 * The language models' benchmark (browser only: it fetches the shipped lm-en and test text):
 *   1. one forward pass over 256 characters of lm-en on WASM against the page's budget of 300 ms
 *      (speedup = 300 / measured, so ≥ 1 is within budget);
 *   2. the same pass on tfjs's WebGPU backend against WASM, side by side;
 *   3. generation: one KV-cache decode step (the 129th character after a 128-character prompt)
 *      against recomputing the whole 129-character prefix, per backend; params.charsPerSecond is
 *      1000 / decode ms;
 *   4. the attention lab's model work against its budgets (lm-attention.ts).
 * Logits are read back inside each run (await data()), as the page does. The suite switches tfjs
 * to each backend and back to the previous one at the end.
 */
import { useNamedModelBackend } from '../compute/tf';
import { timeInterleaved } from '../compute/timing';
import type { ModelBackend } from '../compute/backend';
import { LM_MODELS } from '../lm/models';
import { TfLm } from '../lm/tf-lm';
import { encodeText } from '../lm/vocab';
import { attentionLmRows } from './lm-attention';
import { asyncVariant as variant, fetchBenchModel, fetchEnglishTestDocs } from './model-fixture';
import type { BenchContext, BenchMeasurement, BenchSuite } from './types';

export const FORWARD_BUDGET_MS = 300;
const N = 256;
const PROMPT = 128;

async function run(ctx: BenchContext): Promise<BenchMeasurement[]> {
  const previous = ctx.kernels.tf.getBackend();
  const [{ ckpt, vocab }, docs] = await Promise.all([fetchBenchModel('lm-en'), fetchEnglishTestDocs()]);
  const ids = encodeText(vocab, docs.map((d) => d.text).join('\n\n')).ids.slice(0, N);
  const samples = ctx.size === 'tiny' ? 5 : ctx.size === 'quick' ? 20 : 40;
  const backends: ModelBackend[] = ['wasm', ...(ctx.size === 'tiny' ? [] : (['webgpu'] as const))];
  const forward: Partial<Record<ModelBackend, { ms: number; cv: number }>> = {};
  const rows: BenchMeasurement[] = [];
  const params = { model: 'lm-en', bytes: LM_MODELS['lm-en'].bytes, characters: N };
  try {
    for (const name of backends) {
      const { tf } = await useNamedModelBackend(name);
      // a software WebGPU adapter takes seconds per pass: fewer samples there, the same rows
      const n = name === 'webgpu' && ctx.emulated ? Math.min(samples, 5) : samples;
      const lm = new TfLm(tf, ckpt);
      try {
        const full = variant(`forward ${N} characters (${name})`, () => lm.forward(ids));
        ctx.log(`lm: ${n} samples of a ${N}-character forward pass on ${name}`);
        const [f] = await timeInterleaved([full.v], full.sync, { samples: n, warmup: 1, maxRepeats: 1, signal: ctx.signal });
        forward[name] = { ms: f.medianMs, cv: f.cv };
        // decode: a fresh session primed with PROMPT characters outside the timing, then one step
        const prefix = ids.slice(0, PROMPT + 1);
        let session = lm.session();
        const prime = async () => {
          session.dispose();
          session = lm.session();
          await session.append(prefix.slice(0, PROMPT));
        };
        await prime();
        const step = variant(`decode 1 character, KV cache (${name})`, async () => {
          await session.append([prefix[PROMPT]]);
          await prime();
        });
        const again = variant(`forward ${PROMPT + 1} characters, no cache (${name})`, () => lm.forward(prefix));
        // the step's variant re-primes inside its run; its cost is measured alone below and subtracted
        const primeOnly = variant('prime', prime);
        const [d, r, p] = await timeInterleaved([step.v, again.v, primeOnly.v], async () => {
          await step.sync();
          await again.sync();
          await primeOnly.sync();
        }, { samples: n, warmup: 1, maxRepeats: 1, signal: ctx.signal });
        session.dispose();
        const decodeMs = Math.max(d.medianMs - p.medianMs, 1e-3);
        rows.push({
          kernel: d.name,
          baseline: r.name,
          params: { ...params, backend: name, prompt: PROMPT, charsPerSecond: Number((1000 / decodeMs).toFixed(1)) },
          sparsity: 0,
          kernelMs: decodeMs,
          baselineMs: r.medianMs,
          speedup: r.medianMs / decodeMs,
          idealSpeedup: PROMPT + 1,
          kernelCv: d.cv,
          baselineCv: r.cv,
        });
      } finally {
        lm.dispose();
      }
    }
    rows.push(...(await attentionLmRows(ctx, ckpt, vocab, docs)));
  } finally {
    await useNamedModelBackend(previous as ModelBackend).catch(() => undefined);
  }
  const wasm = forward.wasm!;
  rows.unshift({
    kernel: `forward ${N} characters (wasm)`,
    baseline: `budget ${FORWARD_BUDGET_MS} ms`,
    params: { ...params, backend: 'wasm', budgetMs: FORWARD_BUDGET_MS },
    sparsity: 0,
    kernelMs: wasm.ms,
    baselineMs: FORWARD_BUDGET_MS,
    speedup: FORWARD_BUDGET_MS / wasm.ms,
    idealSpeedup: 1,
    kernelCv: wasm.cv,
  });
  if (forward.webgpu) {
    rows.splice(1, 0, {
      kernel: `forward ${N} characters (webgpu)`,
      baseline: `forward ${N} characters (wasm)`,
      params: { ...params, backend: 'webgpu' },
      sparsity: 0,
      kernelMs: forward.webgpu.ms,
      baselineMs: wasm.ms,
      speedup: wasm.ms / forward.webgpu.ms,
      idealSpeedup: 1,
      kernelCv: forward.webgpu.cv,
      baselineCv: wasm.cv,
    });
  }
  return rows;
}

export const suite: BenchSuite = { lab: 'lm', run };
