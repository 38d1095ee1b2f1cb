/// <reference lib="webworker" />
/**
 * The acceleration lab's worker: everything heavy that is not GPU work, off the main
 * thread. Loads the MNIST model and test digits once; builds the seeded benchmark
 * matrices (up to 4096², transferred, not copied); prunes and evaluates the model for
 * the accuracy column; runs dynamic activation sparsity. A newer 'dynamic' request
 * makes an older one that has not started yet return nothing (stale).
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
import type { CurvePoint, ModelInfo, WorkerMessage, WorkerRequest } from './worker-protocol';

declare const self: DedicatedWorkerGlobalScope;

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

const yieldToEvents = () => new Promise<void>((ok) => setTimeout(ok, 0));
let latestDynamic = 0;

const post = (m: WorkerMessage, transfer: Transferable[] = []) => self.postMessage(m, transfer);

async function handle(id: number, req: WorkerRequest): Promise<void> {
  switch (req.type) {
    case 'model': {
      post({ id, kind: 'result', payload: (await load()).info });
      return;
    }
    case 'accuracy': {
      const m = await load();
      const rows: AccuracyRow[] = [];
      for (const s of TABLE_SPARSITIES) {
        const row: AccuracyRow = { sparsity: s, accuracy: {} };
        for (const f of SPEED_FORMATS) {
          if (!formatAppliesAt(f, s)) continue;
          row.accuracy[f] = s === 0 ? m.info.baselineAccuracy : prunedAccuracy(m.weights, m.test.images, m.test.labels, m.test.count, f, s, req.blockSize).accuracy;
          await yieldToEvents();
        }
        rows.push(row);
        post({ id, kind: 'progress', payload: [...rows] });
      }
      post({ id, kind: 'result', payload: rows });
      return;
    }
    case 'dynamic': {
      latestDynamic = id;
      await yieldToEvents();
      if (id !== latestDynamic) {
        post({ id, kind: 'result', payload: null });
        return;
      }
      const m = await load();
      const r = evaluateDynamic(m.weights, m.test.images, m.test.labels, m.test.count, m.reference, req.opts);
      const h = m.hidden[req.layer];
      const cutoff = req.opts.mode === 'threshold' ? req.opts.threshold : medianTopKCutoff(h, m.test.count, 256, topKCount(req.opts.keep, 256));
      post({ id, kind: 'result', payload: { ...r, cutoff } });
      return;
    }
    case 'curve': {
      const m = await load();
      const settings = req.mode === 'topk' ? [0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.8, 1] : [3, 2.5, 2, 1.5, 1.25, 1, 0.75, 0.5, 0.25, 0.1, 0];
      const points: CurvePoint[] = [];
      for (const v of settings) {
        const r = evaluateDynamic(m.weights, m.test.images, m.test.labels, m.test.count, m.reference, { mode: req.mode, keep: req.mode === 'topk' ? v : 1, threshold: req.mode === 'threshold' ? v : 0 });
        points.push({ setting: v, kept: (r.keptFraction[0] + r.keptFraction[1]) / 2, accuracy: r.accuracy });
        await yieldToEvents();
      }
      post({ id, kind: 'result', payload: points });
      return;
    }
    case 'operands': {
      const ops = buildRowOperands(req.req);
      post({ id, kind: 'result', payload: ops }, operandBuffers(ops));
      return;
    }
    case 'gather': {
      const w = uniformArray(req.size * req.size, req.seed * 7 + 3);
      const x = uniformArray(req.size, req.seed * 7 + 4);
      const kept = Math.round(req.keep * req.size);
      const idx = Int32Array.from(sampleIndices(createMulberry32(req.seed + kept), req.size, kept)).sort();
      post({ id, kind: 'result', payload: { w, x, idx } }, [w.buffer, x.buffer, idx.buffer]);
      return;
    }
  }
}

self.onmessage = (e: MessageEvent<{ id: number; req: WorkerRequest }>) => {
  const { id, req } = e.data;
  handle(id, req).catch((err) => post({ id, kind: 'error', message: err instanceof Error ? err.message : String(err) }));
};
