import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { shippedModel } from '../lib/lm/test-helpers';
import { evalWindows, EVAL_WINDOW_COUNT } from '../lib/lm/eval-windows';
import { TfLm } from '../lib/lm/tf-lm';
import { attentionTrace, patternNll } from '../lib/lm/attention-jobs';
import { causalDensity, causalPatternMask, sweepSpecs, SWEEP_FAMILIES, traceStats } from '../lib/attention/lm-heads';
import type { PatternParams } from '../lib/attention/params';

async function main() {
  await tf.setBackend('cpu');
  for (const name of (process.argv[2] ?? 'lm-en').split(',')) {
    const { ckpt, vocab } = shippedModel(name);
    const lang = name === 'lm-zh' ? 'zh' : 'en';
    const docs = JSON.parse(readFileSync(`public/data/lm/${lang}.test.json`, 'utf8')).docs;
    const w = evalWindows(docs, vocab, EVAL_WINDOW_COUNT, 256);
    const lm = new TfLm(tf, ckpt);
    const base: PatternParams = { seqLen: 256, windowSize: 256, dilation: 2, stride: 128, summaryTokens: 8, globalTokens: 16, randomBlocks: 3, blockSize: 64, sinkTokens: 4, seed: 1, causal: true };
    // head stats on each window, dense; mass kept for window 32 and sinks
    for (const k of [1, 4]) {
      const agg = new Map<string, number[]>();
      for (let i = 0; i < w.ids.length; i++) {
        const t = attentionTrace(ckpt, w.ids[i]);
        const att = Array.from({ length: t.layers }, (_, l) => t.attention.slice(l * t.heads, (l + 1) * t.heads));
        const mask = causalPatternMask({ name: 'window', params: { ...base, windowSize: 32 } }, 256);
        for (const s of traceStats(att, 256, mask, k)) {
          const key = `L${s.layer}H${s.head}`;
          const a = agg.get(key) ?? [0, 0, 0, 0];
          a[0] += s.massKept / 6; a[1] += s.distance / 6; a[2] += s.sinkMass / 6; a[3] += s.uniformSinkMass / 6;
          agg.set(key, a);
        }
      }
      console.log(name, `k=${k}`, 'head: mass kept in window 32 (17 keys), distance, sink mass, uniform');
      for (const [key, a] of agg) console.log(key, a.map((v) => v.toFixed(3)).join(' '));
    }
    const t0 = Date.now();
    const dense = await patternNll(lm, ckpt.config.vocabSize, w.ids, [null]);
    console.log(name, 'dense', dense![0].map((v) => v.toFixed(3)).join(' '), 'mean', (dense![0].reduce((a, b) => a + b) / 6).toFixed(4), `${Date.now() - t0} ms`);
    for (const family of SWEEP_FAMILIES) {
      for (const { value, spec } of sweepSpecs(family, base)) {
        const r = await patternNll(lm, ckpt.config.vocabSize, w.ids, [spec]);
        const mean = r![0].reduce((a, b) => a + b) / r![0].length;
        console.log(name, family, value, 'density', causalDensity(causalPatternMask(spec, 256), 256).toFixed(3), 'nll', mean.toFixed(4), 'ppl', Math.exp(mean).toFixed(3));
      }
    }
    // window-only vs sinks
    for (const wsize of [8, 16, 32, 64]) {
      const only = { name: 'sinks' as const, params: { ...base, windowSize: wsize, sinkTokens: 0 } };
      const sink = { name: 'sinks' as const, params: { ...base, windowSize: wsize, sinkTokens: 4 } };
      const r = await patternNll(lm, ckpt.config.vocabSize, w.ids, [only, sink]);
      const mean = (a: number[]) => a.reduce((x, y) => x + y) / a.length;
      console.log(name, 'recent', wsize, 'window-only', mean(r![0]).toFixed(4), 'with 4 sinks', mean(r![1]).toFixed(4));
    }
    lm.dispose();
  }
}
main();
