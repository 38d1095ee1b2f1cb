/// <reference lib="webworker" />
/**
 * The acceleration lab's worker: everything heavy that is not GPU work, off the main
 * thread. Loads the MNIST model and test digits once; builds the seeded benchmark
 * matrices (up to 4096², transferred, not copied); prunes and evaluates the model for
 * the accuracy column; runs dynamic activation sparsity. Protocol:
 * lib/acceleration/worker-protocol.ts on lib/runtime (worker-host.ts); a newer 'dynamic' request
 * cancels an older one that has not started yet.
 */
import { blockShapeNotes, prunedAccuracy } from '@/lib/acceleration/accuracy';
import { evaluateDynamic, histogramOf, medianTopKCutoff, topKCount } from '@/lib/acceleration/dynamic';
import { buildRowOperands, operandBuffers } from '@/lib/acceleration/operands';
import { type AccuracyRow, SPEED_FORMATS, TABLE_SPARSITIES, formatAppliesAt } from '@/lib/acceleration/table';
import { type MnistData, loadMnist } from '@/lib/data/mnist';
import { type MlpWeights, accuracy, mlpForward, mlpHidden } from '@/lib/models/mlp';
import { loadMlp } from '@/lib/models/mlp-format';
import { uniformArray } from '@/lib/random';
import { createMulberry32, sampleIndices } from '@/lib/sparsity/random';
import type { AccelerationProtocol, CurvePoint, ModelInfo } from '@/lib/acceleration/worker-protocol';
import { type HostScope, Transfer, hostWorker } from '@/lib/runtime/worker-host';

interface Loaded {
  weights: MlpWeights;
  test: MnistData;
  reference: Float32Array;
  hidden: { h1: Float32Array; h2: Float32Array };
  info: ModelInfo;
}

let loaded: Promise<Loaded> | null = null;
function load(): Promise<Loaded> {
  loaded ??= (async () => {
    const [{ weights }, test] = await Promise.all([loadMlp('/models'), loadMnist('/data', 'test')]);
    const reference = mlpForward(weights, test.images, test.count);
    const h1 = mlpHidden(weights, test.images, test.count, 0);
    const h2 = mlpHidden(weights, test.images, test.count, 1);
    const info: ModelInfo = {
      baselineAccuracy: accuracy(reference, test.labels, test.count),
      histograms: { h1: histogramOf(h1, 64, 0, 8), h2: histogramOf(h2, 64, 0, 8) },
      blockNotes: Object.fromEntries([16, 32, 64].map((b) => [String(b), blockShapeNotes(weights, b)])),
    };
    return { weights, test, reference, hidden: { h1, h2 }, info };
  })();
  loaded.catch(() => {
    loaded = null;
  });
  return loaded;
}

hostWorker<AccelerationProtocol>(self as unknown as HostScope, {
  model: async () => (await load()).info,
  accuracy: async ({ blockSize }, job) => {
    const m = await load();
    const rows: AccuracyRow[] = [];
    for (const s of TABLE_SPARSITIES) {
      const row: AccuracyRow = { sparsity: s, accuracy: {} };
      for (const f of SPEED_FORMATS) {
        if (!formatAppliesAt(f, s)) continue;
        row.accuracy[f] =
          s === 0
            ? m.info.baselineAccuracy
            : prunedAccuracy(m.weights, m.test.images, m.test.labels, m.test.count, f, s, blockSize).accuracy;
        await job.check();
      }
      rows.push(row);
      job.progress([...rows]);
    }
    return rows;
  },
  dynamic: async ({ opts, layer }, job) => {
    await job.check(); // a newer request that arrived meanwhile wins
    const m = await load();
    const r = evaluateDynamic(m.weights, m.test.images, m.test.labels, m.test.count, m.reference, opts);
    const h = m.hidden[layer];
    const cutoff = opts.mode === 'threshold' ? opts.threshold : medianTopKCutoff(h, m.test.count, 256, topKCount(opts.keep, 256));
    return { ...r, cutoff };
  },
  curve: async ({ mode }, job) => {
    const m = await load();
    const settings =
      mode === 'topk' ? [0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.8, 1] : [3, 2.5, 2, 1.5, 1.25, 1, 0.75, 0.5, 0.25, 0.1, 0];
    const points: CurvePoint[] = [];
    for (const v of settings) {
      const r = evaluateDynamic(m.weights, m.test.images, m.test.labels, m.test.count, m.reference, {
        mode,
        keep: mode === 'topk' ? v : 1,
        threshold: mode === 'threshold' ? v : 0,
      });
      points.push({ setting: v, kept: (r.keptFraction[0] + r.keptFraction[1]) / 2, accuracy: r.accuracy });
      await job.check();
    }
    return points;
  },
  operands: async (req) => {
    const ops = buildRowOperands(req);
    return new Transfer(ops, operandBuffers(ops));
  },
  gather: async ({ size, keep, seed }) => {
    const w = uniformArray(size * size, seed * 7 + 3);
    const x = uniformArray(size, seed * 7 + 4);
    const kept = Math.round(keep * size);
    const idx = Int32Array.from(sampleIndices(createMulberry32(seed + kept), size, kept)).sort();
    return new Transfer({ w, x, idx }, [w.buffer, x.buffer, idx.buffer]);
  },
});
