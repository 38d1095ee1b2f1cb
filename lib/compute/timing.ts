/**
 * Honest timing of GPU work (shared/DESIGN.md, "Timing honestly"):
 *  - warm-up runs are discarded (they include pipeline compilation);
 *  - variants are interleaved A B A B ... so drift hits all alike;
 *  - each timed sample holds >= minSampleMs of work: a run is repeated inside one
 *    sample as often as calibration says, and the sample waits for completion
 *    through `sync` (for WebGPU: flush tfjs's queue, then
 *    device.queue.onSubmittedWorkDone(), see kernels/harness.ts waitForGpu);
 *  - the figure is the median per run of >= 20 samples with the coefficient of
 *    variation; readback (GPU -> CPU copy) is timed separately when asked.
 * The clock is injectable so the schedule is testable in Node.
 */

export interface TimingVariant {
  name: string;
  /** Enqueues one run (no waiting). */
  run: () => void;
  /** Optional: copies one result back to the CPU (timed separately, after a sync). */
  readback?: () => Promise<void>;
}

export interface TimingOptions {
  samples?: number;
  warmup?: number;
  minSampleMs?: number;
  maxRepeats?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  now?: () => number;
}

export interface TimingResult {
  name: string;
  /** Median milliseconds per run. */
  medianMs: number;
  /** Standard deviation / mean of the per-run sample times. */
  cv: number;
  /** Per-run milliseconds of each sample. */
  samples: number[];
  /** Runs per sample. */
  repeats: number;
  /** Median readback milliseconds, when a readback was given. */
  readbackMs: number | null;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function coefficientOfVariation(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  if (mean === 0) return 0;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
  return Math.sqrt(variance) / mean;
}

/** How many runs one sample needs to hold at least minSampleMs of work. */
export function repeatsFor(singleRunMs: number, minSampleMs: number, maxRepeats: number): number {
  if (!(singleRunMs > 0)) return maxRepeats;
  return Math.max(1, Math.min(maxRepeats, Math.ceil(minSampleMs / singleRunMs)));
}

export class TimingCancelled extends Error {
  constructor() {
    super('measurement cancelled');
    this.name = 'TimingCancelled';
  }
}

export async function timeInterleaved(
  variants: readonly TimingVariant[],
  sync: () => Promise<void>,
  options: TimingOptions = {},
): Promise<TimingResult[]> {
  const samples = options.samples ?? 20;
  const warmup = options.warmup ?? 2;
  const minSampleMs = options.minSampleMs ?? 1;
  const maxRepeats = options.maxRepeats ?? 256;
  const now = options.now ?? (() => performance.now());
  const check = () => {
    if (options.signal?.aborted) throw new TimingCancelled();
  };
  const total = variants.length * (warmup + 1 + samples);
  let done = 0;
  const step = () => options.onProgress?.(++done, total);

  for (const v of variants) {
    for (let w = 0; w < warmup; w++) {
      check();
      v.run();
      await sync();
      step();
    }
  }
  const repeats: number[] = [];
  for (const v of variants) {
    check();
    const t0 = now();
    v.run();
    await sync();
    repeats.push(repeatsFor(now() - t0, minSampleMs, maxRepeats));
    step();
  }
  const perRun: number[][] = variants.map(() => []);
  for (let s = 0; s < samples; s++) {
    // Rotate the starting variant so none is always first after a pause.
    for (let o = 0; o < variants.length; o++) {
      const i = (s + o) % variants.length;
      check();
      const t0 = now();
      for (let r = 0; r < repeats[i]; r++) variants[i].run();
      await sync();
      perRun[i].push((now() - t0) / repeats[i]);
      step();
    }
  }
  const results: TimingResult[] = [];
  for (let i = 0; i < variants.length; i++) {
    let readbackMs: number | null = null;
    const rb = variants[i].readback;
    if (rb) {
      const times: number[] = [];
      for (let r = 0; r < 5; r++) {
        check();
        variants[i].run();
        await sync();
        const t0 = now();
        await rb();
        times.push(now() - t0);
      }
      readbackMs = median(times);
    }
    results.push({
      name: variants[i].name,
      medianMs: median(perRun[i]),
      cv: coefficientOfVariation(perRun[i]),
      samples: perRun[i],
      repeats: repeats[i],
      readbackMs,
    });
  }
  return results;
}
