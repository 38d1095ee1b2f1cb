// Runs the kernel benchmark suites in plain Node on Dawn (the WebGPU implementation that the
// npm `webgpu` package ships as a native module), with tfjs's WebGPU backend built on that
// device: the same suites and the same runBenchSuites loop as the browser page /bench.
//
//   node --import tsx scripts/bench-node.ts [attention moe acceleration] [--quick | --tiny]
//        [--out FILE] [--backend auto | vulkan | opengles]
//
// `npm run bench -- --node …` starts this with the environment that finds a software or
// hardware adapter on a development machine (scripts/bench-node-env.ts); the pack
// (`npm run bench:pack`) runs an esbuild bundle of this file from run.sh.
// --backend: Dawn's backend. 'auto' tries Vulkan (a GPU's driver, SwiftShader or lavapipe,
// whatever the Vulkan loader finds), then OpenGL ES through EGL (Mesa's llvmpipe without a
// display: EGL_PLATFORM=surfaceless, WebGPU compatibility mode).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { create, globals } from 'webgpu';
import { KERNEL_SUITES, benchDevice, runBenchSuites } from '../lib/bench/run';
import { type BenchSize, formatBenchTable, validateBenchRows } from '../lib/bench/types';

type DawnBackend = 'vulkan' | 'opengles';

const args = process.argv.slice(2);
const value = (flag: string) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const size: BenchSize = args.includes('--tiny') ? 'tiny' : args.includes('--quick') ? 'quick' : 'full';
const outFile = resolve(value('--out') ?? 'bench/results.json');
const backendArg = value('--backend') ?? 'auto';
const names = args.filter((a, i) => !a.startsWith('--') && !['--out', '--backend'].includes(args[i - 1]));
const labs = names.length > 0 ? names : [...KERNEL_SUITES];

function fail(message: string): never {
  console.error(`bench (node) failed: ${message}`);
  process.exit(1);
}

if (!['auto', 'vulkan', 'opengles'].includes(backendArg)) fail(`--backend must be auto, vulkan or opengles, not ${backendArg}`);
const browserOnly = labs.filter((l) => !(KERNEL_SUITES as readonly string[]).includes(l));
if (browserOnly.length > 0)
  fail(
    `${browserOnly.join(', ')}: not a kernel suite (Node runs ${KERNEL_SUITES.join(', ')}; 'training' needs tfjs's WASM backend and the site's data, run it in the browser)`,
  );

function webgpuVersion(): string {
  try {
    const req = createRequire(import.meta.url);
    return (JSON.parse(readFileSync(req.resolve('webgpu/package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/**
 * One Dawn instance per backend. OpenGL ES runs through EGL; without a display Mesa needs
 * EGL_PLATFORM=surfaceless (read when EGL starts, so setting it here is in time), and Dawn
 * offers OpenGL ES adapters only in WebGPU's compatibility mode (featureLevel).
 */
async function openAdapter(backend: DawnBackend): Promise<{ gpu: GPU; adapter: GPUAdapter } | { error: string }> {
  if (backend === 'opengles') process.env.EGL_PLATFORM ??= 'surfaceless';
  try {
    const gpu = create([`backend=${backend}`]);
    const adapter = await gpu.requestAdapter({
      powerPreference: 'high-performance',
      ...(backend === 'opengles' ? { featureLevel: 'compatibility' } : {}),
    });
    return adapter ? { gpu, adapter } : { error: `${backend}: requestAdapter() returned null` };
  } catch (err) {
    return { error: `${backend}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
  }
}

Object.assign(globalThis, globals); // GPUBufferUsage, GPUMapMode, GPUShaderStage, … as in a browser

const tried: string[] = [];
let opened: { gpu: GPU; adapter: GPUAdapter; backend: DawnBackend } | null = null;
for (const backend of backendArg === 'auto' ? (['vulkan', 'opengles'] as const) : [backendArg as DawnBackend]) {
  const r = await openAdapter(backend);
  if ('error' in r) tried.push(r.error);
  else {
    opened = { ...r, backend };
    break;
  }
}
if (!opened) {
  fail(
    `no WebGPU adapter.\n  ${tried.join('\n  ')}\n` +
      'A GPU: install its Vulkan driver, or point the Vulkan loader at it, e.g. VK_ICD_FILENAMES=/usr/share/vulkan/icd.d/nvidia_icd.json.\n' +
      'No GPU: VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json (Debian chromium, with LD_LIBRARY_PATH=/usr/lib/chromium when libvulkan1 is missing), or Mesa EGL for llvmpipe (--backend opengles).',
  );
}
const { gpu, adapter, backend } = opened;
if (tried.length > 0) console.log(`no adapter from ${tried.join('; ')}; using Dawn's ${backend} backend`);

// The device tfjs's own WebGPU registration asks for (tfjs-backend-webgpu/src/base.ts): the
// timestamp-query and bgra8unorm-storage features when offered, and the adapter's limits for
// workgroup storage, workgroup counts and sizes, buffer sizes. Compatibility mode starts from
// lower defaults (e.g. 4 storage buffers per stage), so those limits are raised to the adapter's too.
const requiredFeatures = (['timestamp-query', 'bgra8unorm-storage'] as GPUFeatureName[]).filter((f) => adapter.features.has(f));
const limitNames = [
  'maxComputeWorkgroupStorageSize',
  'maxComputeWorkgroupsPerDimension',
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupSizeY',
  'maxComputeWorkgroupSizeZ',
  'maxComputeInvocationsPerWorkgroup',
  'maxStorageBuffersPerShaderStage',
] as const;
const requiredLimits: Record<string, number> = {};
for (const k of limitNames) requiredLimits[k] = adapter.limits[k];
const device = await adapter.requestDevice({ requiredFeatures, requiredLimits });
const gpuErrors: string[] = [];
device.onuncapturederror = (ev) => {
  gpuErrors.push(ev.error.message);
  console.error(`WebGPU error: ${ev.error.message}`);
};

// tfjs-backend-webgpu checks navigator.gpu when a backend is made (webgpu_util.isWebGPUSupported).
Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
const tfBackend = new WebGPUBackend(device, adapter.info);
if (tf.findBackendFactory('webgpu')) tf.removeBackend('webgpu');
tf.registerBackend('webgpu', () => tfBackend, 3);
if (!(await tf.setBackend('webgpu'))) fail('tfjs could not start its WebGPU backend on the Dawn device');

const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
const facts = {
  vendor: info.vendor,
  architecture: info.architecture,
  description: info.description,
  device: info.device,
  isFallback: info.isFallbackAdapter ?? false,
};
const benchDev = benchDevice(
  facts,
  `node ${process.version}, Dawn (npm webgpu ${webgpuVersion()}, ${backend} backend), tfjs webgpu ${tf.version_core}`,
);
const controller = new AbortController();
process.once('SIGINT', () => controller.abort());

let exitCode = 0;
try {
  const rows = await runBenchSuites({
    kernels: { tf, backend: tfBackend },
    device: benchDev,
    names: labs,
    size,
    signal: controller.signal,
    log: (l) => console.log(l),
  });
  if (gpuErrors.length > 0) throw new Error(`${gpuErrors.length} WebGPU error(s), the first: ${gpuErrors[0]}`);
  const problems = validateBenchRows(rows);
  if (problems.length > 0) throw new Error(`malformed results: ${problems.slice(0, 5).join('; ')}`);
  console.log(`\n${formatBenchTable(rows)}\n`);
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, `${JSON.stringify(rows, null, 2)}\n`);
  console.log(`wrote ${rows.length} rows to ${outFile}`);
} catch (err) {
  console.error(`bench (node) failed: ${err instanceof Error ? err.message : err}`);
  exitCode = 1;
} finally {
  tf.removeBackend('webgpu');
  device.destroy();
  // Dawn keeps Node alive while its instance is reachable (the webgpu package's README).
  delete (globalThis as { navigator?: unknown }).navigator;
}
process.exit(exitCode);
