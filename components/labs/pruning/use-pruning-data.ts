'use client';

import { useEffect, useState } from 'react';
import { CALIBRATION_SIZE, MNIST_PIXELS, type MnistData, getMnistFileNames, loadMnist } from '@/lib/data/mnist';
import { type MlpManifest, loadMlp } from '@/lib/models/mlp-format';
import type { MlpWeights } from '@/lib/models/mlp';
import type { Calibration } from '@/lib/pruning/model-masks';

export const DATA_URL = '/data';
export const MODEL_URL = '/models';

export interface PruningData {
  weights: MlpWeights;
  manifest: MlpManifest;
  test: MnistData;
  /** Wanda's calibration digits: the first 128 of the training split. */
  calibration: Calibration;
}

/**
 * The first `count` training images as x ∈ [0, 1], [count, 784]. Asks for just those bytes
 * with an HTTP Range request (206); a server that ignores Range sends the whole file (200)
 * and the prefix is used.
 */
async function loadCalibration(count: number): Promise<Calibration> {
  const bytes = count * MNIST_PIXELS;
  const url = `${DATA_URL}/${getMnistFileNames('train').images}`;
  const response = await fetch(url, { headers: { Range: `bytes=0-${bytes - 1}` } });
  if (!response.ok) throw new Error(`could not load ${url}: HTTP ${response.status}`);
  const raw = new Uint8Array(await response.arrayBuffer());
  if (raw.length < bytes) throw new Error(`${url} holds ${raw.length} bytes, fewer than ${bytes}`);
  const x = new Float32Array(bytes);
  for (let i = 0; i < bytes; i++) x[i] = raw[i] / 255;
  return { x, count };
}

/** The raw training split (for fine-tuning), as stored: images count · 784 bytes, labels count bytes. */
export async function loadTrainBytes(): Promise<{ images: Uint8Array; labels: Uint8Array }> {
  const names = getMnistFileNames('train');
  const get = async (file: string) => {
    const response = await fetch(`${DATA_URL}/${file}`);
    if (!response.ok) throw new Error(`could not load ${DATA_URL}/${file}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  };
  const [images, labels] = await Promise.all([get(names.images), get(names.labels)]);
  return { images, labels };
}

/** Loads the trained model, the 2,000 test digits and the calibration digits once. */
export function usePruningData(): { data: PruningData | null; error: string | null } {
  const [data, setData] = useState<PruningData | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    Promise.all([loadMlp(MODEL_URL), loadMnist(DATA_URL, 'test'), loadCalibration(CALIBRATION_SIZE)])
      .then(([model, test, calibration]) => {
        if (alive) setData({ weights: model.weights, manifest: model.manifest, test, calibration });
      })
      .catch((err: unknown) => {
        if (alive) setError(err instanceof Error ? err.message : String(err));
      });
    return () => {
      alive = false;
    };
  }, []);
  return { data, error };
}
