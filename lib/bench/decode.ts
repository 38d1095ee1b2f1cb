/**
 * End-to-end sparse decoding (browser only: it fetches the shipped lm-en and its prune windows):
 * lm-en generates greedily token by token with its linear layers on our dense GEMV (decode-dense)
 * or on the CSR, BSR (32 × 32) and 2:4 kernels over magnitude-pruned weights at 50 / 70 / 90%
 * (2:4 at 50%), interleaved token by token (lib/acceleration/decode-jobs.ts decodeTable).
 * One row per sparse configuration: kernelMs / baselineMs are the median ms per token,
 * speedup = dense ms / kernel ms (= tokens per second ratio); params carry tokens per second,
 * the pruned model's test perplexity (tfjs WASM, 8 × 256 test characters) and the Amdahl parts
 * (ms per token of the linear layers, attention, norms, sampling, other; the linear share p of the
 * dense step, the linear layers' speed-up, Amdahl's prediction 1 / ((1 − p) + p / S_linear) and
 * its ceiling 1 / (1 − p)). The dense configuration gets its own row (speed-up 1) with its parts.
 *
 * Before timing, each configuration decodes the same prompt and token count once and is
 * compared with the float64 reference forward of its own pruned weights (decode-jobs.ts
 * decodeCheck): the same greedy tokens, and max |Δ logit| <= 1e-4 · max |reference logit|
 * (lib/bench/check.ts). A configuration that fails is not timed (its row says why); when
 * the dense one fails, none is.
 */
import { type CheckRow, type DecodeEnv, decodeCheck, decodeSpeedups, decodeTable } from '../acceleration/decode-jobs';
import { useNamedModelBackend } from '../compute/tf';
import { gemvLayoutFor } from '../kernels/matmul/matmul-config';
import { parsePruneData, pruneDataUrl } from '../lm/prune-data';
import { perplexityOf } from '../lm/prune-jobs';
import { decodeTableConfigs, gemvLinear } from '../lm/sparse-linear';
import { encodeText } from '../lm/vocab';
import { BENCH_CHECK_TOLERANCE } from './check';
import { fetchBenchModel } from './model-fixture';
import type { BenchContext, BenchMeasurement, BenchSuite } from './types';

const KERNEL_NAME = { dense: 'decode-dense', csr: 'decode-csr', bsr: 'decode-bsr', '2:4': 'decode-2:4' } as const;

/** Why a decode check failed, or null when it passed (same tokens, logits within 1e-4 · max |reference logit|). */
export function decodeCheckProblem(r: Pick<CheckRow, 'sameTokens' | 'firstMismatch' | 'maxAbsError' | 'scale'>): string | null {
  const limit = BENCH_CHECK_TOLERANCE * r.scale;
  const logits = `max |Δ logit| ${r.maxAbsError.toExponential(2)} ${r.maxAbsError <= limit ? '<=' : '>'} ${limit.toExponential(2)} (1e-4 · max |reference logit| ${r.scale.toFixed(2)})`;
  if (!r.sameTokens) return `generated token ${r.firstMismatch} differs from the reference's; ${logits}`;
  if (!(r.maxAbsError <= limit)) return logits;
  return null;
}

async function run(ctx: BenchContext): Promise<BenchMeasurement[]> {
  const previous = ctx.kernels.tf.getBackend();
  const { ckpt, vocab } = await fetchBenchModel('lm-en');
  const data = parsePruneData(await fetch(pruneDataUrl('en')).then((r) => r.json()));
  const test = data.test.map((t) => encodeText(vocab, t).ids);
  const prompt = encodeText(vocab, Array.from(data.test[0]).slice(0, 24).join('')).ids;
  const sparsities = ctx.size === 'tiny' ? [0.5] : [0.5, 0.7, 0.9];
  const tokens = ctx.size === 'tiny' ? 2 : ctx.emulated || ctx.size === 'quick' ? 8 : 32;
  const method = 'magnitude';
  const configs = decodeTableConfigs(['dense', 'csr', 'bsr', '2:4'], method, sparsities, 32);
  const layout = gemvLayoutFor(ctx.emulated);
  const kernels = ctx.kernels;
  ctx.log(`decode: lm-en, ${configs.length} configurations, ${tokens} tokens each`);
  const env: DecodeEnv = {
    tf: kernels.tf,
    linear: (cfg) => gemvLinear(kernels, cfg.kernel, { blockSize: cfg.blockSize, layout }),
    perplexity: async (p) => {
      const { tf } = await useNamedModelBackend('wasm');
      return perplexityOf(tf, p, test);
    },
    stats: async () => null,
    beforeDecode: async () => {
      await kernels.tf.setBackend('webgpu');
    },
    step: () => {
      if (ctx.signal.aborted) throw new Error('cancelled');
    },
  };
  try {
    const failed: BenchMeasurement[] = [];
    const passed: typeof configs = [];
    for (const cfg of configs) {
      const problem = decodeCheckProblem(await decodeCheck(env, ckpt, prompt, cfg, tokens));
      const name = KERNEL_NAME[cfg.kernel];
      ctx.log(`  check ${name}${cfg.kernel === 'dense' ? '' : ` at ${(cfg.sparsity * 100).toFixed(0)}%`} against the reference forward: ${problem ?? 'ok'}`);
      if (problem === null) passed.push(cfg);
      else failed.push({ ...failedDecodeRow(cfg, method, tokens), failed: `decoding differs from the reference forward of the same weights, not timed: ${problem}` });
    }
    if (!passed.some((c) => c.kernel === 'dense')) return [...failed, ...passed.map((cfg) => ({ ...failedDecodeRow(cfg, method, tokens), failed: 'not timed: the dense baseline failed its check' }))];
    const { rows } = await decodeTable(env, ckpt, prompt, passed, tokens, ctx.size === 'tiny' ? 1 : 4);
    const speed = decodeSpeedups(rows);
    const dense = rows.find((r) => r.config.kernel === 'dense')!;
    const timed = rows.map((r, i): BenchMeasurement => {
      const b = r.breakdown;
      return {
        kernel: KERNEL_NAME[r.config.kernel],
        baseline: 'decode-dense',
        params: {
          model: 'lm-en',
          method: r.config.kernel === 'dense' ? 'none' : method,
          sparsity: r.sparsity,
          tokens,
          tokensPerSecond: r.tokensPerSecond,
          baselineTokensPerSecond: dense.tokensPerSecond,
          perplexity: r.perplexity,
          linearMs: b.parts.linear,
          attentionMs: b.parts.attention,
          normsMs: b.parts.norms,
          samplingMs: b.parts.sampling,
          otherMs: b.overhead,
          linearShare: b.linearShare,
          linearSpeedup: speed[i].linearSpeedup,
          amdahlPredicted: speed[i].predicted,
          amdahlLimit: speed[i].limit,
          ...(r.config.kernel === 'bsr' ? { blockSize: 32 } : {}),
        },
        sparsity: r.sparsity,
        kernelMs: r.msPerToken,
        baselineMs: dense.msPerToken,
        speedup: speed[i].speedup,
        idealSpeedup: 1 / (1 - r.sparsity),
        kernelCv: r.cv,
        baselineCv: dense.cv,
      };
    });
    return [...timed, ...failed];
  } finally {
    await kernels.tf.setBackend(previous);
  }
}

function failedDecodeRow(cfg: { kernel: keyof typeof KERNEL_NAME; sparsity: number }, method: string, tokens: number): BenchMeasurement {
  return {
    kernel: KERNEL_NAME[cfg.kernel],
    baseline: 'decode-dense',
    params: { model: 'lm-en', method: cfg.kernel === 'dense' ? 'none' : method, sparsity: cfg.sparsity, tokens },
    sparsity: cfg.sparsity,
    kernelMs: Number.NaN,
    baselineMs: Number.NaN,
    speedup: Number.NaN,
    idealSpeedup: 1 / (1 - cfg.sparsity),
  };
}

export const suite: BenchSuite = { lab: 'acceleration', run };
