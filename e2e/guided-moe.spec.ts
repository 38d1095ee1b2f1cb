import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { applyStep, reveal } from './pages/guided';

/**
 * The MoE lab's guided path walked end to end: moe-en downloaded once and run on WASM ('auto' on
 * a software adapter), every step's preset applied (its canonical URL; Back undoes it), every
 * reveal compared with the numbers the lab's own panels show; then the MNIST step, the check
 * answered from values read off the page, the lessons beside their panels, and the links out.
 */

const pct = (x: number, d = 1) => `${(100 * x).toFixed(d)}%`;
const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(3)}`;

const attr = async (page: Page, testId: string, name: string) => Number(await page.getByTestId(testId).getAttribute(name));
const shares = async (page: Page, cls: string) =>
  await page
    .getByTestId(`lm-class-${cls}`)
    .locator('td[data-share]')
    .evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-share'))));

test('moe: the guided path reads moe-en’s routing and prices, then an MNIST model without the balancing loss; the check grades from the page', async ({
  page,
  consoleErrors,
}) => {
  test.setTimeout(420_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/en/moe');
  await expect(page.getByTestId('guided-path')).toBeVisible();
  await expect(page.getByTestId('guided-path')).toContainText('Step 1 of 6');

  // 1. spaces in layer 0: asked before anything is measured, the answer waits for the page
  await applyStep(page, 1, /mode=lm&passage=0&layer=0&/);
  await page.getByTestId('guided-reveal').click();
  await expect(page.getByTestId('guided-waiting')).toBeVisible();
  await page.getByTestId('lm-download').click();
  await expect(page.getByTestId('lm-ready')).toHaveAttribute('data-backend', 'wasm', { timeout: 90_000 });
  let text = await reveal(page);
  const space = await shares(page, 'space');
  const all = await shares(page, 'all');
  const fav = space.indexOf(Math.max(...space));
  expect(text).toContain(
    `In layer 0 spaces send ${(100 * space[fav]).toFixed(0)}% of their slots to expert ${fav}, which gets ${(100 * all[fav]).toFixed(0)}% of all characters’ slots`,
  );
  await expect(page.getByTestId('guided-verdict')).toHaveAttribute('data-right', String(space[fav] < 1.5 * all[fav]));
  // the answer points at the class table, whose lesson sits to its right at 1440 px
  await expect(page.getByTestId('guided-answer').getByRole('link')).toHaveAttribute('href', '#moe-lm-classes');
  const panel = await page.getByTestId('figure-lm-classes').boundingBox();
  const lesson = await page.getByTestId('moe-lesson-specialise').boundingBox();
  expect(lesson!.x).toBeGreaterThan(panel!.x + panel!.width - 1);
  expect(lesson!.y).toBeLessThan(panel!.y + panel!.height);
  await page.getByTestId('guided-next').click();

  // 2. repeats in layer 1 against the same loads at random; Back returns to step 1's layer
  await applyStep(page, 2, /mode=lm&passage=0&layer=1&/);
  await page.goBack();
  await expect(page).toHaveURL(/mode=lm&passage=0&layer=0&/);
  await expect(page.getByTestId('control-layer-input')).toHaveValue('0');
  await page.goForward();
  await expect(page).toHaveURL(/layer=1&.*step=2/);
  await expect(page.getByTestId('lm-consecutive-1')).toHaveClass(/bg-teal-50/);
  text = await reveal(page);
  const first = await attr(page, 'lm-consecutive-1', 'data-first');
  const shuffled = await attr(page, 'lm-consecutive-1', 'data-first-shuffled');
  expect(text).toContain(
    `Layer 1: the first choice repeats for ${pct(first)} of neighbours, ${pct(shuffled)} if the same loads were drawn at random, 12.5% for uniform routing`,
  );
  await page.getByTestId('guided-next').click();

  // 3. top-1: the two perplexities of the routing table
  await applyStep(page, 3, /mode=lm&passage=0&layer=0&/);
  await expect(page.getByTestId('lm-change-top1')).not.toHaveAttribute('data-perplexity', '', { timeout: 120_000 });
  text = await reveal(page);
  const ppl = await attr(page, 'lm-change-trained', 'data-perplexity');
  const ppl1 = await attr(page, 'lm-change-top1', 'data-perplexity');
  expect(text).toContain(`Perplexity goes from ${ppl.toFixed(3)} to ${ppl1.toFixed(3)}`);
  await page.getByTestId('guided-next').click();

  // 4. capacity factor 1.25 in layer 1: the dropped share of the capacity panel, the capacity row's price
  await applyStep(page, 4, /layer=1&.*capacityFactor=1\.25&/);
  await expect(page.getByTestId('lm-change-capacity')).not.toHaveAttribute('data-perplexity', '', { timeout: 120_000 });
  text = await reveal(page);
  const slots = 2 * (await attr(page, 'lm-class-all', 'data-count'));
  const dropped = await attr(page, 'lm-capacity-dropped', 'data-dropped');
  expect(text).toContain(`Layer 1 alone drops ${pct(dropped / slots)} of its slots at factor 1.25`);
  expect(text).toContain(`to ${(await attr(page, 'lm-change-capacity', 'data-perplexity')).toFixed(3)}`);
  const idle = await page.locator('[data-testid^="lm-capacity-"][data-demand="0"]').count();
  await page.getByTestId('guided-next').click();

  // 5. MNIST: the 16-expert model trained without the auxiliary loss
  await applyStep(page, 5, /mode=mnist&.*numExperts=16&.*auxWeight=0&/);
  const note = page.getByTestId('collapse-note');
  await expect(note).toBeVisible({ timeout: 60_000 });
  text = await reveal(page);
  const idleDigits = await attr(page, 'collapse-note', 'data-idle');
  expect(text).toContain(
    `Load CV (σ/μ) is ${(await attr(page, 'collapse-note', 'data-cv-with')).toFixed(2)} with α = 0.1 and ${(await attr(page, 'collapse-note', 'data-cv-without')).toFixed(2)} with α = 0, where ${idleDigits} expert`,
  );
  await expect(note).toContainText(idleDigits > 0 ? 'Routing collapse' : 'Unbalanced routing');
  await page.getByTestId('guided-next').click();
  // 6. back on moe-en (from the cache): the least-used expert off, against top-1 and no renormalisation
  await applyStep(page, 6, /mode=lm&passage=0&layer=0&/);
  await expect(page.getByTestId('lm-change-drop-least')).not.toHaveAttribute('data-nll', '', { timeout: 120_000 });
  text = await reveal(page);
  const nll = async (c: string) => attr(page, `lm-change-${c}`, 'data-nll');
  const base = await nll('trained');
  const costs = {
    top1: (await nll('top1')) - base,
    'no-renorm': (await nll('no-renorm')) - base,
    capacity: (await nll('capacity')) - base,
    'drop-least': (await nll('drop-least')) - base,
  };
  expect(text).toContain(`costs ${signed(costs['drop-least'])} nats per character, top-1 ${signed(costs.top1)}`);
  await expect(page.getByTestId('guided-verdict')).toHaveAttribute('data-right', String(costs['drop-least'] < costs.top1));
  await page.getByTestId('guided-next').click();

  await expect(page.getByTestId('guided-done')).toBeVisible();
  await expect(page).toHaveURL(/step=7/);
  await expect(page.getByTestId('guided-next-lab')).toHaveAttribute('href', '/en/acceleration');

  // The check, from values read off the page during the path; the panels it points at are on the page.
  await expect(page.locator('#moe-lm-changes')).toBeVisible();
  await page.getByTestId('check-top1Cost-input').fill((100 * (ppl1 / ppl - 1) + 3).toFixed(1));
  await page.getByTestId('check-top1Cost-submit').click();
  await expect(page.getByTestId('check-top1Cost-feedback')).toHaveAttribute('data-right', 'false');
  await expect(page.getByTestId('check-top1Cost-feedback').getByRole('link')).toHaveAttribute('href', '#moe-lm-changes');
  await page.getByTestId('check-top1Cost-input').fill((100 * (ppl1 / ppl - 1)).toFixed(1));
  await page.getByTestId('check-top1Cost-submit').click();
  await expect(page.getByTestId('check-top1Cost-feedback')).toHaveAttribute('data-right', 'true');
  const order = ['top1', 'no-renorm', 'capacity', 'drop-least'] as const;
  const cheapest = order.map((c) => costs[c]).indexOf(Math.min(...order.map((c) => costs[c])));
  await page.getByTestId(`check-cheapest-choice-${cheapest}`).check();
  await page.getByTestId('check-cheapest-submit').click();
  await expect(page.getByTestId('check-cheapest-feedback')).toHaveAttribute('data-right', 'true');
  await page.getByTestId('check-idle-input').fill(String(idle));
  await page.getByTestId('check-idle-submit').click();
  await expect(page.getByTestId('check-idle-feedback')).toHaveAttribute('data-right', 'true');

  // the end of the lab: the real-LLM note, the next lab and a related panel
  await expect(page.getByTestId('real-llm-moe')).toContainText('Mixtral');
  await expect(page.getByTestId('next-lab')).toHaveAttribute('href', '/en/acceleration');
  await expect(page.getByTestId('related-moeToSpeed')).toHaveAttribute('href', '/en/acceleration#measure');
  expect(consoleErrors).toEqual([]);
});

test('moe in Chinese: the path opens, its lessons sit under their panels at 390 px, and the switch hides every lesson', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/zh/moe?mode=mnist');
  await expect(page.getByTestId('guided-path')).toContainText('第 1 步，共 6 步');
  await expect(page.getByTestId('guided-step')).toContainText('空格不是字母');
  const panel = await page.getByTestId('figure-model').boundingBox();
  const lesson = await page.getByTestId('moe-lesson-balance').boundingBox();
  expect(lesson!.y).toBeGreaterThanOrEqual(panel!.y + panel!.height - 1);
  await expect(page.getByTestId('moe-source-good')).toContainText('原文做对了什么');
  await expect(page.getByTestId('moe-about-link')).toHaveAttribute('href', '/zh/about');
  await page.getByTestId('lessons-switch').uncheck();
  await expect(page.locator('[data-lesson]')).toHaveCount(0);
  await expect(page.getByTestId('code-source')).toBeVisible(); // the code is a panel, not lesson text
  await page.getByTestId('lessons-switch').check();
  await expect(page.getByTestId('moe-lesson-balance')).toBeVisible();
});
