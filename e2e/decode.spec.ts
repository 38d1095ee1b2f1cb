import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * "Decode a real model" in the acceleration lab, on the software WebGPU adapter (SwiftShader) and
 * without WebGPU (@no-webgpu). Sizes are kept small: a software adapter emulates the GPU on the CPU.
 */
const num = async (l: Locator) => Number(await l.getAttribute('data-value'));

async function waitDone(page: Page, timeout: number) {
  await expect(page.getByTestId('decode-status')).toHaveAttribute('data-status', /done|error/, { timeout });
  await expect(page.getByTestId('decode-status')).toHaveAttribute('data-status', 'done');
}

test.describe('decode a real model with sparse kernels', () => {
  test('greedy decoding of 64 tokens with dense weights through the WGSL path gives the reference tokens; CSR logits match the reference of the same pruned weights', async ({
    page,
  }) => {
    test.setTimeout(600_000);
    await page.goto('/en/acceleration?size=256&csr=1&bsr=0&nm24=0&dsp=70');
    await expect(page.getByTestId('decode-software')).toContainText('CPU emulation');
    await page.getByTestId('decode-check-run').click();
    await waitDone(page, 540_000);
    const dense = page.getByTestId('check-row-dense');
    await expect(dense.getByTestId('check-same')).toHaveAttribute('data-value', '1');
    await expect(dense).toContainText('64');
    expect(await num(dense.getByTestId('check-error'))).toBeLessThanOrEqual(1e-3);
    const csr = page.getByTestId('check-row-csr');
    await expect(csr).toContainText('70%');
    expect(await num(csr.getByTestId('check-error'))).toBeLessThanOrEqual(1e-3);
    await expect(csr.getByTestId('check-same')).toHaveAttribute('data-value', '1');
  });

  test('the decode table: tokens per second, speed-up = dense ms / kernel ms, perplexity of the pruned model, text, and the Amdahl breakdown', async ({
    page,
  }) => {
    test.setTimeout(600_000);
    await page.goto('/en/acceleration?size=256&csr=1&bsr=1&nm24=1&dsp=50&dtokens=4');
    await expect(page).toHaveURL(/dmethod=magnitude&dsp=50&dtokens=4/);
    await expect(page.getByTestId('decode-kernels')).toContainText('CSR, BSR 32×32, 2:4');
    await page.getByTestId('decode-run').click();
    await expect(page.getByTestId('decode-progress')).toBeVisible();
    await waitDone(page, 540_000);
    const table = page.getByTestId('decode-table');
    await expect(table).toHaveAttribute('data-backend', 'webgpu');
    const ids = ['dense-0', 'csr-50', 'bsr-50', '24-50'];
    for (const id of ids) await expect(page.getByTestId(`decode-row-${id}`)).toBeVisible();
    const dense = page.getByTestId('decode-row-dense-0');
    const denseMs = await num(dense.getByTestId('decode-ms'));
    const densePpl = await num(dense.getByTestId('decode-ppl'));
    expect(denseMs).toBeGreaterThan(0);
    expect(await num(dense.getByTestId('decode-tps'))).toBeCloseTo(1000 / denseMs, 6);
    // lm-en's dense test perplexity on the 8 test windows (README: 4.337)
    expect(densePpl).toBeCloseTo(4.337, 2);
    for (const id of ids.slice(1)) {
      const row = page.getByTestId(`decode-row-${id}`);
      const ms = await num(row.getByTestId('decode-ms'));
      expect(await num(row.getByTestId('decode-speedup'))).toBeCloseTo(denseMs / ms, 6);
      // pruning half the weights costs perplexity
      expect(await num(row.getByTestId('decode-ppl'))).toBeGreaterThan(densePpl);
      expect((await row.getByTestId('decode-text').textContent())?.length).toBeGreaterThan(0);
    }
    const amdahl = page.getByTestId('decode-amdahl');
    await expect(amdahl).toContainText('Where the time of a token goes');
    const linear = page.getByTestId('amdahl-part-linear').locator('td[data-value]');
    expect(await num(linear.first())).toBeGreaterThan(0);
    await expect(page.getByTestId('amdahl-explain')).toContainText('at most');
  });

  test("the kernels at Llama-2-7B's shapes, divided by 8 on a software adapter with a sentence saying why", async ({ page }) => {
    test.setTimeout(300_000);
    await page.goto('/en/acceleration?size=256&csr=0&bsr=0&nm24=1');
    await page.getByTestId('shapes-run').click();
    await waitDone(page, 240_000);
    await expect(page.getByTestId('llm-shapes-software')).toContainText('divided by 8');
    for (const [name, shape] of [
      ['attn', '512 × 512'],
      ['up', '1376 × 512'],
      ['down', '512 × 1376'],
    ]) {
      const row = page.getByTestId(`shape-row-${name}-24-50`);
      await expect(row).toContainText(shape);
      const ms = await num(row.getByTestId('shape-ms'));
      const dense = await num(row.getByTestId('shape-dense-ms'));
      expect(ms).toBeGreaterThan(0);
      expect(await num(row.getByTestId('shape-speedup'))).toBeCloseTo(dense / ms, 6);
    }
    await expect(page.getByTestId('llm-shapes-table').locator('tbody tr')).toHaveCount(3);
  });

  test('the Chinese page translates the panel', async ({ page }) => {
    await page.goto('/zh/acceleration?size=256');
    await expect(page.getByTestId('decode-panel')).toContainText('用稀疏内核解码一个真实模型');
    await expect(page.getByTestId('decode-software')).toContainText('CPU 模拟');
    await expect(page.getByTestId('decode-run')).toHaveText('解码');
  });

  test('without WebGPU the panel says what it cannot measure and decodes on WASM @no-webgpu', async ({ page }) => {
    test.setTimeout(300_000);
    await page.goto('/en/acceleration?size=256&csr=1&bsr=0&nm24=0&dsp=90&dtokens=4');
    await expect(page.getByTestId('decode-fallback')).toContainText('cannot run');
    await expect(page.getByTestId('decode-check-run')).toBeDisabled();
    await page.getByTestId('decode-run').click();
    await waitDone(page, 240_000);
    await expect(page.getByTestId('decode-table')).toHaveAttribute('data-backend', 'wasm');
    await expect(page.getByTestId('decode-row-csr-90')).toContainText('tf.matMul (WASM)');
  });
});
