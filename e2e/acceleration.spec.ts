import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateBenchRows } from '../lib/bench/types';
import { expect, test } from './fixtures';

test.describe('sparse acceleration lab', () => {
  test('shows the formats with their bytes, the worked example and the canonical URL', async ({ page }) => {
    await page.goto('/en/acceleration?size=256');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sparse acceleration');
    const bytes = page.getByTestId('bytes-table');
    await expect(bytes).toContainText('256 KiB'); // dense 256 × 256 float32
    await expect(bytes).toContainText('513 KiB'); // CSR at 0%: values + indices + row pointers
    await expect(page.getByTestId('example-csr')).toContainText('rowPtr');
    await expect(page.getByTestId('example-24')).toContainText('packed index words');
    // the unstructured example cannot be stored as 2:4: a clear message, not a crash
    await expect(page.getByTestId('not-24')).toContainText('at most 2 allowed');
    await expect(page).toHaveURL(/\?v=1&size=256&batch=64&csr=1&bsr=1&nm24=1&block=32&seed=1&samples=20/);
    await expect(page.getByTestId('source-sparse-code')).toContainText('dense_weight.to_sparse()');
    await expect(page.getByTestId('torch-code')).toContainText('M = K = 256');
  });

  test('says timings reflect CPU emulation on a software adapter and offers a small size', async ({ page }) => {
    await page.goto('/en/acceleration');
    await expect(page.getByTestId('measure-software')).toContainText('CPU emulation');
    await page.getByTestId('use-small-size').click();
    await expect(page).toHaveURL(/size=256/);
    await expect(page.getByTestId('measure-estimate')).toContainText('Estimated time');
  });

  test('corrects bad link parameters with a message', async ({ page }) => {
    await page.goto('/en/acceleration?size=999&samples=3&mode=magic');
    const notice = page.getByTestId('corrections');
    await expect(notice).toBeVisible();
    await expect(notice.locator('li[data-param=size]')).toHaveAttribute('data-reason', 'invalid');
    await expect(notice.locator('li[data-param=samples]')).toHaveAttribute('data-reason', 'clamped');
    await expect(page).toHaveURL(/size=1024&.*samples=20/);
  });

  test('every WGSL kernel matches its twin on WebGPU (max abs error <= 1e-4 × output scale)', async ({ page }) => {
    await page.goto('/en/acceleration?size=128');
    await page.getByTestId('kernel-check-run').click();
    await expect(page.getByTestId('kernel-check-summary')).toBeVisible({ timeout: 90_000 });
    const rows = page.getByTestId('kernel-check-table').locator('[data-testid^=check-]');
    const n = await rows.count();
    expect(n).toBeGreaterThanOrEqual(20);
    for (let i = 0; i < n; i++) {
      const r = rows.nth(i);
      const err = Number(await r.getAttribute('data-error'));
      const scale = Number(await r.getAttribute('data-scale'));
      expect(scale).toBeGreaterThan(0);
      expect(err, (await r.getAttribute('data-testid')) ?? '').toBeLessThanOrEqual(1e-4 * scale);
      await expect(r).toHaveAttribute('data-pass', 'true');
    }
    await expect(page.getByTestId('kernel-check-summary')).toHaveText(`${n} of ${n} checks pass.`);
  });

  test('Measure fills the table with numbers, the chart and the downloads (128 × 128, batch 1)', async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto('/en/acceleration?size=128&batch=1');
    await page.getByTestId('measure-run').click();
    await expect(page.getByTestId('measure-progress')).toBeVisible();
    await expect(page.getByTestId('measure-status')).toHaveAttribute('data-status', 'done', { timeout: 150_000 });
    for (const s of [0, 50, 70, 80, 90, 95, 99]) {
      for (const f of ['csr', 'bsr']) {
        const v = Number(await page.getByTestId(`speed-${f}-${s}`).locator('[data-value]').getAttribute('data-value'));
        expect(v).toBeGreaterThan(0);
        expect(Number.isFinite(v)).toBe(true);
      }
      await expect(page.getByTestId(`accuracy-csr-${s}`).locator('[data-value]')).toHaveCount(1, { timeout: 60_000 });
    }
    expect(Number(await page.getByTestId('speed-24-50').locator('[data-value]').getAttribute('data-value'))).toBeGreaterThan(0);
    await expect(page.getByTestId('speed-24-70')).toHaveText('n/a');
    await expect(page.getByTestId('baselines')).toContainText('tfjs matMul');
    await expect(page.getByTestId('break-even')).toContainText('CSR');
    expect(await page.getByTestId('speed-chart').locator('circle').count()).toBeGreaterThan(14);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()]);
    const csv = readFileSync((await download.path()) as string, 'utf8');
    expect(csv).toContain('# device:');
    expect(csv).toContain('CPU emulation');
    expect(csv.split('\n').filter((l) => /^0\.9,0\.1,csr,/.test(l))).toHaveLength(1);
  });

  test('dynamic sparsity: real activations, a kept-fraction slider, accuracy and the gather kernel', async ({ page }) => {
    await page.goto('/en/acceleration?size=128&keep=0.25');
    const acc = page.getByTestId('dynamic-accuracy');
    await expect(acc).toHaveAttribute('data-value', /0\.9\d/, { timeout: 60_000 });
    await expect(page.getByTestId('relu-zeros')).toContainText('55%');
    const at25 = Number(await acc.getAttribute('data-value'));
    await page.getByTestId('control-keep-input').fill('0.03');
    await page.getByTestId('control-keep-input').press('Enter');
    await expect(page).toHaveURL(/keep=0.03/);
    await expect.poll(async () => Number(await acc.getAttribute('data-value')), { timeout: 30_000 }).toBeLessThan(at25);
    await page.getByTestId('control-mode').selectOption('threshold');
    await expect(page.getByTestId('control-threshold')).toBeVisible();
    await expect(page.getByTestId('dynamic-kept')).toContainText('h1');
    await page.getByTestId('gather-run').click();
    await expect(page.getByTestId('gather-result')).toContainText(/(faster|slower) than dense GEMV/, { timeout: 60_000 });
  });

  test('the Chinese page is translated', async ({ page }) => {
    await page.goto('/zh/acceleration?size=128');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('稀疏加速');
    await expect(page.getByTestId('measure-run')).toHaveText('在这台设备上测量');
    await expect(page.getByTestId('measure-software')).toContainText('CPU 对 GPU 的模拟');
    await expect(page.getByTestId('acceleration-lesson')).toContainText('1,048,576');
  });

  test('without WebGPU the lab explains it and the rest works @no-webgpu', async ({ page }) => {
    await page.goto('/en/acceleration?size=128');
    await expect(page.getByTestId('measure-no-kernels')).toBeVisible();
    await expect(page.getByTestId('measure-run')).toBeDisabled();
    await expect(page.getByTestId('kernel-check-run')).toBeDisabled();
    await expect(page.getByTestId('bytes-table')).toContainText('64.0 KiB');
    await expect(page.getByTestId('dynamic-accuracy')).toHaveAttribute('data-value', /0\.9\d/, { timeout: 60_000 });
  });
});

test('npm run bench -- acceleration --tiny writes a results file of the documented shape', async () => {
  test.setTimeout(180_000);
  const out = join(mkdtempSync(join(tmpdir(), 'sparselab-bench-')), 'results.json');
  const code = await new Promise<number>((ok, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench.ts', 'acceleration', '--tiny', '--no-build', '--out', out], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    child.on('error', fail);
    child.on('exit', (c) => (c === 0 ? ok(0) : fail(new Error(`bench exited with ${c}:\n${log}`))));
  });
  expect(code).toBe(0);
  const rows = JSON.parse(readFileSync(out, 'utf8')) as { lab: string; kernel: string; device: { isFallback: boolean } }[];
  expect(validateBenchRows(rows)).toEqual([]);
  expect(rows.length).toBeGreaterThan(10);
  expect(rows.every((r) => r.lab === 'acceleration')).toBe(true);
  const kernels = new Set(rows.map((r) => r.kernel));
  for (const k of [
    'dense-ours',
    'csr-spmm',
    'bsr32-spmm',
    '2:4-spmm',
    'csr-spmv',
    '2:4-spmv',
    'gather-spmv',
    'gather-spmv+topk',
    'gather-spmv+threshold',
  ])
    expect(kernels.has(k), k).toBe(true);
  // every kernel matched its reference at the benchmark's size before it was timed
  expect(rows.filter((r) => (r as { failed?: string }).failed !== undefined)).toEqual([]);
});
