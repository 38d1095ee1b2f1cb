import type { Page } from '@playwright/test';
import { meanNll } from '../lib/lm/reference';
import { shippedModel } from '../lib/lm/test-helpers';
import { encodeText } from '../lib/lm/vocab';
import { expect, test } from './fixtures';

/** Opens the models page with a query and downloads the model the page names. */
async function openAndLoad(page: Page, query: Record<string, string>, locale = 'en') {
  await page.goto(`/${locale}/models?${new URLSearchParams(query)}`);
  const download = page.getByTestId('lm-download');
  await expect(download).toBeVisible();
  await download.click();
  await expect(page.getByTestId('lm-ready')).toBeVisible({ timeout: 60_000 });
}

async function nats(page: Page): Promise<number> {
  const dd = page.getByTestId('lm-nats');
  await expect(dd).toBeVisible({ timeout: 60_000 });
  return Number(await dd.getAttribute('data-value'));
}

const TEXT = 'The jury said that the city had done a fine job.';

for (const backend of ['webgpu', 'wasm'] as const) {
  test(`lm-en on ${backend}: the page's loss of a text equals the reference twin's`, async ({ page, consoleErrors }) => {
    test.setTimeout(120_000);
    await openAndLoad(page, { model: 'lm-en', source: 'text', text: TEXT, backend });
    await expect(page.getByTestId('lm-ready')).toHaveAttribute('data-backend', backend);
    const { ckpt, vocab } = shippedModel('lm-en');
    const want = meanNll(ckpt, encodeText(vocab, TEXT).ids);
    expect(Math.abs((await nats(page)) - want)).toBeLessThan(1e-3);
    expect(Number(await page.getByTestId('lm-bpc').getAttribute('data-value'))).toBeCloseTo(want / Math.LN2, 3);
    expect(consoleErrors).toEqual([]);
  });
}

test('moe-en on WebGPU routes like the reference: same loss', async ({ page }) => {
  test.setTimeout(120_000);
  const text = 'She looked at him and smiled.';
  await openAndLoad(page, { model: 'moe-en', source: 'text', text, backend: 'webgpu' });
  const { ckpt, vocab } = shippedModel('moe-en');
  expect(Math.abs((await nats(page)) - meanNll(ckpt, encodeText(vocab, text).ids))).toBeLessThan(1e-3);
});

test('the size is announced before the download; hovering and arrow keys show the predictions; the shared URL restores the text', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  await page.goto('/en/models?model=lm-en&passage=2');
  await expect(page.getByTestId('lm-download')).toHaveText(/Download the model \(6\.\d+ MiB\)/);
  await page.getByTestId('lm-download').click();
  await expect(page.getByTestId('lm-ready')).toBeVisible({ timeout: 60_000 });
  expect(await nats(page)).toBeGreaterThan(0.5);
  const text = page.getByTestId('scored-text');
  // the third passage of the test split is shown, character by character
  const passages = (await (await page.request.get('/data/lm/en.passages.json')).json()) as { passages: { text: string }[] };
  await expect(text).toHaveText(passages.passages[2].text);
  await text.locator('span[data-i="5"]').hover();
  await expect(page.getByTestId('prediction')).toContainText('#6');
  await expect(page.getByTestId('prediction').locator('li')).toHaveCount(5);
  await text.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('prediction')).toContainText('#7');
  await page.keyboard.press('Home');
  await expect(page.getByTestId('prediction')).toContainText('Nothing predicts the first character');

  // Own text, then the address bar holds it; a new page restores it (downloading again: new profile).
  await page.getByTestId('lm-source').selectOption('text');
  await page.getByTestId('lm-text').fill('Hello <b>world</b>, said the jury.');
  await expect(page).toHaveURL(/text=Hello/);
  const url = page.url();
  const other = await context.browser()!.newContext();
  const second = await other.newPage();
  await second.goto(url);
  await expect(second.getByTestId('lm-text')).toHaveValue('Hello <b>world</b>, said the jury.');
  await second.getByTestId('lm-download').click();
  await expect(second.getByTestId('scored-text')).toHaveText('Hello <b>world</b>, said the jury.', { timeout: 60_000 });
  await other.close();
});

test('generation streams the asked number of characters, the same seed repeats it, and cancel stops it', async ({ page }) => {
  test.setTimeout(150_000);
  await openAndLoad(page, {
    model: 'lm-en',
    source: 'text',
    text: 'The President said',
    length: '40',
    seed: '7',
    temp: '0.8',
    topk: '20',
    backend: 'wasm',
  });
  await page.getByTestId('lm-generate').click();
  await expect(page.getByTestId('lm-speed')).toBeVisible({ timeout: 60_000 });
  const first = await page.getByTestId('lm-continuation').textContent();
  expect(first!.length).toBe('The President said'.length + 40);
  await page.getByTestId('lm-generate').click();
  await expect(page.getByTestId('lm-speed')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('lm-continuation')).toHaveText(first!);

  await page.getByTestId('lm-length').getByRole('spinbutton').fill('500');
  await page.getByTestId('lm-generate').click();
  await page.getByTestId('lm-cancel-generate').click();
  await expect(page.getByText('Cancelled.')).toBeVisible();
  await expect(page.getByTestId('lm-generate')).toBeEnabled();
});

test('the Chinese page defaults to lm-zh and reads a poem', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/zh/models');
  await expect(page.getByTestId('lm-download')).toHaveText(/下载模型（4\.\d+ MiB）/);
  await page.getByTestId('lm-download').click();
  await expect(page.getByTestId('lm-ready')).toBeVisible({ timeout: 60_000 });
  const value = await nats(page);
  const { ckpt, vocab } = shippedModel('lm-zh');
  const passages = (await (await page.request.get('/data/lm/zh.passages.json')).json()) as { passages: { text: string }[] };
  expect(Math.abs(value - meanNll(ckpt, encodeText(vocab, passages.passages[0].text).ids))).toBeLessThan(1e-3);
});

test('bad input gets a clear message and the page keeps working', async ({ page }) => {
  test.setTimeout(120_000);
  await openAndLoad(page, { model: 'lm-en', source: 'text', text: '∮∯∰' });
  await expect(page.getByTestId('lm-problem')).toContainText("None of these characters is in the model's vocabulary");
  await page.getByTestId('lm-text').fill('');
  await expect(page.getByTestId('lm-problem')).toContainText('There is no text');
  await page.getByTestId('lm-generate').click();
  await expect(page.getByTestId('lm-problem').last()).toContainText('There is no text');
  await page.getByTestId('lm-text').fill('A fine day.');
  expect(await nats(page)).toBeGreaterThan(0);
  await expect(page.getByTestId('lm-problem')).toHaveCount(0);
});

test('a truncated model file is refused with a message, in both languages', async ({ page, consoleErrors }) => {
  test.setTimeout(90_000);
  await page.route('**/models/lm-en/model.safetensors', async (route) => {
    const res = await route.fetch();
    const body = await res.body();
    await route.fulfill({
      status: 200,
      body: body.subarray(0, body.length - 1000),
      headers: { 'content-type': 'application/octet-stream' },
    });
  });
  await page.goto('/en/models?model=lm-en');
  await page.getByTestId('lm-download').click();
  await expect(page.getByTestId('lm-problem')).toContainText('The model file is truncated');
  await page.goto('/zh/models?model=lm-en');
  await page.getByTestId('lm-download').click();
  await expect(page.getByTestId('lm-problem')).toContainText('模型文件不完整');
  // nothing half-downloaded was kept
  await page.goto('/en/about');
  await expect(page.getByTestId('cached-none')).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('a downloaded model is kept: the next visit loads it at once, and About clears it', async ({ page }) => {
  test.setTimeout(120_000);
  await openAndLoad(page, { model: 'lm-en' });
  await page.goto('/en/about');
  await expect(page.getByTestId('cached-list')).toContainText(/lm-en · 6\.\d+ MiB/);
  await page.goto('/en/models?model=lm-en');
  await expect(page.getByTestId('lm-ready')).toContainText("loaded from this browser's cache", { timeout: 60_000 });
  await expect(page.getByTestId('lm-download')).toHaveCount(0);
  await page.goto('/en/about');
  await page.getByTestId('clear-models').click();
  await expect(page.getByTestId('cached-none')).toContainText('Removed');
  await page.goto('/en/models?model=lm-en');
  await expect(page.getByTestId('lm-download')).toBeVisible();
});

test('the models page runs on the WASM fallback without WebGPU @no-webgpu', async ({ page }) => {
  test.setTimeout(120_000);
  await openAndLoad(page, { model: 'lm-en', source: 'text', text: TEXT });
  await expect(page.getByTestId('lm-ready')).toHaveAttribute('data-backend', 'wasm');
  const { ckpt, vocab } = shippedModel('lm-en');
  expect(Math.abs((await nats(page)) - meanNll(ckpt, encodeText(vocab, TEXT).ids))).toBeLessThan(1e-3);
});

test('a prompt longer than the context: the model reads its last 256 characters and the page says so', async ({ page }) => {
  test.setTimeout(120_000);
  const long = 'The committee met again on Monday and said nothing new. '.repeat(6); // 336 characters
  await openAndLoad(page, { model: 'lm-en', source: 'text', text: long, length: '5', backend: 'wasm' });
  // scoring covers every character with overlapping windows
  await expect(page.getByTestId('lm-score')).toContainText('overlapping windows');
  await page.getByTestId('lm-generate').click();
  await expect(page.getByTestId('lm-speed')).toContainText(
    "The prompt is longer than the model's context: it reads only the last 256 characters",
  );
});
