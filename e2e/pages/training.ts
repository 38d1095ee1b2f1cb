import type { Page } from '@playwright/test';
import { expect } from '../fixtures';

/** The training lab as a user drives it: open with settings, train, read the numbers. */
export class TrainingLabPage {
  constructor(readonly page: Page) {}

  async open(query: Record<string, string | number>, locale = 'en') {
    const q = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
    await this.page.goto(`/${locale}/training?${q}`);
    await expect(this.page.getByRole('heading', { level: 1 })).toBeVisible();
  }

  status() {
    return this.page.getByTestId('status');
  }

  /** Clicks Train and waits until the run finished (or failed). */
  async train(timeout = 90_000) {
    await this.page.getByTestId('train').click();
    await expect(this.status()).toHaveAttribute('data-status', /done|error/, { timeout });
    await expect(this.page.getByTestId('run-error')).toHaveCount(0);
    await expect(this.status()).toHaveAttribute('data-status', 'done');
  }

  /** The number a read-out carries in data-value. */
  async value(testId: string): Promise<number> {
    const raw = await this.page.getByTestId(testId).getAttribute('data-value');
    expect(raw, `${testId} has a value`).not.toBe('');
    return Number(raw);
  }

  async tensorHistory(): Promise<number[]> {
    const raw = (await this.page.getByTestId('readout-tensors').getAttribute('data-value')) ?? '';
    return raw.split(',').map(Number);
  }
}
