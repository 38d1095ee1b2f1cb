import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { csvParse } from 'd3-dsv';
import { expect, test } from './fixtures';

/** Clicks a download button and returns what the browser saved. */
async function download(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const button = page.getByTestId(testId);
  await button.scrollIntoViewIfNeeded();
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

/** A real PNG: the 8-byte signature, and the browser decodes it; returns its size. */
async function expectPng(page: Page, bytes: Buffer): Promise<[number, number]> {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const size = await page.evaluate(async (b64) => {
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([data], { type: 'image/png' }));
    return [bitmap.width, bitmap.height] as [number, number];
  }, bytes.toString('base64'));
  expect(size[0]).toBeGreaterThan(0);
  expect(size[1]).toBeGreaterThan(0);
  return size;
}

/**
 * A standalone SVG: it parses as XML, keeps no page-only paint (CSS variables), and the
 * browser renders it as an image on its own; returns the text.
 */
async function expectSvg(page: Page, bytes: Buffer): Promise<string> {
  const text = bytes.toString('utf8');
  expect(text.trimStart().startsWith('<svg')).toBe(true);
  expect(text).toContain('xmlns="http://www.w3.org/2000/svg"');
  expect(text).not.toContain('var(--');
  const rendered = await page.evaluate(async (svg) => {
    const parsed = new DOMParser().parseFromString(svg, 'image/svg+xml');
    if (parsed.querySelector('parsererror')) return { ok: false, width: 0 };
    const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    try {
      const img = new Image();
      await new Promise<void>((ok, fail) => {
        img.onload = () => ok();
        img.onerror = () => fail(new Error('the SVG did not render'));
        img.src = url;
      });
      return { ok: true, width: img.naturalWidth };
    } finally {
      URL.revokeObjectURL(url);
    }
  }, text);
  expect(rendered.ok).toBe(true);
  expect(rendered.width).toBeGreaterThan(0);
  return text;
}

function parseCsv(bytes: Buffer) {
  return csvParse(bytes.toString('utf8'));
}

test.describe('exports', () => {
  test('attention: the receptive-field chart downloads as SVG and PNG, the figures as CSV of raw numbers', async ({ page }) => {
    await page.goto('/en/attention?seqLen=256&windowSize=16&blockSize=32&layers=2');
    const pairs = Number(await page.getByTestId('figure-pairs').getAttribute('data-value'));
    expect(pairs).toBeGreaterThan(0);

    const svg = await download(page, 'receptive-chart-export-svg');
    expect(svg.name).toBe('receptive-field-n256-L2.svg');
    expect(await expectSvg(page, svg.bytes)).toContain('<path');
    const png = await download(page, 'receptive-chart-export-png');
    expect(png.name).toBe('receptive-field-n256-L2.png');
    expect(await expectPng(page, png.bytes)).toEqual([1280, 480]); // 640 × 240 viewBox at 2x

    await expect(page.getByRole('group', { name: 'Download: What this pattern costs' })).toBeVisible();
    const csv = parseCsv((await download(page, 'figures-export-csv')).bytes);
    expect(csv.columns).toEqual(['metric', 'value']);
    const value = (metric: string) => csv.find((r) => r.metric === metric)?.value;
    expect(value('seq_len')).toBe('256');
    expect(Number(value('attended_pairs'))).toBe(pairs); // raw, not "4,000"
    expect(value('total_pairs')).toBe('65536');
  });

  test('pruning: the weight heatmap is a PNG with one pixel per weight, the histogram an SVG, the stats table a CSV', async ({ page }) => {
    await page.goto('/en/pruning');
    await expect(page.getByTestId('pruned-accuracy')).not.toHaveAttribute('data-value', '', { timeout: 60_000 });

    const png = await download(page, 'weights-heatmap-export-png');
    expect(png.name).toBe('pruning-l1-unstructured-a0.5-fc1-weights.png');
    expect(await expectPng(page, png.bytes)).toEqual([784, 256]);
    const mask = JSON.parse((await download(page, 'weights-heatmap-export-json')).bytes.toString('utf8'));
    expect([mask.rows, mask.cols]).toEqual([256, 784]);
    const kept = (mask.data as number[][]).flat().reduce((a, b) => a + b, 0);
    expect(kept).toBe((256 * 784) / 2);

    const svg = await expectSvg(page, (await download(page, 'magnitude-histogram-export-svg')).bytes);
    expect(svg).toContain('<rect');

    const csv = parseCsv((await download(page, 'stats-table-export-csv')).bytes);
    expect(csv.columns).toEqual(['layer', 'rows', 'cols', 'params', 'kept', 'sparsity', 'dense_bytes', 'csr_bytes', 'nm24_bytes']);
    const fc1 = csv.find((r) => r.layer === 'fc1');
    expect(fc1).toMatchObject({ rows: '256', cols: '784', kept: '100352', sparsity: '0.5', dense_bytes: '802816' });
    expect(csv.at(-1)?.layer).toBe('total');
  });

  test('MoE: load bars as SVG and PNG, the routing heatmap as PNG, the usage grid as CSV', async ({ page }) => {
    await page.goto('/en/moe?mode=mnist');
    await expect(page.getByTestId('load-bars-bar').first()).toBeVisible({ timeout: 60_000 });
    const bars = await page.getByTestId('load-bars-bar').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));

    const svg = await expectSvg(page, (await download(page, 'load-bars-export-svg')).bytes);
    expect(svg.match(/<rect /g)?.length).toBeGreaterThanOrEqual(bars.length);
    const bar = await download(page, 'load-bars-export-png');
    expect(bar.name).toMatch(/^moe-mnist-mixtral-e8-k2-.*-load\.png$/);
    await expectPng(page, bar.bytes);

    const heatmap = page.getByTestId('routing-heatmap');
    const [rows, cols] = [Number(await heatmap.getAttribute('data-rows')), Number(await heatmap.getAttribute('data-cols'))];
    expect(await expectPng(page, (await download(page, 'routing-heatmap-export-png')).bytes)).toEqual([cols, rows]);

    const csv = parseCsv((await download(page, 'usage-grid-export-csv')).bytes);
    expect(csv.columns).toEqual(['group', 'expert', 'share_of_routed_slots']);
    expect(csv.length % bars.length).toBe(0);
    const group0 = csv.filter((r) => r.group === '0').map((r) => Number(r.share_of_routed_slots));
    expect(group0).toHaveLength(bars.length);
    expect(group0.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5); // each group's shares of its routed slots
  });

  test('acceleration: the bytes table as CSV of raw byte counts, the speed-up chart as SVG and PNG', async ({ page }) => {
    await page.goto('/en/acceleration?size=256');
    const csv = parseCsv((await download(page, 'bytes-table-export-csv')).bytes);
    expect(csv.columns).toEqual(['sparsity', 'nnz', 'dense_bytes', 'csr_bytes', 'bsr_bytes', 'nm24_bytes']);
    // 256 × 256 float32 dense; CSR at 0%: 4 (m + 1) + 8 nnz
    expect(csv[0]).toMatchObject({
      sparsity: '0',
      nnz: '65536',
      dense_bytes: '262144',
      csr_bytes: String(4 * 257 + 8 * 65536),
      nm24_bytes: '',
    });
    expect(csv.find((r) => r.sparsity === '0.5')?.nm24_bytes).not.toBe('');

    const svg = await expectSvg(page, (await download(page, 'speed-chart-export-svg')).bytes);
    expect(svg).toContain('<path');
    const png = await download(page, 'speed-chart-export-png');
    expect(png.name).toBe('acceleration-speedup-vs-sparsity-256-n64-b32.png');
    expect(await expectPng(page, png.bytes)).toEqual([1280, 640]);
  });

  test('training: after a short run the loss chart downloads as PNG and the runs table as CSV', async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto('/en/training?subset=64&epochs=1&batch=32');
    await page.getByTestId('train').click();
    await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });

    await expectPng(page, (await download(page, 'loss-chart-export-png')).bytes);
    await expectSvg(page, (await download(page, 'accuracy-chart-export-svg')).bytes);

    const row = page.getByTestId('run-row');
    await expect(row).toHaveCount(1);
    const file = await download(page, 'runs-table-export-csv');
    expect(file.name).toBe('training-runs.csv');
    const csv = parseCsv(file.bytes);
    expect(csv.columns).toContain('final_test_accuracy');
    expect(csv).toHaveLength(1);
    expect(csv[0]).toMatchObject({ run: '1', epochs: '1', subset: '64', batch_size: '32' });
    expect(Number(csv[0].final_test_accuracy)).toBe(Number(await row.getAttribute('data-test'))); // raw fraction, not "12.3%"
    expect(Number(csv[0].final_measured_sparsity)).toBe(Number(await row.getAttribute('data-measured')));
  });
});
