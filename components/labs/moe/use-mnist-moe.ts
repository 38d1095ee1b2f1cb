'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { type MnistData, loadMnist } from '@/lib/data/mnist';
import { type MoeClassifierWeights, TOKENS_PER_DIGIT, computeRouterLogits, embedTokens } from '@/lib/models/moe-classifier';
import { type MoeManifest, type MoeTrainingInfo, loadMoeManifest, loadMoeModel, moeModelId } from '@/lib/models/moe-format';
import type { TrainProgress } from '@/lib/models/moe-train';
import type { ModelBackend } from '@/lib/compute/backend';
import { reportWorkerTensors } from '@/lib/compute/tensor-count';
import { issueDetail } from '@/lib/i18n/issues';
import { WorkerClient, type WorkerPort } from '@/lib/runtime/worker-client';
import type { MoeTrainProtocol, TrainRequest } from './moe-train.worker';
import type { RoutingSettings } from '@/lib/moe/variants';

/** A model the lab can show, with its test-set token embeddings and router logits. */
export interface LabModel {
  id: string;
  weights: MoeClassifierWeights;
  training: MoeTrainingInfo;
  origin: 'shipped' | 'browser';
}

/** A model's token embeddings and router logits on the 2,000 test digits. */
export interface PreparedModel {
  model: LabModel;
  /** [2000·16, H] */
  tokens: Float32Array;
  /** [2000·16, E] */
  logits: Float32Array;
}

const preparedCache = new WeakMap<MoeClassifierWeights, PreparedModel>();

/** Embeds the test digits and computes the router logits once per model (about 0.1 s). */
export function prepareModel(model: LabModel, test: MnistData): PreparedModel {
  let p = preparedCache.get(model.weights);
  if (!p) {
    const tokens = embedTokens(model.weights, test.images, test.count);
    const logits = computeRouterLogits(model.weights, tokens, test.count * TOKENS_PER_DIGIT);
    p = { model, tokens, logits };
    preparedCache.set(model.weights, p);
  }
  return p;
}

export interface TrainState {
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  progress?: TrainProgress;
  result?: { accuracy: number; seconds: number; msTo90: number | null };
  error?: string;
  backend?: string;
}

export interface MnistMoe {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error?: string;
  test?: MnistData;
  /** Test tokens' digit class, [2000·16]. */
  tokenClasses?: Uint8Array;
  models: LabModel[];
  train: (settings: RoutingSettings, numExperts: number, auxWeight: number, seed: number, backend: ModelBackend) => void;
  cancel: () => void;
  training: TrainState;
}

const startMoeTrainWorker = () =>
  new Worker(new URL('./moe-train.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerPort;

/** The training worker's name in the footer's tensor count. */
const WORKER_NAME = 'moe-training';

/** The recipe shared with scripts/train-moe.ts. */
export const BROWSER_RECIPE = { epochs: 2, batchSize: 64, learningRate: 2e-2, hidden: 32, ffn: 64 } as const;

function makeModel(weights: MoeClassifierWeights, training: MoeTrainingInfo, origin: LabModel['origin']): LabModel {
  return { id: moeModelId(weights.config, training), weights, training, origin };
}

/**
 * Loads the test digits and the pretrained models (when `active`), and trains new models
 * in the browser on request with tfjs in a Web Worker (moe-train.worker.ts) on the backend
 * chooseBackend picked (WASM on software adapters), so the page never freezes; cancel
 * terminates the worker.
 */
export function useMnistMoe(active: boolean): MnistMoe {
  const [status, setStatus] = useState<MnistMoe['status']>('idle');
  const [error, setError] = useState<string>();
  const [test, setTest] = useState<MnistData>();
  const [tokenClasses, setTokenClasses] = useState<Uint8Array>();
  const [models, setModels] = useState<LabModel[]>([]);
  const [training, setTraining] = useState<TrainState>({ status: 'idle' });
  const workerRef = useRef<WorkerClient<MoeTrainProtocol> | null>(null);
  const started = useRef(false);

  useEffect(() => {
    if (!active || started.current) return;
    started.current = true;
    setStatus('loading');
    (async () => {
      const [testData, manifest] = await Promise.all([loadMnist('/data', 'test'), loadMoeManifest('/models') as Promise<MoeManifest>]);
      const classes = new Uint8Array(testData.count * TOKENS_PER_DIGIT);
      for (let t = 0; t < classes.length; t++) classes[t] = testData.labels[Math.floor(t / TOKENS_PER_DIGIT)];
      setTest(testData);
      setTokenClasses(classes);
      const loaded: LabModel[] = [];
      for (const entry of manifest.models) {
        const weights = await loadMoeModel('/models', entry);
        loaded.push(makeModel(weights, entry.training, 'shipped'));
      }
      setModels(loaded);
      setStatus('ready');
    })().catch((err: unknown) => {
      setError(err instanceof Error ? err.message : String(err));
      setStatus('error');
    });
  }, [active]);

  useEffect(
    () => () => {
      workerRef.current?.dispose();
      reportWorkerTensors(WORKER_NAME, null);
    },
    [],
  );

  const cancel = useCallback(() => {
    workerRef.current?.dispose();
    reportWorkerTensors(WORKER_NAME, null);
    workerRef.current = null;
    setTraining({ status: 'cancelled' });
  }, []);

  const train = useCallback(
    (settings: RoutingSettings, numExperts: number, auxWeight: number, seed: number, backend: ModelBackend) => {
      if (!test || workerRef.current) return;
      const worker = new WorkerClient<MoeTrainProtocol>(startMoeTrainWorker); // one worker per run
      workerRef.current = worker;
      setTraining({ status: 'running' });
      const numShared = settings.variant === 'shared' ? settings.numShared : 0;
      const config = { hidden: BROWSER_RECIPE.hidden, ffn: BROWSER_RECIPE.ffn, numExperts, numShared };
      const k = settings.variant === 'switch' || settings.variant === 'expert-choice' ? 1 : settings.k;
      const finish = () => {
        worker.dispose();
        reportWorkerTensors(WORKER_NAME, null); // its tensors went with it
        if (workerRef.current === worker) workerRef.current = null;
      };
      const request: TrainRequest = {
        config,
        routing: { ...settings, numExperts, numShared, k },
        auxWeight,
        seed,
        epochs: BROWSER_RECIPE.epochs,
        batchSize: BROWSER_RECIPE.batchSize,
        learningRate: BROWSER_RECIPE.learningRate,
      };
      const job = worker.request(
        'train',
        { backend, request },
        {
          onProgress: (p) => {
            reportWorkerTensors(WORKER_NAME, p.tensors);
            setTraining({ status: 'running', backend: p.backend, progress: p.progress });
          },
        },
      );
      void job.outcome.then((o) => {
        if (o.status === 'cancelled') return; // the reader's Cancel already said so
        finish();
        if (o.status === 'failed') {
          setTraining({ status: 'error', error: issueDetail(o.issue, 'en') });
        } else {
          const msg = o.value;
          const last = msg.history[msg.history.length - 1];
          const info: MoeTrainingInfo = {
            variant: settings.variant,
            k,
            auxWeight,
            capacityFactor: settings.capacityFactor,
            seed,
            epochs: BROWSER_RECIPE.epochs,
            batchSize: BROWSER_RECIPE.batchSize,
            learningRate: BROWSER_RECIPE.learningRate,
            testAccuracy: last?.testAccuracy ?? Number.NaN,
            testLoadCv: last?.loadCv ?? Number.NaN,
            trainSeconds: Math.round(msg.totalMs / 100) / 10,
            trainedWith: `tfjs (${msg.backend} backend, in a worker in your browser)`,
          };
          const model = makeModel(msg.weights, info, 'browser');
          setModels((prev) => [...prev.filter((x) => !(x.origin === 'browser' && x.id === model.id)), model]);
          setTraining({
            status: 'done',
            backend: msg.backend,
            result: { accuracy: info.testAccuracy, seconds: msg.totalMs / 1000, msTo90: msg.msTo90 },
          });
        }
      });
    },
    [test],
  );

  return { status, error, test, tokenClasses, models, train, cancel, training };
}

/**
 * The model to show for E experts and aux weight α: the newest browser-trained one with
 * the same E, α (and shared experts when the shared variant is chosen), else a shipped one
 * with the same E and α, else any model with the same E (the page says what differs).
 */
export function pickModel(models: readonly LabModel[], numExperts: number, auxWeight: number, numShared: number): LabModel | null {
  const sameE = models.filter((x) => x.weights.config.numExperts === numExperts);
  const score = (x: LabModel) =>
    (x.training.auxWeight === auxWeight ? 4 : 0) + (x.weights.config.numShared === numShared ? 2 : 0) + (x.origin === 'browser' ? 1 : 0);
  let best: LabModel | null = null;
  for (const x of sameE) if (!best || score(x) >= score(best)) best = x;
  return best;
}
