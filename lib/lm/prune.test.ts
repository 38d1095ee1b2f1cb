import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LINEAR_KINDS, type LmPruneSpec, pruneCheckpoint, shapeOf, specKey, unitScores } from './prune';
import { buildPruneData, parsePruneData } from './prune-data';
import { BatchedLlama, type GramStats } from './prune-forward';
import { meanNll } from './reference';
import { shippedModel } from './test-helpers';
import { encodeText } from './vocab';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const BASE: LmPruneSpec = { method: 'magnitude', pattern: 'unstructured', amount: 0.5, group: 'layer', kinds: LINEAR_KINDS, embed: false };

function windows(n: number, len: number): number[][] {
  const { vocab } = shippedModel('lm-en');
  const data = parsePruneData(JSON.parse(readFileSync(join(__dirname, '../../public/data/lm/en.prune.json'), 'utf8')));
  return data.calibration.slice(0, n).map((t) => encodeText(vocab, t).ids.slice(0, len));
}

let statsCache: GramStats | null = null;
async function stats(): Promise<GramStats> {
  if (statsCache) return statsCache;
  const model = new BatchedLlama(tf, shippedModel('lm-en').ckpt);
  statsCache = (await model.gram(windows(4, 48), 2))!;
  model.dispose();
  return statsCache;
}

function zerosIn(w: Float32Array): number {
  return w.reduce((s, v) => s + (v === 0 ? 1 : 0), 0);
}

describe('the pruning lab data', () => {
  it('the shipped en/zh prune.json are what lib/lm/prune-data.ts draws from the splits', () => {
    for (const lang of ['en', 'zh']) {
      const read = (f: string) =>
        JSON.parse(readFileSync(join(__dirname, '../../public/data/lm', f), 'utf8')) as { docs: { text: string }[] };
      const built = buildPruneData(
        read(`${lang}.train.json`).docs.map((d) => d.text),
        read(`${lang}.test.json`).docs.map((d) => d.text),
      );
      const shipped = parsePruneData(JSON.parse(readFileSync(join(__dirname, `../../public/data/lm/${lang}.prune.json`), 'utf8')));
      expect(shipped).toEqual(built);
      expect(shipped.calibration.every((w) => Array.from(w).length === 256)).toBe(true);
    }
  });
});

describe('BatchedLlama', () => {
  it('the mean next-character NLL of a batch equals the float64 reference', async () => {
    const { ckpt } = shippedModel('lm-en');
    const ws = windows(2, 40);
    const model = new BatchedLlama(tf, ckpt);
    const before = tf.memory().numTensors;
    const fast = await model.meanNll(ws);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
    const ref = (meanNll(ckpt, ws[0]) + meanNll(ckpt, ws[1])) / 2;
    expect(Math.abs(fast - ref)).toBeLessThan(1e-4);
  });

  it("layer 0's q/k/v input Gram matrix is Σ RMSNorm(embedding)ᵀ RMSNorm(embedding)", async () => {
    const { ckpt } = shippedModel('lm-en');
    const s = await stats();
    const H = ckpt.config.hidden;
    expect(s.rows).toBe(4 * 48);
    const want = new Float64Array(H * H);
    for (const w of windows(4, 48)) {
      for (const id of w) {
        const e = ckpt.embed.subarray(id * H, (id + 1) * H);
        const r = 1 / Math.sqrt(e.reduce((a, v) => a + v * v, 0) / H + ckpt.config.rmsEps);
        const x = Array.from(e, (v, i) => v * r * ckpt.layers[0].inputNorm[i]);
        for (let i = 0; i < H; i++) for (let j = 0; j < H; j++) want[i * H + j] += x[i] * x[j];
      }
    }
    let maxRel = 0;
    for (let e = 0; e < want.length; e++) maxRel = Math.max(maxRel, Math.abs(s.layers[0].attn[e] - want[e]) / (1 + Math.abs(want[e])));
    expect(maxRel).toBeLessThan(1e-3);
  });
});

describe('pruneCheckpoint', () => {
  it('magnitude 50% per layer zeroes half of every linear layer and leaves the rest and the original alone', async () => {
    const { ckpt } = shippedModel('lm-en');
    const q0 = Float32Array.from(ckpt.layers[0].q);
    const r = await pruneCheckpoint(ckpt, BASE, null);
    for (const l of r.ckpt.layers)
      for (const k of LINEAR_KINDS)
        expect(zerosIn(k === 'q' || k === 'k' || k === 'v' || k === 'o' ? l[k] : l.mlp![k])).toBe(
          (k === 'q' || k === 'o' ? 192 * 192 : k === 'k' || k === 'v' ? 64 * 192 : 512 * 192) / 2,
        );
    expect(r.sparsity).toBe(0.5);
    expect(r.linearSparsity).toBe(0.5);
    expect(Array.from(r.ckpt.embed)).toEqual(Array.from(ckpt.embed));
    expect(r.ckpt.lmHead).toBe(r.ckpt.embed);
    expect(Array.from(ckpt.layers[0].q)).toEqual(Array.from(q0));
  });

  it('magnitude per output row prunes the same count in every row', async () => {
    const { ckpt } = shippedModel('lm-en');
    const r = await pruneCheckpoint(ckpt, { ...BASE, group: 'row', amount: 0.25 }, null);
    const down = r.ckpt.layers[1].mlp!.down;
    for (let row = 0; row < 192; row++) expect(zerosIn(down.subarray(row * 512, (row + 1) * 512))).toBe(128);
  });

  for (const method of ['magnitude', 'wanda', 'sparsegpt'] as const) {
    it(`${method} 2:4 leaves at most 2 non-zeros in every 4 consecutive weights of a row`, async () => {
      const { ckpt } = shippedModel('lm-en');
      const r = await pruneCheckpoint(ckpt, { ...BASE, method, pattern: '2:4' }, await stats());
      for (const kind of ['k', 'down'] as const) {
        const w = kind === 'k' ? r.ckpt.layers[2].k : r.ckpt.layers[2].mlp!.down;
        for (let g = 0; g < w.length; g += 4) expect(zerosIn(w.subarray(g, g + 4))).toBeGreaterThanOrEqual(2);
      }
      expect(r.sparsity).toBeGreaterThanOrEqual(0.5);
      expect(r.sparsity).toBeLessThan(0.501);
    });
  }

  it('SparseGPT changes the kept weights (compensation), Wanda and magnitude do not', async () => {
    const { ckpt } = shippedModel('lm-en');
    const s = await stats();
    for (const method of ['wanda', 'sparsegpt'] as const) {
      const r = await pruneCheckpoint(ckpt, { ...BASE, method, kinds: ['o'] }, s);
      const o = r.ckpt.layers[0].o;
      const changed = Array.from(o).filter((v, e) => v !== 0 && v !== ckpt.layers[0].o[e]).length;
      if (method === 'wanda') expect(changed).toBe(0);
      else expect(changed).toBeGreaterThan(o.length / 4);
      expect(zerosIn(r.ckpt.layers[0].q)).toBe(0);
    }
  });

  it('heads: half the heads of every layer lose their q rows and o columns, lowest score first', async () => {
    const { ckpt } = shippedModel('lm-en');
    const s = await stats();
    const r = await pruneCheckpoint(ckpt, { ...BASE, method: 'heads' }, s);
    for (let li = 0; li < 4; li++) {
      const scores = unitScores(ckpt, li, 'heads', s.layers[li].o);
      const order = Array.from(scores.keys()).sort((a, b) => scores[a] - scores[b]);
      const q = r.ckpt.layers[li].q;
      order.forEach((h, rank) => {
        const rows = q.subarray(h * 32 * 192, (h + 1) * 32 * 192);
        expect(zerosIn(rows) === rows.length).toBe(rank < 3);
      });
      expect(zerosIn(r.ckpt.layers[li].o)).toBe(3 * 32 * 192);
      expect(zerosIn(r.ckpt.layers[li].k)).toBe(0);
    }
  });

  it('channels: 25% of the FFN channels lose gate and up rows and the down column', async () => {
    const { ckpt } = shippedModel('lm-en');
    const r = await pruneCheckpoint(ckpt, { ...BASE, method: 'channels', amount: 0.25 }, await stats());
    const m = r.ckpt.layers[3].mlp!;
    expect(zerosIn(m.gate)).toBe(128 * 192);
    expect(zerosIn(m.up)).toBe(128 * 192);
    expect(zerosIn(m.down)).toBe(128 * 192);
    expect(r.linearSparsity).toBeCloseTo((3 * 128 * 192) / (2 * 192 * 192 + 2 * 64 * 192 + 3 * 512 * 192), 9);
  });

  it('one layer type at a time, and the tied embedding only with the switch', async () => {
    const { ckpt } = shippedModel('lm-en');
    const only = await pruneCheckpoint(ckpt, { ...BASE, kinds: ['up'] }, null);
    expect(zerosIn(only.ckpt.layers[0].mlp!.up)).toBe((512 * 192) / 2);
    expect(zerosIn(only.ckpt.layers[0].mlp!.gate)).toBe(0);
    const withHead = await pruneCheckpoint(ckpt, { ...BASE, kinds: [], embed: true }, null);
    expect(zerosIn(withHead.ckpt.embed)).toBe(Math.round((83 * 192) / 2));
    expect(withHead.ckpt.lmHead).toBe(withHead.ckpt.embed);
    expect(shapeOf(ckpt, 'down')).toEqual([192, 512]);
  });

  it('needs calibration statistics for the calibrated methods and says so', async () => {
    const { ckpt } = shippedModel('lm-en');
    await expect(pruneCheckpoint(ckpt, { ...BASE, method: 'wanda' }, null)).rejects.toThrow(/calibration/);
    await expect(pruneCheckpoint(ckpt, { ...BASE, amount: 2 }, null)).rejects.toThrow(/amount/);
    expect(specKey({ ...BASE, pattern: '2:4', amount: 0.3 })).toBe(specKey({ ...BASE, pattern: '2:4', amount: 0.7 }));
  });
});
