// Performance budget, part 1 (static): first-load JavaScript of each page, gzipped.
// A page's first load is every <script src> its exported HTML references (Next.js's
// static export lists the chunks the page needs up front; tfjs and the kernels come in
// later dynamic chunks and do not count; nor do noModule polyfills, which modern
// browsers skip). Budget: 250 kB gzipped per lab page.
// Usage: tsx scripts/budget.ts [--json FILE]   (after `npm run build`)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const FIRST_LOAD_BUDGET_BYTES = 250 * 1000;
const root = process.cwd();
const pages = ['en', 'en/pruning', 'en/attention', 'en/moe', 'en/acceleration', 'en/training', 'en/about'];

export interface FirstLoad {
  page: string;
  scripts: number;
  gzipBytes: number;
  withinBudget: boolean;
}

export function measureFirstLoad(outDir = join(root, 'out')): FirstLoad[] {
  return pages.map((page) => {
    const html = readFileSync(join(outDir, `${page}.html`), 'utf8');
    // noModule scripts are legacy polyfills that modern browsers never download.
    const tags = [...html.matchAll(/<script([^>]*)\bsrc="([^"]+)"([^>]*)>/g)].filter((m) => !/nomodule/i.test(m[1] + m[3]));
    const srcs = [...new Set(tags.map((m) => m[2]))];
    const gzipBytes = srcs.reduce((sum, src) => sum + gzipSync(readFileSync(join(outDir, src.replace(/^\//, '')))).length, 0);
    return { page: `/${page}`, scripts: srcs.length, gzipBytes, withinBudget: gzipBytes <= FIRST_LOAD_BUDGET_BYTES };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = measureFirstLoad();
  for (const r of rows)
    console.log(
      `${r.page.padEnd(18)} ${String(r.scripts).padStart(3)} scripts  ${(r.gzipBytes / 1000).toFixed(1).padStart(7)} kB gz  ${r.withinBudget ? 'ok' : 'OVER BUDGET'}`,
    );
  const i = process.argv.indexOf('--json');
  if (i > 0) writeFileSync(process.argv[i + 1], `${JSON.stringify(rows, null, 2)}\n`);
  if (rows.some((r) => !r.withinBudget)) process.exitCode = 1;
}
