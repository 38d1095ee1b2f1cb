import { describe, expect, it } from 'vitest';
import { type AdapterSummary, type EnvironmentProbe, chooseBackend, describeDevice } from './backend';

const limits = {
  maxStorageBufferBindingSize: 1 << 30,
  maxBufferSize: 1 << 30,
  maxComputeWorkgroupStorageSize: 32768,
  maxComputeInvocationsPerWorkgroup: 256,
  maxComputeWorkgroupsPerDimension: 65535,
};
const hardware: AdapterSummary = { vendor: 'nvidia', architecture: 'hopper', description: 'H200', isFallback: false, limits, features: [] };
const swiftshader: AdapterSummary = {
  vendor: 'google',
  architecture: 'swiftshader',
  description: '',
  isFallback: true,
  limits,
  features: [],
};
const base: EnvironmentProbe = { webgpuApi: true, adapter: hardware, webgpuError: null, wasm: true, wasmSimd: true, wasmThreads: true };

describe('chooseBackend', () => {
  it.each<[string, Partial<EnvironmentProbe>, ReturnType<typeof chooseBackend>]>([
    ['hardware adapter: everything on WebGPU', {}, { model: 'webgpu', kernels: true, emulated: false, notice: null }],
    [
      'software adapter: kernels on WebGPU, model math on WASM',
      { adapter: swiftshader },
      { model: 'wasm', kernels: true, emulated: true, notice: 'software-adapter' },
    ],
    [
      'no navigator.gpu: WASM',
      { webgpuApi: false, adapter: null },
      { model: 'wasm', kernels: false, emulated: false, notice: 'no-webgpu-api' },
    ],
    ['requestAdapter gave null: WASM', { adapter: null }, { model: 'wasm', kernels: false, emulated: false, notice: 'no-adapter' }],
    [
      'device lost: WASM',
      { webgpuError: 'device lost: destroyed' },
      { model: 'wasm', kernels: false, emulated: false, notice: 'device-lost' },
    ],
    [
      'no WebGPU and no WASM: CPU',
      { webgpuApi: false, adapter: null, wasm: false },
      { model: 'cpu', kernels: false, emulated: false, notice: 'no-webgpu-api' },
    ],
  ])('%s', (_label, patch, expected) => {
    expect(chooseBackend({ ...base, ...patch })).toEqual(expected);
  });
});

describe('describeDevice', () => {
  it('names a software adapter as such', () => {
    expect(describeDevice({ ...base, adapter: swiftshader })).toBe('google / swiftshader (software fallback adapter)');
  });
  it('says why there is no adapter', () => {
    expect(describeDevice({ ...base, adapter: null, webgpuError: 'no adapter' })).toBe('no WebGPU adapter (no adapter)');
  });
});
