// Compiles every WGSL program of lib/kernels (lib/kernels/program-catalogue.ts: each program
// once per specialisation) through Dawn in plain Node (the npm `webgpu` package), the way tfjs's
// WebGPU backend compiles it in the browser: runWebGPUProgram → webgpu_program.compileProgram,
// which builds the full shader (tfjs's prelude, the uniforms and bindings of the inputs' dtypes
// and ranks, then the program's getUserCode()) and creates the shader module and the compute
// pipeline. tfjs's own WEBGPU_ENGINE_COMPILE_ONLY mode stops it there (no dispatch).
//
//   node --import tsx scripts/wgsl-compile.ts
//
// Prints one line per failure and, last, a line `wgsl-compile: <JSON>` with every result; exits 1
// when any program fails or no adapter is found. Dawn needs its environment before Node starts
// (the Vulkan loader and a driver, scripts/bench-node-env.ts): scripts/wgsl-compile.test.ts
// starts this file with it.
import * as tf from '@tensorflow/tfjs';
import { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { create, globals } from 'webgpu';
import { programCatalogue } from '../lib/kernels/program-catalogue';

export interface CompileResult {
  name: string;
  /** tfjs's full shader key (the program's shaderKey plus input/output types and ranks). */
  shaderKey: string;
  /** Shader compilation errors and pipeline / validation errors; empty when it compiled. */
  errors: string[];
  /** Compiler warnings (reported, not failures). */
  warnings: string[];
}

function fail(message: string): never {
  console.error(`wgsl-compile failed: ${message}`);
  process.exit(1);
}

Object.assign(globalThis, globals); // GPUBufferUsage, GPUMapMode, … as in a browser

const gpu = create(['backend=vulkan']);
const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
if (!adapter) {
  fail(
    "no WebGPU adapter from Dawn (npm webgpu, Vulkan backend). Without a GPU it uses SwiftShader from Debian's chromium package: " +
      'start Node with VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json and, when the system has no libvulkan1, LD_LIBRARY_PATH=/usr/lib/chromium ' +
      '(scripts/wgsl-compile.test.ts does; shared/DESIGN.md, "WebGPU on a machine without a GPU").',
  );
}

// The device tfjs's own registration asks for (tfjs-backend-webgpu/src/base.ts).
const limits = [
  'maxComputeWorkgroupStorageSize',
  'maxComputeWorkgroupsPerDimension',
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxComputeWorkgroupSizeX',
  'maxComputeInvocationsPerWorkgroup',
] as const;
const requiredLimits: Record<string, number> = {};
for (const k of limits) requiredLimits[k] = adapter.limits[k];
const device = await adapter.requestDevice({
  requiredFeatures: (['timestamp-query'] as GPUFeatureName[]).filter((f) => adapter.features.has(f)),
  requiredLimits,
});
const uncaptured: string[] = [];
device.onuncapturederror = (ev) => uncaptured.push(ev.error.message);

// Every shader module tfjs creates, so each program's compilation messages can be read.
let lastModule: GPUShaderModule | null = null;
const createShaderModule = device.createShaderModule.bind(device);
device.createShaderModule = (descriptor: GPUShaderModuleDescriptor) => (lastModule = createShaderModule(descriptor));

// tfjs-backend-webgpu checks navigator.gpu when a backend is made (webgpu_util.isWebGPUSupported).
Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
const backend = new WebGPUBackend(device, adapter.info);
if (tf.findBackendFactory('webgpu')) tf.removeBackend('webgpu');
tf.registerBackend('webgpu', () => backend, 3);
if (!(await tf.setBackend('webgpu'))) fail('tfjs could not start its WebGPU backend on the Dawn device');
tf.env().set('WEBGPU_ENGINE_COMPILE_ONLY', true);

// Phase 1: tfjs builds each shader and starts its pipeline (createComputePipelineAsync, as in
// compile-only mode), so the driver can compile them side by side; phase 2 waits for each.
const pending = programCatalogue().map((entry) => {
  const inputs = entry.inputs.map(({ dtype, shape }) => {
    const size = shape.reduce((a, b) => a * b, 1);
    return tf.tensor(dtype === 'int32' ? new Int32Array(size) : new Float32Array(size), shape, dtype);
  });
  const errors: string[] = [];
  lastModule = null;
  device.pushErrorScope('validation');
  // a failed pipeline rejects before its turn in phase 2: catch it now (an unhandled rejection ends Node)
  let pipeline: Promise<string | null> = Promise.resolve(null);
  try {
    const out = backend.runWebGPUProgram(entry.program, inputs, entry.outputDtype, []);
    backend.disposeData(out.dataId);
    pipeline = Promise.resolve(entry.program.pipeline).then(
      () => null,
      (err: unknown) => (err instanceof Error ? err.message : String(err)),
    );
  } catch (err) {
    errors.push(err instanceof Error ? err.message : String(err));
  }
  const scope = device.popErrorScope();
  tf.dispose(inputs);
  return { entry, shaderKey: entry.program.shaderKey, module: lastModule as GPUShaderModule | null, pipeline, scope, errors };
});

const results: CompileResult[] = [];
for (const p of pending) {
  const { errors } = p;
  const warnings: string[] = [];
  const pipelineError = await p.pipeline;
  if (pipelineError) errors.push(`pipeline: ${pipelineError}`);
  const scoped = await p.scope;
  if (scoped) errors.push(`validation: ${scoped.message}`);
  if (!p.module) errors.push('tfjs created no shader module (was the shader key already compiled?)');
  else {
    for (const m of (await p.module.getCompilationInfo()).messages) {
      const line = `${m.type} at ${m.lineNum}:${m.linePos}: ${m.message}`;
      (m.type === 'error' ? errors : warnings).push(line);
    }
  }
  results.push({ name: p.entry.name, shaderKey: p.shaderKey, errors, warnings });
  if (errors.length > 0) console.error(`${p.entry.name}: ${errors.join('\n  ')}`);
}
if (uncaptured.length > 0) {
  console.error(`uncaptured WebGPU errors: ${uncaptured.join('\n  ')}`);
  results.push({ name: 'device', shaderKey: '', errors: uncaptured.map((e) => `uncaptured: ${e}`), warnings: [] });
}

const info = adapter.info;
console.log(`wgsl-compile: ${JSON.stringify({ adapter: `${info.vendor} ${info.architecture} ${info.description}`.trim(), results })}`);
tf.removeBackend('webgpu');
device.destroy();
delete (globalThis as { navigator?: unknown }).navigator;
process.exit(results.some((r) => r.errors.length > 0) ? 1 : 0);
