import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./', import.meta.url)) } },
  test: {
    include: ['lib/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // Tests on the shipped language models run float64 and tfjs forward passes: seconds each on a
    // busy 2-core machine. A hang still fails; slowness is the benchmark's business.
    testTimeout: 60_000,
  },
});
