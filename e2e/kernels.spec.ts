// Every WGSL program, called directly against its pure TypeScript twin, without the UI: the
// matmul kernels (dense, CSR SpMM with 1, 2 and 4 column vectors, CSR SpMV with 1, 2, 4 and 8
// lanes per row and the long-row bin, BSR at every block size, 2:4, gather), fused dense and
// block-sparse attention at every block size, each MoE stage (router, top-k in each weight mode,
// offsets, counting sort grouped and padded, grouped matmul gather / broadcast / direct, combine,
// SwiGLU) and the GEMV linear layers of lib/lm's decode path.
//
// e2e/harness/kernels-entry.ts is bundled with esbuild here and served (page.route) into a blank
// page at a test-only URL of the app's origin, so WebGPU (a real SwiftShader adapter) and tfjs's
// WebGPU backend start as on the site; no page or route is added to the site itself.
import { resolve } from 'node:path';
import { build } from 'esbuild';
import type { Page } from '@playwright/test';
import { KERNEL_BLOCK_SIZES } from '../lib/kernels/attention/attention-block-sparse-program';
import { BSR_BLOCK_SIZES } from '../lib/kernels/matmul/matmul-config';
import type { Family, KernelResult } from './harness/kernel-checks';
import { expect, test } from './fixtures';

const HARNESS = '/__kernel-harness__/';
let bundle = '';

test.beforeAll(async () => {
  const out = await build({
    entryPoints: [resolve('e2e/harness/kernels-entry.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  bundle = out.outputFiles[0].text;
});

type RunOutput = { results: KernelResult[]; facts: Record<string, number>; leakedTensors: number; adapter: string };

async function runFamily(page: Page, family: Family): Promise<RunOutput> {
  await page.route(`**${HARNESS}**`, (route) => {
    const url = new URL(route.request().url());
    if (url.pathname.endsWith('.js')) return route.fulfill({ contentType: 'text/javascript', body: bundle });
    return route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><script src="${HARNESS}kernels.js"></script></head><body></body></html>`,
    });
  });
  await page.goto(`${HARNESS}index.html`);
  return page.evaluate((f) => window.kernelHarness.run(f), family);
}

/** One line per check that fails: a validation error, an error above tolerance, a zero twin or a zero output. */
function failures(results: KernelResult[]): string[] {
  return results
    .filter(
      (r) =>
        r.validationError !== null ||
        !(r.maxAbsError <= r.tolerance) ||
        !(r.scale > 0) ||
        (r.maxAbsOutput !== null && !(r.maxAbsOutput > 0)),
    )
    .map(
      (r) =>
        `${r.id} (${r.program}): max |gpu − twin| ${r.maxAbsError} vs tolerance ${r.tolerance}, max |twin| ${r.scale}, max |gpu| ${r.maxAbsOutput}${r.validationError ? `, error: ${r.validationError}` : ''}`,
    );
}

function expectAllPass(out: RunOutput) {
  expect(out.adapter, 'the software WebGPU adapter of headless Chromium').toMatch(/google|swiftshader/i);
  expect(out.results.length).toBeGreaterThan(0);
  expect(failures(out.results), 'kernels that differ from their twins').toEqual([]);
  expect(out.leakedTensors, 'tensors left behind by the checks').toBe(0);
}

const program = (out: RunOutput, id: string) => out.results.find((r) => r.id === id)?.program;

test('matmul kernels (dense, CSR, BSR, 2:4, gather) match their twins', async ({ page }) => {
  test.setTimeout(180_000);
  const out = await runFamily(page, 'matmul');
  expectAllPass(out);
  // the specialisations the brief names are the ones that ran (matmul-config.ts chose them)
  for (const lanes of [1, 2, 4, 8]) expect(program(out, `csr-spmv-lanes${lanes}`)).toBe(`CsrGemvProgram lanes ${lanes}`);
  expect(program(out, 'csr-spmv-long-rows')).toBe('CsrGemvProgram lanes 1 + long rows lanes 32');
  for (const v of [1, 2, 4]) expect(program(out, `csr-spmm-colvecs${v}`)).toMatch(new RegExp(`^CsrMatmulProgram colVecs ${v} `));
  expect(program(out, 'csr-spmm-slices')).not.toMatch(/slices 1$/);
  for (const b of BSR_BLOCK_SIZES)
    for (const id of [`bsr${b}-spmm`, `bsr${b}-spmv-lanes`, `bsr${b}-spmv-rows`]) expect(program(out, id), id).toBeDefined();
  for (const id of [
    'dense-gemv-lanes',
    'dense-gemv-rows',
    '24-spmm',
    '24-spmv-k128-lanes',
    '24-spmv-k132-rows',
    'gather-spmv-lanes',
    'gather-spmv-rows',
  ])
    expect(program(out, id), id).toBeDefined();
});

test('fused dense and block-sparse attention match their twins at every block size', async ({ page }) => {
  test.setTimeout(180_000);
  const out = await runFamily(page, 'attention');
  expectAllPass(out);
  for (const b of KERNEL_BLOCK_SIZES) expect(program(out, `block-sparse-attention-b${b}`)).toBe(`BlockSparseAttentionProgram b ${b} d 32`);
  for (const id of ['dense-attention-d32', 'dense-attention-masked-d32', 'dense-attention-masked-d64'])
    expect(program(out, id), id).toBeDefined();
});

test('every MoE stage (router, top-k, offsets, sort, grouped matmul, combine, SwiGLU) matches its twin', async ({ page }) => {
  test.setTimeout(180_000);
  const out = await runFamily(page, 'moe');
  expectAllPass(out);
  const ids = out.results.map((r) => r.id);
  for (const path of ['dispatch-mixtral-gelu', 'dispatch-gshard-relu', 'dispatch-source-gelu', 'padded']) {
    for (const step of ['logits', 'topk-experts', 'topk-weights', 'sort', 'up', 'down', 'combine', 'end-to-end'])
      expect(ids).toContain(`${path}/${step}`);
  }
  for (const step of ['offsets']) expect(ids).toContain(`dispatch-mixtral-gelu/${step}`);
  for (const step of ['up', 'down', 'combine', 'end-to-end']) expect(ids).toContain(`dense/${step}`);
  for (const step of ['offsets', 'sort', 'up', 'swiglu', 'down', 'combine', 'end-to-end']) expect(ids).toContain(`swiglu/${step}`);
  // capacity factor 1 on a skewed layer: the padded sort really dropped slots
  expect(out.facts.paddedDropped).toBeGreaterThan(0);
});

test('the GEMV linear layers of the decode path (dense, CSR, BSR, 2:4) match W x', async ({ page }) => {
  test.setTimeout(180_000);
  const out = await runFamily(page, 'linear');
  expectAllPass(out);
  for (const id of [
    'linear-dense-lanes',
    'linear-dense-rows',
    'linear-csr-lanes',
    'linear-2:4-lanes',
    'linear-2:4-rows',
    ...BSR_BLOCK_SIZES.flatMap((b) => [`linear-bsr${b}-lanes`, `linear-bsr${b}-rows`]),
  ]) {
    expect(program(out, id), id).toBeDefined();
  }
});
