import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { applyStep, reveal, next } from './pages/guided';

/**
 * The pruning lab's guided path walked end to end: three steps on the MNIST network, three on
 * the language model lm-en (WASM: the project without the WebGPU flag, where `auto` picks WASM,
 * as on any machine without a GPU). Every step's preset is applied (its canonical URL; Back
 * undoes it), every reveal prints values read from the lab's own panels, the prediction made
 * before a preset switches the model survives the switch, and the check is graded from the
 * page's values.
 */

/** The number and the text a panel shows (data-value, textContent). */
async function shown(page: Page, testId: string): Promise<{ value: number; text: string }> {
  const el = page.getByTestId(testId);
  const raw = await el.getAttribute('data-value');
  expect(raw, `${testId} has a value`).toBeTruthy();
  return { value: Number(raw), text: ((await el.textContent()) ?? '').trim() };
}

/** Waits for the MNIST evaluation of the current URL (the pruned accuracy stops being busy). */
async function mnistSettled(page: Page) {
  await expect(page.getByTestId('accuracy-summary')).toHaveAttribute('aria-busy', 'false', { timeout: 60_000 });
  await expect(page.getByTestId('pruned-accuracy')).not.toHaveAttribute('data-value', '');
}

/** Waits for the perplexity of the current URL. */
async function lmSettled(page: Page) {
  await expect(page.getByTestId('lm-ppl')).toHaveAttribute('data-current', 'true', { timeout: 120_000 });
}

test('pruning: the guided path runs MNIST and lm-en presets, reveals the page’s numbers, ends with a link, and the check grades from them @no-webgpu', async ({
  page,
  consoleErrors,
}) => {
  test.setTimeout(480_000);
  await page.goto('/en/pruning');
  await expect(page.getByTestId('guided-path')).toBeVisible();
  await mnistSettled(page);

  // 1. L1 at 90% of the hidden layers
  await applyStep(page, 1, /method=l1-unstructured&amount=0\.9&.*scope=hidden&.*model=mnist/);
  await mnistSettled(page);
  let text = await reveal(page);
  const dense = await shown(page, 'dense-accuracy');
  const l190 = await shown(page, 'pruned-accuracy');
  expect(l190.value).toBeLessThan(0.9); // what the step teaches (85.05% here)
  expect(text).toContain(`Pruned: ${l190.text}, dense: ${dense.text}`);
  await expect(page.getByTestId('guided-verdict')).toHaveAttribute('data-right', 'false'); // "above 90%" was predicted
  await next(page);

  // 2. Ln structured at 50%: Back returns to step 1's preset, Forward to step 2's
  await applyStep(page, 2, /method=ln-structured&amount=0\.5&/);
  await page.goBack();
  await expect(page).toHaveURL(/method=l1-unstructured&amount=0\.9&/);
  await expect(page.getByTestId('method-select')).toHaveValue('l1-unstructured');
  await page.goForward();
  await expect(page).toHaveURL(/method=ln-structured&.*step=2/);
  await expect(page.getByTestId('method-select')).toHaveValue('ln-structured');
  await mnistSettled(page);
  text = await reveal(page);
  const ln50 = await shown(page, 'pruned-accuracy');
  expect(text).toContain(`Half of the hidden neurons removed: ${ln50.text}`);
  expect(text).toContain('L1 unstructured at the same 50% kept'); // the page's default, measured on arrival
  await next(page);

  // 3. the same on the output layer too
  await applyStep(page, 3, /method=ln-structured&amount=0\.5&layer=fc1&scope=all&/);
  await mnistSettled(page);
  text = await reveal(page);
  const ln50all = await shown(page, 'pruned-accuracy');
  expect(ln50all.value).toBeLessThan(ln50.value - 0.1);
  expect(text).toContain(`All three layers: ${ln50all.text}; the hidden layers only: ${ln50.text}`);
  await next(page);

  // 4. lm-en, magnitude at 50%: the preset switches the model; the prediction made before survives
  await applyStep(page, 4, /model=lm&lm=lm-en&lmMethod=magnitude&pattern=unstructured&.*calib=4&/);
  await page.getByTestId('lm-prune-load').click();
  await expect(page.getByTestId('lm-ready')).toHaveAttribute('data-backend', 'wasm', { timeout: 120_000 });
  await lmSettled(page);
  text = await reveal(page);
  const lmDense = await shown(page, 'lm-dense-ppl');
  const mag = await shown(page, 'lm-ppl');
  expect(text).toContain(`Dense: ${lmDense.text} per character; magnitude at 50%: ${mag.text}`);
  await next(page);

  // 5. Wanda with 4 calibration windows
  await applyStep(page, 5, /lmMethod=wanda&.*calib=4&/);
  await lmSettled(page);
  text = await reveal(page);
  const wanda = await shown(page, 'lm-ppl');
  expect(wanda.value).not.toBe(mag.value);
  expect(text).toContain(`Wanda: ${wanda.text}; magnitude: ${mag.text}; dense: ${lmDense.text}`);
  await next(page);

  // 6. SparseGPT: the ordering of the three
  await applyStep(page, 6, /lmMethod=sparsegpt&.*calib=4&/);
  await lmSettled(page);
  text = await reveal(page);
  const sgpt = await shown(page, 'lm-ppl');
  expect(text).toContain(`SparseGPT: ${sgpt.text}; Wanda: ${wanda.text}; magnitude: ${mag.text}`);
  const ordered = sgpt.value < wanda.value && wanda.value < mag.value;
  await expect(page.getByTestId('guided-verdict')).toHaveAttribute('data-right', String(ordered));
  await next(page);

  // finished: the next lab of the course
  await expect(page.getByTestId('guided-done')).toBeVisible();
  await expect(page).toHaveURL(/[?&]step=7(&|$)/);
  await expect(page.getByTestId('guided-next-lab')).toHaveAttribute('href', '/en/attention');

  // the check, from the values read above; a wrong answer points at the panel
  const check = page.getByTestId('lab-check');
  await check.scrollIntoViewIfNeeded();
  await page.getByTestId('check-lmRatio-input').fill('9');
  await page.getByTestId('check-lmRatio-submit').click();
  await expect(page.getByTestId('check-lmRatio-feedback')).toHaveAttribute('data-right', 'false');
  await expect(page.getByTestId('check-lmRatio-feedback').getByRole('link')).toHaveAttribute('href', '#lm-live');
  await page.getByTestId('check-lmRatio-input').fill((mag.value / lmDense.value).toFixed(2));
  await page.getByTestId('check-lmRatio-submit').click();
  await expect(page.getByTestId('check-lmRatio-feedback')).toHaveAttribute('data-right', 'true');
  await page.getByTestId('check-l1Loss-input').fill((100 * (dense.value - l190.value)).toFixed(2));
  await page.getByTestId('check-l1Loss-submit').click();
  await expect(page.getByTestId('check-l1Loss-feedback')).toHaveAttribute('data-right', 'true');
  await page.getByTestId('check-outputCost-input').fill((100 * (ln50.value - ln50all.value)).toFixed(2));
  await page.getByTestId('check-outputCost-submit').click();
  await expect(page.getByTestId('check-outputCost-feedback')).toHaveAttribute('data-right', 'true');
  const ppl = [mag.value, wanda.value, sgpt.value];
  await page.getByTestId(`check-lmBest-choice-${ppl.indexOf(Math.min(...ppl))}`).check();
  await page.getByTestId('check-lmBest-submit').click();
  await expect(page.getByTestId('check-lmBest-feedback')).toHaveAttribute('data-right', 'true');
  await expect(page.getByTestId('check-lmBest-feedback')).toContainText(`SparseGPT ${sgpt.text}`);

  await expect(page.getByTestId('real-llm-pruning')).toContainText('SparseGPT');
  await expect(page.getByTestId('next-lab')).toHaveAttribute('href', '/en/attention');
  expect(consoleErrors).toEqual([]);
});

test('pruning in Chinese: the path and its reveal speak Chinese; lessons sit beside their panels on a wide screen and under them on a phone, and one switch hides them @no-webgpu', async ({
  page,
  consoleErrors,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/zh/pruning?step=1');
  await expect(page.getByTestId('guided-step')).toContainText('第 1 步，共 6 步');
  await page.getByTestId('guided-choice-1').check();
  await page.getByTestId('guided-apply').click();
  await mnistSettled(page);
  const text = await reveal(page);
  const pruned = await shown(page, 'pruned-accuracy');
  expect(text).toContain(`剪枝后：${pruned.text}`);
  await expect(page.getByTestId('guided-verdict')).toHaveAttribute('data-right', String(pruned.value <= 0.9));

  // beside on 1440 px, under on 390 px
  const panel = page.locator('#accuracy-summary');
  const box = async () => {
    const p = await panel.locator(':scope > div').first().boundingBox();
    const l = await panel.locator(':scope > aside').boundingBox();
    return { p: p!, l: l! };
  };
  let { p, l } = await box();
  expect(l.x).toBeGreaterThan(p.x + p.width - 1);
  await page.setViewportSize({ width: 390, height: 844 });
  ({ p, l } = await box());
  expect(l.y).toBeGreaterThan(p.y + p.height - 1);
  await expect(page.locator('#accuracy-summary aside')).toContainText('权重上的一张掩码');

  // one switch hides every lesson, and the choice survives a reload
  await page.getByTestId('lessons-switch').uncheck();
  await expect(page.locator('[data-lesson]')).toHaveCount(0);
  await page.reload();
  await mnistSettled(page);
  await expect(page.getByTestId('lessons-switch')).not.toBeChecked();
  await expect(page.locator('[data-lesson]')).toHaveCount(0);
  await page.getByTestId('lessons-switch').check();
  await expect(page.locator('#curve aside')).toContainText('原文说对了的地方');
  expect(consoleErrors).toEqual([]);
});
