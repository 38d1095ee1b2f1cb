import { expect, test } from './fixtures';

test('every page carries a Content-Security-Policy without unsafe-eval or remote scripts', async ({ page }) => {
  const labs = ['', '/attention', '/pruning', '/moe', '/acceleration', '/training', '/about'];
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
