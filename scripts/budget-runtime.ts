// Performance budget, part 2 (runtime), run by `npm run bench` after the kernel suites:
//  - repaint: a slider move repaints the 4096 x 4096 attention mask heatmap; the time from
//    the move (the range input's change handler, User Timing mark 'sparselab:input') to the
//    canvas write of the picture computed for that move ('sparselab:repaint' measure,
//    components/controls/perf-marks.ts) over 100 moves, reported as p50 / p95 against 16.7 ms.
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
  await page.goto(`${base}/en/attention?source=random&seqLen=4096&windowSize=256&pattern=window`);
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
  /** tfjs's live tensors, page + workers (the footer's read-out); null: tfjs never loaded. */
  before: number | null;
  after: number | null;
  leak: boolean;
}

/** A lab page and what makes it run tfjs (null: the lab never loads tfjs). */
export interface TensorLab {
  lab: string;
  path: string;
  exercise: ((page: Page) => Promise<void>) | null;
}

/** Clicks a run button, waits for the run to start and end (the button is disabled meanwhile), then for its result. */
async function runAndWait(page: Page, button: string, result: string, timeout = 180_000): Promise<void> {
  const b = page.getByTestId(button);
  await b.click();
  await page
    .waitForFunction((id) => document.querySelector(`[data-testid="${id}"]`)?.hasAttribute('disabled'), button, { timeout: 2000 })
    .catch(() => undefined);
  await page.waitForFunction((id) => !document.querySelector(`[data-testid="${id}"]`)?.hasAttribute('disabled'), button, { timeout });
  await page.getByTestId(result).waitFor({ timeout });
}

/** Every lab, at sizes the software adapter runs in seconds. */
export const TENSOR_LABS: TensorLab[] = [
  {
    lab: 'attention',
    path: '/en/attention?source=random&seqLen=128&heads=1&headDim=16&blockSize=32',
    exercise: (p) => runAndWait(p, 'kernel-check', 'kernel-check-result'),
  },
  { lab: 'moe', path: '/en/moe?mode=mnist', exercise: (p) => runAndWait(p, 'kernel-run', 'kernel-results') },
  { lab: 'acceleration', path: '/en/acceleration?size=128', exercise: (p) => runAndWait(p, 'gather-run', 'gather-result') },
  {
    lab: 'training',
    path: '/en/training?subset=64&epochs=1&batch=32&begin=0&end=1&freq=1',
    exercise: async (p) => {
      await p.getByTestId('train').click();
      await p.waitForFunction(() => document.querySelector('[data-testid="status"]')?.getAttribute('data-status') === 'done', undefined, {
        timeout: 180_000,
      });
    },
  },
  { lab: 'pruning', path: '/en/pruning', exercise: null },
];

/**
 * Runs the lab's tfjs work, reads the tensor count, moves the lab's first range slider 200
 * times (right, left, right, …: back to the start, whatever its range), runs the work again
 * and reads the count.
 */
export async function measureTensors(page: Page, base: string, lab: TensorLab): Promise<TensorBudget> {
  await page.goto(`${base}${lab.path}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.waitForTimeout(1000);
  await lab.exercise?.(page);
  const read = async () => {
    await page.waitForTimeout(2500); // the footer polls every second
    const v = await page
      .getByTestId('tensor-count')
      .getAttribute('data-count', { timeout: 1000 })
      .catch(() => null);
    return v === null ? null : Number(v);
  };
  const before = await read();
  const range = page.locator('main aside input[type=range]:not([disabled])').first();
  await range.focus();
  for (let i = 0; i < 200; i++) await page.keyboard.press(i % 2 === 0 ? 'ArrowRight' : 'ArrowLeft');
  await lab.exercise?.(page);
  const after = await read();
  return { page: lab.path, before, after, leak: after !== before };
}
