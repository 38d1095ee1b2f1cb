import { describe, expect, it } from 'vitest';
import { accelerationSchema } from './acceleration';
import { parseState } from './parse';
import { defaultState } from './schema';
import { canonicalQuery, serializeState } from './serialize';

const parse = (q: string) => parseState(accelerationSchema, new URLSearchParams(q));

describe('acceleration URL state', () => {
  it('defaults: 1024², batch 64, all formats, 32×32 blocks, 20 samples', () => {
    const s = defaultState(accelerationSchema);
    expect(s).toMatchObject({ size: '1024', batch: '64', csr: true, bsr: true, nm24: true, block: '32', samples: 20, mode: 'topk' });
  });

  it('round-trips every parameter, seeds included', () => {
    const state = {
      ...defaultState(accelerationSchema),
      size: '256' as const,
      batch: '1' as const,
      csr: false,
      block: '64' as const,
      seed: 987654321,
      samples: 40,
      keep: 0.1,
      mode: 'threshold' as const,
      threshold: 1.25,
      layer: 'h2' as const,
    };
    const r = parseState(accelerationSchema, serializeState(accelerationSchema, state));
    expect(r.state).toEqual(state);
    expect(r.corrections).toEqual([]);
  });

  it('corrects bad values: a size that is not offered, too few samples, an unknown mode', () => {
    const r = parse('size=3000&samples=5&mode=magic&keep=2');
    expect(r.state.size).toBe('1024');
    expect(r.state.samples).toBe(20);
    expect(r.state.mode).toBe('topk');
    expect(r.state.keep).toBe(1);
    expect(r.corrections.map((c) => [c.param, c.reason])).toEqual([
      ['size', 'invalid'],
      ['samples', 'clamped'],
      ['mode', 'invalid'],
      ['keep', 'clamped'],
    ]);
  });

  it('the canonical query lists the parameters in schema order', () => {
    expect(canonicalQuery(accelerationSchema, defaultState(accelerationSchema))).toBe(
      '?v=1&size=1024&batch=64&csr=1&bsr=1&nm24=1&block=32&seed=1&samples=20&keep=0.25&mode=topk&threshold=0.5&layer=h1&dmethod=magnitude&dsp=all&dtokens=32&step=0',
    );
  });
});
