import type { BenchSuite } from './types';

/** Every lab's benchmark suite, loaded on demand. `npm run bench -- <lab>` picks one. */
export const BENCH_SUITES: Record<string, () => Promise<BenchSuite>> = {
  attention: () => import('./attention').then((m) => m.suite),
  moe: () => import('./moe').then((m) => m.suite),
  acceleration: () => import('./acceleration').then((m) => m.suite),
  training: () => import('./training').then((m) => m.suite),
  lm: () => import('./lm').then((m) => m.suite),
  'prune-lm': () => import('./prune-lm').then((m) => m.suite),
  'moe-lm': () => import('./moe-lm').then((m) => m.suite),
  decode: () => import('./decode').then((m) => m.suite),
};
