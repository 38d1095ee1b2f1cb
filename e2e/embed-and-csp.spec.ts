import { expect, test } from './fixtures';

test('every page carries a Content-Security-Policy without unsafe-eval or remote scripts', async ({ page }) => {
  for (const route of ['/en', '/zh/attention', '/en/about']) {
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
