'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { cachedModels } from '@/lib/lm/download';
import type { Passage } from '@/lib/lm/corpus';
import { passagesUrl } from '@/lib/lm/models';
import { ROUTING_CHANGES, type RoutingChange } from '@/lib/lm/routing-changes';
import type { WorkerErrorData } from '@/lib/lm/worker-protocol';
import type { ChangeResult, LayerInputs, MoeLmLoaded, MoeLmRequest, MoeLmResponse, PassageRouting } from '@/lib/moe/lm-protocol';

export type LoadState =
  | { kind: 'idle'; cached: boolean | null }
  | { kind: 'loading'; id: number; loaded: number; total: number; fromCache: boolean }
  | { kind: 'ready'; info: MoeLmLoaded }
  | { kind: 'error'; error: WorkerErrorData };

export type Measuring = { id: number; change: RoutingChange; done: number; total: number } | null;

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: WorkerErrorData) => void;
  onProgress?: (loaded: number, total: number, fromCache?: boolean) => void;
}

type Body<T extends MoeLmRequest['type']> = Omit<Extract<MoeLmRequest, { type: T }>, 'id' | 'type'>;

const runtimeError = (message: string): WorkerErrorData => ({ key: 'runtime', message, values: { message } });

/** The lab side of lib/moe/lm-protocol.ts: one worker, started on the first request. */
function useMoeLmWorker() {
  const worker = useRef<Worker | null>(null);
  const pending = useRef(new Map<number, Pending>());
  const nextId = useRef(1);
  useEffect(
    () => () => {
      worker.current?.terminate();
      worker.current = null;
      for (const p of pending.current.values()) p.reject({ key: 'cancelled', message: 'the page closed', values: {} });
      pending.current.clear();
    },
    [],
  );
  const ensure = useCallback((): Worker => {
    if (worker.current) return worker.current;
    const w = new Worker(new URL('./moe-lm.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<MoeLmResponse>) => {
      const m = e.data;
      const p = pending.current.get(m.id);
      if (!p) return;
      if (m.type === 'progress') p.onProgress?.(m.loaded, m.total, m.fromCache);
      else {
        pending.current.delete(m.id);
        if (m.type === 'result') p.resolve(m.result);
        else p.reject(m.error);
      }
    };
    w.onerror = (e) => {
      e.preventDefault();
      for (const p of pending.current.values()) p.reject(runtimeError(e.message || 'the model worker stopped'));
      pending.current.clear();
      w.terminate();
      worker.current = null;
    };
    worker.current = w;
    return w;
  }, []);
  const call = useCallback(
    <T extends Exclude<MoeLmRequest['type'], 'cancel'>, R>(type: T, body: Body<T>, onProgress?: Pending['onProgress']): { id: number; done: Promise<R> } => {
      const id = nextId.current++;
      const done = new Promise<R>((resolve, reject) => pending.current.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress }));
      ensure().postMessage({ id, type, ...body } as unknown as MoeLmRequest);
      return { id, done };
    },
    [ensure],
  );
  const cancel = useCallback((target: number) => {
    worker.current?.postMessage({ id: nextId.current++, type: 'cancel', target } satisfies MoeLmRequest);
  }, []);
  return useMemo(() => ({ call, cancel }), [call, cancel]);
}

/** The English test-split passages (public/data/lm/en.passages.json). */
export function useEnPassages(active: boolean): Passage[] | null {
  const [passages, setPassages] = useState<Passage[] | null>(null);
  useEffect(() => {
    if (!active || passages) return;
    let live = true;
    fetch(passagesUrl('en'))
      .then((r) => r.json() as Promise<{ passages: Passage[] }>)
      .then((j) => live && setPassages(j.passages))
      .catch(() => live && setPassages([]));
    return () => {
      live = false;
    };
  }, [active, passages]);
  return passages;
}

/** Key of a routing change's result: the capacity row is kept per capacity factor. */
export const resultKey = (change: RoutingChange, cf: number) => (change === 'capacity' ? `capacity/${cf}` : change);

/**
 * moe-en for the MoE lab: loads it (at once when Cache Storage has it, else when asked), routes
 * the passage, measures every routing change on the test subset one after the other (with
 * progress and cancel; results kept per backend and capacity factor) and fetches one layer's
 * inputs for the kernel.
 */
export function useMoeLm(active: boolean, backend: 'auto' | 'webgpu' | 'wasm', text: string, capacityFactor: number) {
  const worker = useMoeLmWorker();
  const [load, setLoad] = useState<LoadState>({ kind: 'idle', cached: null });
  const [passage, setPassage] = useState<{ text: string; routing?: PassageRouting; error?: WorkerErrorData } | null>(null);
  const [results, setResults] = useState<Record<string, ChangeResult>>({});
  const [measuring, setMeasuring] = useState<Measuring>(null);
  const [measureError, setMeasureError] = useState<WorkerErrorData | null>(null);
  const wanted = useRef(backend);
  wanted.current = backend;

  const startLoad = useCallback(() => {
    const call = worker.call<'load', MoeLmLoaded>('load', { backend }, (loaded, total, fromCache) => setLoad({ kind: 'loading', id: call.id, loaded, total, fromCache: !!fromCache }));
    setLoad({ kind: 'loading', id: call.id, loaded: 0, total: 1, fromCache: false });
    call.done.then(
      (info) => wanted.current === backend && setLoad({ kind: 'ready', info }),
      (error: WorkerErrorData) => wanted.current === backend && setLoad(error.key === 'cancelled' ? { kind: 'idle', cached: false } : { kind: 'error', error }),
    );
  }, [worker, backend]);

  // a model already in Cache Storage loads at once; otherwise the reader is told its size first
  useEffect(() => {
    if (!active) return;
    let live = true;
    setResults({});
    have.current = {};
    setPassage(null);
    setLoad({ kind: 'idle', cached: null });
    cachedModels(typeof caches === 'undefined' ? null : caches, ['moe-en'])
      .catch(() => [])
      .then((hits) => {
        if (!live) return;
        if (hits.length > 0) startLoad();
        else setLoad({ kind: 'idle', cached: false });
      });
    return () => {
      live = false;
    };
  }, [active, startLoad]);

  const ready = load.kind === 'ready';
  useEffect(() => {
    if (!ready || !text) return;
    let live = true;
    const call = worker.call<'route', PassageRouting>('route', { text });
    call.done.then(
      (routing) => live && setPassage({ text, routing }),
      (error: WorkerErrorData) => live && error.key !== 'cancelled' && setPassage({ text, error }),
    );
    return () => {
      live = false;
    };
  }, [ready, text, worker]);

  const measureRun = useRef(0);
  const inFlight = useRef<number | null>(null);
  const have = useRef<Record<string, ChangeResult>>({});
  have.current = results;
  const measure = useCallback(async () => {
    const run = ++measureRun.current;
    if (inFlight.current !== null) worker.cancel(inFlight.current);
    setMeasureError(null);
    for (const change of ROUTING_CHANGES) {
      if (run !== measureRun.current) return;
      const key = resultKey(change, capacityFactor);
      if (key in have.current) continue;
      const call = worker.call<'evaluate', ChangeResult>('evaluate', { change, capacityFactor }, (done, total) => run === measureRun.current && setMeasuring({ id: call.id, change, done, total }));
      inFlight.current = call.id;
      setMeasuring({ id: call.id, change, done: 0, total: 1 });
      try {
        const result = await call.done;
        if (inFlight.current === call.id) inFlight.current = null;
        if (run !== measureRun.current) return;
        have.current = { ...have.current, [key]: result };
        setResults((r) => ({ ...r, [key]: result }));
      } catch (error) {
        if (inFlight.current === call.id) inFlight.current = null;
        if (run === measureRun.current) {
          setMeasuring(null);
          setMeasureError(error as WorkerErrorData);
        }
        return;
      }
    }
    if (run === measureRun.current) setMeasuring(null);
  }, [worker, capacityFactor]);

  // measure as soon as the model is ready, and again for a new capacity factor
  useEffect(() => {
    if (ready) void measure();
  }, [ready, measure]);

  const cancelMeasure = useCallback(() => {
    measureRun.current++;
    if (inFlight.current !== null) worker.cancel(inFlight.current);
    inFlight.current = null;
    setMeasuring(null);
    setMeasureError({ key: 'cancelled', message: 'cancelled', values: {} });
  }, [worker]);

  const layerInputs = useCallback((layer: number) => worker.call<'layer', LayerInputs>('layer', { text, layer }).done, [worker, text]);

  const result = (change: RoutingChange) => results[resultKey(change, capacityFactor)] ?? null;
  return { load, startLoad, cancelLoad: () => load.kind === 'loading' && worker.cancel(load.id), passage: passage?.text === text ? passage : null, result, results, measuring, measureError, measure, cancelMeasure, layerInputs };
}
