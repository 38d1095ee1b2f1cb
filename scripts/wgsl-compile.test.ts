// Every WGSL program of lib/kernels compiles through Dawn in Node (npm `webgpu`) on SwiftShader,
// built as tfjs's WebGPU backend builds it (scripts/wgsl-compile.ts). Dawn's Vulkan backend reads
// its loader and driver when the process starts, so the compile runs in a child Node started with
// SwiftShader's environment (scripts/bench-node-env.ts: VK_ICD_FILENAMES, and LD_LIBRARY_PATH when
// the system has no libvulkan1). No adapter fails the test with the child's message.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { programCatalogue } from '../lib/kernels/program-catalogue';
import { nodeBenchEnv, systemProbe } from './bench-node-env';
import type { CompileResult } from './wgsl-compile';

function runCompile(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/wgsl-compile.ts'], {
      cwd: resolve('.'),
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('exit', (code) => ok({ code, stdout, stderr }));
  });
}

it('every WGSL program of lib/kernels compiles through Dawn on SwiftShader as tfjs builds it', async () => {
  // throws "SwiftShader's Vulkan driver is not at …: install Debian's chromium package" when missing
  const setup = nodeBenchEnv('swiftshader', process.env, systemProbe);
  const { code, stdout, stderr } = await runCompile(setup.env);
  const line = stdout.split('\n').find((l) => l.startsWith('wgsl-compile: '));
  if (!line) throw new Error(`scripts/wgsl-compile.ts reported nothing (exit ${code}):\n${stderr}${stdout}`);
  const { adapter, results } = JSON.parse(line.slice('wgsl-compile: '.length)) as { adapter: string; results: CompileResult[] };
  expect(adapter).toMatch(/swiftshader/i);
  expect(results.filter((r) => r.errors.length > 0).map((r) => `${r.name}: ${r.errors.join('\n')}`)).toEqual([]);
  expect(results.map((r) => r.name)).toEqual(programCatalogue().map((e) => e.name));
  expect(code).toBe(0);
}, 300_000);
