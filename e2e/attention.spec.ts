import { countPatternPairs } from '../lib/attention/cost';
// Every test takes the consoleErrors fixture: any console error or HTTP >= 400 fails it.
import { expect, test } from './fixtures';
import { AttentionLabPage } from './pages/attention';

const windowParams = (seqLen: number, windowSize: number) => ({
  seqLen,
  windowSize,
  dilation: 1,
  stride: 1,
  globalTokens: 0,
  randomBlocks: 0,
  blockSize: 64,
  sinkTokens: 0,
  seed: 1,
  causal: false,
});

test('moving the window slider updates the URL, the density figure and the heatmap pixels', async ({ page }) => {
  const lab = new AttentionLabPage(page);
  await lab.goto('pattern=window&seqLen=1024&windowSize=64&blockSize=64&zoom=1');
  const expectedBefore = countPatternPairs('window', windowParams(1024, 64)) / 1024 ** 2;
  await expect.poll(() => lab.density()).toBeCloseTo(expectedBefore, 9);
  const before = await lab.attendedPixels('mask-overview-canvas');

  const slider = page.getByTestId('control-window-range');
  await slider.focus();
  for (let i = 0; i < 20; i++) await slider.press('ArrowRight');
  await expect.poll(() => lab.param('windowSize')).toBe('84');
  const expectedAfter = countPatternPairs('window', windowParams(1024, 84)) / 1024 ** 2;
  await expect.poll(() => lab.density()).toBeCloseTo(expectedAfter, 9);
  const shown = `${new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(expectedAfter * 100)}%`;
  await expect(page.getByTestId('figure-element-density-value')).toHaveText(shown);

  // The picture follows: the lit band widens in proportion to the attended pairs.
  await expect.poll(async () => (await lab.attendedPixels('mask-overview-canvas')).lit).toBeGreaterThan(before.lit);
  const after = await lab.attendedPixels('mask-overview-canvas');
  expect(after.total).toBe(512 * 512);
  expect(after.lit / before.lit).toBeCloseTo(expectedAfter / expectedBefore, 1);
});

for (const { name, query } of [
  { name: 'sliding window', query: 'pattern=window&seqLen=256&windowSize=64&blockSize=32&heads=2&headDim=64' },
  { name: 'BigBird', query: 'pattern=bigbird&seqLen=256&blockSize=16&randomBlocks=3&seed=7&heads=2&headDim=64' },
]) {
  test(`block-sparse and dense kernels match their twins at seqLen 256 for ${name} (max abs error <= 1e-4)`, async ({ page }) => {
    const lab = new AttentionLabPage(page);
    await lab.goto(query);
    await expect(page.getByTestId('lab-issues')).toHaveCount(0); // BigBird is sparse here, not the full fallback
    const result = await lab.checkKernels();
    expect(result.size).toContain('n = 256');
    expect(result.blockSparse).toBeLessThanOrEqual(1e-4);
    expect(result.dense).toBeLessThanOrEqual(1e-4);
    await expect(page.getByTestId('kernel-check-block-sparse')).toContainText('pass');
    await expect(page.getByTestId('kernel-check-dense')).toContainText('pass');
  });
}

test('a bad URL is corrected and says so', async ({ page }) => {
  const lab = new AttentionLabPage(page);
  await lab.goto('seqLen=99999&windowSize=abc&blockSize=48&bogus=1');
  const corrections = page.getByTestId('corrections');
  await expect(corrections.locator('[data-param="seqLen"][data-reason="clamped"]')).toContainText('8192');
  await expect(corrections.locator('[data-param="windowSize"][data-reason="invalid"]')).toBeVisible();
  await expect(corrections.locator('[data-param="blockSize"][data-reason="invalid"]')).toBeVisible();
  await expect(corrections.locator('[data-param="bogus"][data-reason="unknown"]')).toBeVisible();
  await expect.poll(() => lab.param('seqLen')).toBe('8192');
  expect(lab.param('bogus')).toBeNull();
});

test('impossible settings get clear messages: a window past the sequence (kept, as the source), padding, too many random blocks, BigBird fallback, device limits', async ({
  page,
}) => {
  const lab = new AttentionLabPage(page);
  await lab.goto('source=random&pattern=window&seqLen=512&windowSize=1100');
  await expect(page.locator('[data-issue="window-covers-sequence"]')).toHaveText(
    "Window 1,100 on 512 tokens: ⌊w/2⌋ = 550 reaches every key, so every query attends the whole sequence. The source's loop does the same (it clips start and end to the sequence).",
  );
  await expect(page.getByTestId('control-window-input')).toHaveValue('1100');

  await lab.goto('pattern=window&seqLen=1000&windowSize=64&blockSize=64');
  await expect(page.locator('[data-issue="padded"]')).toContainText('padded to 1,024 tokens');

  await lab.goto('pattern=bigbird&seqLen=1024&blockSize=64&randomBlocks=40');
  await expect(page.locator('[data-issue="random-blocks-too-large"]')).toContainText('using r = 11');

  await lab.goto('pattern=bigbird&seqLen=512&blockSize=64&randomBlocks=2');
  await expect(page.locator('[data-issue="bigbird-full"]')).toContainText('falls back to full attention');
  await expect(page.getByTestId('figure-block-density-value')).toHaveText('100%');

  await lab.goto('pattern=window&seqLen=8192&heads=16&windowSize=256');
  await expect(page.getByTestId('kernel-refused')).toContainText('maxStorageBufferBindingSize');
  await expect(page.getByTestId('kernel-refused')).toContainText('tfjs unfused is refused');
});

test('row inspector, zoom by click, compare and the receptive-field stepper', async ({ page }) => {
  const lab = new AttentionLabPage(page);
  await lab.goto('pattern=longformer&seqLen=512&windowSize=32&globalTokens=8&zoom=4&zoomRow=256&zoomCol=256');

  // Hovering a query row in the zoomed region lights its keys and lists them.
  const zoom = page.getByTestId('mask-zoom-canvas');
  await expect(page.getByTestId('mask-zoom-region')).toContainText('queries 192–319');
  await zoom.scrollIntoViewIfNeeded();
  const box = (await zoom.boundingBox())!;
  await zoom.hover({ position: { x: box.width / 2, y: box.height / 2 + 1 } });
  await expect(page.getByTestId('row-inspector-text')).toContainText('Query 256 reads 41 of 512 keys: 0–7, 240–272');
  const highlighted = await zoom.evaluate((canvas) => {
    const c = canvas as HTMLCanvasElement;
    const row = c.getContext('2d')!.getImageData(0, 64, c.width, 1).data;
    let lit = 0; // the inspected row's attended keys, in the light theme's highlight (#c026d3, lib/viz/mask-paint.ts)
    for (let i = 0; i < row.length; i += 4) if (row[i] === 0xc0 && row[i + 1] === 0x26 && row[i + 2] === 0xd3) lit++;
    return lit;
  });
  expect(highlighted).toBe(33); // keys 240..272 inside the region 192..319

  // Clicking the whole matrix moves the zoomed region there.
  const overview = page.getByTestId('mask-overview-canvas');
  const size = (await overview.boundingBox())!;
  await overview.click({ position: { x: size.width * 0.1, y: size.height * 0.1 } });
  await expect.poll(() => lab.param('zoomRow')).toBe(String(Math.floor(0.1 * 512)));
  await expect(page.getByTestId('mask-zoom-region')).toContainText('queries 0–127');

  // Compare with causal: the counts of both / only-A / only-B add up to each pattern's pairs.
  await page.getByTestId('control-compare').selectOption('causal');
  await expect(page.getByTestId('compare-counts')).toBeVisible();
  expect(lab.param('compare')).toBe('causal');
  const numbers = ((await page.getByTestId('compare-counts').textContent()) ?? '')
    .match(/\d[\d,]*/g)!
    .map((s) => Number(s.replace(/,/g, '')));
  expect(numbers[0] + numbers[2]).toBe((512 * 513) / 2); // causal pairs = both + only causal

  // Receptive field: one layer sees the window and the global tokens; a second layer reaches
  // every token through the global tokens (Longformer), so the count must grow, up to n.
  const result = page.getByTestId('receptive-result');
  await page.getByTestId('layers-less').click();
  await expect.poll(() => lab.param('layers')).toBe('1');
  await expect.poll(async () => Number(await result.getAttribute('data-value'))).toBeLessThan(512);
  const before = Number(await result.getAttribute('data-value'));
  await page.getByTestId('layers-more').click();
  await expect.poll(() => lab.param('layers') ?? '2').toBe('2');
  await expect.poll(async () => Number(await result.getAttribute('data-value'))).toBe(512);
  expect(before).toBeGreaterThan(8);
});

test('Measure shows a progress bar, can be cancelled, and fills the table with the CPU-emulation note', async ({ page }) => {
  const lab = new AttentionLabPage(page);
  await lab.goto('pattern=window&seqLen=512&windowSize=64&heads=1');
  await page.getByTestId('kernel-measure').click();
  await expect(page.getByTestId('kernel-progress')).toBeVisible();
  await page.getByTestId('kernel-cancel').click();
  await expect(page.getByTestId('kernel-cancelled')).toBeVisible({ timeout: 60_000 });

  await lab.goto('pattern=window&seqLen=128&windowSize=32&blockSize=16&heads=1&headDim=32');
  await page.getByTestId('kernel-measure').click();
  const table = page.getByTestId('kernel-measure-result');
  await expect(table).toBeVisible({ timeout: 90_000 });
  // each row shows its median and its ratio to the dense fused kernel, as the numbers behind them say
  const dense = Number(await page.getByTestId('kernel-time-dense-fused').getAttribute('data-value'));
  expect(dense).toBeGreaterThan(0);
  for (const path of ['block-sparse', 'dense-fused', 'dense-fused-masked', 'tfjs-unfused']) {
    const row = page.getByTestId(`kernel-time-${path}`);
    const ms = Number(await row.getAttribute('data-value'));
    const cells = await row.locator('td').allInnerTexts();
    expect(Number(cells[1].replace(/[, ]|ms/g, ''))).toBeCloseTo(ms, 3);
    const ratio = ms / dense; // shown with 2, 1 or 0 decimals below 10, 100 and above
    expect(Math.abs(Number(cells[3].replace(/[,×]/g, '')) - ratio)).toBeLessThanOrEqual(ratio >= 100 ? 0.5 : ratio >= 10 ? 0.05 : 0.005);
  }
  await expect(table).toContainText('CPU emulation');
});

test("the Chinese page teaches the same lab, with the source code labelled as the source's", async ({ page }) => {
  const lab = new AttentionLabPage(page);
  await lab.goto('pattern=bigbird&seqLen=2048&blockSize=64&randomBlocks=3', 'zh');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('稀疏注意力');
  await expect(page.getByText('为什么注意力的开销是 O(n²)')).toBeVisible();
  await expect(page.getByTestId('code-source')).toContainText('def sparse_local_attention');
  await expect(page.getByTestId('code-flex')).toContainText('create_block_mask(mask_mod');
  await expect(page.getByTestId('code-flex')).toContainText('RANDOM = [');
});

test('without WebGPU the pictures and figures still work and the kernel panel says why @no-webgpu', async ({ page }) => {
  const lab = new AttentionLabPage(page);
  await lab.goto('pattern=window&seqLen=512&windowSize=64');
  await expect(page.getByTestId('kernel-unavailable')).toContainText('need WebGPU');
  await expect(page.getByTestId('kernel-check')).toBeDisabled();
  expect(await lab.density()).toBeGreaterThan(0);
  expect((await lab.attendedPixels('mask-overview-canvas')).lit).toBeGreaterThan(0);
});
