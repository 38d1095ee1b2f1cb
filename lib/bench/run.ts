/**
 * The one loop that runs benchmark suites, shared by the browser page /bench
 * (components/bench/bench-runner.tsx, tfjs's own WebGPU backend in Chromium) and the Node
 * runner (scripts/bench-node.ts, a tfjs WebGPUBackend built on a GPUDevice from Dawn, the
 * npm `webgpu` package). Both hand it a KernelContext ({ tf, backend }); the suites only
 * ever touch the GPU through it, so the two paths run the same code on the same kind of
 * device object (GPUDevice, WebGPU spec).
 */
import type { KernelContext } from '../kernels/harness';
import { BENCH_SUITES } from './registry';
import type { BenchDevice, BenchRow, BenchSize } from './types';

/**
 * Suites that need nothing but a WebGPU device: they run in the browser and in Node.
 * 'training' also needs tfjs's WASM model backend and the MNIST files served at /data,
 * so it stays in the browser.
 */
export const KERNEL_SUITES = ['attention', 'moe', 'acceleration'] as const;

/** What requestAdapter() told us (GPUAdapterInfo; `device` is Dawn's name of the driver). */
export interface AdapterFacts {
  vendor: string;
  architecture: string;
  description: string;
  device?: string;
  isFallback: boolean;
}

/**
 * Software rasterisers that do not call themselves fallback adapters: Mesa's llvmpipe and
 * lavapipe (GPUAdapterInfo.isFallbackAdapter is false for them in Dawn), softpipe, and
 * SwiftShader however it is reached.
 */
const SOFTWARE_NAMES = /llvmpipe|lavapipe|softpipe|swiftshader/i;

/** True when timings on this adapter reflect CPU emulation of a GPU. */
export function isSoftwareAdapter(a: AdapterFacts): boolean {
  return a.isFallback || SOFTWARE_NAMES.test([a.vendor, a.architecture, a.description, a.device ?? ''].join(' '));
}

/**
 * The device field of every row. The one-line description joins vendor, architecture,
 * description and Dawn's device name (empty fields left out) as describeDevice does in
 * lib/compute/backend.ts.
 */
export function benchDevice(a: AdapterFacts, runtime: string): BenchDevice {
  const parts = [a.vendor, a.architecture, a.description, a.device].filter((s): s is string => !!s && s.length > 0);
  const unique = parts.filter((p, i) => parts.indexOf(p) === i);
  const emulated = isSoftwareAdapter(a);
  const note = a.isFallback ? ' (software fallback adapter)' : emulated ? ' (software adapter)' : '';
  return {
    description: `${unique.join(' / ') || 'unknown adapter'}${note}`,
    isFallback: a.isFallback,
    vendor: a.vendor,
    architecture: a.architecture,
    runtime,
    emulated,
  };
}

/** Checks suite names; returns the unknown ones (an empty list means all are known). */
export function unknownSuites(names: readonly string[], known: readonly string[] = Object.keys(BENCH_SUITES)): string[] {
  return names.filter((n) => !known.includes(n));
}

export interface RunSuitesOptions {
  kernels: KernelContext;
  device: BenchDevice;
  names: readonly string[];
  size: BenchSize;
  signal: AbortSignal;
  log: (line: string) => void;
  /** Called with every row so far after each suite (the browser page shows them as they come). */
  onRows?: (rows: BenchRow[]) => void;
}

/** Runs the named suites in order on one device and returns their rows, each tagged with lab and device. */
export async function runBenchSuites(o: RunSuitesOptions): Promise<BenchRow[]> {
  const unknown = unknownSuites(o.names);
  if (unknown.length > 0) throw new Error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCH_SUITES).join(', ')}`);
  o.log(`device: ${o.device.description}; runtime: ${o.device.runtime}; size: ${o.size}${o.device.emulated ? ' (software adapter: timings reflect CPU emulation)' : ''}`);
  const all: BenchRow[] = [];
  for (const name of o.names) {
    o.log(`running ${name}…`);
    const suite = await BENCH_SUITES[name]();
    const measured = await suite.run({ kernels: o.kernels, size: o.size, emulated: o.device.emulated, signal: o.signal, log: o.log });
    all.push(...measured.map((m) => ({ ...m, lab: suite.lab, device: o.device })));
    o.onRows?.([...all]);
  }
  return all;
}
