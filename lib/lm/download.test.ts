import { describe, expect, it } from 'vitest';
import { MODEL_CACHE, cachedModels, clearModelCache, loadModelFiles } from './download';
import { modelUrl } from './models';
import { fakeCaches } from './test-helpers';

const body = (n: number) => new Uint8Array(n).fill(7);

describe('loadModelFiles', () => {
  it('fetches the three files with progress, keeps them only on keep(), then serves them from the cache', async () => {
    const { caches, stores } = fakeCaches();
    const fetched: string[] = [];
    const fetchFn = (async (url: string) => {
      fetched.push(url);
      return new Response(body(url.endsWith('safetensors') ? 1000 : 10));
    }) as unknown as typeof fetch;
    const progress: number[] = [];
    const first = await loadModelFiles('lm-en', 1020, { fetch: fetchFn, caches }, (p) => progress.push(p.loaded));
    expect(first.fromCache).toBe(false);
    expect(fetched).toEqual([modelUrl('lm-en', 'config.json'), modelUrl('lm-en', 'model.safetensors'), modelUrl('lm-en', 'vocab.json')]);
    expect(progress[progress.length - 1]).toBe(1020);
    expect(await cachedModels(caches, ['lm-en'])).toEqual([]);
    await first.keep();
    expect(await cachedModels(caches, ['lm-en', 'lm-zh'])).toEqual([{ name: 'lm-en', bytes: 1020 }]);
    const second = await loadModelFiles('lm-en', 1020, { fetch: fetchFn, caches }, () => undefined);
    expect(second.fromCache).toBe(true);
    expect(fetched).toHaveLength(3);
    expect(second.files['model.safetensors'].length).toBe(1000);
    await second.discard();
    expect(await cachedModels(caches, ['lm-en'])).toEqual([]);
    await first.keep();
    await clearModelCache(caches);
    expect(stores.has(MODEL_CACHE)).toBe(false);
  });

  it('an HTTP error is a download-failed problem with the status; nothing is kept', async () => {
    const { caches } = fakeCaches();
    const fetchFn = (async () => new Response('gone', { status: 404 })) as unknown as typeof fetch;
    await expect(loadModelFiles('lm-zh', 10, { fetch: fetchFn, caches }, () => undefined)).rejects.toMatchObject({
      key: 'download-failed',
      values: { status: 404 },
    });
    expect(await cachedModels(caches, ['lm-zh'])).toEqual([]);
  });

  it('a network failure is a download-failed problem; an abort stays an abort', async () => {
    const failing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    await expect(loadModelFiles('lm-zh', 10, { fetch: failing, caches: null }, () => undefined)).rejects.toMatchObject({
      key: 'download-failed',
    });
    const controller = new AbortController();
    controller.abort();
    const aborting = (async () => {
      throw new DOMException('aborted', 'AbortError');
    }) as unknown as typeof fetch;
    await expect(loadModelFiles('lm-zh', 10, { fetch: aborting, caches: null }, () => undefined, controller.signal)).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});
