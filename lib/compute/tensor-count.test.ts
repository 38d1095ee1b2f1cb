import { afterEach, describe, expect, it } from 'vitest';
import { reportWorkerTensors, totalTensorCount, workerTensorCount } from './tensor-count';

describe('worker tensor counts', () => {
  afterEach(() => {
    reportWorkerTensors('a', null);
    reportWorkerTensors('b', null);
  });

  it('is null until tfjs runs somewhere', () => {
    expect(workerTensorCount()).toBeNull();
    expect(totalTensorCount(null)).toBeNull();
    expect(totalTensorCount(0)).toBe(0);
  });

  it('adds the newest count of each worker to the page count, and forgets a terminated worker', () => {
    reportWorkerTensors('a', 5);
    reportWorkerTensors('a', 3);
    reportWorkerTensors('b', 2);
    expect(workerTensorCount()).toBe(5);
    expect(totalTensorCount(null)).toBe(5);
    expect(totalTensorCount(4)).toBe(9);
    reportWorkerTensors('a', null);
    expect(totalTensorCount(4)).toBe(6);
  });
});
