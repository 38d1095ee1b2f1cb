import { describe, expect, it } from 'vitest';
import { validateTrainingConfig } from '../training/config';
import { baseConfig } from '../training/test-data';
import { parseState } from './parse';
import { defaultState } from './schema';
import { canonicalQuery } from './serialize';
import { toTrainingConfig, trainingSchema } from './training';

const parse = (q: string) => parseState(trainingSchema, new URLSearchParams(q));

describe('training URL schema', () => {
  it('defaults describe the documented default run', () => {
    expect(toTrainingConfig(defaultState(trainingSchema))).toEqual(baseConfig);
    expect(validateTrainingConfig(baseConfig)).toEqual([]);
  });

  it('round-trips every setting through the URL', () => {
    const state = {
      ...defaultState(trainingSchema),
      sched: 'one-shot' as const,
      t0: 40,
      final: 0.75,
      opt: 'sgd' as const,
      lr: 0.05,
      order: 'source' as const,
      imp: 2,
      rewind: 5,
      subset: 512,
      seed: 9,
    };
    const again = parse(canonicalQuery(trainingSchema, state).replace(/^\?/, ''));
    expect(again.state).toEqual(state);
    expect(again.corrections).toEqual([]);
  });

  it('final = 1.5 is clamped to 1 by the parser, and the config check explains that 1 is not allowed', () => {
    const { state, corrections } = parse('final=1.5');
    expect(corrections).toEqual([{ param: 'final', reason: 'clamped', given: '1.5', used: '1' }]);
    expect(validateTrainingConfig(toTrainingConfig(state)).map((i) => i.key)).toEqual(['final-out-of-range']);
  });

  it('end <= begin and frequency 0 pass the parser and are reported by the config check with their keys', () => {
    const { state, corrections } = parse('sched=cubic&begin=100&end=50&freq=0');
    expect(corrections).toEqual([]);
    expect(validateTrainingConfig(toTrainingConfig(state)).map((i) => i.key)).toEqual(['end-not-after-begin', 'frequency-invalid']);
  });

  it('junk never throws: it becomes the default with a correction', () => {
    const { state, corrections } = parse('epochs=lots&sched=quadratic&batch=-5&lr=0x10');
    expect(state.epochs).toBe(5);
    expect(state.sched).toBe('cubic');
    expect(state.batch).toBe(16);
    expect(state.lr).toBe(0.001);
    expect(corrections.map((c) => [c.param, c.reason])).toEqual([
      ['epochs', 'invalid'],
      ['sched', 'invalid'],
      ['batch', 'clamped'],
      ['lr', 'invalid'],
    ]);
  });
});
