import { expect, test } from './fixtures';

test('every page carries a Content-Security-Policy without unsafe-eval or remote scripts', async ({ page }) => {
  const labs = ['', '/models', '/attention', '/pruning', '/moe', '/acceleration', '/training', '/about'];
  for (const route of [...labs.map((l) => `/en${l}`), ...labs.map((l) => `/zh${l}`), '/bench']) {
    await page.goto(route);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("'wasm-unsafe-eval'");
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).not.toMatch(/script-src[^;]*(https?:|\*)/);
  }
});

test('embed=1 hides the site navigation and footer and keeps the page', async ({ page }) => {
  await page.goto('/en/about?embed=1');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByTestId('site-header')).toBeHidden();
  await expect(page.getByTestId('backend-readout')).toBeHidden();
  await page.goto('/en/about');
  await expect(page.getByTestId('site-header')).toBeVisible();
});

/** Per lab: a URL parameter whose control hide= removes, and a control that stays. */
const EMBED_CASES = [
  { lab: 'attention', hide: 'seed', gone: 'control-seed', kept: 'control-window' },
  { lab: 'pruning', hide: 'amount', gone: 'amount', kept: 'method-select' },
  { lab: 'moe', hide: 'k', gone: 'control-k', kept: 'control-capacity' },
  { lab: 'acceleration', hide: 'seed,samples', gone: 'control-seed', kept: 'control-size' },
  { lab: 'training', hide: 'epochs', gone: 'control-epochs', kept: 'control-batch' },
];

for (const c of EMBED_CASES) {
  test(`the ${c.lab} lab embeds: no site chrome, hide=${c.hide} removes its controls, the link keeps embed and hide`, async ({ page }) => {
    await page.goto(`/en/${c.lab}?embed=1&hide=${c.hide}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible(); // the lab's title stays
    await expect(page.locator('main .prose-lab')).toHaveCount(0); // the lesson text goes
    await expect(page.getByTestId('site-header')).toBeHidden();
    await expect(page.getByTestId('backend-readout')).toBeHidden();
    await expect(page.getByTestId(c.kept).first()).toBeVisible();
    await expect(page.getByTestId(c.gone)).toHaveCount(0);
    await expect.poll(() => new URL(page.url()).searchParams.get('hide')).toBe(c.hide);
    expect(new URL(page.url()).searchParams.get('embed')).toBe('1');
  });
}

test('Copy embed code gives an iframe of this experiment with embed=1 that opens without the site chrome', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/en/attention?pattern=bigbird&seqLen=512&hide=seed');
  await expect(page.getByTestId('figure-element-density')).toBeVisible();
  await page.getByTestId('copy-embed').click();
  await expect(page.getByTestId('copy-status')).toContainText('Embed code copied');
  const code = await page.evaluate(() => navigator.clipboard.readText());
  const src = code.match(/^<iframe src="([^"]+)" title="([^"]+)"/);
  expect(src, code).not.toBeNull();
  const url = new URL(src![1].replace(/&amp;/g, '&'));
  expect(url.searchParams.get('embed')).toBe('1');
  expect(url.searchParams.get('pattern')).toBe('bigbird');
  expect(url.searchParams.get('hide')).toBe('seed');
  await page.goto(url.toString());
  await expect(page.getByTestId('site-header')).toBeHidden();
  await expect(page.getByTestId('control-seed')).toHaveCount(0);
  await expect(page.getByTestId('copy-embed')).toBeHidden();
});

test('where the browser blocks the clipboard, the link is shown selected to copy by hand', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('blocked')) } });
  });
  await page.goto('/zh/moe?k=1');
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('copy-status')).toContainText('浏览器阻止了复制');
  await expect(page.getByTestId('copy-manual')).toHaveValue(page.url());
});
