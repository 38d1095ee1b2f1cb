import { describe, expect, it } from 'vitest';
import { attentionReference } from '../../kernels/attention/attention-dense-reference';
import { attentionInputs } from '../../kernels/attention/attention-inputs';
import { compareOutputs } from '../../runtime/check-kernel';
import { countPatternPairs, receptiveFieldSizes } from '../../attention/cost';
import { computeOverview, computeProbabilities, computeTwins, computeView, JobCancelled, type ViewRequest } from './jobs';
import { fullRegion, maskGrid, zoomRegion } from '../../attention/mask-grid';
import { countPairOverlap } from '../../attention/mask-diff';
import { patternMask } from '../../attention/patterns';
import { smallParams } from '../../attention/test-helpers';

const never = async () => {};
const params = { ...smallParams(512, 32, false), windowSize: 64, globalTokens: 4, randomBlocks: 2 };
const request: ViewRequest = {
  kind: 'view',
  id: 1,
  main: { name: 'window', params },
  compare: { name: 'longformer', params },
  region: zoomRegion(512, 4, 256, 256),
  maxPixels: 128,
  headDim: 64,
  heads: 2,
  maxLayers: 8,
};

describe('computeView', () => {
  it('gives stats, grids, block kinds, receptive field and exact compare counts', async () => {
    const r = await computeView(request, never);
    expect(r.main.stats.attendedPairs).toBe(countPatternPairs('window', params));
    expect(r.main.overview.rows).toBe(128);
    expect(r.main.zoom.rows).toBe(128);
    expect(r.main.kinds.length).toBe(16 * 16);
    expect(r.main.fullTiles + r.main.partialTiles).toBe(r.main.stats.nonEmptyBlocks);
    expect(r.main.receptive.sizes).toEqual(receptiveFieldSizes('window', params, 8));
    expect(r.diff?.overlap).toEqual(countPairOverlap(request.main, request.compare!));
    expect(r.compare?.stats.attendedPairs).toBe(countPatternPairs('longformer', params));
  });

  it('unzoomed, the region picture equals the overview and owns its own buffer', async () => {
    const r = await computeView({ ...request, compare: null, region: fullRegion(512) }, never);
    expect(r.main.zoom.values).toEqual(r.main.overview.values);
    expect(r.main.zoom.values.buffer).not.toBe(r.main.overview.values.buffer);
  });

  it('the overview job draws the same whole-matrix picture as the view job', async () => {
    const o = await computeOverview({ kind: 'overview', id: 4, main: request.main, maxPixels: 128 }, never);
    const v = await computeView(request, never);
    expect(o.overview).toEqual(v.main.overview);
    expect(o.overview).toEqual(maskGrid('window', params, fullRegion(512), 128));
  });

  it('stops with JobCancelled when its tick says a newer request arrived', async () => {
    let calls = 0;
    const tick = async () => {
      if (++calls === 3) throw new JobCancelled();
    };
    await expect(computeView(request, tick)).rejects.toBeInstanceOf(JobCancelled);
  });
});

describe('computeProbabilities and computeTwins', () => {
  it('probabilities of the zoom region are rows of softmax over attended keys', async () => {
    const r = await computeProbabilities(
      {
        kind: 'probs',
        id: 2,
        main: { name: 'causal', params },
        seed: 3,
        head: 1,
        headDim: 16,
        region: { row0: 0, row1: 64, col0: 0, col1: 64 },
      },
      never,
    );
    expect(r.crop.cropped).toBe(false);
    expect(r.values[0]).toBeCloseTo(1, 6); // query 0 reads only key 0
    expect(r.values[1]).toBe(0);
    expect(r.max).toBeCloseTo(1, 6);
  });

  it('the two twins agree with each other on a BigBird layout', async () => {
    const shape = { heads: 1, seqLen: 256, headDim: 16 };
    const p = { ...smallParams(256, 16, false), randomBlocks: 2, seed: 4 };
    const r = await computeTwins({ kind: 'twin', id: 3, main: { name: 'bigbird', params: p }, seed: 9, shape }, never);
    expect(compareOutputs(r.blockSparse, r.dense).maxAbsError).toBeLessThan(1e-6);
    const { q, k, v } = attentionInputs(9, shape);
    expect(r.dense).toEqual(attentionReference(q, k, v, shape, patternMask('bigbird', p)));
  });
});
