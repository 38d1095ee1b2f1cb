'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { Passage } from '@/lib/lm/corpus';
import { passagesUrl } from '@/lib/lm/models';
import { ROUTING_CHANGES, type RoutingChange } from '@/lib/lm/routing-changes';
import type { ChangeResult, LayerInputs, MoeLmLoaded, MoeLmProtocol, PassageRouting } from '@/lib/lm/moe-protocol';
import type { Issue } from '@/lib/i18n/issues';
import type { Outcome } from '@/lib/runtime/protocol';
import type { WorkerPort } from '@/lib/runtime/worker-client';
import { loadIfCached } from '@/components/hooks/load-if-cached';
import { useWorkerClient } from '@/components/hooks/use-worker-client';

export type LoadState =
  | { kind: 'idle'; cached: boolean | null }
  | { kind: 'loading'; id: number; loaded: number; total: number; fromCache: boolean }
  | { kind: 'ready'; info: MoeLmLoaded }
  | { kind: 'error'; error: Issue };

export type Measuring = { id: number; change: RoutingChange; done: number; total: number } | null;

const startMoeLmWorker = () => new Worker(new URL('./moe-lm.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerPort;

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
  const worker = useWorkerClient<MoeLmProtocol>(startMoeLmWorker);
  const [load, setLoad] = useState<LoadState>({ kind: 'idle', cached: null });
  const [passage, setPassage] = useState<{ text: string; routing?: PassageRouting; error?: Issue } | null>(null);
  const [results, setResults] = useState<Record<string, ChangeResult>>({});
  const [measuring, setMeasuring] = useState<Measuring>(null);
  const [measureError, setMeasureError] = useState<Issue | null>(null);
  const wanted = useRef(backend);
  wanted.current = backend;

  const startLoad = useCallback(() => {
    const job = worker.request(
      'load',
      { backend },
      { onProgress: (p) => setLoad({ kind: 'loading', id: job.id, loaded: p.done, total: p.total, fromCache: !!p.fromCache }) },
    );
    setLoad({ kind: 'loading', id: job.id, loaded: 0, total: 1, fromCache: false });
    void job.outcome.then((o) => {
      if (wanted.current !== backend) return;
      setLoad(
        o.status === 'done'
          ? { kind: 'ready', info: o.value }
          : o.status === 'cancelled'
            ? { kind: 'idle', cached: false }
            : { kind: 'error', error: o.issue },
      );
    });
  }, [worker, backend]);

  // a model already in Cache Storage loads at once; otherwise the reader is told its size first
  useEffect(() => {
    if (!active) return;
    setResults({});
    have.current = {};
    setPassage(null);
    setLoad({ kind: 'idle', cached: null });
    return loadIfCached(['moe-en'], startLoad, () => setLoad({ kind: 'idle', cached: false }));
  }, [active, startLoad]);

  const ready = load.kind === 'ready';
  useEffect(() => {
    if (!ready || !text) return;
    let live = true;
    void worker.request('route', { text }, { channel: 'route' }).outcome.then((o) => {
      if (!live || o.status === 'cancelled') return;
      setPassage(o.status === 'done' ? { text, routing: o.value } : { text, error: o.issue });
    });
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
      const job = worker.request(
        'evaluate',
        { change, capacityFactor },
        { onProgress: (p) => run === measureRun.current && setMeasuring({ id: job.id, change, done: p.done, total: p.total }) },
      );
      inFlight.current = job.id;
      setMeasuring({ id: job.id, change, done: 0, total: 1 });
      const o = await job.outcome;
      if (inFlight.current === job.id) inFlight.current = null;
      if (run !== measureRun.current || o.status === 'cancelled') return;
      if (o.status === 'failed') {
        setMeasuring(null);
        setMeasureError(o.issue);
        return;
      }
      const result = o.value;
      have.current = { ...have.current, [key]: result };
      setResults((r) => ({ ...r, [key]: result }));
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
    // the reader's Cancel: a notice, not an error
    setMeasureError({ key: 'cancelled' });
  }, [worker]);

  const layerInputs = useCallback(
    (layer: number): Promise<Outcome<LayerInputs>> => worker.request('layer', { text, layer }, { channel: 'layer' }).outcome,
    [worker, text],
  );

  const result = (change: RoutingChange) => results[resultKey(change, capacityFactor)] ?? null;
  return {
    load,
    startLoad,
    cancelLoad: () => load.kind === 'loading' && worker.cancel(load.id),
    passage: passage?.text === text ? passage : null,
    result,
    results,
    measuring,
    measureError,
    measure,
    cancelMeasure,
    layerInputs,
  };
}
