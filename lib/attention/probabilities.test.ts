import { describe, expect, it } from 'vitest';
import { attentionProbabilities } from '../kernels/attention/attention-dense-reference';
import { headInputs } from '../kernels/attention/attention-inputs';
import { fullRegion } from './mask-grid';
import { PATTERN_NAMES, patternMask } from './patterns';
import { createProbabilityBuilder, cropForProbabilities } from './probabilities';
import { smallParams } from './test-helpers';

describe('probabilities of a region', () => {
  it.each(PATTERN_NAMES)("%s: equal the dense twin's probabilities in a region (rows normalised over the whole sequence)", (name) => {
    const n = 40;
    const d = 8;
    const p = { ...smallParams(n, 5, false, 9), randomBlocks: 1 };
    const { q, k } = headInputs(5, 0, n, d);
    const ref = attentionProbabilities(q, k, { heads: 1, seqLen: n, headDim: d }, 0, patternMask(name, p));
    const region = { row0: 7, row1: 29, col0: 3, col1: 33 };
    const b = createProbabilityBuilder(name, p, q, k, d, region);
    b.addRows(5);
    b.addRows(100);
    const out = b.finish();
    expect(out.rows).toBe(22);
    expect(out.cols).toBe(30);
    for (let r = 0; r < 22; r++) for (let c = 0; c < 30; c++) expect(out.values[r * 30 + c]).toBeCloseTo(ref[(7 + r) * n + 3 + c], 5);
    const whole = createProbabilityBuilder(name, p, q, k, d, fullRegion(n));
    whole.addRows(n);
    const rows = whole.finish().values;
    for (let i = 0; i < n; i++) expect(rows.subarray(i * n, i * n + n).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
  });

  it('crops to the cost budget around the region centre and says so', () => {
    const p = { ...smallParams(4096, 64, false), windowSize: 4096 };
    const crop = cropForProbabilities('dense', p, fullRegion(4096), 64, 8e6, 512);
    expect(crop.cropped).toBe(true);
    const side = crop.region.row1 - crop.region.row0;
    expect(side).toBe(Math.floor(8e6 / (4096 * 64)));
    expect(crop.region.row0).toBe(2048 - Math.round(side / 2));
    const small = cropForProbabilities('window', { ...p, windowSize: 16 }, { row0: 0, row1: 256, col0: 0, col1: 256 }, 64);
    expect(small).toMatchObject({ cropped: false, region: { row0: 0, row1: 256, col0: 0, col1: 256 } });
    const side512 = cropForProbabilities('window', { ...p, windowSize: 16 }, fullRegion(4096), 64);
    expect(side512.region.row1 - side512.region.row0).toBe(512);
  });
});
