/**
 * Writes public/data/lm/{en,zh}.prune.json: the pruning lab's calibration windows (training split)
 * and perplexity windows (test split), drawn by lib/lm/prune-data.ts. Identical on every run.
 * Run: npx tsx scripts/build-prune-data.ts (after npm run build:corpus).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPruneData } from '../lib/lm/prune-data';

const dir = fileURLToPath(new URL('../public/data/lm/', import.meta.url));
const texts = async (file: string) =>
  (JSON.parse(await readFile(join(dir, file), 'utf8')) as { docs: { text: string }[] }).docs.map((d) => d.text);

for (const lang of ['en', 'zh'] as const) {
  const data = buildPruneData(await texts(`${lang}.train.json`), await texts(`${lang}.test.json`));
  await writeFile(join(dir, `${lang}.prune.json`), JSON.stringify(data) + '\n');
  console.log(`${lang}.prune.json: ${data.calibration.length} calibration and ${data.test.length} test windows`);
}
