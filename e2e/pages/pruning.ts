import type { Locator, Page } from '@playwright/test';
import { expect } from '../fixtures';

/** Page object of the pruning lab: reads what the user sees (numbers, canvas pixels, URL). */
export class PruningPage {
  constructor(readonly page: Page) {}

  async open(query = '', locale = 'en') {
    await this.page.goto(`/${locale}/pruning${query}`);
    await expect(this.page.getByTestId('pruned-accuracy')).not.toHaveAttribute('data-value', '', { timeout: 60_000 });
  }

  /** A number held in a data-value attribute once the worker has answered. */
  async value(testId: string): Promise<number> {
    const raw = await this.page.getByTestId(testId).getAttribute('data-value');
    return Number(raw);
  }

  /** Waits until the pruned accuracy differs from `previous` (the worker answered the new setting). */
  async waitForAccuracyChange(previous: number) {
    await expect.poll(() => this.value('pruned-accuracy'), { timeout: 30_000 }).not.toBe(previous);
  }

  /** Waits until the live sparsity reaches `target` (within 1%). */
  async waitForSparsity(target: number) {
    await expect.poll(async () => Math.abs((await this.value('overall-sparsity')) - target), { timeout: 30_000 }).toBeLessThan(0.01);
  }

  get heatmapCanvas(): Locator {
    return this.page.getByTestId('weights-heatmap-canvas');
  }

  /**
   * Reads the heatmap canvas: its size and, per pixel, whether it has the neutral "pruned"
   * colour (the page's --viz-empty CSS variable).
   */
  async heatmapPixels(): Promise<{ width: number; height: number; neutral: number[] }> {
    return this.heatmapCanvas.evaluate((canvas: HTMLCanvasElement) => {
      const hex = getComputedStyle(document.documentElement).getPropertyValue('--viz-empty').trim();
      const n = Number.parseInt(hex.slice(1), 16);
      const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2d context');
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      const neutral: number[] = [];
      for (let i = 0; i < canvas.width * canvas.height; i++)
        neutral.push(data[4 * i] === r && data[4 * i + 1] === g && data[4 * i + 2] === b ? 1 : 0);
      return { width: canvas.width, height: canvas.height, neutral };
    });
  }

  /** Fraction of heatmap pixels in the neutral colour. */
  async neutralShare(): Promise<number> {
    const { neutral } = await this.heatmapPixels();
    return neutral.reduce((a, b) => a + b, 0) / neutral.length;
  }

  param(name: string): string | null {
    return new URL(this.page.url()).searchParams.get(name);
  }
}
