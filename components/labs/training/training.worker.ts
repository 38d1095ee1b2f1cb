/// <reference lib="webworker" />
/**
 * The training lab's worker: loads MNIST once, makes tfjs's model backend active
 * (useModelBackend: WASM on a software or missing GPU adapter, WebGPU on hardware; the
 * .wasm files come from /tfjs-wasm/), and runs lib/training's loop on a TfMlpTrainer,
 * posting every step, evaluation and the summary. One run at a time: a new start stops
 * the previous run and waits for it to clean up; pause / resume / stop act between steps.
 */
import { useModelBackend } from '@/lib/compute/tf';
import { MNIST_CLASSES, MNIST_PIXELS, type MnistData, iterateBatches, loadMnist, sliceMnist } from '@/lib/data/mnist';
import { type TrainingConfig, isRunnable, validateTrainingConfig } from '@/lib/training/config';
import { RunControl } from '@/lib/training/run-control';
import { runTraining } from '@/lib/training/run-training';
import { TfMlpTrainer } from '@/lib/training/tf-mlp-trainer';
import { DATA_URL, type FromWorker, type ToWorker } from '@/lib/training/worker-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: FromWorker) => scope.postMessage(m);

let data: Promise<{ train: MnistData; test: MnistData }> | null = null;
let active: { runId: number; control: RunControl; finished: Promise<void> } | null = null;

function loadData() {
  data ??= Promise.all([loadMnist(DATA_URL, 'train'), loadMnist(DATA_URL, 'test')]).then(([train, test]) => ({ train, test }));
  data.catch(() => {
    data = null; // a failed load is retried by the next run
  });
  return data;
}

async function run(runId: number, config: TrainingConfig, control: RunControl): Promise<void> {
  const issues = validateTrainingConfig(config);
  if (!isRunnable(issues)) throw new Error(issues.map((i) => i.message).join('; '));
  post({ type: 'loading', runId });
  const [{ train: trainAll, test }, { tf, name }] = await Promise.all([loadData(), useModelBackend()]);
  const train = sliceMnist(trainAll, 0, Math.min(config.subset, trainAll.count));
  const trainer = new TfMlpTrainer(tf, {
    arch: [MNIST_PIXELS, 256, 256, MNIST_CLASSES],
    seed: config.seed,
    optimizer: { kind: config.optimizer, learningRate: config.learningRate },
  });
  try {
    trainer.setEvaluationData(test.images, test.labels, test.count);
    post({ type: 'started', runId, backend: name, tensors: tf.memory().numTensors });
    const summary = await runTraining({
      model: trainer,
      config,
      // one seeded order per epoch; IMP rounds see the same orders
      batches: (epoch) => iterateBatches(train, { batchSize: config.batchSize, seed: config.seed * 1000 + epoch }),
      evaluate: () => trainer.evaluate(),
      control,
      onStep: (record) => post({ type: 'steps', runId, records: [record] }),
      onEvaluate: (record) => post({ type: 'eval', runId, record, tensors: tf.memory().numTensors }),
      onRound: (round, sparsity) => post({ type: 'round', runId, round, sparsity }),
    });
    post({ type: 'done', runId, summary, tensors: tf.memory().numTensors });
  } finally {
    trainer.dispose();
    post({ type: 'released', runId, tensors: tf.memory().numTensors });
  }
}

scope.onmessage = async (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  if (msg.type === 'start') {
    if (active) {
      active.control.stop();
      await active.finished;
    }
    const control = new RunControl();
    const finished = run(msg.runId, msg.config, control).catch((err: unknown) => {
      post({ type: 'error', runId: msg.runId, message: err instanceof Error ? err.message : String(err) });
    });
    const current = { runId: msg.runId, control, finished };
    active = current;
    await finished;
    if (active === current) active = null;
    return;
  }
  if (!active || active.runId !== msg.runId) return;
  if (msg.type === 'pause') active.control.pause();
  else if (msg.type === 'resume') active.control.resume();
  else active.control.stop();
};
