/**
 * MoE benchmark: the dispatch path (router logits, top-k, counting sort, one grouped matmul
 * per projection, weighted combine — routing and permutation included in the time) against
 * the dense baseline (same router and top-k, every expert on every token, masked), in one
 * run on one device, interleaved (lib/compute/timing.ts).
 *
 * Sizes (Mixtral-like routing at a browser-sized scale): top-2 of 8 experts, 2,048 tokens, hidden 512, FFN 4× = 2,048. On a
 * software adapter (CPU emulation, ~1 GFLOP/s) 'quick' and 'full' use 512 tokens, hidden 128,
 * FFN 512 instead, and the row's params say so. 'tiny': 64 tokens, hidden 32, FFN 128.
 * Rows: even routing; 60 % of the tokens on expert 0 (skew); and the padded dispatch
 * (capacity factor 1.25) for contrast. Ideal speed-up = E / k = 4 (expert FLOPs only).
 */
import { waitForGpu } from '../kernels/harness';
import { makeSyntheticLayer, routerLogitsReference, topKReference } from '../kernels/moe/moe-dispatch-reference';
import { countPaddedDrops, paddedCapacity } from '../kernels/moe/moe-padded-reference';
import { moeDense, uploadDenseOffsets } from '../kernels/moe/run-moe-dense';
import { moeDispatch, uploadMoeLayer } from '../kernels/moe/run-moe-dispatch';
import { moePadded, uploadPaddedOffsets } from '../kernels/moe/run-moe-padded';
import { timeInterleaved } from '../compute/timing';
import type { BenchContext, BenchMeasurement, BenchSuite } from './types';

export interface MoeBenchSizes {
  numTokens: number;
  hidden: number;
  ffn: number;
  numExperts: number;
  k: number;
  /** True when the sizes were reduced for a software adapter. */
  reduced: boolean;
}

/** The sizes for a preset (see the module comment). */
export function moeBenchSizes(size: BenchContext['size'], emulated: boolean): MoeBenchSizes {
  if (size === 'tiny') return { numTokens: 64, hidden: 32, ffn: 128, numExperts: 8, k: 2, reduced: false };
  if (emulated) return { numTokens: 512, hidden: 128, ffn: 512, numExperts: 8, k: 2, reduced: true };
  return { numTokens: 2048, hidden: 512, ffn: 2048, numExperts: 8, k: 2, reduced: false };
}

/** Share of tokens whose top-k includes the busiest expert (CPU routing of the CPU logits). */
function busiestShare(layer: ReturnType<typeof makeSyntheticLayer>): { share: number; experts: Int32Array } {
  const { experts } = topKReference(routerLogitsReference(layer.x, layer.numTokens, layer.hidden, layer.router, layer.numExperts), layer.numTokens, layer.numExperts, layer.k, layer.weightMode);
  const load = new Int32Array(layer.numExperts);
  for (let i = 0; i < experts.length; i++) load[experts[i]]++;
  return { share: Math.max(...load) / layer.numTokens, experts };
}

export const suite: BenchSuite = {
  lab: 'moe',
  async run(ctx: BenchContext): Promise<BenchMeasurement[]> {
    const { kernels } = ctx;
    const sz = moeBenchSizes(ctx.size, ctx.emulated);
    const samples = ctx.size === 'tiny' ? 20 : ctx.size === 'quick' ? 20 : 30;
    const warmup = ctx.size === 'tiny' ? 1 : 2;
    const rows: BenchMeasurement[] = [];
    const sync = () => waitForGpu(kernels);
    for (const skew of [0, 0.6]) {
      const layer = makeSyntheticLayer({ ...sz, activation: 'gelu', weightMode: 'mixtral', skew }, 42);
      const { share, experts } = busiestShare(layer);
      const capacity = paddedCapacity(layer, 1.25);
      const dropped = countPaddedDrops(experts, sz.numExperts, capacity);
      const up = uploadMoeLayer(kernels, layer);
      const denseOffsets = uploadDenseOffsets(kernels, layer);
      const paddedOffsets = uploadPaddedOffsets(kernels, layer, capacity);
      try {
        // sanity: the two paths agree on this input before they are timed
        const a = moeDispatch(kernels, up);
        const b = moeDense(kernels, up, denseOffsets);
        const [da, db] = [(await a.data()) as Float32Array, (await b.data()) as Float32Array];
        a.dispose();
        b.dispose();
        let maxDiff = 0;
        let scale = 0;
        for (let i = 0; i < da.length; i++) {
          maxDiff = Math.max(maxDiff, Math.abs(da[i] - db[i]));
          scale = Math.max(scale, Math.abs(db[i]));
        }
        ctx.log(`moe skew ${skew}: ${sz.numTokens} tokens, H ${sz.hidden}, FFN ${sz.ffn}, top-${sz.k} of ${sz.numExperts}; dispatch vs dense max |diff| ${maxDiff.toExponential(2)} (scale ${scale.toFixed(2)})`);
        if (!(maxDiff <= 1e-3 * Math.max(1, scale))) throw new Error(`dispatch and dense disagree (max |diff| ${maxDiff}) at skew ${skew}`);
        const results = await timeInterleaved(
          [
            { name: 'dispatch', run: () => moeDispatch(kernels, up).dispose() },
            { name: 'dense', run: () => moeDense(kernels, up, denseOffsets).dispose() },
            { name: 'padded', run: () => moePadded(kernels, up, capacity, paddedOffsets).dispose() },
          ],
          sync,
          { samples, warmup, minSampleMs: 1, signal: ctx.signal, onProgress: (done, total) => done % 20 === 0 && ctx.log(`  ${done}/${total}`) },
        );
        const [dispatch, dense, padded] = results;
        const params = {
          tokens: sz.numTokens,
          hidden: sz.hidden,
          ffn: sz.ffn,
          experts: sz.numExperts,
          k: sz.k,
          skew,
          busiestExpertShare: Number(share.toFixed(3)),
          sizes: sz.reduced ? 'reduced for a software adapter (issue size: 2048 tokens, hidden 512, FFN 2048)' : ctx.size === 'tiny' ? 'tiny preset' : 'issue size',
        };
        const base = { baseline: 'dense (every expert, masked)', sparsity: 1 - sz.k / sz.numExperts, baselineMs: dense.medianMs, idealSpeedup: sz.numExperts / sz.k, baselineCv: dense.cv };
        rows.push({ ...base, kernel: 'dispatch (route + sort + grouped matmul + combine)', params, kernelMs: dispatch.medianMs, speedup: dense.medianMs / dispatch.medianMs, kernelCv: dispatch.cv });
        rows.push({ ...base, kernel: 'padded dispatch (capacity factor 1.25)', params: { ...params, capacity, droppedSlots: dropped }, kernelMs: padded.medianMs, speedup: dense.medianMs / padded.medianMs, kernelCv: padded.cv });
        ctx.log(`  dispatch ${dispatch.medianMs.toFixed(2)} ms, dense ${dense.medianMs.toFixed(2)} ms (${(dense.medianMs / dispatch.medianMs).toFixed(2)}x), padded ${padded.medianMs.toFixed(2)} ms, ${dropped} slots dropped`);
      } finally {
        up.dispose();
        denseOffsets.dispose();
        paddedOffsets.dispose();
      }
    }
    return rows;
  },
};
