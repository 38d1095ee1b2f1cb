/**
 * Where the math runs. One pure decision (chooseBackend) over what the browser offers
 * (an EnvironmentProbe, gathered by probe.ts), so it can be tested in Node.
 *
 * Two consumers:
 *  - our WGSL kernels need WebGPU, any adapter: a software adapter (SwiftShader,
 *    adapter.info.isFallbackAdapter) still runs them correctly, only slowly;
 *  - tfjs model math (training, inference) takes the fastest backend: WebGPU on a
 *    hardware adapter, else WASM (SIMD, threads when cross-origin isolated), else CPU.
 *    On a software adapter WASM is about 18x faster than WebGPU for a 1024^2 matmul
 *    (shared/DESIGN.md measurements), so WASM wins there.
 */

export type ModelBackend = 'webgpu' | 'wasm' | 'cpu';

/**
 * Whether tfjs may use its threaded WASM build when the page is cross-origin isolated.
 * Off: once bundled, the threaded build's pthread workers run the minified glue's
 * factory.toString(), whose free identifiers were renamed ("r is not defined"; tfjs
 * issues #4107, #4539). Model math uses the SIMD build on one thread instead.
 */
export const WASM_THREADS_ENABLED = false;

export interface AdapterSummary {
  vendor: string;
  architecture: string;
  description: string;
  /** adapter.info.isFallbackAdapter: a software implementation such as SwiftShader. */
  isFallback: boolean;
  limits: {
    maxStorageBufferBindingSize: number;
    maxBufferSize: number;
    maxComputeWorkgroupStorageSize: number;
    maxComputeInvocationsPerWorkgroup: number;
    maxComputeWorkgroupsPerDimension: number;
  };
  features: string[];
}

export interface EnvironmentProbe {
  /** navigator.gpu exists. */
  webgpuApi: boolean;
  /** The adapter, when requestAdapter() gave one. */
  adapter: AdapterSummary | null;
  /** Why WebGPU is not usable: the error of requestAdapter/requestDevice, or a lost device. */
  webgpuError: string | null;
  wasm: boolean;
  wasmSimd: boolean;
  /** SharedArrayBuffer available and the page cross-origin isolated (COOP/COEP headers). */
  wasmThreads: boolean;
}

export type NoticeKey =
  | 'no-webgpu-api' // the browser has no navigator.gpu
  | 'no-adapter' // requestAdapter() gave nothing or threw
  | 'device-lost' // the GPU device was lost
  | 'software-adapter'; // kernels run, but on a CPU emulation of a GPU

export interface BackendChoice {
  /** Where tfjs model math runs. */
  model: ModelBackend;
  /** Whether the WGSL kernels can run at all. */
  kernels: boolean;
  /** True when kernel timings reflect CPU emulation (software adapter). */
  emulated: boolean;
  /** What the page must tell the user, if anything. */
  notice: NoticeKey | null;
}

/** chooseBackend: WebGPU with a hardware adapter, else WASM, else CPU (see the module comment). */
export function chooseBackend(probe: EnvironmentProbe): BackendChoice {
  const fallbackModel: ModelBackend = probe.wasm ? 'wasm' : 'cpu';
  if (!probe.webgpuApi) return { model: fallbackModel, kernels: false, emulated: false, notice: 'no-webgpu-api' };
  if (!probe.adapter) {
    const lost = probe.webgpuError !== null && /lost/i.test(probe.webgpuError);
    return { model: fallbackModel, kernels: false, emulated: false, notice: lost ? 'device-lost' : 'no-adapter' };
  }
  if (probe.webgpuError !== null) return { model: fallbackModel, kernels: false, emulated: false, notice: 'device-lost' };
  if (probe.adapter.isFallback) return { model: fallbackModel, kernels: true, emulated: true, notice: 'software-adapter' };
  return { model: 'webgpu', kernels: true, emulated: false, notice: null };
}

/** A one-line description of the device for result files and tables. */
export function describeDevice(probe: EnvironmentProbe): string {
  if (!probe.adapter) return `no WebGPU adapter (${probe.webgpuError ?? 'navigator.gpu missing'})`;
  const a = probe.adapter;
  const name = [a.vendor, a.architecture, a.description].filter((s) => s && s.length > 0).join(' / ');
  return `${name || 'unknown adapter'}${a.isFallback ? ' (software fallback adapter)' : ''}`;
}
