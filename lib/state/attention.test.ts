import { describe, expect, it } from 'vitest';
import { resolveLabConfig } from '../labs/attention/config';
import { attentionSchema } from './attention';
import { parseState } from './parse';
import { defaultState } from './schema';
import { canonicalQuery } from './serialize';

const parse = (q: string) => parseState(attentionSchema, new URLSearchParams(q));

describe('attention URL schema', () => {
  it('the defaults are a valid configuration with nothing to adjust', () => {
    const s = defaultState(attentionSchema);
    const c = resolveLabConfig({ ...s, blockSize: Number(s.blockSize) });
    expect(c.issues).toEqual([]);
  });

  it('any whole seqLen in 64..8192 is kept (not only powers of two); outside is clamped', () => {
    expect(parse('seqLen=1000').state.seqLen).toBe(1000);
    expect(parse('seqLen=99999').corrections).toEqual([{ param: 'seqLen', reason: 'clamped', given: '99999', used: '8192' }]);
    expect(parse('seqLen=10').state.seqLen).toBe(64);
  });

  it('block size is one of 16, 32, 64, 128', () => {
    expect(parse('blockSize=32').state.blockSize).toBe('32');
    expect(parse('blockSize=48').corrections[0]).toMatchObject({ param: 'blockSize', reason: 'invalid', used: '64' });
  });

  it('pattern and compare accept the pattern names (compare also none)', () => {
    expect(parse('pattern=sinks&compare=bigbird').state).toMatchObject({ pattern: 'sinks', compare: 'bigbird' });
    expect(parse('pattern=nope').corrections[0]).toMatchObject({ param: 'pattern', reason: 'invalid' });
  });

  it('round-trips every parameter, seeds included', () => {
    const s = { ...defaultState(attentionSchema), pattern: 'bigbird' as const, seed: 4294967295, causal: true, headDim: 96, zoom: 16 };
    const back = parse(canonicalQuery(attentionSchema, s).slice(1));
    expect(back.state).toEqual(s);
    expect(back.corrections).toEqual([]);
  });

  it('head dim snaps to multiples of 8', () => {
    expect(parse('headDim=30').state.headDim).toBe(32);
  });
});
