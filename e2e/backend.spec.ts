import { expect, test } from './fixtures';

test('the backend read-out names the software WebGPU adapter and WASM model math', async ({ page }) => {
  await page.goto('/en/about');
  await expect(page.getByTestId('about-kernels')).toHaveText('run on WebGPU');
  await expect(page.getByTestId('about-fallback')).toHaveText('yes');
  await expect(page.getByTestId('about-architecture')).toHaveText(/swiftshader/i);
  await expect(page.getByTestId('about-model-backend')).toHaveText('WASM');
  await expect(page.getByTestId('backend-readout')).toContainText('timings reflect CPU emulation');
  await expect(page.getByTestId('backend-notice')).toHaveCount(0);
});

test('the fused attention kernel matches its reference twin at seqLen 128 (max abs error <= 1e-4)', async ({ page }) => {
  await page.goto('/en/about');
  await page.getByTestId('self-test-run').click();
  const result = page.getByTestId('self-test-result');
  await expect(result).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('self-test-verdict')).toHaveText('Pass');
  const maxAbs = Number(await page.getByTestId('self-test-max-abs').textContent());
  expect(maxAbs).toBeLessThanOrEqual(1e-4);
});

test('without WebGPU the app runs on WASM and says so @no-webgpu', async ({ page, consoleErrors }) => {
  await page.goto('/en/about');
  await expect(page.getByTestId('backend-notice')).toBeVisible();
  await expect(page.getByTestId('backend-notice')).toContainText('WebAssembly');
  await expect(page.getByTestId('about-model-backend')).toHaveText('WASM');
  await expect(page.getByTestId('about-kernels')).toHaveText('unavailable');
  await expect(page.getByTestId('self-test-run')).toBeDisabled();
  await page.goto('/zh');
  await expect(page.getByTestId('backend-notice')).toContainText('WebAssembly');
  expect(consoleErrors).toEqual([]);
});
