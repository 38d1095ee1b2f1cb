import { describe, expect, it } from 'vitest';
import { createMulberry32, randomInt, randomNonZeroUnit, sampleIndices } from './random';

describe('createMulberry32', () => {
  it('the same seed gives the same sequence, a different seed a different one', () => {
    const a = createMulberry32(123);
    const b = createMulberry32(123);
    const c = createMulberry32(124);
    const seqA = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(seqA);
    expect(Array.from({ length: 5 }, c)).not.toEqual(seqA);
  });

  it('draws lie in [0, 1) and have a mean near 1/2', () => {
    const rng = createMulberry32(0);
    let sum = 0;
    for (let i = 0; i < 10000; i++) {
      const u = rng();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      sum += u;
    }
    expect(sum / 10000).toBeGreaterThan(0.48);
    expect(sum / 10000).toBeLessThan(0.52);
  });

  it('reduces the seed to 32 bits (2^32 + 5 behaves as 5)', () => {
    expect(createMulberry32(2 ** 32 + 5)()).toBe(createMulberry32(5)());
  });

  it.each([[Number.NaN], [Infinity]])('rejects seed %s', (seed) => {
    expect(() => createMulberry32(seed)).toThrow(/seed must be a finite number/);
  });
});

describe('random helpers', () => {
  it('randomInt stays in [0, n)', () => {
    const rng = createMulberry32(1);
    for (let i = 0; i < 1000; i++) {
      const k = randomInt(rng, 6);
      expect(Number.isInteger(k) && k >= 0 && k < 6).toBe(true);
    }
  });

  it('randomNonZeroUnit redraws an exact 0 (u = 0.5)', () => {
    const draws = [0.5, 0.5, 0.75];
    expect(randomNonZeroUnit(() => draws.shift() as number)).toBe(0.5);
  });

  it.each([
    { n: 10, k: 3 },
    { n: 10, k: 0 },
    { n: 10, k: 10 },
    { n: 0, k: 0 },
  ])('sampleIndices picks $k distinct indices of [0, $n)', ({ n, k }) => {
    const idx = Array.from(sampleIndices(createMulberry32(7), n, k));
    expect(idx.length).toBe(k);
    expect(new Set(idx).size).toBe(k);
    for (const i of idx) expect(i >= 0 && i < n).toBe(true);
  });

  it('rejects k > n', () => {
    expect(() => sampleIndices(createMulberry32(1), 3, 4)).toThrow(/k must be an integer in \[0, n = 3\], got 4/);
  });
});
