import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Checkpoint } from '../lib/lm/checkpoint';
import { pruneCheckpoint } from '../lib/lm/prune';
import { parsePruneData } from '../lib/lm/prune-data';
import { DEFAULT_SPEC, sameOrderingAsPaper } from '../lib/lm/prune-jobs';
import { meanNll } from '../lib/lm/reference';
import { shippedModel } from '../lib/lm/test-helpers';
import { encodeText } from '../lib/lm/vocab';
import { expect, test } from './fixtures';

function testIds(name: 'lm-en' | 'lm-zh'): number[][] {
  const { vocab } = shippedModel(name);
  const data = parsePruneData(
    JSON.parse(readFileSync(join(process.cwd(), `public/data/lm/${name === 'lm-zh' ? 'zh' : 'en'}.prune.json`), 'utf8')),
  );
  return data.test.map((t) => encodeText(vocab, t).ids);
}

/** exp(mean NLL) over the windows with the float64 reference twin. */
function referencePerplexity(ckpt: Checkpoint, windows: number[][]): number {
  return Math.exp(windows.reduce((s, w) => s + meanNll(ckpt, w), 0) / windows.length);
}

/** Opens the language-model half and loads the model (a software WebGPU adapter needs minutes: `timeout`). */
async function openLm(page: Page, query: Record<string, string>, locale = 'en', timeout = 90_000) {
  await page.goto(`/${locale}/pruning?${new URLSearchParams({ model: 'lm', ...query })}`);
  await page.getByTestId('lm-prune-load').click();
  await expect(page.getByTestId('lm-ready')).toBeVisible({ timeout });
}

async function current(page: Page, testId: string, timeout = 90_000): Promise<number> {
  await expect(page.getByTestId(testId)).toHaveAttribute('data-current', 'true', { timeout });
  return Number(await page.getByTestId(testId).getAttribute('data-value'));
}

test.describe('pruning lab on a language model', () => {
  test('WASM: dense and 50% magnitude perplexities equal the float64 reference; the Wanda table is measured and read @no-webgpu', async ({
    page,
    consoleErrors,
  }) => {
    test.setTimeout(300_000);
    await openLm(page, { lmMethod: 'magnitude', amount: '0.5' });
    await expect(page.getByTestId('lm-ready')).toHaveAttribute('data-backend', 'wasm');
    await expect(page.getByTestId('lm-live')).toContainText('first 8 × 256 characters of the test split');
    const { ckpt } = shippedModel('lm-en');
    const windows = testIds('lm-en');
    const dense = Number(await page.getByTestId('lm-dense-ppl').getAttribute('data-value'));
    expect(Math.abs(dense / referencePerplexity(ckpt, windows) - 1)).toBeLessThan(1e-4);
    const pruned = await current(page, 'lm-ppl');
    const magnitude = await pruneCheckpoint(ckpt, { ...DEFAULT_SPEC, amount: 0.5 }, null);
    expect(Math.abs(pruned / referencePerplexity(magnitude.ckpt, windows) - 1)).toBeLessThan(1e-4);
    expect(Number(await page.getByTestId('lm-sparsity').getAttribute('data-value'))).toBe(0.5);

    // the table: nine cells, then the ordering sentence agrees with the cells shown
    await page.getByTestId('lm-table-run').click();
    await expect(page.getByTestId('lm-table')).toHaveAttribute('data-finished', 'true', { timeout: 240_000 });
    const cells: Record<string, number> = {};
    for (const m of ['magnitude', 'wanda', 'sparsegpt']) {
      for (const p of ['unstructured', '4:8', '2:4'])
        cells[`${m}|${p}`] = Number(await page.getByTestId(`lm-cell-${m}-${p}`).getAttribute('data-value'));
    }
    // the live setting (magnitude, 50%) is the table's first cell, computed once
    expect(cells['magnitude|unstructured']).toBe(pruned);
    const { holds } = sameOrderingAsPaper(cells);
    await expect(page.getByTestId('lm-table')).toHaveAttribute('data-ordering', String(holds));
    await expect(page.getByTestId('lm-ordering')).toContainText(holds ? 'the same ordering as the paper' : 'not the paper’s ordering');
    await expect(page.getByTestId('lm-lesson-measured')).toContainText(`SparseGPT ${cells['sparsegpt|unstructured'].toFixed(2)}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('lm-table-export-csv').click()]);
    expect(download.suggestedFilename()).toBe('pruning-lm-table-lm-en-calib32.csv');
    expect(consoleErrors).toEqual([]);
  });

  test('WASM: SparseGPT 2:4 follows the URL, generation shows dense and pruned text for one prompt and seed, sensitivity has a row per layer type @no-webgpu', async ({
    page,
    consoleErrors,
  }) => {
    test.setTimeout(300_000);
    await openLm(page, { lmMethod: 'sparsegpt', pattern: '2:4', calib: '8', prompt: 'The jury said', genSeed: '7' });
    const ppl = await current(page, 'lm-ppl');
    expect(ppl).toBeGreaterThan(Number(await page.getByTestId('lm-dense-ppl').getAttribute('data-value')));
    expect(Number(await page.getByTestId('lm-sparsity').getAttribute('data-value'))).toBeCloseTo(0.5, 3);
    await expect(page.getByTestId('lm-amount-range')).toBeDisabled();

    await page.getByTestId('lm-generate-run').click();
    await expect(page.getByTestId('lm-gen-pruned')).toBeVisible({ timeout: 120_000 });
    for (const side of ['dense', 'pruned']) {
      const text = (await page.getByTestId(`lm-gen-${side}`).textContent()) ?? '';
      expect(text.startsWith('The jury said')).toBe(true);
      expect(Array.from(text).length).toBe(13 + 120);
    }

    await page.getByTestId('lm-sensitivity-run').click();
    await expect(page.getByTestId('lm-sensitivity')).toHaveAttribute('data-finished', 'true', { timeout: 180_000 });
    for (const kind of ['q', 'k', 'v', 'o', 'gate', 'up', 'down']) {
      expect(Number(await page.getByTestId(`lm-sens-${kind}`).getAttribute('data-value'))).toBeGreaterThan(0);
    }

    // the curves start, report points, and stop on cancel
    await page.getByTestId('lm-curve-run').click();
    await expect
      .poll(async () => Number(await page.getByTestId('lm-curve').getAttribute('data-points')), { timeout: 120_000 })
      .toBeGreaterThan(0);
    await page.getByTestId('lm-curve-run-cancel').click();
    await expect(page.getByTestId('lm-curve-run-cancel')).toHaveCount(0, { timeout: 60_000 });
    await expect(page.getByTestId('lm-curve')).toHaveAttribute('data-finished', 'false');
    expect(new URL(page.url()).searchParams.get('pattern')).toBe('2:4');
    expect(consoleErrors).toEqual([]);
  });

  test('WebGPU: lm-en loads on the WebGPU backend, its dense perplexity equals the reference, and heads calibrated on one window prune it', async ({
    page,
    consoleErrors,
  }) => {
    // SwiftShader emulates the GPU on the CPU: one perplexity evaluation takes a minute or more here
    test.setTimeout(600_000);
    await openLm(page, { backend: 'webgpu', lmMethod: 'heads', amount: '0.5', calib: '1' }, 'en', 300_000);
    await expect(page.getByTestId('lm-ready')).toHaveAttribute('data-backend', 'webgpu');
    const { ckpt } = shippedModel('lm-en');
    const windows = testIds('lm-en').slice();
    const dense = Number(await page.getByTestId('lm-dense-ppl').getAttribute('data-value'));
    expect(Math.abs(dense / referencePerplexity(ckpt, windows) - 1)).toBeLessThan(1e-3);
    const heads = await current(page, 'lm-ppl', 300_000);
    expect(heads).toBeGreaterThan(dense);
    expect(consoleErrors).toEqual([]);
  });

  test('the Chinese page prunes lm-zh with no serious accessibility violation, and the switch goes back to the MNIST network @no-webgpu', async ({
    page,
    consoleErrors,
  }) => {
    test.setTimeout(180_000);
    await openLm(page, { lmMethod: 'wanda', amount: '0.3' }, 'zh');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('剪枝一个语言模型');
    await expect(page.getByTestId('lm-live')).toContainText('lm-zh');
    const dense = Number(await page.getByTestId('lm-dense-ppl').getAttribute('data-value'));
    expect(Math.abs(dense / referencePerplexity(shippedModel('lm-zh').ckpt, testIds('lm-zh').slice(0, 8)) - 1)).toBeLessThan(1e-4);
    expect(await current(page, 'lm-ppl')).toBeGreaterThan(0);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const results = await new AxeBuilder({ page }).include('article').analyze();
      const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(
        bad.map(
          (v) =>
            `${v.id}: ${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 3)
              .join(' | ')}`,
        ),
      ).toEqual([]);
    }
    await page.getByTestId('model-select').selectOption('mnist');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('剪枝一个真实的网络');
    await expect.poll(() => new URL(page.url()).searchParams.get('model') ?? 'mnist').toBe('mnist');
    expect(consoleErrors).toEqual([]);
  });
});
