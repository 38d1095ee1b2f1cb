import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KERNEL_BLOCK_SIZES } from './attention/attention-block-sparse-program';
import { BSR_BLOCK_SIZES, CSR_LONG_LANES } from './matmul/matmul-config';
import { programCatalogue } from './program-catalogue';

const dir = join(process.cwd(), 'lib/kernels');

/** `export class X` declared in any *-program.ts under lib/kernels (abstract bases excluded). */
function programClasses(): string[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('-program.ts'))
    .flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(/^export class (\w+)/gm)].map((m) => m[1]));
}

describe('programCatalogue', () => {
  const entries = programCatalogue();
  const names = entries.map((e) => e.name);

  it('holds every exported WGSL program class of lib/kernels', () => {
    const classes = programClasses();
    expect(classes.length).toBeGreaterThan(10);
    const catalogued = new Set(entries.map((e) => e.program.constructor.name));
    expect(classes.filter((c) => !catalogued.has(c))).toEqual([]);
  });

  it('names each entry once and gives every program one input per binding', () => {
    expect(new Set(names).size).toBe(names.length);
    for (const e of entries) expect(e.inputs.length, e.name).toBe(e.program.variableNames.length);
  });

  it('covers the specialisations the kernels choose between', () => {
    for (const lanes of [1, 2, 4, 8, CSR_LONG_LANES]) expect(names).toContain(`CsrGemvProgram lanes ${lanes}`);
    for (const v of [1, 2, 4]) expect(names.some((n) => n.startsWith(`CsrMatmulProgram colVecs ${v} `))).toBe(true);
    expect(names.some((n) => /^CsrMatmulProgram .* slices (?!1\b)\d+/.test(n))).toBe(true);
    expect(names.some((n) => n.startsWith('CsrMatmulProgram') && n.endsWith('ragged'))).toBe(true);
    for (const b of BSR_BLOCK_SIZES) for (const l of ['lanes', 'rows']) expect(names).toContain(`BsrGemvProgram b ${b} ${l}`);
    for (const b of KERNEL_BLOCK_SIZES) expect(names).toContain(`BlockSparseAttentionProgram b ${b} d 32`);
    for (const s of ['direct', 'gather', 'broadcast']) expect(names.some((n) => n.startsWith(`MoeGroupedMatmulProgram ${s}`))).toBe(true);
    expect(names).toEqual(
      expect.arrayContaining([
        'MoeCountingSortProgram grouped',
        'MoeCountingSortProgram padded',
        'MoeTopKProgram experts',
        'MoeTopKProgram weights',
      ]),
    );
  });
});
