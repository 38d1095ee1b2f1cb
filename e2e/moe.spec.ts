import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { VIRIDIS_0, setNumber } from './pages/moe';

/** Per column of the routing heatmap canvas: how many expert rows are lit (weight > 0). */
async function litRowsPerColumn(page: Page): Promise<number[]> {
  return page.getByTestId('routing-heatmap-canvas').evaluate((el, dark) => {
    const canvas = el as HTMLCanvasElement;
    const ctx = canvas.getContext('2d');
    if (!ctx) return [];
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const counts = new Array<number>(canvas.width).fill(0);
    for (let r = 0; r < canvas.height; r++) {
      for (let c = 0; c < canvas.width; c++) {
        const i = 4 * (r * canvas.width + c);
        if (data[i] !== dark[0] || data[i + 1] !== dark[1] || data[i + 2] !== dark[2]) counts[c]++;
      }
    }
    return counts;
  }, VIRIDIS_0);
}

async function loadBarValues(page: Page): Promise<number[]> {
  const bars = page.getByTestId('load-bars-bar');
  return await bars.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
}

test.describe('MoE lab', () => {
  test('opens on the trained model: heatmap, usage, load bars with the capacity line, parameters', async ({ page }) => {
    await page.goto('/en/moe?mode=mnist');
    await expect(page.getByRole('heading', { name: 'Mixture of experts', level: 1 })).toBeVisible();
    await expect(page.getByTestId('model-id')).toHaveText('Model e8-k2-aux0.1-mixtral');
    await expect(page.getByTestId('routing-heatmap')).toHaveAttribute('data-rows', '8');
    await expect(page.getByTestId('routing-heatmap')).toHaveAttribute('data-cols', '640');
    await expect(page.getByTestId('load-bars-bar')).toHaveCount(8);
    await expect(page.getByTestId('load-bars')).toContainText('capacity C = 10000');
    await expect(page.getByTestId('capacity-formula')).toContainText('C = ⌈ k × capacity factor × T / E ⌉');
    await expect(page.getByTestId('stat-tokens')).toHaveText('32,000');
    await expect(page.getByTestId('params-active')).toHaveText('8,640');
    await expect(page.getByTestId('params-total')).toHaveText('33,792');
    await expect(page.getByTestId('figure-params')).toContainText('46.7B');
    await expect(page.getByTestId('figure-params')).toContainText('12.9B');
    // accuracy of the trained model with its own routing
    await expect(page.getByTestId('routed-accuracy')).toHaveText(/93\.\d% of the 2,000 test digits/, { timeout: 30_000 });
    // collapse read-out from the shipped α = 0 model
    await expect(page.getByTestId('collapse-note')).toContainText('with α = 0');
    // every token column lights exactly k = 2 experts
    const lit = await litRowsPerColumn(page);
    expect(lit.length).toBe(640);
    expect(lit.every((n) => n === 2)).toBe(true);
    expect((await loadBarValues(page)).reduce((a, b) => a + b, 0)).toBe(2 * 32_000);
  });

  test('changing k updates the URL, the heatmap and the load bars', async ({ page }) => {
    await page.goto('/en/moe?mode=mnist');
    await expect(page.getByTestId('routing-heatmap')).toBeVisible();
    await setNumber(page, 'control-k', 3);
    await expect(page).toHaveURL(/[?&]k=3(&|$)/);
    await expect.poll(async () => (await loadBarValues(page)).reduce((a, b) => a + b, 0)).toBe(3 * 32_000);
    await expect.poll(async () => (await litRowsPerColumn(page)).every((n) => n === 3)).toBe(true);
    await expect(page.getByTestId('stat-active')).toHaveText('3');
    await expect(page.getByTestId('model-differs')).toContainText('k');
    await expect(page.getByTestId('code-fixed')).toContainText('top_k=3');
    // the source's 1/k routing costs accuracy; the lesson beside the code says what the source gets right, then why
    await page.getByTestId('control-variant').selectOption('source');
    await expect(page).toHaveURL(/variant=source/);
    await expect(page.getByTestId('moe-source-good')).toContainText('What the source gets right');
    await expect(page.getByTestId('moe-lesson-code')).toContainText('no gradient');
  });

  test('switch routing with a small capacity drops tokens and keeps every expert at or below C', async ({ page }) => {
    await page.goto('/en/moe?mode=mnist&variant=switch&capacityFactor=0.5');
    await expect(page.getByTestId('stat-capacity')).toHaveText('2,000');
    const dropped = Number((await page.getByTestId('stat-dropped').textContent())!.replace(/,/g, ''));
    expect(dropped).toBeGreaterThan(0);
    const bars = await loadBarValues(page);
    expect(bars.every((v) => v <= 2000)).toBe(true);
    expect(bars.reduce((a, b) => a + b, 0) + dropped).toBe(32_000);
  });

  test('synthetic mode reaches 4,096 tokens, 64 experts and k = 8', async ({ page }) => {
    await page.goto('/en/moe?mode=synthetic&numExperts=64&k=8&tokens=4096&skew=0.6');
    await expect(page.getByTestId('stat-tokens')).toHaveText('4,096');
    await expect(page.getByTestId('load-bars-bar')).toHaveCount(64);
    const bars = await loadBarValues(page);
    expect(bars.reduce((a, b) => a + b, 0)).toBe(8 * 4096);
    // 60% of the tokens forced onto expert 0
    expect(bars[0]).toBeGreaterThanOrEqual(Math.ceil(0.6 * 4096));
    await expect(page.getByTestId('routing-heatmap')).toHaveAttribute('data-rows', '64');
  });

  test('bad input gets a clear message, never a crash', async ({ page }) => {
    await page.goto('/en/moe?mode=mnist&numExperts=2&k=4');
    await expect(page.getByTestId('routing-issue')).toContainText('k = 4 is larger than the number of experts E = 2');
    await page.goto('/en/moe?mode=mnist&numExperts=0');
    await expect(page.getByTestId('routing-issue')).toContainText('at least one expert');
    await page.goto('/en/moe?mode=mnist&capacityFactor=0');
    await expect(page.getByTestId('routing-issue')).toContainText('capacity factor must be greater than 0');
    await page.goto('/en/moe?mode=synthetic&routerScale=1e39');
    await expect(page.getByTestId('routing-issue')).toHaveAttribute('data-kind', 'non-finite');
    await expect(page.getByTestId('routing-issue')).toContainText('non-finite logit');
    await page.goto('/zh/moe?mode=synthetic&numExperts=2&k=4');
    await expect(page.getByTestId('routing-issue')).toContainText('k = 4 大于专家数 E = 2');
    // fixing the setting brings the pictures back
    await setNumber(page, 'control-k', 2);
    await expect(page.getByTestId('routing-issue')).toHaveCount(0);
    await expect(page.getByTestId('load-bars-bar')).toHaveCount(2);
  });

  test('dispatch, dense and padded kernels match their twins on the trained layer (WebGPU)', async ({ page }) => {
    await page.goto('/en/moe?mode=mnist');
    await expect(page.getByTestId('kernel-sizes')).toContainText('64 tokens, H = 32, FFN = 64, E = 8, k = 2');
    await page.getByTestId('kernel-run').click();
    await expect(page.getByTestId('kernel-results')).toBeVisible({ timeout: 90_000 });
    for (const path of ['dispatch', 'dense', 'padded']) {
      await expect(page.getByTestId(`kernel-${path}`)).toHaveAttribute('data-pass', 'true');
      const cell = page.getByTestId(`kernel-${path}-end-to-end-err`);
      const err = Number(await cell.getAttribute('data-error'));
      const scale = Number(await cell.getAttribute('data-scale'));
      expect(scale).toBeGreaterThan(0);
      expect(err).toBeLessThanOrEqual(1e-4 * scale);
    }
    await expect(page.getByTestId('kernel-dispatch-sort-err')).toHaveText('identical');
    await expect(page.getByTestId('kernel-emulated')).toBeVisible();
  });

  test('synthetic kernels at 64 tokens, hidden 32, 4 experts, with 60% skew', async ({ page }) => {
    await page.goto('/en/moe?mode=synthetic&numExperts=4&hidden=32&skew=0.6&variant=gshard');
    await expect(page.getByTestId('kernel-sizes')).toContainText('64 tokens, H = 32, FFN = 128, E = 4, k = 2');
    await page.getByTestId('kernel-run').click();
    await expect(page.getByTestId('kernel-results')).toBeVisible({ timeout: 90_000 });
    for (const path of ['dispatch', 'dense', 'padded'])
      await expect(page.getByTestId(`kernel-${path}`)).toHaveAttribute('data-pass', 'true');
    await expect(page.getByTestId('kernel-padded')).toContainText('slots dropped by the capacity');
  });

  test('is readable at 390 px with 64 experts: no horizontal overflow', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const route of ['/zh/moe?mode=mnist', '/en/moe?mode=synthetic&numExperts=64&k=8']) {
      await page.goto(route);
      await expect(page.getByTestId('load-bars')).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${route} overflows horizontally`).toBeLessThanOrEqual(0);
    }
  });

  test('training runs in a worker, shows progress and can be cancelled', async ({ page }) => {
    await page.goto('/en/moe?mode=mnist&numExperts=4');
    await expect(page.getByTestId('model-missing')).toContainText('no trained model with 4 experts');
    await page.getByTestId('train-run').click();
    await expect(page.getByTestId('train-status')).toHaveAttribute('data-status', 'running');
    await expect(page.getByTestId('train-status')).toContainText('Training: step', { timeout: 30_000 });
    // the page stays responsive while training: a control still updates the URL
    await setNumber(page, 'control-capacity', 2);
    await expect(page).toHaveURL(/capacityFactor=2/);
    await page.getByTestId('train-cancel').click();
    await expect(page.getByTestId('train-status')).toHaveAttribute('data-status', 'cancelled');
  });
});

test.describe('MoE lab compare', () => {
  test('compares two routing variants side by side and keeps compare in the URL', async ({ page }) => {
    await page.goto('/en/moe?mode=mnist&variant=mixtral&compare=switch');
    const panel = page.getByTestId('compare-panel');
    await expect(panel).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('compare-a')).toHaveAttribute('data-variant', 'mixtral');
    await expect(page.getByTestId('compare-b')).toHaveAttribute('data-variant', 'switch');
    await expect(page.getByTestId('compare-a-dropped')).toHaveText(/^[\d,]+$/);
    await expect(page.getByTestId('compare-b-dropped')).toHaveText(/^[\d,]+$/);
    await expect(page.getByTestId('compare-a-bars-bar')).toHaveCount(8);
    await expect(page.getByTestId('compare-b-bars-bar')).toHaveCount(8);
    // top-2 against top-1: every token's expert set differs
    await expect(page.getByTestId('compare-changed')).toContainText('32,000 of 32,000 tokens');
    await expect(page.getByTestId('compare-strip')).toBeVisible();
    await expect(page).toHaveURL(/[?&]compare=switch(&|$)/);
    // old links without compare show no compare panel
    await page.goto('/en/moe?mode=mnist');
    await expect(page.getByTestId('load-bars')).toBeVisible();
    await expect(page.getByTestId('compare-panel')).toHaveCount(0);
  });
});
