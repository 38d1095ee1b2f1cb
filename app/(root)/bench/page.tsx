import { BenchRunner } from '@/components/bench/bench-runner';

export const metadata = { title: 'SparseLab benchmarks', robots: { index: false } };

/** Not linked from the site: the page `npm run bench` drives in headless Chromium. */
export default function BenchPage() {
  return <BenchRunner />;
}
