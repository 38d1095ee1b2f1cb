import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { PruningPage } from './pages/pruning';

test.describe('pruning lab', () => {
  test('the trained model loads and its dense accuracy is shown (>= 97%) @no-webgpu', async ({ page, consoleErrors }) => {
    const lab = new PruningPage(page);
    await lab.open();
    const dense = await lab.value('dense-accuracy');
    expect(dense).toBeGreaterThanOrEqual(0.97);
    expect(dense).toBeLessThanOrEqual(1);
    await expect(page.getByTestId('dense-accuracy')).toHaveText(/^9\d\.\d+%$/);
    // Default: L1 unstructured at 50% on the hidden layers (fc3's 256 × 10 weights stay dense).
    expect(await lab.value('overall-sparsity')).toBeCloseTo((0.5 * (784 * 256 + 256 * 256)) / (784 * 256 + 256 * 256 + 256 * 10), 3);
    await expect(page.getByTestId('eval-timing')).toContainText('ms');
    expect(consoleErrors).toEqual([]);
  });

  test('moving the amount slider greys out weights, rewrites the URL and changes the accuracy', async ({ page, consoleErrors }) => {
    const lab = new PruningPage(page);
    await lab.open('?amount=0');
    expect(await lab.value('overall-sparsity')).toBe(0);
    const { width, height } = await lab.heatmapPixels();
    expect([width, height]).toEqual([784, 256]); // one pixel per weight of fc1
    expect(await lab.neutralShare()).toBe(0);
    const denseAccuracy = await lab.value('pruned-accuracy');

    await page.getByTestId('amount-range').fill('0.8');
    await expect.poll(() => lab.param('amount')).toBe('0.8');
    await lab.waitForSparsity(0.8);
    await lab.waitForAccuracyChange(denseAccuracy);
    // L1 unstructured prunes round(0.8 · 200,704) weights of fc1: 80% of the pixels turn neutral.
    await expect.poll(() => lab.neutralShare(), { timeout: 20_000 }).toBeCloseTo(0.8, 2);
    const pruned = await lab.value('pruned-accuracy');
    expect(pruned).toBeLessThan(denseAccuracy);
    await expect(page.getByTestId('sparsity-fc1')).toHaveText('80%');
    await expect(page.getByTestId('histogram-threshold')).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });

  test('a bad amount in the URL is corrected and said so; impossible N:M settings are explained', async ({ page, consoleErrors }) => {
    const lab = new PruningPage(page);
    await lab.open('?amount=1.7&method=l1-unstructured&scope=all');
    const notice = page.getByTestId('corrections');
    await expect(notice).toBeVisible();
    await expect(notice.locator('li[data-param="amount"]')).toHaveAttribute('data-reason', 'clamped');
    await expect(notice).toContainText('amount = 1.7 is out of range; using 1');
    await expect.poll(() => lab.param('amount')).toBe('1');
    expect(await lab.value('overall-sparsity')).toBe(1);

    await lab.open('?method=nm&n=5&m=4');
    await expect(page.getByTestId('prune-issues')).toContainText('N = 5 > M = 4');
    expect(await lab.value('overall-sparsity')).toBe(0);

    await lab.open('?method=nm&n=1&m=3');
    const issues = page.getByTestId('prune-issues');
    await expect(issues).toContainText('fc1: Groups of M = 3 do not tile a row of 784 inputs');
    await expect(issues).toContainText('No layer could be pruned');

    await lab.open('?method=block&block=4&scope=all');
    await expect(page.getByTestId('prune-issues')).toContainText('fc3: 4 × 4 blocks do not tile a [10, 256] matrix');
    expect(await lab.value('overall-sparsity')).toBeGreaterThan(0.49);
    expect(consoleErrors).toEqual([]);
  });

  test('switching to N:M 2:4 shows the regular pattern: 2 neutral pixels in every group of 4', async ({ page, consoleErrors }) => {
    const lab = new PruningPage(page);
    await lab.open('?scope=all');
    await page.getByTestId('method-select').selectOption('nm');
    await expect.poll(() => lab.param('method')).toBe('nm');
    await expect(page.getByTestId('nm-preset-2-4')).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(() => lab.value('overall-sparsity'), { timeout: 30_000 }).toBe(0.5);
    await expect
      .poll(
        async () => {
          const { width, height, neutral } = await lab.heatmapPixels();
          let bad = 0;
          for (let r = 0; r < height; r++)
            for (let g = 0; g < width; g += 4) {
              const i = r * width + g;
              if (neutral[i] + neutral[i + 1] + neutral[i + 2] + neutral[i + 3] !== 2) bad++;
            }
          return bad;
        },
        { timeout: 20_000 },
      )
      .toBe(0);
    // A 2:4 layer has a compressed 2:4 form; the code panel shows the semi-structured conversion.
    await expect(page.getByTestId('stats-fc2').locator('td').last()).not.toHaveText('not 2:4');
    await expect(page.getByTestId('code-ours')).toContainText('to_sparse_semi_structured');

    await page.getByTestId('nm-preset-1-4').click();
    await expect.poll(() => lab.value('overall-sparsity'), { timeout: 30_000 }).toBe(0.75);
    expect(await lab.neutralShare()).toBeCloseTo(0.75, 6);
    expect(consoleErrors).toEqual([]);
  });

  test('embed mode hides the tutorial and the controls named in hide=', async ({ page, consoleErrors }) => {
    const lab = new PruningPage(page);
    await lab.open('?embed=1&hide=seed,finetune');
    await expect(page.getByTestId('lesson')).toHaveCount(0);
    await expect(page.getByTestId('seed-input')).toHaveCount(0);
    await expect(page.getByTestId('finetune-steps')).toHaveCount(0);
    await expect(page.getByTestId('amount')).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });

  test('structured pruning removes whole rows of fc1 and shows the channel norms', async ({ page, consoleErrors }) => {
    const lab = new PruningPage(page);
    await lab.open('?method=ln-structured&amount=0.25&dim=0&scope=hidden');
    await expect(page.getByTestId('channel-norms')).toHaveAttribute('data-removed', '64');
    await expect
      .poll(async () => {
        const { width, height, neutral } = await lab.heatmapPixels();
        let fullRows = 0;
        let partial = 0;
        for (let r = 0; r < height; r++) {
          const s = neutral.slice(r * width, (r + 1) * width).reduce((a, b) => a + b, 0);
          if (s === width) fullRows++;
          else if (s > 0) partial++;
        }
        return [fullRows, partial];
      })
      .toEqual([64, 0]);
    expect(consoleErrors).toEqual([]);
  });

  test('curves for every method fill in beside the source claims, and the lesson quotes them', async ({ page, consoleErrors }) => {
    const lab = new PruningPage(page);
    await lab.open();
    await expect(page.getByTestId('claim-bar')).toHaveCount(3);
    await expect(page.getByTestId('accuracy-curves')).toHaveAttribute('data-finished', 'true', { timeout: 110_000 });
    for (const m of ['l1-unstructured', 'global', 'wanda', 'block', 'ln-structured'])
      await expect(page.getByTestId(`curve-${m}`)).toHaveAttribute('data-points', '12');
    await expect(page.getByTestId('curve-nm')).toHaveAttribute('data-points', '6');
    await expect(page.getByTestId('claims-l1-unstructured').locator('td[data-verdict]')).toHaveCount(3);
    await expect(page.getByTestId('lesson-claims').locator('li')).toHaveCount(6);
    await expect(page.getByTestId('lesson-claim-count')).toContainText('Of the 6 methods');
    expect(consoleErrors).toEqual([]);
  });

  test('fine-tuning with the mask held recovers accuracy and keeps pruned weights at zero', async ({ page, consoleErrors }) => {
    const lab = new PruningPage(page);
    await lab.open('?amount=0.9&finetune=50');
    const before = await lab.value('pruned-accuracy');
    await expect(page.getByTestId('finetune-status')).toContainText('fine-tuned', { timeout: 90_000 });
    await expect(page.getByTestId('finetune-mask-held')).toBeAttached();
    const text = (await page.getByTestId('finetune-status').textContent()) ?? '';
    const after = Number(/fine-tuned (\d+(?:\.\d+)?)%/.exec(text)?.[1]) / 100;
    expect(after).toBeGreaterThan(before);
    expect(consoleErrors).toEqual([]);
  });

  test('the drawing pad shows the dense and the pruned predictions side by side', async ({ page, consoleErrors }) => {
    const lab = new PruningPage(page);
    await lab.open();
    const pad = page.getByTestId('pad-canvas');
    await pad.scrollIntoViewIfNeeded();
    const box = await pad.boundingBox();
    if (!box) throw new Error('pad not visible');
    // A vertical stroke: a "1".
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.15);
    await page.mouse.down();
    for (let k = 1; k <= 10; k++) await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * (0.15 + 0.07 * k));
    await page.mouse.up();
    await expect(page.getByTestId('pad-prediction-dense')).toHaveAttribute('data-digit', '1');
    await expect(page.getByTestId('pad-prediction-pruned')).toHaveAttribute('data-digit', /\d/);
    await page.getByTestId('pad-clear').click();
    await expect(page.getByTestId('pad-prediction-dense')).toHaveCount(0);
    await page.getByTestId('pad-sample').click();
    await expect(page.getByTestId('pad-prediction-dense')).toHaveAttribute('data-digit', /\d/);
    expect(consoleErrors).toEqual([]);
  });

  test('compare: L1 vs 2:4 side by side, difference counts add up to the layer, URL keeps compare', async ({ page, consoleErrors }) => {
    const lab = new PruningPage(page);
    await lab.open('?method=l1-unstructured&compare=nm&amount=0.5&scope=all');
    const panel = page.getByTestId('compare-panel');
    await expect(panel).toBeVisible();
    await expect(page.getByTestId('compare-accuracy-b')).not.toHaveAttribute('data-value', '', { timeout: 60_000 });
    for (const side of ['a', 'b']) {
      const acc = await lab.value(`compare-accuracy-${side}`);
      expect(acc).toBeGreaterThan(0.5);
      expect(acc).toBeLessThanOrEqual(1);
      await expect(page.getByTestId(`compare-accuracy-${side}`)).toHaveText(/^\d+(\.\d+)?%$/);
      // Both L1 at 50% and 2:4 keep half of every layer.
      expect(await lab.value(`compare-sparsity-${side}`)).toBeCloseTo(0.5, 3);
    }
    expect(await lab.value('compare-accuracy-a')).toBe(await lab.value('pruned-accuracy'));
    const counts: Record<string, number> = {};
    for (const cls of ['both', 'aOnly', 'bOnly', 'neither']) counts[cls] = await lab.value(`diff-count-${cls}`);
    // fc1 is [256, 784]: every weight is in exactly one class.
    expect(counts.both + counts.aOnly + counts.bOnly + counts.neither).toBe(256 * 784);
    // Both keep exactly half of fc1, so each keeps as many weights the other prunes.
    expect(counts.aOnly).toBe(counts.bOnly);
    expect(counts.aOnly).toBeGreaterThan(0);
    const size = await page.getByTestId('compare-diff-canvas').evaluate((c: HTMLCanvasElement) => [c.width, c.height]);
    expect(size).toEqual([784, 256]);
    expect(lab.param('compare')).toBe('nm');
    // Switching the layer keeps the comparison; the counts follow the layer.
    await page.getByTestId('layer-fc3').click();
    await expect(page.getByTestId('compare-legend')).toHaveAttribute('data-total', String(10 * 256));
    expect(lab.param('compare')).toBe('nm');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const results = await new AxeBuilder({ page }).include('[data-testid="compare-panel"]').analyze();
      const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(
        bad.map(
          (v) =>
            `${v.id}: ${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 3)
              .join(' | ')}`,
        ),
      ).toEqual([]);
    }
    // Turning it off removes the panel (the URL says none, or omits the default).
    await page.getByTestId('compare-select').selectOption('none');
    await expect(panel).toHaveCount(0);
    await expect.poll(() => lab.param('compare') ?? 'none').toBe('none');
    expect(consoleErrors).toEqual([]);
  });

  test('the Chinese page works and has no serious accessibility violations, light and dark', async ({ page, consoleErrors }) => {
    const lab = new PruningPage(page);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const locale of ['zh', 'en']) {
        await lab.open('?method=ln-structured', locale);
        // The lab itself (the site header and footer are checked by the site-wide a11y spec).
        const results = await new AxeBuilder({ page }).include('article').analyze();
        const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        expect(
          bad.map(
            (v) =>
              `${v.id}: ${v.nodes
                .map((n) => n.target.join(' '))
                .slice(0, 3)
                .join(' | ')}`,
          ),
        ).toEqual([]);
      }
    }
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pruning a real network');
    await lab.open('', 'zh');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('剪枝一个真实的网络');
    await expect(page.getByTestId('accuracy-summary')).toContainText('稠密模型');
    expect(consoleErrors).toEqual([]);
  });
});

/** The lab's test windows of a language model, as ids. */
