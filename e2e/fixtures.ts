import { test as base, expect } from '@playwright/test';

/**
 * `page` that fails the test on any console error or uncaught page error, so
 * "renders with no console errors" is checked by every spec.
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    page.on('pageerror', (err) => errors.push(String(err)));
    page.on('response', (res) => {
      if (res.status() >= 400) errors.push(`${res.status()} ${res.url()}`);
    });
    await use(errors);
    expect(errors, 'console errors on the page').toEqual([]);
  },
});

export { expect };
