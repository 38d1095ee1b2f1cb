import { describe, expect, it } from 'vitest';
import { parseState } from './parse';
import { defaultState, defineSchema } from './schema';
import { canonicalQuery, serializeState } from './serialize';

const schema = defineSchema('demo', 2, {
  seqLen: { kind: 'int', default: 256, min: 64, max: 8192, step: 64 },
  window: { kind: 'int', default: 32, min: 1, max: 8192 },
  amount: { kind: 'float', default: 0.5, min: 0, max: 0.99, digits: 3 },
  pattern: { kind: 'enum', default: 'window', values: ['dense', 'window', 'bigbird'] },
  causal: { kind: 'bool', default: false },
  seed: { kind: 'int', default: 1, min: 0, max: 2 ** 31 - 1 },
});

const parse = (query: string) => parseState(schema, new URLSearchParams(query));

describe('URL state', () => {
  it('an empty query gives the defaults and no corrections', () => {
    const r = parse('');
    expect(r.state).toEqual(defaultState(schema));
    expect(r.corrections).toEqual([]);
  });

  it('round-trips: serialize then parse gives the same state, seeds included', () => {
    const state = { seqLen: 4096, window: 255, amount: 0.125, pattern: 'bigbird' as const, causal: true, seed: 123456789 };
    const query = serializeState(schema, state);
    const r = parseState(schema, query);
    expect(r.state).toEqual(state);
    expect(r.corrections).toEqual([]);
  });

  it('the canonical query puts v first and lists every parameter in schema order', () => {
    expect(canonicalQuery(schema, defaultState(schema))).toBe('?v=2&seqLen=256&window=32&amount=0.5&pattern=window&causal=0&seed=1');
  });

  it.each([
    ['NaN', 'window=NaN', 'window', 'invalid', 32],
    ['Infinity', 'window=Infinity', 'window', 'invalid', 32],
    ['negative', 'window=-5', 'window', 'clamped', 1],
    ['huge', 'window=1e300', 'window', 'clamped', 8192],
    ['hexadecimal', 'window=0x10', 'window', 'invalid', 32],
    ['empty', 'window=', 'window', 'invalid', 32],
    ['fractional int', 'window=7.6', 'window', 'snapped', 8],
    ['off the step grid', 'seqLen=100', 'seqLen', 'snapped', 128],
    ['10 kB string', `window=${'9'.repeat(10_000)}`, 'window', 'too-long', 32],
    ['markup in an enum', 'pattern=<img src=x onerror=alert(1)>', 'pattern', 'invalid', 'window'],
    ['wrong enum case', 'pattern=BigBird', 'pattern', 'invalid', 'window'],
    ['bad boolean', 'causal=maybe', 'causal', 'invalid', false],
    ['float above max', 'amount=1.5', 'amount', 'clamped', 0.99],
  ])('%s is corrected and reported', (_label, query, param, reason, used) => {
    const r = parse(query);
    expect(r.state[param as keyof typeof r.state]).toBe(used);
    expect(r.corrections).toHaveLength(1);
    expect(r.corrections[0]).toMatchObject({ param, reason });
  });

  it('unknown names are reported and ignored', () => {
    const r = parse('colour=red&window=8');
    expect(r.state.window).toBe(8);
    expect(r.corrections).toEqual([{ param: 'colour', reason: 'unknown', given: 'red', used: '' }]);
  });

  it('a repeated key keeps the first value', () => {
    const r = parse('window=8&window=9');
    expect(r.state.window).toBe(8);
    expect(r.corrections[0]).toMatchObject({ param: 'window', reason: 'repeated' });
  });

  it('another schema version is reported', () => {
    expect(parse('v=1').corrections[0]).toMatchObject({ param: 'v', reason: 'version' });
  });

  it('echoes of bad input are cut to 40 characters', () => {
    const r = parse(`pattern=${'x'.repeat(50)}`);
    expect(r.corrections[0].given.length).toBeLessThanOrEqual(41);
  });

  it('10,000 junk keys parse quickly and list at most 20 corrections', () => {
    const junk = Array.from({ length: 10_000 }, (_, i) => `k${i}=${i}`).join('&');
    const r = parse(junk);
    expect(r.corrections).toHaveLength(20);
    expect(r.state).toEqual(defaultState(schema));
  });

  it('reads embed mode and keeps only hideable names this lab has', () => {
    const r = parse('embed=1&hide=window,nonsense,seed');
    expect(r.embed).toBe(true);
    expect(r.hidden).toEqual(['window', 'seed']);
    expect(r.corrections).toEqual([expect.objectContaining({ param: 'hide=nonsense', reason: 'unknown' })]);
    expect(serializeState(schema, r.state, { embed: true, hidden: r.hidden }).get('hide')).toBe('window,seed');
  });

  it('a schema whose default is out of range is refused', () => {
    expect(() => defineSchema('bad', 1, { x: { kind: 'int', default: 5, min: 0, max: 1 } })).toThrow(/default outside/);
  });
});
