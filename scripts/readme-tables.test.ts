import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyReadmeTables, readmeTables } from './readme-tables';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe("README's parameter tables", () => {
  it('hold the rows the pattern and format registries generate (npx tsx scripts/readme-tables.ts --write)', () => {
    const { text, inserted, missing } = applyReadmeTables(readme);
    expect(missing).toEqual([]);
    expect(inserted).toEqual([]);
    for (const table of readmeTables()) for (const row of table.rows) expect(readme.split('\n')).toContain(row);
    expect(text).toBe(readme);
  });

  it('a row the registry adds goes after the row before it, in its own table only', () => {
    const [attention] = readmeTables();
    const added = '| `newKnob` | a new knob | 0–1 | 0 |';
    const rows = [...attention.rows.slice(0, 2), added, ...attention.rows.slice(2)];
    const { text, inserted } = applyReadmeTables(readme, [{ ...attention, rows }]);
    expect(inserted).toEqual([added]);
    const lines = text.split('\n');
    expect(lines[lines.indexOf(added) - 1]).toBe(attention.rows[1]);
    expect(lines.filter((l) => l === added)).toHaveLength(1);
  });
});
