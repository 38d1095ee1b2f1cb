import type { Page } from '@playwright/test';
import { expect } from '../fixtures';

/** The sparse attention lab, as a user drives it. */
export class AttentionLabPage {
  constructor(readonly page: Page) {}

  /**
   * Opens the lab on `query`. Without a `source=` the lab opens on random Q and K (the tests of
   * patterns and kernels at any n); the language-model tests name their source.
   */
  async goto(query = '', locale = 'en') {
    const q = /(^|&)source=/.test(query) ? query : query ? `source=random&${query}` : 'source=random';
    await this.page.goto(`/${locale}/attention?${q}`);
    await expect(this.page.getByTestId('figure-element-density')).toBeVisible();
  }

  /** The element density the figure shows (its exact value, from data-value). */
  async density(): Promise<number> {
    return Number(await this.page.getByTestId('figure-element-density').getAttribute('data-value'));
  }

  /** Pixels of a canvas that are not the "not attended" grey (#e4e4e7), and the canvas size. */
  async attendedPixels(testId: string): Promise<{ lit: number; total: number }> {
    return this.page.getByTestId(testId).evaluate((canvas) => {
      const c = canvas as HTMLCanvasElement;
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let lit = 0;
      for (let i = 0; i < data.length; i += 4) if (!(data[i] === 0xe4 && data[i + 1] === 0xe4 && data[i + 2] === 0xe7)) lit++;
      return { lit, total: c.width * c.height };
    });
  }

  param(name: string): string | null {
    return new URL(this.page.url()).searchParams.get(name);
  }

  /** Runs "Check against reference" and returns the two max abs errors. */
  async checkKernels(): Promise<{ blockSparse: number; dense: number; size: string }> {
    await this.page.getByTestId('kernel-check').click();
    await expect(this.page.getByTestId('kernel-check-result')).toBeVisible({ timeout: 90_000 });
    const value = async (id: string) => Number(await this.page.getByTestId(id).getAttribute('data-value'));
    return {
      blockSparse: await value('kernel-check-block-sparse-abs'),
      dense: await value('kernel-check-dense-abs'),
      size: (await this.page.getByTestId('kernel-check-size').textContent()) ?? '',
    };
  }
}
