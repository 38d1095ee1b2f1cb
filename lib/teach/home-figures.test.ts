import { describe, expect, it } from 'vitest';
import { loadMnistFromDisk } from '../data/mnist-node';
import { common } from '../i18n/common';
import { loadMlpFromDisk } from '../models/mlp-node';
import { measureAccuracy } from '../pruning/lab-jobs';
import { pruneModel } from '../pruning/model-masks';
import { HOME_FIGURES } from './home-figures';

describe('the home page figures', () => {
  it('are what the shipped MNIST network measures, dense and globally pruned to 70% and 90%', async () => {
    const { weights } = await loadMlpFromDisk();
    const test = await loadMnistFromDisk('test');
    const prune = (amount: number) =>
      pruneModel(weights, { method: 'global', amount, norm: 2, dim: 0, n: 2, m: 4, blockSize: 4, iterations: 1, scope: 'all' }).masks;
    expect(measureAccuracy(weights, test)).toBeCloseTo(HOME_FIGURES.dense, 6);
    expect(measureAccuracy(weights, test, prune(0.7))).toBeCloseTo(HOME_FIGURES.global70, 6);
    expect(measureAccuracy(weights, test, prune(0.9))).toBeCloseTo(HOME_FIGURES.global90, 6);
  }, 60_000); // three passes over 2,000 digits in plain TypeScript: seconds on a busy machine

  it('are quoted in both languages, and "most" is gone', () => {
    expect(common.en.home.heroBody).toContain('97.1%');
    expect(common.en.home.heroBody).toContain('97.8%');
    expect(common.en.home.heroBody).not.toMatch(/^Most numbers/);
    expect(common.zh.home.heroBody).toContain('97.1%');
    expect(common.zh.home.heroBody).not.toContain('大部分');
  });
});
