/**
 * Measures the language-model pruning lab's numbers on tfjs WASM in Node, as the lab computes
 * them (lib/lm/prune-jobs.ts): the dense test perplexity, the Wanda-style table (50%, 4:8, 2:4 for
 * magnitude, Wanda, SparseGPT), the curves, and the time SparseGPT takes on all of the model.
 * Run: npx tsx scripts/prune-lm.ts [lm-en|lm-zh] [--curve] [--calib 32]
 * Prints a JSON summary (the README's table comes from it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { loadCheckpoint } from '../lib/lm/checkpoint';
import { specKey } from '../lib/lm/prune';
import { CALIBRATION_DEFAULT, parsePruneData } from '../lib/lm/prune-data';
import { DEFAULT_SPEC, calibrate, curveSpecs, evaluateSpec, perplexityOf, sameOrderingAsPaper, tableSpecs } from '../lib/lm/prune-jobs';
import { encodeText, parseVocab } from '../lib/lm/vocab';

const args = process.argv.slice(2);
const name = args.find((a) => a.startsWith('lm-')) ?? 'lm-en';
const calibIdx = args.indexOf('--calib');
const calib = calibIdx >= 0 ? Number(args[calibIdx + 1]) : CALIBRATION_DEFAULT;
const root = fileURLToPath(new URL('../', import.meta.url));
setWasmPaths(join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist/'));
await tf.setBackend('wasm');
await tf.ready();

const dir = join(root, 'public/models', name);
const ckpt = loadCheckpoint(
  JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')),
  new Uint8Array(readFileSync(join(dir, 'model.safetensors'))),
);
const vocab = parseVocab(JSON.parse(readFileSync(join(dir, 'vocab.json'), 'utf8')), ckpt.config.vocabSize);
const lang = name === 'lm-zh' ? 'zh' : 'en';
const data = parsePruneData(JSON.parse(readFileSync(join(root, `public/data/lm/${lang}.prune.json`), 'utf8')));
const enc = (t: string) => encodeText(vocab, t).ids;
const test = data.test.map(enc);
const t0 = performance.now();
const dense = await perplexityOf(tf, ckpt, test);
const t1 = performance.now();
const stats = (await calibrate(tf, ckpt, data.calibration.slice(0, calib).map(enc)))!;
const t2 = performance.now();
console.error(
  `${name}: dense ${dense.toFixed(3)} (${(t1 - t0).toFixed(0)} ms), calibration ${calib} windows ${(t2 - t2 + t2 - t1).toFixed(0)} ms`,
);
const cells: Record<string, number> = {};
const timings: Record<string, { pruneMs: number; evalMs: number }> = {};
for (const spec of tableSpecs()) {
  const r = await evaluateSpec(tf, ckpt, spec, stats, test);
  cells[`${spec.method}|${spec.pattern}`] = Number(r.perplexity.toFixed(3));
  timings[`${spec.method}|${spec.pattern}`] = { pruneMs: Math.round(r.pruneMs), evalMs: Math.round(r.evalMs) };
  console.error(
    `${spec.method} ${spec.pattern}: ${r.perplexity.toFixed(3)} (sparsity ${r.sparsity.toFixed(4)}, prune ${r.pruneMs.toFixed(0)} ms, eval ${r.evalMs.toFixed(0)} ms)`,
  );
}
for (const group of ['row'] as const) {
  const r = await evaluateSpec(tf, ckpt, { ...DEFAULT_SPEC, group }, null, test);
  cells[`magnitude-${group}|unstructured`] = Number(r.perplexity.toFixed(3));
}
for (const method of ['heads', 'channels'] as const) {
  const r = await evaluateSpec(tf, ckpt, { ...DEFAULT_SPEC, method }, stats, test);
  cells[`${method}|50%`] = Number(r.perplexity.toFixed(3));
}
const curve: Record<string, number> = {};
if (args.includes('--curve')) {
  for (const spec of curveSpecs()) {
    const r = await evaluateSpec(tf, ckpt, spec, stats, test);
    curve[specKey(spec)] = Number(r.perplexity.toFixed(3));
    console.error(`${spec.method} ${spec.amount}: ${r.perplexity.toFixed(3)}`);
  }
}
console.log(
  JSON.stringify(
    {
      model: name,
      backend: tf.getBackend(),
      calibration: calib,
      dense: Number(dense.toFixed(3)),
      denseEvalMs: Math.round(t1 - t0),
      calibrationMs: Math.round(t2 - t1),
      cells,
      ordering: sameOrderingAsPaper(cells),
      timings,
      curve,
    },
    null,
    1,
  ),
);
