import { expect, test } from './fixtures';
import { AttentionLabPage } from './pages/attention';

test('a shared URL restores the exact state in a new browser, seeds included', async ({ page, browser, consoleErrors }) => {
  const lab = new AttentionLabPage(page);
  await lab.goto('pattern=longformer&seqLen=512&blockSize=32&globalTokens=8&seed=987654321');
  const initial = await lab.density();
  // Change a control: the address bar follows (history.replaceState), in canonical form.
  await page.getByTestId('control-window-input').fill('96');
  await page.getByTestId('control-window-input').press('Enter');
  await expect.poll(() => lab.param('windowSize')).toBe('96');
  const shared = page.url();
  expect(new URL(shared).search.startsWith('?v=')).toBe(true);
  // the figures come from the worker a moment after the address bar
  await expect.poll(() => lab.density()).not.toBe(initial);
  const density = await lab.density();

  const context = await browser.newContext();
  const other = new AttentionLabPage(await context.newPage());
  await other.page.goto(shared);
  await expect(other.page.getByTestId('figure-element-density')).toHaveAttribute('data-value', String(density));
  expect(other.page.url()).toBe(shared);
  for (const [name, value] of [
    ['pattern', 'longformer'],
    ['seed', '987654321'],
    ['globalTokens', '8'],
    ['seqLen', '512'],
    ['windowSize', '96'],
  ])
    expect(other.param(name)).toBe(value);
  await context.close();
  expect(consoleErrors).toEqual([]);
});

test('the language switch keeps the experiment', async ({ page }) => {
  const lab = new AttentionLabPage(page);
  await lab.goto('pattern=sinks&seqLen=1024&sinkTokens=8');
  await page.getByTestId('language-switch').click();
  await expect(page).toHaveURL(/\/zh\/attention\?/);
  expect(lab.param('pattern')).toBe('sinks');
  expect(lab.param('sinkTokens')).toBe('8');
});

test('markup and junk in the URL are never rendered as HTML and are reported', async ({ page }) => {
  const lab = new AttentionLabPage(page);
  await page.goto(`/en/attention?pattern=<img src=x onerror=alert(1)>&seqLen=NaN&${'x'.repeat(10_000)}=1&seqLen=99`);
  await expect(page.getByTestId('corrections')).toBeVisible();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.getByTestId('corrections')).toContainText('<img src=x');
  expect(lab.param('pattern')).toBe('window');
});

/** Per lab: non-default settings (a seed among them) and one control that must show one of them. */
const SHARE_CASES: { lab: string; query: Record<string, string>; control: string; value: string }[] = [
  { lab: 'pruning', query: { method: 'wanda', amount: '0.7', seed: '42' }, control: 'method-select', value: 'wanda' },
  { lab: 'moe', query: { mode: 'mnist', numExperts: '16', k: '1', seed: '7', variant: 'gshard' }, control: 'control-k-input', value: '1' },
  { lab: 'acceleration', query: { size: '256', block: '16', seed: '5' }, control: 'control-block', value: '16' },
  { lab: 'training', query: { sched: 'linear', final: '0.8', epochs: '3', seed: '11' }, control: 'control-epochs-input', value: '3' },
];

for (const c of SHARE_CASES) {
  test(`a shared ${c.lab} link restores its settings in a new browser, seed included`, async ({ page, browser }) => {
    await page.goto(`/en/${c.lab}?${new URLSearchParams(c.query)}`);
    await expect(page.getByTestId(c.control)).toHaveValue(c.value);
    await expect.poll(() => new URL(page.url()).searchParams.get('v')).not.toBeNull(); // canonical form written
    const shared = page.url();
    const context = await browser.newContext();
    const other = await context.newPage();
    await other.goto(shared);
    await expect(other.getByTestId(c.control)).toHaveValue(c.value);
    expect(other.url()).toBe(shared);
    for (const [name, value] of Object.entries(c.query)) expect(new URL(other.url()).searchParams.get(name)).toBe(value);
    await context.close();
  });
}
