import { expect, test } from './fixtures';

const ROUTES = ['', '/models', '/pruning', '/attention', '/moe', '/acceleration', '/training', '/about'];
const LOCALES = [
  { locale: 'en', lang: 'en', switchLabel: '中文', home: 'Home' },
  { locale: 'zh', lang: 'zh-CN', switchLabel: 'English', home: '首页' },
];

for (const { locale, lang, switchLabel, home } of LOCALES) {
  for (const route of ROUTES) {
    test(`/${locale}${route} renders in ${lang} with navigation and no console errors`, async ({ page, consoleErrors }) => {
      await page.goto(`/${locale}${route}`);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.getByRole('navigation').getByRole('link', { name: home })).toBeVisible();
      await expect(page.getByTestId('language-switch')).toHaveText(switchLabel);
      await expect(page.getByTestId('backend-readout')).not.toHaveAttribute('data-model', '');
      expect(consoleErrors).toEqual([]);
    });
  }
}

test('/ sends the browser to its language', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page).toHaveURL(/\/zh$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('稀疏');
  await context.close();
});

test('the home page leads to all five labs', async ({ page }) => {
  await page.goto('/en');
  const cards = page.getByTestId('lab-cards').getByRole('link');
  await expect(cards).toHaveCount(5);
  await cards.filter({ hasText: 'Sparse attention' }).click();
  await expect(page).toHaveURL(/\/en\/attention(\?|$)/); // a built lab writes its canonical state into the query
});

test('the language switch keeps the current page and its query string', async ({ page }) => {
  await page.goto('/en/about?x=1');
  await page.getByTestId('language-switch').click();
  await expect(page).toHaveURL(/\/zh\/about\?x=1$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('关于');
});

test('the page is readable at 390 px: no horizontal overflow', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const route of ['/en', '/zh/about']) {
    await page.goto(route);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${route} overflows horizontally`).toBeLessThanOrEqual(0);
  }
});
