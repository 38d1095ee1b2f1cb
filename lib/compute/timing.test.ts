import { describe, expect, it } from 'vitest';
import { TimingCancelled, coefficientOfVariation, median, repeatsFor, timeInterleaved } from './timing';

/** A fake device: each run costs `cost` ms of simulated time, advanced by sync. */
function fakeDevice() {
  let clock = 0;
  let pending = 0;
  const log: string[] = [];
  return {
    now: () => clock,
    sync: async () => {
      clock += pending;
      pending = 0;
    },
    variant: (name: string, cost: number) => ({
      name,
      run: () => {
        pending += cost;
        log.push(name);
      },
    }),
    log,
  };
}

describe('timing statistics', () => {
  it.each([
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[], Number.NaN],
  ])('median of %j is %d', (values, expected) => {
    expect(median(values)).toEqual(expected);
  });

  it('coefficient of variation is 0 for equal samples and std/mean otherwise', () => {
    expect(coefficientOfVariation([2, 2, 2])).toBe(0);
    expect(coefficientOfVariation([1, 3])).toBeCloseTo(0.5);
  });

  it.each([
    [0.1, 1, 256, 10],
    [2, 1, 256, 1],
    [0.001, 1, 256, 256],
    [0, 1, 64, 64],
  ])('a %d ms run needs %d ms samples: %d max -> %d repeats', (run, min, max, expected) => {
    expect(repeatsFor(run, min, max)).toBe(expected);
  });
});

describe('timeInterleaved', () => {
  it('reports per-run medians, repeats short runs to fill 1 ms, and discards warm-up', async () => {
    const dev = fakeDevice();
    const [a, b] = await timeInterleaved([dev.variant('A', 0.25), dev.variant('B', 2)], dev.sync, { samples: 20, now: dev.now });
    expect(a.medianMs).toBeCloseTo(0.25);
    expect(a.repeats).toBe(4);
    expect(b.medianMs).toBeCloseTo(2);
    expect(b.repeats).toBe(1);
    expect(a.samples).toHaveLength(20);
    expect(a.cv).toBeCloseTo(0);
  });

  it('interleaves the variants rather than running one block after the other', async () => {
    const dev = fakeDevice();
    await timeInterleaved([dev.variant('A', 2), dev.variant('B', 2)], dev.sync, { samples: 4, warmup: 0, now: dev.now });
    const timed = dev.log.slice(2).join('');
    expect(timed).toBe('ABBAABBA');
  });

  it('stops with TimingCancelled when the signal aborts', async () => {
    const dev = fakeDevice();
    const ctrl = new AbortController();
    const run = timeInterleaved([dev.variant('A', 1)], dev.sync, {
      now: dev.now,
      signal: ctrl.signal,
      onProgress: (done) => {
        if (done === 3) ctrl.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(TimingCancelled);
  });
});
