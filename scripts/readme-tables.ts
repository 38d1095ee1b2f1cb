/**
 * README's parameter-table rows that the registries own: the attention lab's `pattern` row
 * and one row per pattern knob (lib/attention/pattern-registry.ts, pattern-fields.ts), and
 * the acceleration lab's format toggles and BSR block sizes (lib/kernels/format-registry.ts).
 * scripts/readme-tables.test.ts fails while README differs from them;
 *   npx tsx scripts/readme-tables.ts --write
 * rewrites those rows in place (a missing row is inserted after the row before it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { KNOB_SPECS, knobReadmeRange, PATTERN_KNOBS } from '../lib/attention/pattern-fields';
import { PATTERN_NAMES, PATTERN_REGISTRY } from '../lib/attention/pattern-registry';
import { BSR_BLOCK_SIZES, FORMAT_NAMES, FORMAT_REGISTRY } from '../lib/kernels/format-registry';
import { accelerationSchema } from '../lib/state/acceleration';
import { attentionSchema } from '../lib/state/attention';

/** Generated rows of one README table, found under its heading. */
export interface ReadmeTable {
  /** The start of the heading line of the table's section. */
  heading: string;
  /** Whole table rows, `| first cell | ... |`; the first cell identifies the row. */
  rows: string[];
}

const code = (s: string) => `\`${s}\``;
/** A table row as README writes it (an empty cell is `| |`). */
const row = (...cells: string[]) => `|${cells.map((cell) => (cell ? ` ${cell} ` : ' ')).join('|')}|`;

export function readmeTables(): ReadmeTable[] {
  const a = attentionSchema.params;
  const patterns = PATTERN_NAMES.map((name) => {
    const note = PATTERN_REGISTRY[name].readme;
    return note ? `${code(name)} (${note})` : code(name);
  });
  const knobs = PATTERN_KNOBS.map((knob) =>
    row(code(knob), KNOB_SPECS[knob].readme.meaning, knobReadmeRange(knob), String(a[knob].default)),
  );
  const c = accelerationSchema.params;
  const toggles = FORMAT_NAMES.map((f) => FORMAT_REGISTRY[f].urlKey);
  return [
    {
      heading: '#### Sparse attention (',
      rows: [row(code('pattern'), patterns.join(', '), '', code(a.pattern.default)), ...knobs],
    },
    {
      heading: '#### Sparse acceleration (',
      rows: [
        row(toggles.map(code).join(', '), 'which formats to measure', '0/1', toggles.every((t) => c[t].default) ? '1' : '0'),
        row(code('block'), 'BSR block size', BSR_BLOCK_SIZES.join(', '), c.block.default),
      ],
    },
  ];
}

const firstCell = (line: string) => line.split(' | ')[0];

/** README with the generated rows in place, and the rows that had to be inserted or could not be. */
export function applyReadmeTables(readme: string, tables = readmeTables()): { text: string; inserted: string[]; missing: string[] } {
  const lines = readme.split('\n');
  const inserted: string[] = [];
  const missing: string[] = [];
  for (const table of tables) {
    const start = lines.findIndex((l) => l.startsWith(table.heading));
    if (start < 0) {
      missing.push(...table.rows);
      continue;
    }
    const next = lines.findIndex((l, i) => i > start && l.startsWith('#'));
    let end = next < 0 ? lines.length : next;
    let previous = -1;
    for (const generated of table.rows) {
      let at = lines.findIndex((l, i) => i > start && i < end && l.startsWith(`${firstCell(generated)} |`));
      if (at >= 0) {
        lines[at] = generated;
      } else if (previous >= 0) {
        at = previous + 1;
        lines.splice(at, 0, generated);
        end++;
        inserted.push(generated);
      } else {
        missing.push(generated);
        continue;
      }
      previous = at;
    }
  }
  return { text: lines.join('\n'), inserted, missing };
}

function main(): void {
  const path = new URL('../README.md', import.meta.url);
  const readme = readFileSync(path, 'utf8');
  const { text, inserted, missing } = applyReadmeTables(readme);
  for (const line of missing) console.error(`no place for: ${line}`);
  if (process.argv.includes('--write')) {
    writeFileSync(path, text);
    for (const line of inserted) console.log(`inserted: ${line}`);
  } else if (text !== readme) {
    console.error('README.md differs from the registries; run with --write');
    process.exitCode = 1;
  }
  if (missing.length > 0) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
