import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';

const ROUTES = ['', '/models', '/pruning', '/attention', '/moe', '/acceleration', '/training', '/about'];

for (const scheme of ['light', 'dark'] as const) {
  for (const locale of ['en', 'zh']) {
    test(`axe finds no serious or critical violation on /${locale} routes in the ${scheme} theme`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      for (const route of ROUTES) {
        await page.goto(`/${locale}${route}`);
        await expect(page.getByTestId('backend-readout')).not.toHaveAttribute('data-model', '');
        const results = await new AxeBuilder({ page }).analyze();
        const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        expect(
          bad.map(
            (v) =>
              `${route}: ${v.id} (${v.impact}) ${v.nodes
                .map((n) => n.target.join(' '))
                .slice(0, 3)
                .join(' | ')}`,
          ),
          `accessibility violations on /${locale}${route}`,
        ).toEqual([]);
      }
    });
  }
}
