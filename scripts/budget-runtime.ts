// Performance budget, part 2 (runtime), run by `npm run bench` after the kernel suites:
//  - repaint: a slider move repaints the 4096 x 4096 attention mask heatmap; the time from
//    the move (the range input's change handler, User Timing mark 'sparselab:input') to the
//    canvas write of the picture computed for that move ('sparselab:repaint' measure,
//    components/viz/perf-marks.ts) over 100 moves, reported as p50 / p95 against 16.7 ms.
//    Each move waits for its repaint before the next, as a user stepping with the arrow key;
//  - tensors: tfjs's live tensor count (the footer's read-out) before and after 200 control
//    changes on each lab page that loads tfjs.
import type { Page } from '@playwright/test';

export interface RepaintBudget {
  moves: number;
  repaints: number;
  p50Ms: number;
  p95Ms: number;
  budgetMs: number;
  withinBudget: boolean;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

export async function measureRepaint(page: Page, base: string, moves = 100): Promise<RepaintBudget> {
  await page.goto(`${base}/en/attention?seqLen=4096&windowSize=256&pattern=window`);
  await page.getByTestId('figure-element-density').waitFor();
  await page.waitForTimeout(3000);
  const range = page.getByTestId('control-window-range');
  await range.focus();
  const count = () => page.evaluate(() => performance.getEntriesByName('sparselab:repaint').length);
  for (let i = 0; i < moves; i++) {
    const before = await count();
    await page.keyboard.press(i % 2 === 0 ? 'ArrowRight' : 'ArrowLeft');
    const deadline = Date.now() + 10_000;
    while ((await count()) === before && Date.now() < deadline) await page.waitForTimeout(2);
  }
  const times = (await page.evaluate(() => performance.getEntriesByName('sparselab:repaint').map((e) => e.duration))).sort((a, b) => a - b);
  const p95 = quantile(times, 0.95);
  return { moves, repaints: times.length, p50Ms: quantile(times, 0.5), p95Ms: p95, budgetMs: 16.7, withinBudget: p95 <= 16.7 };
}

export interface TensorBudget {
  page: string;
  before: number | null;
  after: number | null;
  leak: boolean;
}

/** Moves the page's first range slider 200 times (100 right, 100 left) and compares tfjs's tensor count. */
export async function measureTensors(page: Page, base: string, path: string, loadTf: (page: Page) => Promise<void>): Promise<TensorBudget> {
  await page.goto(`${base}${path}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await loadTf(page);
  const read = async () => {
    await page.waitForTimeout(1500);
    const v = await page.getByTestId('tensor-count').getAttribute('data-count').catch(() => null);
    return v === null ? null : Number(v);
  };
  const before = await read();
  const range = page.locator('main aside input[type=range]').first();
  await range.focus();
  for (let i = 0; i < 200; i++) await page.keyboard.press(i < 100 ? 'ArrowRight' : 'ArrowLeft');
  await loadTf(page);
  const after = await read();
  return { page: path, before, after, leak: before !== null && after !== null && after !== before };
}
