/**
 * Fetching a model's files with progress, kept in Cache Storage so the next visit (and an
 * offline one) loads at once. Web-platform APIs only (fetch, caches), injected so tests can
 * stand in for them; runs in the page or in a worker.
 */
import { LmError } from './errors';
import { LM_FILES, type LmFile, type LmName, modelUrl } from './models';

/** One Cache Storage cache holds every model file, keyed by URL. */
export const MODEL_CACHE = 'sparselab-models-v1';

export interface DownloadDeps {
  fetch: typeof fetch;
  /** Cache Storage, or null where the browser has none (then nothing is kept). */
  caches: CacheStorage | null;
}

export interface Progress {
  loaded: number;
  total: number;
  fromCache: boolean;
}

async function readWithProgress(res: Response, onBytes: (n: number) => void, signal?: AbortSignal): Promise<Uint8Array> {
  if (!res.body) {
    const buf = new Uint8Array(await res.arrayBuffer());
    onBytes(buf.length);
    return buf;
  }
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    if (signal?.aborted) {
      await reader.cancel();
      throw new DOMException('The download was cancelled.', 'AbortError');
    }
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    size += value.length;
    onBytes(value.length);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A model's files, and what to do with the cache once the caller has checked them. */
export interface ModelFiles {
  files: Record<LmFile, Uint8Array>;
  fromCache: boolean;
  /** Stores freshly downloaded files (call once they have been read successfully). */
  keep: () => Promise<void>;
  /** Removes this model's cached files (call when they turned out unreadable). */
  discard: () => Promise<void>;
}

/**
 * The model's three files as bytes, from Cache Storage when all are there, else fetched.
 * `onProgress` sees bytes so far of `totalBytes` (the registry's size). Nothing is stored until
 * the caller calls keep(): a file that arrives whole but does not parse is never kept.
 */
export async function loadModelFiles(
  name: LmName,
  totalBytes: number,
  deps: DownloadDeps,
  onProgress: (p: Progress) => void,
  signal?: AbortSignal,
): Promise<ModelFiles> {
  const cache = deps.caches ? await deps.caches.open(MODEL_CACHE).catch(() => null) : null;
  const files = {} as Record<LmFile, Uint8Array>;
  let loaded = 0;
  const cached = cache ? await Promise.all(LM_FILES.map((f) => cache.match(modelUrl(name, f)))) : LM_FILES.map(() => undefined);
  const fromCache = cached.every((r) => r !== undefined);
  for (let i = 0; i < LM_FILES.length; i++) {
    const file = LM_FILES[i];
    const url = modelUrl(name, file);
    let res = fromCache ? cached[i]! : null;
    if (!res) {
      try {
        res = await deps.fetch(url, { signal });
      } catch (err) {
        if (signal?.aborted) throw err;
        throw new LmError('download-failed', `Could not fetch ${url}: ${err instanceof Error ? err.message : String(err)}.`, { url });
      }
      if (!res.ok) throw new LmError('download-failed', `Could not fetch ${url}: HTTP ${res.status}.`, { url, status: res.status });
    }
    files[file] = await readWithProgress(
      res,
      (n) => {
        loaded += n;
        onProgress({ loaded, total: Math.max(totalBytes, loaded), fromCache });
      },
      signal,
    );
  }
  return {
    files,
    fromCache,
    keep: async () => {
      if (!cache || fromCache) return;
      await Promise.all(
        LM_FILES.map((f) =>
          cache.put(modelUrl(name, f), new Response(files[f].slice(), { headers: { 'content-length': String(files[f].length) } })),
        ),
      ).catch(() => undefined);
    },
    discard: async () => {
      if (cache) await Promise.all(LM_FILES.map((f) => cache.delete(modelUrl(name, f)))).catch(() => undefined);
    },
  };
}

/** The models whose files are all in Cache Storage, with their stored sizes. */
export async function cachedModels(caches: CacheStorage | null, names: readonly LmName[]): Promise<{ name: LmName; bytes: number }[]> {
  if (!caches || !(await caches.has(MODEL_CACHE))) return [];
  const cache = await caches.open(MODEL_CACHE);
  const out: { name: LmName; bytes: number }[] = [];
  for (const name of names) {
    const hits = await Promise.all(LM_FILES.map((f) => cache.match(modelUrl(name, f))));
    if (hits.every((h) => h !== undefined)) {
      const sizes = await Promise.all(hits.map(async (h) => (await h!.arrayBuffer()).byteLength));
      out.push({ name, bytes: sizes.reduce((a, b) => a + b, 0) });
    }
  }
  return out;
}

/** Removes every stored model file. */
export async function clearModelCache(caches: CacheStorage | null): Promise<void> {
  if (caches) await caches.delete(MODEL_CACHE);
}
