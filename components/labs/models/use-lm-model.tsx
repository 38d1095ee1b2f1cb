'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { useLocale } from '@/components/shell/locale-context';
import type { ModelBackend } from '@/lib/compute/backend';
import { lmMessages } from '@/lib/i18n/lm';
import { formatBytes } from '@/lib/i18n/locales';
import { loadIfCached } from '@/components/hooks/load-if-cached';
import { LM_MODELS, type LmName } from '@/lib/lm/models';
import type { LoadedInfo } from '@/lib/lm/worker-protocol';
import { type Issue, issueMessage } from '@/lib/i18n/issues';
import type { LmClient } from './use-lm-worker';

export const button = 'rounded border px-3 py-1.5 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-50';
export const primary = `${button} border-teal-700 bg-teal-700 text-white hover:bg-teal-800`;
export const secondary = `${button} border-zinc-400 hover:bg-zinc-100 dark:border-zinc-600 dark:hover:bg-zinc-800`;

export type LoadState =
  | { kind: 'idle'; cached: boolean | null }
  | { kind: 'loading'; id: number; loaded: number; total: number; fromCache: boolean }
  | { kind: 'ready'; info: LoadedInfo }
  | { kind: 'error'; error: Issue };

export const BACKEND_LABEL: Record<string, string> = { webgpu: 'WebGPU', wasm: 'WebAssembly (WASM)', cpu: 'CPU' };

export interface LmModel {
  model: LmName;
  load: LoadState;
  /** True when `load` is ready for the model and backend asked for now. */
  ready: boolean;
  startLoad: () => void;
}

/**
 * Loads a model into the page's language-model worker: at once when it is already in Cache
 * Storage, otherwise after the reader agrees to the download (the status shows its size). A
 * load that finishes after the reader chose another model or backend is dropped (the worker
 * keeps it, so choosing it again is instant).
 */
export function useLmModel(worker: LmClient, model: LmName, backend: ModelBackend | 'auto' = 'auto'): LmModel {
  const entry = LM_MODELS[model];
  const [load, setLoad] = useState<LoadState>({ kind: 'idle', cached: null });
  const loadKey = `${model}/${backend}`;
  const loadedKey = useRef<string | null>(null);
  const wantedKey = useRef(loadKey);
  useEffect(() => {
    wantedKey.current = loadKey;
  }, [loadKey]);

  const startLoad = useCallback(() => {
    const job = worker.request(
      'load',
      { model, bytes: entry.bytes, backend },
      {
        onProgress: (p) => setLoad({ kind: 'loading', id: job.id, loaded: p.done, total: p.total, fromCache: !!p.fromCache }),
      },
    );
    setLoad({ kind: 'loading', id: job.id, loaded: 0, total: entry.bytes, fromCache: false });
    void job.outcome.then((o) => {
      if (wantedKey.current !== loadKey) return;
      if (o.status === 'done') {
        loadedKey.current = loadKey;
        setLoad({ kind: 'ready', info: o.value });
      } else {
        setLoad(o.status === 'cancelled' ? { kind: 'idle', cached: false } : { kind: 'error', error: o.issue });
      }
    });
  }, [worker, model, entry.bytes, backend, loadKey]);

  useEffect(() => {
    setLoad({ kind: 'idle', cached: null });
    return loadIfCached([model], startLoad, () => setLoad({ kind: 'idle', cached: false }));
  }, [startLoad, model]);

  return { model, load, ready: load.kind === 'ready' && loadedKey.current === loadKey, startLoad };
}

/** An issue of a language model, in the reader's language; `cancelled` is a quiet notice, not an alert. */
export function ProblemBox({ error }: { error: Issue }) {
  const locale = useLocale();
  if (error.key === 'cancelled') return <p className="text-sm text-zinc-600 dark:text-zinc-400">{issueMessage(error, locale)}</p>;
  return (
    <p
      role="alert"
      data-testid="lm-problem"
      className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/50 dark:text-red-100"
    >
      {issueMessage(error, locale)}
    </p>
  );
}

/** The model's status line: the download offer, progress with cancel, ready (on which backend), or the problem. */
export function ModelStatus({ lm, cancel }: { lm: LmModel; cancel: (id: number) => void }) {
  const m = lmMessages[useLocale()];
  const { load, model, startLoad } = lm;
  const size = formatBytes(LM_MODELS[model].bytes);
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm" data-testid="lm-status">
      {load.kind === 'idle' && load.cached === false && (
        <>
          <button type="button" className={primary} onClick={startLoad} data-testid="lm-download">
            {m.panel.download(size)}
          </button>
          <span className="text-zinc-600 dark:text-zinc-400">{m.models[model].what}</span>
        </>
      )}
      {load.kind === 'loading' && (
        <>
          <progress
            max={load.total || 1}
            value={load.loaded}
            className="w-48"
            aria-label={m.panel.downloading(formatBytes(load.loaded), formatBytes(load.total))}
          />
          <span>{load.fromCache ? m.panel.loadingCache : m.panel.downloading(formatBytes(load.loaded), formatBytes(load.total))}</span>
          <button type="button" className={secondary} onClick={() => cancel(load.id)} data-testid="lm-cancel-download">
            {m.panel.cancel}
          </button>
        </>
      )}
      {load.kind === 'ready' && (
        <span data-testid="lm-ready" data-backend={load.info.backend}>
          {m.panel.loadedOn(BACKEND_LABEL[load.info.backend] ?? load.info.backend, load.info.fromCache)}
        </span>
      )}
      {load.kind === 'error' && (
        <>
          <ProblemBox error={load.error} />
          <button type="button" className={secondary} onClick={startLoad}>
            {m.panel.download(size)}
          </button>
        </>
      )}
    </div>
  );
}
