import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { causalPatternMask } from '../lib/attention/lm-heads';
import type { PatternParams } from '../lib/attention/params';
import { EVAL_WINDOW_COUNT, evalWindows } from '../lib/lm/eval-windows';
import { meanNll } from '../lib/lm/reference';
import { shippedModel } from '../lib/lm/test-helpers';
import { expect, test } from './fixtures';

/** Opens the attention lab on a language model and accepts its download. */
async function openModel(page: Page, query: string, locale = 'en') {
  await page.goto(`/${locale}/attention?${query}`);
  await page.getByTestId('lm-download').click();
  await expect(page.getByTestId('lm-ready')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('lm-head-0-0')).toBeVisible({ timeout: 60_000 });
}

/** The cost table's row once measured: [dense, pattern] NLL. */
async function costOf(page: Page, row: 'passage' | 'test'): Promise<[number, number]> {
  const tr = page.getByTestId(`lm-cost-${row}`);
  await expect(tr).toHaveAttribute('data-pattern', /\d/, { timeout: 90_000 });
  return [Number(await tr.getAttribute('data-dense')), Number(await tr.getAttribute('data-pattern'))];
}

const base: PatternParams = {
  seqLen: 256,
  windowSize: 256,
  dilation: 2,
  stride: 128,
  summaryTokens: 8,
  globalTokens: 16,
  randomBlocks: 3,
  blockSize: 64,
  sinkTokens: 4,
  seed: 1,
  causal: true,
};

test("opens on the page language's model: real heads, and the passage's loss with a window equals the reference meanNll of the same mask", async ({
  page,
  consoleErrors,
}) => {
  test.setTimeout(180_000);
  await openModel(page, 'pattern=window&windowSize=16&passage=2');
  await expect(page.getByTestId('lm-section')).toHaveAttribute('data-model', 'lm-en');
  // 4 layers × 6 heads, each with the share of its attention the window keeps
  await expect(page.locator('[data-testid^="lm-head-"][aria-pressed]')).toHaveCount(24);
  await expect(page.getByTestId('lm-heads-summary')).toContainText('the pattern keeps');
  const kept = await page
    .locator('[data-testid=lm-heads-table] tbody tr')
    .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-kept'))));
  expect(kept).toHaveLength(24);
  expect([...kept].sort((a, b) => a - b)).toEqual(kept);
  expect(kept[0]).toBeLessThan(1);

  const [dense, pattern] = await costOf(page, 'passage');
  const { ckpt, vocab } = shippedModel('lm-en');
  const docs = JSON.parse(readFileSync('public/data/lm/en.test.json', 'utf8')).docs;
  const ids = evalWindows(docs, vocab, EVAL_WINDOW_COUNT, 256).ids[2];
  const mask = causalPatternMask({ name: 'window', params: { ...base, windowSize: 16 } }, 256);
  expect(Math.abs(dense - meanNll(ckpt, ids))).toBeLessThan(1e-3);
  expect(Math.abs(pattern - meanNll(ckpt, ids, (q, k) => mask[q * 256 + k] === 1))).toBeLessThan(1e-3);
  expect(pattern).toBeGreaterThan(dense);

  // a wider window costs less: the numbers follow the slider
  const [testDense, testNarrow] = await costOf(page, 'test');
  await page.getByTestId('control-window-input').fill('128');
  await page.getByTestId('control-window-input').press('Enter');
  await expect.poll(() => new URL(page.url()).searchParams.get('windowSize')).toBe('128');
  await expect
    .poll(async () => Number(await page.getByTestId('lm-cost-test').getAttribute('data-pattern')), { timeout: 90_000 })
    .toBeLessThan(testNarrow);
  expect(Number(await page.getByTestId('lm-cost-test').getAttribute('data-dense'))).toBeCloseTo(testDense, 6);
  expect(consoleErrors).toEqual([]);
});

test('a head chosen by click is in the URL and restored; the zh page opens on lm-zh', async ({ page }) => {
  test.setTimeout(180_000);
  await openModel(page, 'source=auto&pattern=sinks&windowSize=32&sinkTokens=4');
  await page.getByTestId('lm-head-2-3').click();
  await expect(page.getByTestId('lm-head-2-3')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => new URL(page.url()).searchParams.get('lmLayer')).toBe('2');
  expect(new URL(page.url()).searchParams.get('lmHead')).toBe('3');
  await expect(page.getByTestId('lm-head-detail')).toHaveAttribute(
    'aria-label',
    'Layer 2, head 3: attention probabilities (query rows, key columns)',
  );
  await page.reload();
  await expect(page.getByTestId('lm-head-2-3')).toHaveAttribute('aria-pressed', 'true', { timeout: 60_000 });

  await openModel(page, '', 'zh');
  await expect(page.getByTestId('lm-section')).toHaveAttribute('data-model', 'lm-zh');
  await expect(page.getByTestId('lm-heads')).toContainText('真实的注意力头');
});

test('the sink experiment and the KV cache report measured numbers; the kernel runs on a real head and matches its twin', async ({
  page,
  consoleErrors,
}) => {
  test.setTimeout(180_000);
  await openModel(page, 'source=lm-en&pattern=sinks&windowSize=8&sinkTokens=4&lmLayer=1&lmHead=2');
  const ratio = Number(await page.getByTestId('lm-sinks-verdict').getAttribute('data-ratio'));
  expect(ratio).toBeGreaterThan(0);
  await expect(page.getByTestId('lm-sinks-verdict')).toHaveText(ratio >= 2 ? /does show sinks/ : /No strong sinks/);
  await expect(page.getByTestId('lm-sinks-both')).toHaveAttribute('data-nll', /\d/, { timeout: 90_000 });
  const only = Number(await page.getByTestId('lm-sinks-only').getAttribute('data-nll'));
  const both = Number(await page.getByTestId('lm-sinks-both').getAttribute('data-nll'));
  expect(only).toBeGreaterThan(0);
  const two = (v: number) => String(Number(v.toFixed(2))); // the page's 2-digit format drops trailing zeros
  await expect(page.getByTestId('lm-sinks-effect')).toContainText(`from ${two(Math.exp(only))} to ${two(Math.exp(both))}`);

  // lm-en: 4 layers × 2 KV heads × 32 × 2 × 4 bytes; Llama-2-7B: 512 KiB per token
  await expect(page.getByTestId('lm-kv-ours')).toHaveAttribute('data-per-token', '2048');
  await expect(page.getByTestId('lm-kv-llama')).toHaveAttribute('data-per-token', String(512 * 1024));
  await expect(page.getByTestId('lm-kv-llama-dense')).toHaveAttribute('data-bytes', String(4096 * 512 * 1024));
  await expect(page.getByTestId('lm-kv-llama-sinks')).toHaveAttribute('data-bytes', String(12 * 512 * 1024));

  await page.getByTestId('lm-kernel-run').click();
  await expect(page.getByTestId('lm-kernel-result')).toHaveAttribute('data-ok', 'true', { timeout: 90_000 });
  await expect(page.getByTestId('lm-kernel-result')).toContainText('Match');
  expect(consoleErrors).toEqual([]);
});

test("quality against density: the sweep shows progress, can be cancelled, and draws every family with the reader's point", async ({
  page,
}) => {
  test.setTimeout(300_000);
  await openModel(page, 'source=lm-en&pattern=window&windowSize=32');
  await costOf(page, 'test');
  await page.getByTestId('lm-curves-run').click();
  await expect(page.getByTestId('lm-curves')).toContainText(/\d+ of 174 passes/);
  await page.getByTestId('lm-curves-cancel').click();
  await expect(page.getByTestId('lm-curves-cancelled')).toBeVisible();
  await page.getByTestId('lm-curves-run').click();
  await expect(page.getByTestId('lm-curves-chart')).toBeVisible({ timeout: 240_000 });
  const rows = page.locator('[data-testid=lm-curves-table] tbody tr');
  await expect(rows).toHaveCount(28);
  for (const family of ['window', 'sinks', 'dilated', 'bigbird'])
    await expect(rows.and(page.locator(`[data-family=${family}]`)).first()).toBeAttached();
  // within a family, perplexity falls (or holds) as more pairs are kept, up to noise
  const windows = await page
    .locator('[data-testid=lm-curves-table] tr[data-family=window]')
    .evaluateAll((r) => r.map((x) => Number(x.getAttribute('data-ppl'))));
  expect(windows[0]).toBeGreaterThan(windows[windows.length - 1]);
  await expect(page.getByTestId('lm-curves-chart')).toContainText('your setting');
  await expect(page.getByTestId('lm-curves-summary')).toContainText(/Cheapest point|No swept point/);
});

test('without WebGPU the model runs on WASM and the kernel panel says why it cannot run @no-webgpu', async ({ page, consoleErrors }) => {
  test.setTimeout(180_000);
  await openModel(page, 'source=lm-en&pattern=causal-window&windowSize=24');
  await expect(page.getByTestId('lm-ready')).toHaveAttribute('data-backend', 'wasm');
  const [dense, pattern] = await costOf(page, 'passage');
  expect(pattern).toBeGreaterThan(dense);
  await expect(page.getByTestId('lm-kernel-no-gpu')).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('bad language-model parameters are corrected and said so', async ({ page }) => {
  await page.goto('/en/attention?source=gpt5&passage=99&lmLayer=-1');
  const corrections = page.getByTestId('corrections');
  await expect(corrections.locator('[data-param="source"]')).toBeVisible();
  await expect(corrections.locator('[data-param="passage"]')).toBeVisible();
  await expect(corrections.locator('[data-param="lmLayer"]')).toBeVisible();
  await expect(page.getByTestId('lm-section')).toHaveAttribute('data-model', 'lm-en');
});
