import { describe, expect, it } from 'vitest';
import {
  cachedTokens,
  causalDensity,
  causalPatternMask,
  type PatternSpec,
  decodeWindow,
  headStats,
  kvBytesPerToken,
  LLAMA2_7B_KV,
  sweepSpecs,
  SWEEP_FAMILIES,
  traceStats,
} from './lm-heads';
import { smallParams } from './test-helpers';

/** n × n causal probabilities from a per-row weight function, normalised. */
function probs(n: number, weight: (i: number, j: number) => number): Float64Array {
  const p = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    let z = 0;
    for (let j = 0; j <= i; j++) z += weight(i, j);
    for (let j = 0; j <= i; j++) p[i * n + j] = weight(i, j) / z;
  }
  return p;
}

describe('causal pattern masks and density', () => {
  it('the source window ANDed with causality keeps the last floor(w/2) + 1 keys', () => {
    const n = 6;
    const mask = causalPatternMask({ name: 'window', params: { ...smallParams(n, 2, false), windowSize: 4 } }, n);
    const rows = Array.from({ length: n }, (_, i) => Array.from(mask.subarray(i * n, (i + 1) * n)).join(''));
    expect(rows).toEqual(['100000', '110000', '111000', '011100', '001110', '000111']);
    expect(causalDensity(mask, n)).toBeCloseTo(15 / 21, 12);
  });

  it('a non-causal pattern (Longformer) is cut to j <= i, and dense is density 1', () => {
    const n = 5;
    const dense = causalPatternMask({ name: 'dense', params: smallParams(n, 1, false) }, n);
    expect(causalDensity(dense, n)).toBe(1);
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) expect(dense[i * n + j]).toBe(0);
  });
});

describe('head statistics', () => {
  it('a head that reads only the previous token: distance 1 after the first row, all mass in a window of 4', () => {
    const n = 8;
    const p = probs(n, (i, j) => (i === 0 || j === i - 1 ? 1 : 0));
    const s = headStats(p, n, null, 1);
    expect(s.massKept).toBe(1);
    expect(s.distance).toBeCloseTo(7 / 8, 12);
    // queries i >= 1 put mass on token 0 only at i = 1
    expect(s.sinkMass).toBeCloseTo(1 / 7, 12);
  });

  it('mass kept is the share of each row inside the mask, averaged over queries', () => {
    const n = 4;
    const p = probs(n, () => 1); // uniform over j <= i
    const mask = causalPatternMask({ name: 'causal-window', params: { ...smallParams(n, 1, true), windowSize: 1 } }, n);
    // keeps only j = i: 1, 1/2, 1/3, 1/4
    expect(headStats(p, n, mask, 0).massKept).toBeCloseTo((1 + 1 / 2 + 1 / 3 + 1 / 4) / 4, 12);
  });

  it('a uniform head has sink mass equal to its uniform baseline; a sink head far above it', () => {
    const n = 16;
    const uniform = headStats(
      probs(n, () => 1),
      n,
      null,
      2,
    );
    expect(uniform.sinkMass).toBeCloseTo(uniform.uniformSinkMass, 12);
    const sink = headStats(
      probs(n, (_i, j) => (j === 0 ? 20 : 1)),
      n,
      null,
      1,
    );
    expect(sink.sinkMass).toBeGreaterThan(3 * sink.uniformSinkMass);
  });

  it('traceStats labels every layer and head', () => {
    const n = 3;
    const p = probs(n, () => 1);
    const stats = traceStats(
      [
        [p, p],
        [p, p],
      ],
      n,
      null,
      0,
    );
    expect(stats.map((s) => `${s.layer}.${s.head}`)).toEqual(['0.0', '0.1', '1.0', '1.1']);
  });
});

describe('KV cache', () => {
  it('Llama-2-7B caches 512 KiB per token in fp16; 4,096 tokens are 2 GiB', () => {
    expect(kvBytesPerToken(LLAMA2_7B_KV)).toBe(512 * 1024);
    expect(kvBytesPerToken(LLAMA2_7B_KV) * cachedTokens('dense', 4096, 256, 4)).toBe(2 * 1024 ** 3);
  });

  it('a window caches at most w tokens, sinks + window at most k + w', () => {
    expect(cachedTokens('window', 10, 64, 4)).toBe(10);
    expect(cachedTokens('window', 1000, 64, 4)).toBe(64);
    expect(cachedTokens('sinks', 1000, 64, 4)).toBe(68);
    expect(decodeWindow({ name: 'window', params: { ...smallParams(8, 1, true), windowSize: 64 } })).toBe(33);
    expect(decodeWindow({ name: 'sinks', params: { ...smallParams(8, 1, true), windowSize: 64 } })).toBe(64);
    expect(decodeWindow({ name: 'causal-window', params: { ...smallParams(8, 1, true), windowSize: 64 } })).toBe(64);
    expect(decodeWindow({ name: 'dense', params: smallParams(8, 1, true) })).toBeNull();
  });

  it('the recent keys a causal pattern reads are what its mask holds at the last row, global and sink keys aside', () => {
    const n = 200;
    for (const [name, extra, skip] of [
      ['window', { windowSize: 64 }, 0],
      ['causal-window', { windowSize: 40 }, 0],
      ['sinks', { windowSize: 50, sinkTokens: 4 }, 4],
      ['longformer', { windowSize: 64, globalTokens: 3 }, 3],
    ] as const) {
      const spec = { name, params: { ...smallParams(n, 1, true), ...extra } } as PatternSpec;
      const mask = causalPatternMask(spec, n);
      let recent = 0;
      for (let j = skip; j < n; j++) recent += mask[(n - 1) * n + j];
      expect(decodeWindow(spec), name).toBe(recent);
    }
  });
});

describe('sweeps', () => {
  it('every family gives valid causal patterns at n = 256, densities increasing with the parameter', () => {
    const n = 256;
    const base = { ...smallParams(n, 64, false), sinkTokens: 4, dilation: 2, randomBlocks: 3 };
    for (const family of SWEEP_FAMILIES) {
      const densities = sweepSpecs(family, base).map(({ spec }) => causalDensity(causalPatternMask(spec, n), n));
      expect(densities.length).toBeGreaterThanOrEqual(4);
      for (let i = 1; i < densities.length; i++) expect(densities[i]).toBeGreaterThan(densities[i - 1]);
      expect(densities[densities.length - 1]).toBeLessThanOrEqual(1);
    }
  });
});
