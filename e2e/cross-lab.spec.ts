import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { TENSOR_LABS, measureTensors } from '../scripts/budget-runtime';
import { AttentionLabPage } from './pages/attention';

/** Tabs through the page and returns how many of the visible, enabled controls inside `scope` got focus. */
async function tabThrough(page: Page, scope: string, maxTabs: number) {
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  const controls = page.locator(`${scope} :is(input, select, button, textarea, summary, a[href], [tabindex="0"]):visible:not([disabled])`);
  // panels that render after the first paint (workers, lazy figures): wait until the count holds still
  let last = -1;
  await expect
    .poll(
      async () => {
        const n = await controls.count();
        const steady = n === last;
        last = n;
        return steady;
      },
      { intervals: [500], timeout: 30_000 },
    )
    .toBe(true);
  expect(last).toBeGreaterThan(3);
  // A radio group is one Tab stop (arrow keys move inside it, as in every browser): one id per group.
  const ids = await controls.evaluateAll((els) =>
    els.map((el, i) => {
      const id = el instanceof HTMLInputElement && el.type === 'radio' && el.name ? `radio:${el.name}` : String(i);
      el.setAttribute('data-kbd', id);
      return id;
    }),
  );
  const total = new Set(ids).size;
  const reached = new Set<string>();
  let first: string | null = null;
  for (let i = 0; i < maxTabs && reached.size < total; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => document.activeElement?.getAttribute('data-kbd') ?? null);
    if (id === null) continue;
    if (id === first && reached.size > 1) break; // Tab went round the whole page
    first ??= id;
    reached.add(id);
  }
  // A control a finished job disabled or replaced while we tabbed (a run button, a re-rendered
  // row) is no longer a Tab stop: count only the controls still there and enabled at the end.
  const still = new Set(
    await page
      .locator(`${scope} [data-kbd]:visible:not([disabled])`)
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-kbd') ?? '')),
  );
  const expected = [...new Set(ids)].filter((id) => still.has(id));
  expect(expected.length, 'most controls are still there').toBeGreaterThan(total * 0.8);
  const missing = expected.filter((id) => !reached.has(id));
  const html = await Promise.all(
    missing.map((id) =>
      page
        .locator(`[data-kbd="${id}"]`)
        .first()
        .evaluate((el) => el.outerHTML.slice(0, 120)),
    ),
  );
  return { total: expected.length, reached: expected.length - missing.length, missing: html };
}

for (const lab of ['attention', 'pruning', 'moe', 'acceleration', 'training']) {
  test(`every control of the ${lab} lab is reachable from the keyboard`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(`/en/${lab}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    // the whole page body: controls, panels (zoom, run buttons, uploads, downloads), code, lesson links
    const { total, reached, missing } = await tabThrough(page, 'main', 800);
    expect(missing, `${reached} of ${total} controls reached by Tab`).toEqual([]);
  });
}

test('a slider moved from the keyboard changes the picture (attention window)', async ({ page }) => {
  const lab = new AttentionLabPage(page);
  await lab.goto('seqLen=256&windowSize=16');
  const before = await lab.density();
  const litBefore = (await lab.attendedPixels('mask-overview-canvas')).lit;
  await page.getByTestId('control-window-range').focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(() => lab.param('windowSize')).toBe('21');
  await expect.poll(() => lab.density()).toBeGreaterThan(before);
  // the whole-matrix picture (drawn in the move's own render) lights more pairs
  await expect.poll(async () => (await lab.attendedPixels('mask-overview-canvas')).lit).toBeGreaterThan(litBefore);
  const measures = await page.evaluate(() => performance.getEntriesByName('sparselab:repaint').length);
  expect(measures, 'each move is measured (sparselab:repaint)').toBeGreaterThan(0);
});

test('the mask exports as a PNG that decodes and the block layout as JSON that parses', async ({ page }) => {
  const lab = new AttentionLabPage(page);
  await lab.goto('seqLen=256&windowSize=32&blockSize=32');
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('mask-overview-export-png').click()]);
  const bytes = readFileSync(await png.path());
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const size = await page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    return [bitmap.width, bitmap.height];
  }, bytes.toString('base64'));
  expect(size[0]).toBeGreaterThan(0);
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('block-layout-export-json').click()]);
  const layout = JSON.parse(readFileSync(await json.path(), 'utf8'));
  expect(layout.rows).toBe(8);
  expect(layout.data).toHaveLength(8);
  expect(layout.data[0][0]).toBe(1);
  expect(layout.data[0][7]).toBe(0);
  const [maskJson] = await Promise.all([page.waitForEvent('download'), page.getByTestId('mask-overview-export-json').click()]);
  const mask = JSON.parse(readFileSync(await maskJson.path(), 'utf8'));
  expect(mask.data[0].slice(0, 18)).toEqual([...Array(17).fill(1), 0]);
});

for (const lab of TENSOR_LABS) {
  const what = lab.exercise ? 'leave tfjs with as many tensors as before (no leak), page and workers' : 'never load tfjs (nothing to leak)';
  test(`200 control changes on the ${lab.lab} lab ${what}`, async ({ page }) => {
    test.setTimeout(300_000);
    const t = await measureTensors(page, '', lab);
    if (lab.exercise) expect(t.before, 'the footer shows the tensor count once tfjs ran').not.toBeNull();
    else expect(t.before).toBeNull();
    expect(t.after).toBe(t.before);
  });
}

test('embed mode keeps the lab, hides the site chrome and the controls named in hide=', async ({ page }) => {
  await page.goto('/en/attention?embed=1&hide=seed,heads');
  await expect(page.getByTestId('figure-element-density')).toBeVisible();
  await expect(page.getByTestId('site-header')).toBeHidden();
  await expect(page.getByTestId('control-window')).toBeVisible();
  await expect(page.getByTestId('control-seed')).toHaveCount(0);
  await expect(page.getByTestId('control-heads')).toHaveCount(0);
  expect(new URL(page.url()).searchParams.get('hide')).toBe('seed,heads');
});

test('the attention mask has a keyboard cursor with a text read-out and a table alternative', async ({ page }) => {
  const lab = new AttentionLabPage(page);
  await lab.goto('seqLen=256&windowSize=16');
  const picture = page.getByTestId('mask-overview');
  await picture.getByRole('group', { name: 'Whole matrix (queries down, keys across)', exact: true }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('mask-overview-readout')).toHaveText(/^q 0, k 1: /);
  await picture.getByText('Show as a table (block means)').click();
  const table = picture.locator('table');
  await expect(table.locator('tbody tr')).toHaveCount(16);
  await expect(table.locator('thead th').nth(1)).toHaveText('0–15');
  // a window-16 mask: queries 0–15 read keys near them, none of keys 240–255
  const firstRow = table.locator('tbody tr').first().locator('td');
  await expect(firstRow.first()).toHaveText(/^[1-9]\d*(\.\d)?%$/);
  await expect(firstRow.last()).toHaveText('0%');
});
