import type { BenchSuite } from './types';

/** Every lab's benchmark suite, loaded on demand. `npm run bench -- <lab>` picks one. */
export const BENCH_SUITES: Record<string, () => Promise<BenchSuite>> = {
  moe: () => import('./moe').then((m) => m.suite),
};
