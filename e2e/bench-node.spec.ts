// The benchmark without a browser: the kernel suites in plain Node on Dawn (npm `webgpu`),
// on the software adapter this machine has (SwiftShader from Debian's chromium, which
// `npm test` installs before these tests, or llvmpipe). One small suite each way:
//  1. `npm run bench -- --node` (scripts/bench.ts → scripts/bench-node.ts under tsx);
//  2. the esbuild bundle that `npm run bench:pack` ships, run by plain node.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { type BenchRow, validateBenchRows } from '../lib/bench/types';
import { nodeBenchEnv, systemProbe } from '../scripts/bench-node-env';
import { bundleBenchRunner } from '../scripts/bench-pack';

const root = resolve('.');

function runNode(argv: string[], env: Record<string, string>): Promise<string> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, argv, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    });
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    child.on('error', fail);
    child.on('exit', (c) => (c === 0 ? ok(log) : fail(new Error(`exited with ${c}:\n${log}`))));
  });
}

function readRows(file: string): BenchRow[] {
  const rows = JSON.parse(readFileSync(file, 'utf8')) as BenchRow[];
  expect(validateBenchRows(rows)).toEqual([]);
  return rows;
}

test("npm run bench -- --node --tiny moe runs the MoE suite on Dawn and writes rows like the browser's", async () => {
  test.setTimeout(90_000);
  const out = join(mkdtempSync(join(tmpdir(), 'sparselab-bench-node-')), 'results.json');
  const log = await runNode(['--import', 'tsx', 'scripts/bench.ts', '--node', 'moe', '--tiny', '--out', out], {});
  expect(log).toContain('wrote 4 rows');
  const rows = readRows(out);
  expect(rows.map((r) => r.kernel)).toEqual([
    'dispatch (route + sort + grouped matmul + combine)',
    'padded dispatch (capacity factor 1.25)',
    'dispatch (route + sort + grouped matmul + combine)',
    'padded dispatch (capacity factor 1.25)',
  ]);
  for (const r of rows) {
    expect(r.lab).toBe('moe');
    expect(r.device.runtime).toMatch(/^node v\d+.*Dawn \(npm webgpu [\d.]+, (vulkan|opengles) backend\)/);
    // No GPU here: a software adapter, named as such.
    expect(r.device.emulated).toBe(true);
    expect(r.device.description).toMatch(/swiftshader|llvmpipe/i);
    expect(r.kernelMs).toBeGreaterThan(0);
    expect(r.speedup).toBeCloseTo(r.baselineMs / r.kernelMs, 9);
    expect(r.idealSpeedup).toBe(4);
  }
});

test('the bundle bench:pack ships runs the attention suite with plain node', async () => {
  test.setTimeout(90_000);
  const dir = mkdtempSync(join(tmpdir(), 'sparselab-bench-bundle-'));
  const app = join(dir, 'app');
  mkdirSync(join(app, 'node_modules'), { recursive: true });
  await bundleBenchRunner(join(app, 'bench-node.mjs'));
  // The pack copies the package; the test links it.
  symlinkSync(join(root, 'node_modules', 'webgpu'), join(app, 'node_modules', 'webgpu'));
  const setup = nodeBenchEnv('auto', process.env, systemProbe);
  const out = join(dir, 'results.json');
  const log = await runNode([join(app, 'bench-node.mjs'), 'attention', '--tiny', '--out', out, '--backend', setup.backend], setup.env);
  expect(log).toContain('wrote 4 rows');
  const rows = readRows(out);
  expect(rows.every((r) => r.lab === 'attention' && r.device.emulated)).toBe(true);
  expect(rows.map((r) => `${r.kernel} / ${r.baseline}`)).toEqual([
    'block-sparse / dense-fused',
    'block-sparse / tfjs-unfused',
    'block-sparse / dense-fused',
    'block-sparse@256 / block-sparse@128',
  ]);
});
