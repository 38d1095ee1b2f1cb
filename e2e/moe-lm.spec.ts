import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { csvParse } from 'd3-dsv';
import { referenceForward } from '../lib/lm/reference';
import { ROUTING_CHANGES, type RoutingChange, leastUsedExperts, policyOf } from '../lib/lm/routing-changes';
import { evaluateRouting, evaluationWindows } from '../lib/lm/routing-eval';
import { shippedModel } from '../lib/lm/test-helpers';
import { TfLm } from '../lib/lm/tf-lm';
import { encodeText } from '../lib/lm/vocab';
import { expect, test } from './fixtures';
import { VIRIDIS_0, setNumber } from './pages/moe';

/** Every routing change's test-subset NLL as the tfjs path computes it in Node on WASM (held to the float64 reference by lib/lm/routing.test.ts). */
let expectedNll: Promise<Record<RoutingChange, number>> | null = null;

function nodeNll(capacityFactor: number): Promise<Record<RoutingChange, number>> {
  expectedNll ??= (async () => {
    setWasmPaths(`${process.cwd()}/node_modules/@tensorflow/tfjs-backend-wasm/dist/`);
    await tf.setBackend('wasm');
    const { ckpt, vocab } = shippedModel('moe-en');
    const docs = (JSON.parse(readFileSync('public/data/lm/en.test.json', 'utf8')) as { docs: { text: string }[] }).docs;
    const windows = evaluationWindows(docs, vocab);
    const lm = new TfLm(tf, ckpt);
    const forward = (ids: number[], record: Parameters<TfLm['forward']>[2], policy: Parameters<TfLm['forward']>[3]) =>
      lm.forward(ids, undefined, record, policy);
    const trained = (await evaluateRouting(windows, ckpt.config.vocabSize, forward, null))!;
    const leastUsed = leastUsedExperts(
      trained.record.chosen.map((c) => c.reduce((load, e) => (e >= 0 && load[e]++, load), new Int32Array(8))),
    );
    const out = { trained: trained.nll } as Record<RoutingChange, number>;
    for (const change of ROUTING_CHANGES.slice(1))
      out[change] = (await evaluateRouting(
        windows,
        ckpt.config.vocabSize,
        forward,
        policyOf(change, { topK: 2, capacityFactor, leastUsed }),
      ))!.nll;
    lm.dispose();
    return out;
  })();
  return expectedNll;
}

/** Per column of the passage heatmap: the expert rows that are lit (weight > 0). */
async function litExperts(page: Page): Promise<number[][]> {
  return page.getByTestId('lm-heatmap-canvas').evaluate((el, dark) => {
    const canvas = el as HTMLCanvasElement;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    return Array.from({ length: canvas.width }, (_, c) =>
      Array.from({ length: canvas.height }, (_, r) => r).filter((r) => {
        const i = 4 * (r * canvas.width + c);
        return data[i] !== dark[0] || data[i + 1] !== dark[1] || data[i + 2] !== dark[2];
      }),
    );
  }, VIRIDIS_0);
}

async function downloadModel(page: Page) {
  const button = page.getByTestId('lm-download');
  await expect(button).toBeVisible();
  await button.click();
  await expect(page.getByTestId('lm-ready')).toBeVisible({ timeout: 60_000 });
}

async function passageText(page: Page, i: number): Promise<string> {
  const j = (await (await page.request.get('/data/lm/en.passages.json')).json()) as { passages: { text: string }[] };
  return j.passages[i].text;
}

const changeNll = async (page: Page, change: RoutingChange) =>
  Number(await page.getByTestId(`lm-change-${change}`).getAttribute('data-nll'));

test.describe('MoE lab on the language model moe-en', () => {
  test('opens on moe-en: the passage heatmap routes each character like the reference, and every routing change is priced on the test text', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    const expected = nodeNll(1.25);
    await page.goto('/en/moe?passage=1');
    await expect(page.getByRole('heading', { name: 'Mixture of experts', level: 1 })).toBeVisible();
    await expect(page.getByTestId('control-mode')).toHaveValue('lm');
    await expect(page.getByTestId('lm-download')).toHaveText(/Download moe-en \(9\.\d+ MiB\)/);
    await downloadModel(page);

    // the heatmap: 8 experts × the passage's characters, printed under their columns
    const text = await passageText(page, 1);
    const chars = Array.from(text);
    const heatmap = page.getByTestId('lm-heatmap');
    await expect(heatmap).toHaveAttribute('data-rows', '8');
    await expect(heatmap).toHaveAttribute('data-cols', String(chars.length));
    await expect(page.getByTestId('lm-heatmap-chars')).toHaveText(chars.map((c) => (c === ' ' ? '␣' : c)).join(''));
    // each column lights exactly the two experts the float64 reference chooses in layer 0
    const { ckpt, vocab } = shippedModel('moe-en');
    const ref = referenceForward(ckpt, encodeText(vocab, text).ids);
    const lit = await litExperts(page);
    expect(lit).toEqual(chars.map((_, t) => [ref.chosen![0][2 * t], ref.chosen![0][2 * t + 1]].sort((a, b) => a - b)));
    // layer 3 from the slider: the URL, the title and the columns follow
    await setNumber(page, 'control-layer', 3);
    await expect(page).toHaveURL(/[?&]layer=3(&|$)/);
    await expect(page.getByTestId('figure-lm-heatmap')).toContainText('layer 3');
    await expect
      .poll(async () => JSON.stringify(await litExperts(page)))
      .toBe(JSON.stringify(chars.map((_, t) => [ref.chosen![3][2 * t], ref.chosen![3][2 * t + 1]].sort((a, b) => a - b))));
    await page.getByTestId('lm-heatmap-grid').focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('lm-heatmap-readout')).toContainText(`character ${JSON.stringify(chars[1])} (#2)`);

    // the routing changes: each row equals the tfjs path in Node; the trained routing is the best
    for (const change of ROUTING_CHANGES)
      await expect(page.getByTestId(`lm-change-${change}`)).not.toHaveAttribute('data-nll', '', { timeout: 120_000 });
    const want = await expected;
    for (const change of ROUTING_CHANGES) expect(Math.abs((await changeNll(page, change)) - want[change]), change).toBeLessThan(1e-3);
    for (const change of ROUTING_CHANGES.slice(1)) expect(await changeNll(page, change)).toBeGreaterThan(await changeNll(page, 'trained'));
    await expect(page.getByTestId('lm-changes-note')).toContainText('Top-1 costs +');
    const csv = csvParse(
      readFileSync(
        await (await Promise.all([page.waitForEvent('download'), page.getByTestId('lm-changes-export-csv').click()]))[0].path(),
      ).toString('utf8'),
    );
    expect(csv.columns).toEqual([
      'change',
      'capacity_factor',
      'nats_per_char',
      'perplexity',
      'bits_per_char',
      'delta_nats',
      'dropped_slots',
      'scored_chars',
      'ms',
    ]);
    expect(csv.map((r) => r.change)).toEqual([...ROUTING_CHANGES]);
    expect(Number(csv[0].nats_per_char)).toBeCloseTo(want.trained, 3);

    // statistics of the test text: classes, consecutive repeats against their baselines, capacity
    await expect(page.getByTestId('lm-eval-text')).toContainText('1,536 characters in 6 windows of 256');
    await expect(page.getByTestId('lm-class-all')).toHaveAttribute('data-count', '1536');
    await expect(page.getByTestId('lm-consecutive').locator('tbody tr')).toHaveCount(4);
    await expect(page.getByTestId('lm-consecutive-0')).toContainText('12.5%');
    await expect(page.getByTestId('lm-consecutive-0')).toContainText('46.4%');
    expect(Number(await page.getByTestId('lm-consecutive-0').getAttribute('data-first'))).toBeGreaterThan(0.125);
    const dropped = Number(await page.getByTestId('lm-capacity-dropped').getAttribute('data-dropped'));
    expect(dropped).toBeGreaterThan(0);
    expect(Number(await page.getByTestId('lm-aux').getAttribute('data-value'))).toBeGreaterThan(2); // minimum k = 2
    // a larger capacity factor drops fewer slots and prices only the capacity row again
    await page.getByTestId('control-capacity-input').fill('2');
    await page.getByTestId('control-capacity-input').press('Enter');
    await expect(page).toHaveURL(/capacityFactor=2(&|$)/);
    await expect.poll(async () => Number(await page.getByTestId('lm-capacity-dropped').getAttribute('data-dropped'))).toBeLessThan(dropped);
    await expect(page.getByTestId('lm-change-capacity')).not.toHaveAttribute('data-nll', '', { timeout: 60_000 });
    expect(await changeNll(page, 'capacity')).toBeLessThan(want.capacity);
  });

  test("the dispatch kernel runs on WebGPU on the model's own layer and matches the float64 block", async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto('/en/moe?layer=2');
    await downloadModel(page);
    await expect(page.getByTestId('lm-heatmap')).toBeVisible({ timeout: 60_000 });
    await page.getByTestId('kernel-run').click();
    const result = page.getByTestId('kernel-dispatch');
    await expect(result).toHaveAttribute('data-pass', 'true', { timeout: 120_000 });
    await expect(page.getByTestId('kernel-sizes')).toContainText(
      `T = ${Array.from(await passageText(page, 0)).length} characters, H = 192, F = 256`,
    );
    await expect(page.getByTestId('kernel-dispatch-end-to-end-err')).toBeVisible();
    await expect(page.getByTestId('figure-kernels')).toContainText('layer 2');
  });

  test('measuring can be cancelled and resumed; a shared link restores passage, layer and capacity in Chinese', async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto('/zh/moe?passage=3&layer=1&capacityFactor=2');
    await expect(page.getByTestId('lm-download')).toContainText('下载 moe-en');
    await expect(page.getByTestId('control-passage')).toHaveValue('3');
    await expect(page.getByTestId('control-layer-input')).toHaveValue('1');
    await downloadModel(page);
    await expect(page.getByTestId('lm-heatmap')).toHaveAttribute('data-cols', String(Array.from(await passageText(page, 3)).length), {
      timeout: 60_000,
    });
    await expect(page.getByTestId('figure-lm-heatmap')).toContainText('第 1 层');
    await expect(page.getByTestId('lm-measuring')).toBeVisible();
    await page.getByTestId('lm-cancel-measure').click();
    await expect(page.getByTestId('lm-measure-cancelled')).toContainText('测量已取消');
    await page.getByTestId('lm-measure').click();
    for (const change of ROUTING_CHANGES)
      await expect(page.getByTestId(`lm-change-${change}`)).not.toHaveAttribute('data-nll', '', { timeout: 120_000 });
    await expect(page.getByTestId('lm-changes-note')).toContainText('top-1 使每字符损失增加');
    // with every figure of the model shown, in the dark theme: no serious or critical axe violation
    await page.emulateMedia({ colorScheme: 'dark' });
    const bad = (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(
      bad.map(
        (v) =>
          `${v.id}: ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(' | ')}`,
      ),
    ).toEqual([]);
  });

  test('is readable at 390 px: the heatmap scrolls inside its figure, the page does not', async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/en/moe');
    await downloadModel(page);
    await expect(page.getByTestId('lm-heatmap')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('lm-change-trained')).not.toHaveAttribute('data-nll', '', { timeout: 60_000 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

test('@no-webgpu the MoE lab runs moe-en on WASM: same routing and prices, the kernel says why it cannot run', async ({ page }) => {
  test.setTimeout(240_000);
  const expected = nodeNll(1.25);
  await page.goto('/en/moe');
  await downloadModel(page);
  await expect(page.getByTestId('lm-ready')).toHaveAttribute('data-backend', 'wasm');
  const text = await passageText(page, 0);
  const { ckpt, vocab } = shippedModel('moe-en');
  const ref = referenceForward(ckpt, encodeText(vocab, text).ids);
  await expect(page.getByTestId('lm-heatmap')).toBeVisible({ timeout: 60_000 });
  expect(await litExperts(page)).toEqual(
    Array.from(text).map((_, t) => [ref.chosen![0][2 * t], ref.chosen![0][2 * t + 1]].sort((a, b) => a - b)),
  );
  for (const change of ROUTING_CHANGES)
    await expect(page.getByTestId(`lm-change-${change}`)).not.toHaveAttribute('data-nll', '', { timeout: 120_000 });
  const want = await expected;
  for (const change of ROUTING_CHANGES) expect(Math.abs((await changeNll(page, change)) - want[change]), change).toBeLessThan(1e-3);
  await expect(page.getByTestId('kernel-unavailable')).toBeVisible();
});
