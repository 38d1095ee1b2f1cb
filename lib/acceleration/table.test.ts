import { describe, expect, it } from 'vitest';
import {
  type MeasurementExport,
  TABLE_SPARSITIES,
  breakEvenSparsity,
  formatAppliesAt,
  idealSpeedup,
  measurementToCsv,
  measurementToJson,
  sourceClaimAt,
  speedupOf,
} from './table';

describe('the speed table', () => {
  it("has the issue's rows and the source's three claims", () => {
    expect(TABLE_SPARSITIES).toEqual([0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99]);
    expect(sourceClaimAt(0.5)?.speedup).toBe(1.5);
    expect(sourceClaimAt(0.7)?.speedup).toBe(2.5);
    expect(sourceClaimAt(0.9)?.speedup).toBe(5);
    expect(sourceClaimAt(0.8)).toBeNull();
  });

  it('ideal speed-up is 1 / density', () => {
    expect(idealSpeedup(0)).toBe(1);
    expect(idealSpeedup(0.9)).toBeCloseTo(10, 10);
    expect(idealSpeedup(0.99)).toBeCloseTo(100, 8);
  });

  it('2:4 only has a 50% row', () => {
    expect(formatAppliesAt('24', 0.5)).toBe(true);
    expect(formatAppliesAt('24', 0.7)).toBe(false);
    expect(formatAppliesAt('csr', 0.7)).toBe(true);
  });

  it.each([
    ['crossing between two points is interpolated', [0, 0.5, 0.7], [0.4, 0.8, 1.2], 0.6],
    ['always faster: the first sparsity', [0, 0.5], [1.1, 2], 0],
    ['never faster: null', [0, 0.5, 0.9], [0.2, 0.5, 0.9], null],
    ['a noisy dip counts: the last point below 1 decides', [0, 0.5, 0.7, 0.9], [1.05, 0.9, 1.5, 3], 0.5 + 0.2 / 6],
  ])('break-even: %s', (_name, sp, su, expected) => {
    const pts = sp.map((s, i) => ({ sparsity: s, speedup: su[i] }));
    const b = breakEvenSparsity(pts);
    if (expected === null) expect(b).toBeNull();
    else expect(b).toBeCloseTo(expected, 10);
  });

  const sample: MeasurementExport = {
    device: { description: 'google / swiftshader, "SwiftShader"', isFallback: true },
    settings: { size: 256, batch: 64, blockSize: 32, seed: 1, samples: 20, formats: ['csr', 'bsr', '24'] },
    measuredAt: '2025-01-01T00:00:00.000Z',
    baselineAccuracy: 0.978,
    rows: [
      {
        sparsity: 0,
        dense: { medianMs: 10, cv: 0.1, samples: 20 },
        tfjs: { medianMs: 11, cv: 0.2, samples: 20 },
        formats: { csr: { medianMs: 20, cv: 0.1, samples: 20 } },
      },
      {
        sparsity: 0.5,
        dense: { medianMs: 10, cv: 0.1, samples: 20 },
        formats: { csr: { medianMs: 8, cv: 0.1, samples: 20 }, '24': { medianMs: 6, cv: 0.05, samples: 20 } },
      },
    ],
    accuracy: [{ sparsity: 0.5, accuracy: { csr: 0.97, '24': 0.96 } }],
  };

  it("speedupOf divides the dense median by the format's", () => {
    expect(speedupOf(sample.rows[1], 'csr')).toBeCloseTo(1.25, 10);
    expect(speedupOf(sample.rows[1], 'bsr')).toBeNull();
  });

  it('CSV has a header, the device, and one line per kernel with speed-up, claim and accuracy loss', () => {
    const csv = measurementToCsv(sample);
    const lines = csv.trim().split('\n');
    expect(lines[0]).toContain('software fallback adapter');
    expect(lines[3].startsWith('sparsity,density,kernel')).toBe(true);
    const csr50 = lines.find((l) => l.startsWith('0.5,0.5,csr'));
    expect(csr50).toBe('0.5,0.5,csr,8,0.1,10,1.25,2,1.5,l1-unstructured,0.97,0.008');
    expect(lines.find((l) => l.startsWith('0,1,tfjs-matmul'))).toContain(',0.9091,');
    expect(lines.some((l) => l.startsWith('0.5,0.5,2:4,6,'))).toBe(true);
  });

  it('JSON round-trips', () => {
    expect(JSON.parse(measurementToJson(sample))).toEqual(sample);
  });
});
