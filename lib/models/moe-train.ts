/**
 * Training of the MoE digit classifier (moe-classifier.ts) with tfjs, shared by
 * scripts/train-moe.ts (Node, WASM backend) and the lab's in-browser retraining
 * (useModelBackend(): WASM on software adapters, WebGPU on hardware).
 *
 * The tfjs module is passed in, so this file stays free of any particular backend.
 *
 * Routing during training uses the SAME functions the pictures use: each step reads the
 * router logits back (a [B·16, E] array), routes them on the CPU with routeTokens
 * (lib/moe/variants.ts) and turns the choice into a constant 0/1 mask M [N, E]. The gate
 * weights stay differentiable through the router probabilities:
 *   mixtral, noisy  w = softmax(l (+ noise) masked to the chosen experts)   (renormalised)
 *   gshard, switch, expert-choice, shared   w = softmax(l) ⊙ M               (not renormalised)
 *   source          w = M / k, a constant: the router gets NO gradient from the task loss
 * Experts are evaluated densely and masked (h_e for every expert, multiplied by w_t,e), which
 * at this size is simpler than a gather and gives the same sums as the sparse dispatch:
 *   H = ReLU(u · W1cat + b1cat)                 W1cat [H, E'·F]  (expert e = column block e)
 *   moe = (H ⊙ w broadcast over F) · W2cat + w · b2     W2cat [E'·F, H]
 * Loss = cross-entropy + α · E · Σ_e f_e P_e (HF Mixtral load_balancing_loss_func; f_e from
 * the CPU routing, a constant; P_e = mean router probability, differentiable).
 * Optimiser: Adam, learning rate cosine-decayed from lr to lr/20 over the run; weights initialised from lib/random.ts (mulberry32) so a seed reproduces
 * a run on any backend up to float rounding.
 */
import type * as TF from '@tensorflow/tfjs';
import { MNIST_CLASSES, type MnistData } from '../data/mnist';
import { createShuffledIndices } from '../data/seeded-random';
import { normalArray } from '../random';
import { coefficientOfVariation } from '../moe/routing';
import { type RoutingSettings, routeTokens } from '../moe/variants';
import { type MoeClassifierConfig, type MoeClassifierWeights, PATCH_DIM, TOKENS_PER_DIGIT, patchifyDigits } from './moe-classifier';

import type { EvalPoint, MoeTrainOptions, MoeTrainResult } from './moe-train-types';
import { TrainingCancelled } from './moe-train-types';

export type { EvalPoint, MoeTrainOptions, MoeTrainResult, TrainProgress } from './moe-train-types';
export { TrainingCancelled } from './moe-train-types';

type Tf = typeof TF;

interface Params {
  embedW: TF.Variable; // [49, H]
  embedB: TF.Variable; // [H]
  pos: TF.Variable; // [16, H]
  router: TF.Variable; // [H, E]
  w1: TF.Variable; // [H, E'·F]
  b1: TF.Variable; // [E'·F]
  w2: TF.Variable; // [E'·F, H]
  b2: TF.Variable; // [E', H]
  headW: TF.Variable; // [H, 10]
  headB: TF.Variable; // [10]
}

/** N(0, std²) initial values from mulberry32(seed) (lib/random.ts normalArray). */
function initParams(tf: Tf, c: MoeClassifierConfig, seed: number): Params {
  const { hidden: H, ffn: F, numExperts: E } = c;
  const all = c.numShared + E;
  // tf.variable keeps its own reference to the initial tensor's data: dispose the initial tensor
  const own = (t: TF.Tensor) => {
    const variable = tf.variable(t);
    t.dispose();
    return variable;
  };
  const v = (shape: number[], std: number, s: number) =>
    own(
      tf.tensor(
        normalArray(
          shape.reduce((a, b) => a * b, 1),
          seed * 100 + s,
          std,
        ),
        shape,
      ),
    );
  const zeros = (shape: number[]) => own(tf.zeros(shape));
  return {
    embedW: v([PATCH_DIM, H], Math.sqrt(2 / PATCH_DIM), 1),
    embedB: zeros([H]),
    pos: v([TOKENS_PER_DIGIT, H], 0.5, 2),
    router: v([H, E], 0.02, 3),
    w1: v([H, all * F], Math.sqrt(2 / H), 4),
    b1: zeros([all * F]),
    w2: v([all * F, H], Math.sqrt(1 / F), 5),
    b2: zeros([all, H]),
    headW: v([H, MNIST_CLASSES], Math.sqrt(1 / H), 6),
    headB: zeros([MNIST_CLASSES]),
  };
}

function embed(tf: Tf, p: Params, x: TF.Tensor2D, digits: number): TF.Tensor2D {
  const H = p.embedB.shape[0];
  const u = tf.add(tf.matMul(x, p.embedW), p.embedB).reshape([digits, TOKENS_PER_DIGIT, H]);
  return tf.add(u, p.pos).reshape([digits * TOKENS_PER_DIGIT, H]) as TF.Tensor2D;
}

interface GateSpec {
  /** Constant 0/1 mask of chosen routed experts [N, E]. */
  mask: TF.Tensor2D;
  /** For noisy routing: the constant noise added before the masked softmax. */
  noise: TF.Tensor2D | null;
  /** f_e: fraction of tokens choosing e (counted per selection), [E]. */
  f: TF.Tensor1D;
  loadCv: number;
}

/** Routes the logits on the CPU with the lab's routing functions; returns constants for the graph. */
function buildGateSpec(tf: Tf, logits: Float32Array, N: number, settings: RoutingSettings, stepSeed: number): GateSpec {
  const E = settings.numExperts;
  const s = { ...settings, numShared: 0, variant: settings.variant === 'shared' ? ('gshard' as const) : settings.variant, seed: stepSeed };
  const r = routeTokens(logits, N, s);
  const mask = new Float32Array(N * E);
  for (let t = 0; t < N; t++) {
    for (let j = 0; j < r.slotsPerToken; j++) {
      const e = r.experts[t * r.slotsPerToken + j];
      if (e >= 0) mask[t * E + e] = 1;
    }
  }
  const f = new Float32Array(E);
  for (let e = 0; e < E; e++) f[e] = r.load[e] / N;
  let noise: TF.Tensor2D | null = null;
  if (settings.variant === 'noisy' && settings.noise) {
    const n = new Float32Array(N * E);
    for (let i = 0; i < n.length; i++) n[i] = r.rankedLogits[i] - logits[i];
    noise = tf.tensor2d(n, [N, E]);
  }
  return { mask: tf.tensor2d(mask, [N, E]), noise, f: tf.tensor1d(f), loadCv: coefficientOfVariation(r.load) };
}

/** Gate weights [N, E'] (shared experts first, weight 1) for the variant, differentiable where it should be. */
function gateWeights(tf: Tf, logits: TF.Tensor2D, g: GateSpec, settings: RoutingSettings, numShared: number): TF.Tensor2D {
  let w: TF.Tensor2D;
  const v = settings.variant;
  if (v === 'source') w = tf.div(g.mask, Math.min(settings.k, settings.numExperts));
  else if (v === 'mixtral' || v === 'noisy') {
    const l = g.noise ? tf.add(logits, g.noise) : logits;
    w = tf.mul(tf.softmax(tf.add(l, tf.mul(tf.sub(g.mask, 1), 1e9))), g.mask);
  } else w = tf.mul(tf.softmax(logits), g.mask);
  if (numShared === 0) return w;
  return tf.concat([tf.ones([w.shape[0], numShared]), w], 1) as TF.Tensor2D;
}

/** logits [digits, 10], router logits [N, E] and the aux loss, for one batch. */
function forward(tf: Tf, p: Params, c: MoeClassifierConfig, x: TF.Tensor2D, digits: number, g: GateSpec, settings: RoutingSettings) {
  const { hidden: H, ffn: F, numExperts: E } = c;
  const all = c.numShared + E;
  const N = digits * TOKENS_PER_DIGIT;
  const u = embed(tf, p, x, digits);
  const routerLogits = tf.matMul(u, p.router) as TF.Tensor2D;
  const w = gateWeights(tf, routerLogits, g, settings, c.numShared); // [N, E']
  const h = tf.relu(tf.add(tf.matMul(u, p.w1), p.b1)); // [N, E'·F]
  const hw = tf.mul(h.reshape([N, all, F]), w.reshape([N, all, 1])).reshape([N, all * F]) as TF.Tensor2D;
  const moe = tf.add(tf.matMul(hw, p.w2), tf.matMul(w, p.b2)); // [N, H]
  const pooled = tf.mean(tf.add(u, moe).reshape([digits, TOKENS_PER_DIGIT, H]), 1) as TF.Tensor2D;
  const logits = tf.add(tf.matMul(pooled, p.headW), p.headB) as TF.Tensor2D;
  const probs = tf.softmax(routerLogits);
  const aux = tf.mul(tf.sum(tf.mul(g.f, tf.mean(probs, 0))), E) as TF.Scalar;
  return { logits, aux };
}

/** Router logits [N, E] only (for the CPU routing step). */
function routerLogitsOf(tf: Tf, p: Params, x: TF.Tensor2D, digits: number): Float32Array {
  return tf.tidy(() => tf.matMul(embed(tf, p, x, digits), p.router).dataSync() as Float32Array);
}

/** Copies the variables out in the pure-TS layout (W1 [E', H, F], W2 [E', F, H]). */
export function exportParams(tf: Tf, p: Params, c: MoeClassifierConfig): MoeClassifierWeights {
  const all = c.numShared + c.numExperts;
  const read = (t: TF.Tensor) => new Float32Array(t.dataSync() as Float32Array);
  const w1 = tf.tidy(() => read(tf.transpose(p.w1.reshape([c.hidden, all, c.ffn]), [1, 0, 2])));
  return {
    config: { ...c },
    embedW: read(p.embedW),
    embedB: read(p.embedB),
    pos: read(p.pos),
    router: read(p.router),
    w1,
    b1: read(p.b1),
    w2: read(p.w2),
    b2: read(p.b2),
    headW: read(p.headW),
    headB: read(p.headB),
  };
}

/** Test accuracy and load CV with tfjs, `chunk` digits at a time, routing as in training (noise off). */
function evaluate(
  tf: Tf,
  p: Params,
  c: MoeClassifierConfig,
  patches: Float32Array,
  labels: Uint8Array,
  count: number,
  settings: RoutingSettings,
): { accuracy: number; loadCv: number } {
  const chunk = 500;
  let correct = 0;
  const load = new Float64Array(c.numExperts);
  const evalSettings = { ...settings, noise: false };
  for (let start = 0; start < count; start += chunk) {
    const n = Math.min(chunk, count - start);
    const x = tf.tensor2d(patches.subarray(start * TOKENS_PER_DIGIT * PATCH_DIM, (start + n) * TOKENS_PER_DIGIT * PATCH_DIM), [
      n * TOKENS_PER_DIGIT,
      PATCH_DIM,
    ]);
    const logits = routerLogitsOf(tf, p, x, n);
    const g = buildGateSpec(tf, logits, n * TOKENS_PER_DIGIT, evalSettings, 0);
    const f = g.f.dataSync();
    for (let e = 0; e < c.numExperts; e++) load[e] += f[e] * n;
    const pred = tf.tidy(() => forward(tf, p, c, x, n, g, evalSettings).logits.argMax(1).dataSync());
    for (let i = 0; i < n; i++) if (pred[i] === labels[start + i]) correct++;
    tf.dispose([x, g.mask, g.f, ...(g.noise ? [g.noise] : [])]);
  }
  return { accuracy: correct / count, loadCv: coefficientOfVariation(load) };
}

/** Trains a classifier on `train`, evaluating on `test`; see the module comment for the maths. */
export async function trainMoeClassifier(tf: Tf, train: MnistData, test: MnistData, o: MoeTrainOptions): Promise<MoeTrainResult> {
  const c = o.config;
  const settings: RoutingSettings = { ...o.routing, numExperts: c.numExperts, numShared: c.numShared };
  const started = performance.now();
  const trainPatches = patchifyDigits(train.images, train.count);
  const testPatches = patchifyDigits(test.images, test.count);
  const p = initParams(tf, c, o.seed);
  const optimizer = tf.train.adam(o.learningRate);
  const vars = Object.values(p) as TF.Variable[];
  const stepsPerEpoch = Math.floor(train.count / o.batchSize);
  const totalSteps = stepsPerEpoch * o.epochs;
  const history: EvalPoint[] = [];
  let msTo90: number | null = null;
  const xBuf = new Float32Array(o.batchSize * TOKENS_PER_DIGIT * PATCH_DIM);
  const yBuf = new Int32Array(o.batchSize);
  const rowLen = TOKENS_PER_DIGIT * PATCH_DIM;
  let step = 0;
  const runEval = () => {
    const r = evaluate(tf, p, c, testPatches, test.labels, test.count, settings);
    const elapsedMs = performance.now() - started;
    history.push({ step, elapsedMs, testAccuracy: r.accuracy, loadCv: r.loadCv });
    if (msTo90 === null && r.accuracy >= 0.9) msTo90 = elapsedMs;
    return r.accuracy;
  };
  try {
    for (let epoch = 0; epoch < o.epochs; epoch++) {
      const order = createShuffledIndices(train.count, o.seed * 1000 + epoch);
      for (let b = 0; b < stepsPerEpoch; b++) {
        if (o.signal?.aborted) throw new TrainingCancelled();
        for (let i = 0; i < o.batchSize; i++) {
          const n = order[b * o.batchSize + i];
          xBuf.set(trainPatches.subarray(n * rowLen, (n + 1) * rowLen), i * rowLen);
          yBuf[i] = train.labels[n];
        }
        // cosine decay from learningRate to learningRate / 20 over the run
        (optimizer as unknown as { learningRate: number }).learningRate =
          o.learningRate * (0.05 + 0.475 * (1 + Math.cos((Math.PI * step) / Math.max(1, totalSteps - 1))));
        const x = tf.tensor2d(xBuf, [o.batchSize * TOKENS_PER_DIGIT, PATCH_DIM]);
        const y = tf.tidy(() => tf.oneHot(tf.tensor1d(yBuf, 'int32'), MNIST_CLASSES));
        const N = o.batchSize * TOKENS_PER_DIGIT;
        const g = buildGateSpec(tf, routerLogitsOf(tf, p, x, o.batchSize), N, settings, o.seed * 100003 + step);
        let auxKept: TF.Scalar | null = null;
        const cost = optimizer.minimize(
          () => {
            const out = forward(tf, p, c, x, o.batchSize, g, settings);
            const ce = tf.losses.softmaxCrossEntropy(y, out.logits) as TF.Scalar;
            auxKept = tf.keep(out.aux);
            return tf.add(ce, tf.mul(out.aux, o.auxWeight)) as TF.Scalar;
          },
          true,
          vars,
        );
        const loss = cost ? cost.dataSync()[0] : Number.NaN;
        const auxValue = auxKept ? (auxKept as TF.Scalar).dataSync()[0] : Number.NaN;
        tf.dispose([x, y, g.mask, g.f, ...(g.noise ? [g.noise] : []), ...(cost ? [cost] : []), ...(auxKept ? [auxKept] : [])]);
        step++;
        const last = b === stepsPerEpoch - 1;
        const testAccuracy = last || (o.evalEvery && step % o.evalEvery === 0) ? runEval() : undefined;
        await o.onStep?.({
          step,
          totalSteps,
          epoch,
          loss,
          auxLoss: auxValue,
          loadCv: g.loadCv,
          testAccuracy,
          elapsedMs: performance.now() - started,
        });
      }
    }
    return { weights: exportParams(tf, p, c), history, msTo90, totalMs: performance.now() - started, steps: step };
  } finally {
    tf.dispose(vars);
    optimizer.dispose();
  }
}
