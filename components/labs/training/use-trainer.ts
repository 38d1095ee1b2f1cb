'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { TrainingConfig } from '@/lib/training/config';
import type { EvalRecord, RunSummary, StepRecord } from '@/lib/training/run-training';
import type { TrainingEvent, TrainingProtocol } from '@/lib/training/worker-protocol';
import type { Outcome, ResultOf } from '@/lib/runtime/protocol';
import { WorkerClient, type WorkerPort } from '@/lib/runtime/worker-client';
import { reportWorkerTensors } from '@/lib/compute/tensor-count';

export type RunStatus = 'loading' | 'running' | 'paused' | 'done' | 'error';

/** The run on screen. Records live in arrays that only grow; `version` changes when they did. */
export interface LiveRun {
  runId: number;
  config: TrainingConfig;
  status: RunStatus;
  backend: string | null;
  steps: StepRecord[];
  evals: EvalRecord[];
  rounds: { round: number; sparsity: number; step: number }[];
  /** tf.memory().numTensors at the start and after every evaluation. */
  tensors: number[];
  summary: RunSummary | null;
  error: string | null;
  version: number;
}

/** A finished run, for the comparison table. */
export interface RunRow {
  id: number;
  config: TrainingConfig;
  summary: RunSummary;
  backend: string;
}

const RUNS_KEY = 'sparselab.training.runs';

const startTrainingWorker = () => new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerPort;
/** The worker's name in the footer's tensor count. */
const WORKER_NAME = 'training';
/** Redraw at most this often while steps stream in. */
const FRAME_MS = 120;

function loadRuns(): RunRow[] {
  try {
    const raw = window.sessionStorage.getItem(RUNS_KEY);
    const rows = raw ? (JSON.parse(raw) as RunRow[]) : [];
    return Array.isArray(rows) ? rows.filter((r) => r && r.config && r.summary) : [];
  } catch {
    return [];
  }
}

function saveRuns(rows: RunRow[]): void {
  try {
    window.sessionStorage.setItem(RUNS_KEY, JSON.stringify(rows));
  } catch {
    // storage full or blocked: the table still works for this page view
  }
}

/**
 * Owns the training worker: start / pause / resume / reset a run, stream its records into
 * a LiveRun (redrawn at most every 120 ms), and keep the finished runs of this session.
 */
export function useTrainer() {
  const workerRef = useRef<WorkerClient<TrainingProtocol> | null>(null);
  const runRef = useRef<LiveRun | null>(null);
  /** The request id of the run on screen, for pause / resume / stop. */
  const jobRef = useRef<number | null>(null);
  const nextId = useRef(1);
  const [run, setRun] = useState<LiveRun | null>(null);
  const [runs, setRuns] = useState<RunRow[]>([]);
  const [workerError, setWorkerError] = useState<string | null>(null);
  const frame = useRef<ReturnType<typeof setTimeout> | null>(null);

  const publish = useCallback((immediate = false) => {
    const current = runRef.current;
    if (!current) return;
    const flush = () => {
      frame.current = null;
      const r = runRef.current;
      if (!r) return;
      r.version++;
      setRun({ ...r });
    };
    if (immediate) {
      if (frame.current) clearTimeout(frame.current);
      flush();
    } else if (!frame.current) {
      frame.current = setTimeout(flush, FRAME_MS);
    }
  }, []);

  const onEvent = useCallback(
    (runId: number, msg: TrainingEvent) => {
      if ('tensors' in msg) reportWorkerTensors(WORKER_NAME, msg.tensors); // the footer's count, also for a run that was reset
      if (msg.type === 'released') return;
      const r = runRef.current;
      if (!r || runId !== r.runId) return; // a run that was reset
      switch (msg.type) {
        case 'loading':
          if (r.status !== 'paused') r.status = 'loading';
          publish(true);
          return;
        case 'started':
          r.status = r.status === 'paused' ? 'paused' : 'running';
          r.backend = msg.backend;
          r.tensors.push(msg.tensors);
          publish(true);
          return;
        case 'steps':
          r.steps.push(...msg.records);
          publish();
          return;
        case 'eval':
          r.evals.push(msg.record);
          r.tensors.push(msg.tensors);
          publish();
          return;
        case 'round':
          r.rounds.push({ round: msg.round, sparsity: msg.sparsity, step: r.steps.length });
          publish();
          return;
      }
    },
    [publish],
  );

  const onEnd = useCallback(
    (runId: number, o: Outcome<ResultOf<TrainingProtocol, 'run'>>) => {
      const r = runRef.current;
      if (!r || runId !== r.runId || o.status === 'cancelled') return; // a run that was reset, or the page closing
      if (o.status === 'failed') {
        if (r.status === 'loading' || r.status === 'running' || r.status === 'paused') {
          r.status = 'error';
          r.error = String(o.issue.params?.message ?? o.issue.key);
          publish(true);
        }
        return;
      }
      const { summary, tensors } = o.value;
      r.status = 'done';
      r.summary = summary;
      r.tensors.push(tensors);
      publish(true);
      if (!summary.stopped) {
        const row: RunRow = { id: r.runId, config: r.config, summary, backend: r.backend ?? '?' };
        setRuns((prev) => {
          const next = [...prev.filter((p) => p.id !== row.id), row];
          saveRuns(next);
          return next;
        });
      }
    },
    [publish],
  );

  useEffect(() => {
    setRuns(loadRuns());
    // Run ids continue across reloads so table rows stay unique.
    nextId.current = loadRuns().reduce((m, r) => Math.max(m, r.id), 0) + 1;
    return () => {
      workerRef.current?.dispose();
      workerRef.current = null;
      reportWorkerTensors(WORKER_NAME, null);
      if (frame.current) clearTimeout(frame.current);
    };
  }, []);

  const start = useCallback(
    (config: TrainingConfig) => {
      if (typeof Worker === 'undefined') {
        setWorkerError('no-worker');
        return;
      }
      workerRef.current ??= new WorkerClient<TrainingProtocol>(startTrainingWorker);
      const worker = workerRef.current;
      const runId = nextId.current++;
      runRef.current = {
        runId,
        config,
        status: 'loading',
        backend: null,
        steps: [],
        evals: [],
        rounds: [],
        tensors: [],
        summary: null,
        error: null,
        version: 0,
      };
      publish(true);
      const job = worker.request('run', { config }, { onProgress: (e) => onEvent(runId, e) });
      jobRef.current = job.id;
      void job.outcome.then((o) => onEnd(runId, o));
    },
    [publish, onEvent, onEnd],
  );

  const control = (action: 'pause' | 'resume' | 'stop') => {
    if (workerRef.current && jobRef.current !== null) void workerRef.current.request('control', { run: jobRef.current, action });
  };

  const pause = useCallback(() => {
    const r = runRef.current;
    if (!r || (r.status !== 'running' && r.status !== 'loading')) return;
    control('pause');
    r.status = 'paused';
    publish(true);
  }, [publish]);

  const resume = useCallback(() => {
    const r = runRef.current;
    if (!r || r.status !== 'paused') return;
    control('resume');
    r.status = r.backend ? 'running' : 'loading';
    publish(true);
  }, [publish]);

  const reset = useCallback(() => {
    const r = runRef.current;
    if (r && (r.status === 'running' || r.status === 'paused' || r.status === 'loading')) control('stop');
    runRef.current = null;
    jobRef.current = null;
    if (frame.current) clearTimeout(frame.current);
    frame.current = null;
    setRun(null);
  }, []);

  const clearRuns = useCallback(() => {
    setRuns([]);
    saveRuns([]);
  }, []);

  return { run, runs, start, pause, resume, reset, clearRuns, workerError };
}
