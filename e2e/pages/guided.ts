import type { Page } from '@playwright/test';
import { expect } from '../fixtures';

/**
 * Driving a lab's guided path (components/teach/guided-path.tsx), shared by the guided specs:
 * pick the first prediction, apply the step's preset, ask for the answer, go on.
 */

/** Picks the first prediction, applies step k's preset and checks the URL and the step number. */
export async function applyStep(page: Page, k: number, url: RegExp) {
  await expect(page.getByTestId('guided-step')).toHaveAttribute('data-index', String(k));
  await page.getByTestId('guided-choice-0').check();
  await page.getByTestId('guided-apply').click();
  await expect(page).toHaveURL(url);
  await expect(page).toHaveURL(new RegExp(`[?&]step=${k}(&|$)`));
  await expect(page.getByTestId('guided-apply')).toHaveAttribute('data-applied', 'true');
  await expect(page.getByTestId('guided-act')).toBeVisible();
}

/**
 * Asks for the answer and returns its text once the page has measured what it needs (a reveal
 * asked for before the run shows by itself once the run is measured). The prediction was made
 * before the preset, so the verdict on it must be there too.
 */
export async function reveal(page: Page, timeout = 120_000): Promise<string> {
  const button = page.getByTestId('guided-reveal');
  if (await button.isEnabled()) await button.click();
  const text = page.getByTestId('guided-reveal-text');
  await expect(text).toBeVisible({ timeout });
  await expect(page.getByTestId('guided-verdict')).toBeVisible();
  return (await text.textContent()) ?? '';
}

/** Goes to the next step. */
export async function next(page: Page) {
  await page.getByTestId('guided-next').click();
}
