// npm run bench [-- <lab> ... | budget] [--quick | --tiny] [--out FILE] [--no-build]
// npm run bench -- --node [<lab> ...] [--quick | --tiny] [--out FILE] [--adapter auto|vulkan|swiftshader|llvmpipe]
// Runs every lab's kernel benchmarks in headless Chromium on WebGPU (the page /bench),
// prints a table and writes bench/results.json (an array of
// { lab, kernel, baseline, params, sparsity, kernelMs, baselineMs, speedup, idealSpeedup, device, failed? };
// a row whose kernel differed from its reference before timing has `failed` and null timings).
// --quick: sizes that finish in under 5 minutes on a 2-core machine with software WebGPU.
// --tiny: the smallest sizes, for the test that checks the file's shape.
// --node: the kernel suites (attention, moe, acceleration) in plain Node on Dawn, the npm
// `webgpu` package (scripts/bench-node.ts), started with the environment that finds an
// adapter here (scripts/bench-node-env.ts); no site build, no browser.
import { spawn, execSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { type BenchRow, formatBenchTable, validateBenchRows } from '../lib/bench/types';
import { measureFirstLoad } from './budget';
import { TENSOR_LABS, measureRepaint, measureTensors } from './budget-runtime';
import { ADAPTER_CHOICES, type AdapterChoice, nodeBenchEnv, systemProbe } from './bench-node-env';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const serveScript = join(root, 'scripts', 'serve.mjs');
const args = process.argv.slice(2);

if (args.includes('--node')) {
  const adapterIdx = args.indexOf('--adapter');
  const adapter = (adapterIdx >= 0 ? args[adapterIdx + 1] : 'auto') as AdapterChoice;
  if (!ADAPTER_CHOICES.includes(adapter)) {
    console.error(`--adapter must be one of ${ADAPTER_CHOICES.join(', ')}`);
    process.exit(1);
  }
  let setup;
  try {
    setup = nodeBenchEnv(adapter, process.env, systemProbe);
  } catch (err) {
    console.error(`bench (node) failed: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
  const rest = args.filter((a, i) => !['--node', '--no-build', '--adapter'].includes(a) && args[i - 1] !== '--adapter');
  if (!rest.includes('--out')) rest.push('--out', join(root, 'bench', 'results.json'));
  console.log(
    `Node + Dawn: ${setup.note}${
      Object.keys(setup.env).length
        ? ` (${Object.entries(setup.env)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')})`
        : ''
    }`,
  );
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'bench-node.ts'), ...rest, '--backend', setup.backend], {
    stdio: 'inherit',
    env: { ...process.env, ...setup.env },
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  await new Promise(() => undefined); // the child's exit ends this process
}
const size = args.includes('--tiny') ? 'tiny' : args.includes('--quick') ? 'quick' : 'full';
const outIdx = args.indexOf('--out');
const outFile = outIdx >= 0 ? resolve(args[outIdx + 1]) : join(root, 'bench', 'results.json');
const names = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--out');
// `budget` alone: only the performance budget (repaint and runtime), no kernel suites.
const budgetOnly = names.length === 1 && names[0] === 'budget';
const labs = budgetOnly ? [] : names;
const timeoutMs = Number(process.env.BENCH_TIMEOUT_MS ?? (size === 'full' ? 3_600_000 : 900_000));

if (!args.includes('--no-build') || !existsSync(join(root, 'out', 'index.html'))) {
  console.log('Building the site…');
  execSync('npm run build', { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
}

const port = await new Promise<number>((ok) => {
  const srv = createServer();
  srv.listen(0, '127.0.0.1', () => {
    const p = (srv.address() as { port: number }).port;
    srv.close(() => ok(p));
  });
});
const server = spawn(process.execPath, [serveScript, '--port', String(port), '--strict'], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise<void>((ok) => server.stdout?.on('data', (d) => String(d).includes('Accepting') && ok()));

const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const browser = await chromium.launch({
  executablePath,
  args: [
    '--no-sandbox',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--enable-unsafe-webgpu',
    ...(process.env.BENCH_CHROMIUM_ARGS ?? '').split(' ').filter(Boolean),
  ],
});
let exitCode = 0;
try {
  const page = await browser.newPage();
  page.on('console', (m) => m.type() === 'error' && console.error(`[page] ${m.text()}`));
  if (!budgetOnly) {
    const query = new URLSearchParams({ size, ...(labs.length ? { labs: labs.join(',') } : {}) });
    await page.goto(`http://127.0.0.1:${port}/bench?${query}`);
    const bench = page.getByTestId('bench');
    let lastLog = '';
    const started = Date.now();
    for (;;) {
      // a software adapter can keep the page busy for long stretches (a WebGPU forward pass of a
      // language model on SwiftShader takes seconds, more on a loaded machine): wait, do not fail
      const status = await bench.getAttribute('data-status', { timeout: 300_000 });
      const log = await page.locator('pre').first().textContent({ timeout: 300_000 });
      if (log && log !== lastLog) {
        console.log(log.slice(lastLog.length).trim());
        lastLog = log;
      }
      if (status === 'done' || status === 'error') break;
      if (Date.now() - started > timeoutMs) throw new Error(`benchmarks did not finish within ${timeoutMs / 1000} s`);
      await page.waitForTimeout(1000);
    }
    if ((await bench.getAttribute('data-status')) === 'error')
      throw new Error((await page.getByTestId('bench-error').textContent()) ?? 'unknown error');
    const rows = JSON.parse((await page.locator('#bench-json').textContent()) || '[]') as BenchRow[];
    const problems = validateBenchRows(rows);
    if (problems.length > 0) throw new Error(`malformed results: ${problems.slice(0, 5).join('; ')}`);
    console.log(`\n${formatBenchTable(rows)}\n`);
    mkdirSync(dirname(outFile), { recursive: true });
    writeFileSync(outFile, `${JSON.stringify(rows, null, 2)}\n`);
    console.log(`wrote ${rows.length} rows to ${outFile}`);
  }

  // The performance budget, when every lab is benchmarked (not with --tiny).
  if (budgetOnly || (labs.length === 0 && size !== 'tiny')) {
    const base = `http://127.0.0.1:${port}`;
    const firstLoad = measureFirstLoad(join(root, 'out'));
    for (const r of firstLoad)
      console.log(`first-load JS ${r.page}: ${(r.gzipBytes / 1000).toFixed(1)} kB gz (budget 250 kB) ${r.withinBudget ? 'ok' : 'OVER'}`);
    const repaint = await measureRepaint(page, base);
    console.log(
      `repaint of the 4096 x 4096 mask after a slider move: p50 ${repaint.p50Ms.toFixed(1)} ms, p95 ${repaint.p95Ms.toFixed(1)} ms over ${repaint.repaints} repaints (budget 16.7 ms) ${repaint.withinBudget ? 'ok' : 'OVER'}`,
    );
    const tensors = [];
    for (const lab of TENSOR_LABS) {
      const t = await measureTensors(page, base, lab);
      tensors.push(t);
      console.log(
        `tfjs tensors on ${t.page}: ${t.before === null ? 'tfjs never loaded' : `${t.before} before, ${t.after} after`} 200 changes ${t.leak ? 'LEAK' : 'ok'}`,
      );
    }
    const budgetFile = join(dirname(outFile), 'budget.json');
    writeFileSync(budgetFile, `${JSON.stringify({ firstLoad, repaint, tensors }, null, 2)}\n`);
    console.log(`wrote the performance budget to ${budgetFile}`);
  }
} catch (err) {
  console.error(`bench failed: ${err instanceof Error ? err.message : err}`);
  exitCode = 1;
} finally {
  await browser.close();
  server.kill();
}
process.exit(exitCode);
