import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cachedModels } from './download';
import { loadModel } from './load-model';
import { LM_MODELS } from './models';
import { fakeCaches } from './test-helpers';

/** Serves the shipped files of public/, with one file's bytes replaced if asked. */
function shippedFetch(replace?: { file: string; body: string }) {
  return (async (url: string) => {
    if (replace && url.endsWith(replace.file)) return new Response(replace.body);
    return new Response(readFileSync(fileURLToPath(new URL(`../../public${url}`, import.meta.url))));
  }) as unknown as typeof fetch;
}

describe('loadModel', () => {
  it('parses the shipped lm-en and keeps its files', async () => {
    const { caches } = fakeCaches();
    const { ckpt, vocab, fromCache } = await loadModel(
      'lm-en',
      LM_MODELS['lm-en'].bytes,
      { fetch: shippedFetch(), caches },
      () => undefined,
    );
    expect(fromCache).toBe(false);
    expect(ckpt.config.vocabSize).toBe(vocab.strings.length);
    expect((await cachedModels(caches, ['lm-en'])).map((m) => m.name)).toEqual(['lm-en']);
  });

  it('a config that is not JSON is a bad-config problem, and the copy is not kept', async () => {
    const { caches } = fakeCaches();
    const fetchFn = shippedFetch({ file: 'config.json', body: '{not json' });
    await expect(loadModel('lm-en', LM_MODELS['lm-en'].bytes, { fetch: fetchFn, caches }, () => undefined)).rejects.toMatchObject({
      key: 'bad-config',
    });
    expect(await cachedModels(caches, ['lm-en'])).toEqual([]);
  });
});
