import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { shippedModel } from '/work/wt-moe/lib/lm/test-helpers';
import { TfLm } from '/work/wt-moe/lib/lm/tf-lm';
import { evaluationWindows, evaluateRouting } from '/work/wt-moe/lib/lm/routing-eval';
import { ROUTING_CHANGES, leastUsedExperts, policyOf } from '/work/wt-moe/lib/lm/routing-changes';
import { capacityStats, classUsage, consecutiveStats } from '/work/wt-moe/lib/moe/lm-stats';

setWasmPaths('/work/wt-moe/node_modules/@tensorflow/tfjs-backend-wasm/dist/');
await tf.setBackend(process.argv[2] ?? 'wasm');
const { ckpt, vocab } = shippedModel('moe-en');
const docs = JSON.parse(readFileSync('/work/wt-moe/public/data/lm/en.test.json', 'utf8')).docs;
const windows = evaluationWindows(docs, vocab);
const lm = new TfLm(tf, ckpt);
const fwd = (ids: number[], rec: any, pol: any) => lm.forward(ids, undefined, rec, pol);
await evaluateRouting(windows.slice(0, 1), ckpt.config.vocabSize, fwd, null);
let t0 = performance.now();
const trained = (await evaluateRouting(windows, ckpt.config.vocabSize, fwd, null))!;
console.log('trained (null policy)', trained.nll, trained.perplexity, 'ms', performance.now() - t0);
const E = 8, k = 2;
const loads = trained.record.chosen.map((c) => { const l = new Int32Array(E); for (const e of c) if (e >= 0) l[e]++; return l; });
const least = leastUsedExperts(loads);
console.log('loads', loads.map((l) => Array.from(l).join(',')), 'least', least);
for (const ch of ROUTING_CHANGES) {
  t0 = performance.now();
  const r = (await evaluateRouting(windows, ckpt.config.vocabSize, fwd, policyOf(ch, { topK: 2, capacityFactor: 1.25, leastUsed: least })))!;
  console.log(ch, r.nll.toFixed(4), r.perplexity.toFixed(4), 'ms', (performance.now() - t0).toFixed(0));
}
for (const cf of [1, 1.25, 2]) { const r = (await evaluateRouting(windows, ckpt.config.vocabSize, fwd, policyOf('capacity', { topK: 2, capacityFactor: cf, leastUsed: least })))!; console.log('cf', cf, r.nll.toFixed(4)); }
const chars = windows.flatMap((w) => w.chars);
for (let l = 0; l < 4; l++) {
  const cu = classUsage(chars, trained.record.chosen[l], k, E);
  console.log('layer', l, cu.map((r) => `${r.cls}(${r.count}): ${Array.from(r.share).map((v) => (100 * v).toFixed(0)).join(' ')}`).join(' | '));
  const cs = consecutiveStats(trained.record.chosen[l], trained.windows, k, E);
  console.log('  consecutive', JSON.stringify(cs));
  const cap = capacityStats(trained.record.logits[l], trained.windows, k, E, 1.25);
  console.log('  capacity', cap.capacities[0], Array.from(cap.demand).join(','), 'drops', Array.from(cap.drops).join(','), cap.dropped, '/', cap.slots, 'full', cap.tokensFullyDropped, 'cv', cap.loadCv.toFixed(3), 'aux', cap.auxLoss.toFixed(4), 'z', cap.zLoss.toFixed(3));
}
