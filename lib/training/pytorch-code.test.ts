import { describe, expect, it } from 'vitest';
import { SOURCE_TRAIN_SPARSE_MODEL, generatePytorchCode, pyFloat, pythonScheduleFunction } from './pytorch-code';
import { baseConfig } from './test-data';

describe('generatePytorchCode', () => {
  it('writes the current settings and the correct mask order (mask after optimizer.step)', () => {
    const code = generatePytorchCode(baseConfig);
    expect(code).toContain('FINAL, EPOCHS, BATCH_SIZE, LR = 0.9, 5, 128, 0.001');
    expect(code).toContain('INITIAL, BEGIN_STEP, END_STEP, FREQUENCY = 0.0, 32, 220, 8');
    expect(code).toContain('range(8000)');
    expect(code).toContain('torch.manual_seed(1)');
    expect(code).toContain('prune.global_unstructured');
    const step = code.indexOf('optimizer.step()');
    const mask = code.indexOf('m.weight_orig.mul_(m.weight_mask)');
    expect(step).toBeGreaterThan(0);
    expect(mask).toBeGreaterThan(step);
  });

  it('uses l1_unstructured per layer, SGD with momentum, and each schedule function', () => {
    const code = generatePytorchCode({ ...baseConfig, scope: 'layer', optimizer: 'sgd', learningRate: 0.05, schedule: 'one-shot', t0: 40 });
    expect(code).toContain('prune.l1_unstructured(m, "weight", amount=amount)');
    expect(code).toContain('torch.optim.SGD(model.parameters(), lr=LR, momentum=0.9)');
    expect(code).toContain('T0 = 40');
    expect(pythonScheduleFunction({ ...baseConfig, schedule: 'linear' })).toContain('min(FINAL, epoch * FINAL / max(1, EPOCHS - 1))');
  });

  it('writes the lottery-ticket loop with rewinding when IMP is on', () => {
    const code = generatePytorchCode({ ...baseConfig, impRounds: 3, rewindStep: 20 });
    expect(code).toContain('ROUNDS, REWIND_STEP = 3, 20');
    expect(code).toContain('Q = 1 - (1 - FINAL) ** (1 / ROUNDS)');
    expect(code).toContain('m.weight_orig.copy_(w * m.weight_mask)');
    expect(code).not.toContain('def target_sparsity');
  });

  it('Python float literals', () => {
    expect([0.9, 1, 0, 1e-5, 0.00025].map(pyFloat)).toEqual(['0.9', '1.0', '0.0', '0.00001', '0.00025']);
  });

  it("keeps the source's code as printed, with the mask before optimizer.step()", () => {
    expect(SOURCE_TRAIN_SPARSE_MODEL.indexOf('apply_sparsity_mask')).toBeLessThan(SOURCE_TRAIN_SPARSE_MODEL.indexOf('optimizer.step()'));
    expect(SOURCE_TRAIN_SPARSE_MODEL).toContain('target_sparsity = min(0.9, epoch * 0.1)');
  });
});
