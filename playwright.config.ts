import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 4173);
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// Quiet flags for a closed network (shared/DESIGN.md). Playwright adds --headless itself.
const quiet = [
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  expect: { timeout: 20_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: process.env.E2E_WORKERS ? Number(process.env.E2E_WORKERS) : 2,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: `node scripts/serve.mjs --port ${PORT} --strict`,
    url: `http://127.0.0.1:${PORT}/en`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
  projects: [
    {
      // A real (software, SwiftShader) WebGPU adapter: no GPU mock anywhere.
      name: 'webgpu',
      grepInvert: /@no-webgpu/,
      use: { browserName: 'chromium', launchOptions: { executablePath, args: [...quiet, '--enable-unsafe-webgpu'] } },
    },
    {
      // The same browser without the flag: no WebGPU adapter, the app must fall back to WASM.
      name: 'no-webgpu',
      grep: /@no-webgpu/,
      use: { browserName: 'chromium', launchOptions: { executablePath, args: quiet } },
    },
  ],
});
