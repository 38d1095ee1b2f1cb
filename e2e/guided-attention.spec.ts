import type { Page } from '@playwright/test';
import { formatBytes } from '../lib/i18n/locales';
import { expect, test } from './fixtures';
import { applyStep, reveal } from './pages/guided';

/**
 * The attention lab's guided path walked end to end on lm-en (WASM on a machine without a GPU):
 * every step's preset is applied (its canonical URL; Back undoes it), and every reveal prints the
 * values the lab's own language-model panels show. Then the check is answered from the page.
 */

/** The page's 2-digit format (formatNumber drops trailing zeros). */
const two = (v: number) => String(Number(v.toFixed(2)));

/** The test-sample row once it is measured for `windowSize`/`pattern` now in the URL: dense and pattern perplexity. */
async function testRow(page: Page): Promise<{ dense: number; pattern: number }> {
  const tr = page.getByTestId('lm-cost-test');
  await expect(page.getByTestId('lm-cost').getByRole('status')).toHaveCount(0, { timeout: 120_000 }); // not measuring
  await expect(tr).toHaveAttribute('data-pattern', /\d/);
  return { dense: Math.exp(Number(await tr.getAttribute('data-dense'))), pattern: Math.exp(Number(await tr.getAttribute('data-pattern'))) };
}

test("attention: the guided path measures each preset on lm-en and reveals the page's perplexities, sinks and KV bytes; the check grades from them", async ({
  page,
  consoleErrors,
}) => {
  test.setTimeout(480_000);
  await page.goto('/en/attention');
  await expect(page.getByTestId('guided-path')).toBeVisible();

  // 1. the source's window of 32
  await applyStep(page, 1, /pattern=window&.*windowSize=32&/);
  await page.getByTestId('lm-download').click();
  await expect(page.getByTestId('lm-ready')).toBeVisible({ timeout: 60_000 });
  let text = await reveal(page);
  const w32 = await testRow(page);
  expect(w32.pattern).toBeGreaterThan(w32.dense);
  expect(text).toContain(`dense ${two(w32.dense)}, window of 32 ${two(w32.pattern)}`);
  const density32 = Number(await page.getByTestId('lm-cost-density').getAttribute('data-value'));
  expect(text).toContain(`keeping ${(100 * density32).toFixed(1)}% of the causal`);
  await page.getByTestId('guided-next').click();

  // 2. a window of 4; Back returns to step 1's preset
  await applyStep(page, 2, /pattern=window&.*windowSize=4&/);
  await page.goBack();
  await expect(page).toHaveURL(/pattern=window&.*windowSize=32&/); // the step-1 preset (its step moved on with Next)
  await page.goForward();
  await expect(page).toHaveURL(/windowSize=4&.*step=2/);
  text = await reveal(page);
  const w4 = await testRow(page);
  expect(w4.pattern).toBeGreaterThan(w32.pattern);
  expect(text).toContain(`Window of 4: ${two(w4.pattern)}`);
  expect(text).toContain(`and ${two(w32.pattern)} for the window of 32`);
  await page.getByTestId('guided-next').click();

  // 3. the dilated window at the density of step 1
  await applyStep(page, 3, /pattern=dilated&.*windowSize=32&dilation=2&/);
  text = await reveal(page);
  const dil = await testRow(page);
  expect(text).toContain(`Dilated window: ${two(dil.pattern)}`);
  expect(text).toContain(`the window of 32: ${two(w32.pattern)}`);
  await page.getByTestId('guided-next').click();

  // 4. attention sinks: the heads' mass on the first 4 characters and the window-only vs sinks experiment
  await applyStep(page, 4, /pattern=sinks&.*windowSize=8&.*sinkTokens=4&/);
  await expect(page.getByTestId('lm-sinks-experiment')).toContainText('last 8 characters alone');
  await expect(page.getByTestId('lm-sinks-both')).toHaveAttribute('data-nll', /\d/, { timeout: 120_000 });
  text = await reveal(page);
  const ratio = Number(await page.getByTestId('lm-sinks-verdict').getAttribute('data-ratio'));
  const only = Math.exp(Number(await page.getByTestId('lm-sinks-only').getAttribute('data-nll')));
  const both = Math.exp(Number(await page.getByTestId('lm-sinks-both').getAttribute('data-nll')));
  expect(text).toContain(`puts ${two(ratio)}× an even head’s share there`);
  expect(text).toContain(`window of 8 alone: ${two(only)}; with 4 sinks added: ${two(both)}`);
  await expect(page.getByTestId('guided-verdict')).toHaveAttribute('data-right', String(ratio >= 2)); // choice 0 = yes
  await page.getByTestId('guided-next').click();

  // 5. Llama-2-7B's KV cache at 4,096 tokens with 4 sinks + the last 256
  await applyStep(page, 5, /pattern=sinks&.*windowSize=256&.*sinkTokens=4&/);
  text = await reveal(page);
  const dense = Number(await page.getByTestId('lm-kv-llama-dense').getAttribute('data-bytes'));
  const sinks = Number(await page.getByTestId('lm-kv-llama-sinks').getAttribute('data-bytes'));
  expect(text).toContain(`dense ${formatBytes(dense)}; 4 sinks + the last 256: ${formatBytes(sinks)}`);
  await page.getByTestId('guided-next').click();
  await expect(page.getByTestId('guided-done')).toBeVisible();
  await expect(page).toHaveURL(/step=6/);
  await expect(page.getByTestId('guided-next-lab')).toHaveAttribute('href', '/en/moe');

  // The check, answered from the page.
  const now = await testRow(page);
  const change = ((await page.getByTestId('lm-cost-test').locator('td').last().textContent()) ?? '').replace('−', '-');
  await page.getByTestId('check-cost-input').fill(/[-+]?[\d.]+/.exec(change)![0]);
  await page.getByTestId('check-cost-submit').click();
  await expect(page.getByTestId('check-cost-feedback')).toHaveAttribute('data-right', 'true');
  await expect(page.getByTestId('check-cost-feedback')).toContainText(`${two(now.pattern)} against ${two(now.dense)} dense`);

  const far = /Farthest-looking: L(\d+) H\d+/.exec((await page.getByTestId('lm-heads-summary').textContent()) ?? '')![1];
  await page.getByTestId('check-farthest-input').fill(far);
  await page.getByTestId('check-farthest-submit').click();
  await expect(page.getByTestId('check-farthest-feedback')).toHaveAttribute('data-right', 'true');

  const right = w32.pattern <= dil.pattern ? 0 : 1;
  await page.getByTestId(`check-sameDensity-choice-${1 - right}`).check();
  await page.getByTestId('check-sameDensity-submit').click();
  await expect(page.getByTestId('check-sameDensity-feedback')).toHaveAttribute('data-right', 'false');
  await expect(page.getByTestId('check-sameDensity-feedback').getByRole('link')).toHaveAttribute('href', '#lm-cost');
  await page.getByTestId(`check-sameDensity-choice-${right}`).check();
  await page.getByTestId('check-sameDensity-submit').click();
  await expect(page.getByTestId('check-sameDensity-feedback')).toHaveAttribute('data-right', 'true');

  await expect(page.getByTestId('real-llm-attention')).toBeVisible();
  await expect(page.getByTestId('next-lab')).toHaveAttribute('href', '/en/moe');
  expect(consoleErrors).toEqual([]);
});

test('attention in Chinese: the path asks in Chinese, lessons sit beside their panels at 1440 px and under them at 390 px, the switch hides them', async ({
  page,
  consoleErrors,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/zh/attention?source=random&seqLen=1024');
  await expect(page.getByTestId('guided-path')).toContainText('引导路线');
  await page.getByTestId('guided-goto-1').click();
  await expect(page.getByTestId('guided-step')).toContainText('32 窗口');
  await expect(page).toHaveURL(/step=1/);
  const lesson = page.locator('#figures aside[data-lesson]');
  await expect(lesson).toContainText('为什么注意力的开销是 O(n²)');
  const panel = await page.locator('#figures > div').first().boundingBox();
  const box = await lesson.boundingBox();
  expect(box!.x).toBeGreaterThan(panel!.x + panel!.width - 1);
  expect(box!.y).toBeLessThan(panel!.y + panel!.height);
  await expect(page.locator('#source-code aside[data-lesson]')).toContainText('先说它做对了什么');

  await page.setViewportSize({ width: 390, height: 900 });
  const under = await lesson.boundingBox();
  const above = await page.locator('#figures > div').first().boundingBox();
  expect(under!.y).toBeGreaterThanOrEqual(above!.y + above!.height - 1);

  await page.getByTestId('lessons-switch').uncheck();
  await expect(page.locator('[data-lesson]')).toHaveCount(0);
  await expect(page.getByTestId('code-source')).toBeVisible(); // the code panels are not lesson text
  await page.getByTestId('lessons-switch').check();
  await expect(lesson).toBeVisible();
  expect(consoleErrors).toEqual([]);
});
