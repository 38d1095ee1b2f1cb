import { describe, expect, it } from 'vitest';
import { KERNEL_SUITES, benchDevice, isSoftwareAdapter, unknownSuites } from './run';
import { BENCH_SUITES } from './registry';
import { validateBenchRows } from './types';

// Adapter facts as Chromium and Dawn (npm webgpu) report them on the development machine.
const chromiumSwiftShader = { vendor: 'google', architecture: 'swiftshader', description: '', isFallback: true };
const dawnSwiftShader = { vendor: 'google', architecture: 'swiftshader', description: 'SwiftShader driver 5.0.0', device: 'swiftshader-device-subzero-', isFallback: true };
const dawnLlvmpipe = { vendor: '', architecture: '', description: 'OpenGL version OpenGL ES 3.2 Mesa 22.3.6', device: 'llvmpipe-llvm-15-0-6-256-bits-', isFallback: false };
const nvidia = { vendor: 'nvidia', architecture: 'hopper', description: 'NVIDIA H100 80GB HBM3', device: '', isFallback: false };

describe('benchDevice', () => {
  it('describes the browser adapter as describeDevice does', () => {
    const d = benchDevice(chromiumSwiftShader, 'browser (Chrome/156, tfjs webgpu)');
    expect(d.description).toBe('google / swiftshader (software fallback adapter)');
    expect(d).toMatchObject({ vendor: 'google', architecture: 'swiftshader', isFallback: true, emulated: true });
  });

  it('adds Dawn\'s description and device name', () => {
    expect(benchDevice(dawnSwiftShader, 'node').description).toBe('google / swiftshader / SwiftShader driver 5.0.0 / swiftshader-device-subzero- (software fallback adapter)');
  });

  it('takes llvmpipe for CPU emulation although it is not a fallback adapter', () => {
    const d = benchDevice(dawnLlvmpipe, 'node');
    expect(d.isFallback).toBe(false);
    expect(d.emulated).toBe(true);
    expect(d.description).toBe('OpenGL version OpenGL ES 3.2 Mesa 22.3.6 / llvmpipe-llvm-15-0-6-256-bits- (software adapter)');
  });

  it('takes a GPU for a GPU', () => {
    expect(isSoftwareAdapter(nvidia)).toBe(false);
    expect(benchDevice(nvidia, 'node').description).toBe('nvidia / hopper / NVIDIA H100 80GB HBM3');
  });
});

describe('suites', () => {
  it('the kernel suites Node runs are registered; unknown names are reported', () => {
    for (const s of KERNEL_SUITES) expect(BENCH_SUITES[s]).toBeTypeOf('function');
    expect(unknownSuites(['moe', 'nope', 'attention'])).toEqual(['nope']);
  });

  it('rows need the whole device', () => {
    const row = { lab: 'moe', kernel: 'a', baseline: 'b', params: {}, sparsity: 0.75, kernelMs: 1, baselineMs: 2, speedup: 2, idealSpeedup: 4 };
    expect(validateBenchRows([{ ...row, device: benchDevice(dawnSwiftShader, 'node') }])).toEqual([]);
    expect(validateBenchRows([{ ...row, device: { description: 'x', isFallback: true } }])).toEqual([
      'row 0: device.vendor must be a string',
      'row 0: device.architecture must be a string',
      'row 0: device.runtime must be a string',
      'row 0: device.emulated must be a boolean',
    ]);
  });
});
