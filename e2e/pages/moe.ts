import type { Page } from '@playwright/test';

/** viridis(0) as drawn by the heatmap for a weight of 0 (an expert the token did not pick). */
export const VIRIDIS_0 = [68, 1, 84];

/** Types a value into a number control's field (testId-input) and commits it with Enter. */
export async function setNumber(page: Page, testId: string, value: number) {
  const input = page.getByTestId(`${testId}-input`);
  await input.fill(String(value));
  await input.press('Enter');
}
