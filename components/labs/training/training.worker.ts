/// <reference lib="webworker" />
/**
 * The training lab's worker: loads MNIST once, makes tfjs's model backend active
 * (useModelBackend: WASM on a software or missing GPU adapter, WebGPU on hardware; the
 * .wasm files come from /tfjs-wasm/), and runs lib/training's loop on a TfMlpTrainer,
 * posting every step, evaluation and the summary. One run at a time: a new run stops
 * the previous run and waits for it to clean up; pause / resume / stop act between steps.
 * Protocol: lib/training/worker-protocol.ts on lib/runtime (worker-host.ts).
 */
import { useModelBackend } from '@/lib/compute/tf';
import { MNIST_CLASSES, MNIST_PIXELS, type MnistData, iterateBatches, loadMnist, sliceMnist } from '@/lib/data/mnist';
import { type TrainingConfig, isRunnable, validateTrainingConfig } from '@/lib/training/config';
import { RunControl } from '@/lib/training/run-control';
import { runTraining } from '@/lib/training/run-training';
import { TfMlpTrainer } from '@/lib/training/tf-mlp-trainer';
import { DATA_URL, type TrainingEvent, type TrainingProtocol } from '@/lib/training/worker-protocol';
import type { RunSummary } from '@/lib/training/run-training';
import { type HostScope, hostWorker } from '@/lib/runtime/worker-host';

let data: Promise<{ train: MnistData; test: MnistData }> | null = null;
let active: { id: number; control: RunControl; finished: Promise<unknown> } | null = null;

function loadData() {
  data ??= Promise.all([loadMnist(DATA_URL, 'train'), loadMnist(DATA_URL, 'test')]).then(([train, test]) => ({ train, test }));
  data.catch(() => {
    data = null; // a failed load is retried by the next run
  });
  return data;
}

async function run(
  config: TrainingConfig,
  control: RunControl,
  post: (e: TrainingEvent) => void,
): Promise<{ summary: RunSummary; tensors: number }> {
  const issues = validateTrainingConfig(config);
  if (!isRunnable(issues)) throw new Error(issues.map((i) => i.message).join('; '));
  post({ type: 'loading' });
  const [{ train: trainAll, test }, { tf, name }] = await Promise.all([loadData(), useModelBackend()]);
  const train = sliceMnist(trainAll, 0, Math.min(config.subset, trainAll.count));
  const trainer = new TfMlpTrainer(tf, {
    arch: [MNIST_PIXELS, 256, 256, MNIST_CLASSES],
    seed: config.seed,
    optimizer: { kind: config.optimizer, learningRate: config.learningRate },
  });
  try {
    trainer.setEvaluationData(test.images, test.labels, test.count);
    post({ type: 'started', backend: name, tensors: tf.memory().numTensors });
    const summary = await runTraining({
      model: trainer,
      config,
      // one seeded order per epoch; IMP rounds see the same orders
      batches: (epoch) => iterateBatches(train, { batchSize: config.batchSize, seed: config.seed * 1000 + epoch }),
      evaluate: () => trainer.evaluate(),
      control,
      onStep: (record) => post({ type: 'steps', records: [record] }),
      onEvaluate: (record) => post({ type: 'eval', record, tensors: tf.memory().numTensors }),
      onRound: (round, sparsity) => post({ type: 'round', round, sparsity }),
    });
    return { summary, tensors: tf.memory().numTensors };
  } finally {
    trainer.dispose();
    post({ type: 'released', tensors: tf.memory().numTensors });
  }
}

hostWorker<TrainingProtocol>(self as unknown as HostScope, {
  run: async ({ config }, job) => {
    if (active) {
      active.control.stop();
      await active.finished.catch(() => undefined);
    }
    const control = new RunControl();
    const finished = run(config, control, (e) => job.progress(e));
    const current = { id: job.id, control, finished };
    active = current;
    try {
      return await finished;
    } finally {
      if (active === current) active = null;
    }
  },
  control: async ({ run: id, action }) => {
    if (!active || active.id !== id) return;
    if (action === 'pause') active.control.pause();
    else if (action === 'resume') active.control.resume();
    else active.control.stop();
  },
});
