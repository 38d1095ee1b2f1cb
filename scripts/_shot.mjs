import { chromium } from '@playwright/test';
const url = process.argv[2];
const out = process.argv[3] ?? '/tmp/shot.png';
const width = Number(process.argv[4] ?? 1440);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--enable-unsafe-webgpu'] });
const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: process.env.DARK ? 'dark' : 'light' });
page.on('console', (m) => console.log('[console]', m.type(), m.text()));
page.on('pageerror', (e) => console.log('[pageerror]', String(e)));
await page.goto(url);
await page.waitForTimeout(1500);
if (process.env.TRAIN) {
  const t0 = Date.now();
  await page.getByTestId('train').click();
  await page.waitForFunction(() => ['done', 'error'].includes(document.querySelector('[data-testid=status]')?.getAttribute('data-status') ?? ''), null, { timeout: 300000 });
  console.log('wall', (Date.now() - t0) / 1000);
  for (const id of ['readout-step', 'readout-target', 'readout-measured', 'readout-max-gap', 'readout-test-acc', 'readout-elapsed', 'readout-backend', 'readout-tensors']) {
    const el = page.getByTestId(id);
    console.log(id, await el.textContent(), await el.getAttribute('data-value'));
  }
  const err = await page.getByTestId('run-error').count();
  if (err) console.log('ERROR', await page.getByTestId('run-error').textContent());
}
if (process.env.ELEM) await page.getByTestId(process.env.ELEM).screenshot({ path: out });
else if (process.env.CLIP) { const [x, y, w, h] = process.env.CLIP.split(',').map(Number); await page.screenshot({ path: out, fullPage: true, clip: { x, y, width: w, height: h } }); }
else await page.screenshot({ path: out, fullPage: true });
await browser.close();
