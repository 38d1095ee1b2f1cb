import { test as base, expect } from '@playwright/test';

/**
 * Every test fails on any console error, uncaught page error or HTTP error response of its page:
 * the `consoleErrors` fixture is automatic (Playwright's `auto: true`), so "renders with no
 * console errors" is checked by every spec whether or not it names the fixture. A test that names
 * it can also read the list while it runs. A test whose page must log an error on purpose (a
 * refused file, a missing model) lists the messages it expects with
 * `test.use({ expectedConsoleErrors: [/pattern/] })`; anything else still fails it.
 */
export const test = base.extend<{ consoleErrors: string[]; expectedConsoleErrors: RegExp[] }>({
  expectedConsoleErrors: [[], { option: true }],
  consoleErrors: [
    async ({ page, expectedConsoleErrors }, use) => {
      const errors: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(msg.text());
      });
      page.on('pageerror', (err) => errors.push(String(err)));
      page.on('response', (res) => {
        if (res.status() >= 400) errors.push(`${res.status()} ${res.url()}`);
      });
      await use(errors);
      const unexpected = errors.filter((e) => !expectedConsoleErrors.some((re) => re.test(e)));
      expect(unexpected, 'console errors on the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
