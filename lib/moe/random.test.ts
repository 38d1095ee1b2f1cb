import { describe, expect, it } from 'vitest';
import { createNormalSampler, createUniformSampler } from './random';

const draw = (next: () => number, n: number) => Array.from({ length: n }, next);

describe('seeded random numbers', () => {
  it('the same seed gives the same sequence; a different seed a different one', () => {
    expect(draw(createUniformSampler(42), 5)).toEqual(draw(createUniformSampler(42), 5));
    expect(draw(createUniformSampler(42), 5)).not.toEqual(draw(createUniformSampler(43), 5));
    expect(draw(createNormalSampler(42), 5)).toEqual(draw(createNormalSampler(42), 5));
  });

  it('uniform draws lie in [0, 1) with mean ≈ 1/2 and variance ≈ 1/12', () => {
    const u = draw(createUniformSampler(1), 20_000);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    const mean = u.reduce((a, b) => a + b, 0) / u.length;
    const variance = u.reduce((a, b) => a + (b - mean) ** 2, 0) / u.length;
    expect(mean).toBeCloseTo(0.5, 2);
    expect(variance).toBeCloseTo(1 / 12, 2);
  });

  it('normal draws are finite with mean ≈ 0 and variance ≈ 1 (Box–Muller)', () => {
    const z = draw(createNormalSampler(2), 20_000);
    expect(z.every(Number.isFinite)).toBe(true);
    const mean = z.reduce((a, b) => a + b, 0) / z.length;
    const variance = z.reduce((a, b) => a + (b - mean) ** 2, 0) / z.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });

  it('seeds are reduced to 32 bits: 2^32 + 5 behaves like 5', () => {
    expect(draw(createUniformSampler(2 ** 32 + 5), 3)).toEqual(draw(createUniformSampler(5), 3));
  });

  it('a non-finite seed throws a RangeError naming it', () => {
    expect(() => createUniformSampler(Infinity)).toThrow(RangeError);
    expect(() => createNormalSampler(NaN)).toThrow(/seed must be a finite number, got NaN/);
  });
});
