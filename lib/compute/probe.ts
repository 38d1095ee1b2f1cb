/**
 * probeEnvironment: asks the browser what it offers (WebGPU adapter, WASM SIMD and
 * threads) without loading tfjs. Browser-only, but free of React and the DOM tree:
 * it reads `navigator`, `WebAssembly` and `crossOriginIsolated` from globalThis.
 */
import type { AdapterSummary, EnvironmentProbe } from './backend';

/** A minimal WASM module using one SIMD instruction (i8x16.splat); validates only where SIMD is supported. */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

function detectWasm(): Pick<EnvironmentProbe, 'wasm' | 'wasmSimd' | 'wasmThreads'> {
  const wasm = typeof WebAssembly === 'object' && typeof WebAssembly.validate === 'function';
  let wasmSimd = false;
  try {
    wasmSimd = wasm && WebAssembly.validate(SIMD_PROBE);
  } catch {
    wasmSimd = false;
  }
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  const wasmThreads = wasm && isolated && typeof SharedArrayBuffer === 'function';
  return { wasm, wasmSimd, wasmThreads };
}

export function summarizeAdapter(adapter: GPUAdapter): AdapterSummary {
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  const legacy = (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter;
  const l = adapter.limits;
  return {
    vendor: info?.vendor ?? '',
    architecture: info?.architecture ?? '',
    description: info?.description ?? '',
    isFallback: info?.isFallbackAdapter ?? legacy ?? false,
    limits: {
      maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
      maxBufferSize: l.maxBufferSize,
      maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
      maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup,
      maxComputeWorkgroupsPerDimension: l.maxComputeWorkgroupsPerDimension,
    },
    features: [...adapter.features].map(String).sort(),
  };
}

/** Probes once per page; later calls share the same promise. */
let cached: Promise<EnvironmentProbe> | null = null;

export function probeEnvironment(): Promise<EnvironmentProbe> {
  cached ??= runProbe();
  return cached;
}

async function runProbe(): Promise<EnvironmentProbe> {
  const wasm = detectWasm();
  const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
  if (!gpu) return { webgpuApi: false, adapter: null, webgpuError: 'navigator.gpu is missing', ...wasm };
  try {
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) return { webgpuApi: true, adapter: null, webgpuError: 'requestAdapter() returned null', ...wasm };
    return { webgpuApi: true, adapter: summarizeAdapter(adapter), webgpuError: null, ...wasm };
  } catch (err) {
    return { webgpuApi: true, adapter: null, webgpuError: `requestAdapter() failed: ${String(err)}`, ...wasm };
  }
}

/** Marks WebGPU as lost (called by the tfjs layer when device.lost resolves). */
export function markDeviceLost(reason: string): void {
  const previous = cached;
  cached = (async () => {
    const p = previous ? await previous : await runProbe();
    return { ...p, adapter: null, webgpuError: `device lost: ${reason}` };
  })();
  listeners.forEach((fn) => fn());
}

const listeners = new Set<() => void>();
/** Subscribes to changes of the probe (device lost). Returns the unsubscribe function. */
export function onProbeChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
