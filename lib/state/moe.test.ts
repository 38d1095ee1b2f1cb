import { describe, expect, it } from 'vitest';
import { parseState } from './parse';
import { canonicalQuery } from './serialize';
import { moeSchema } from './moe';

describe('moe URL schema', () => {
  it('round-trips a full state', () => {
    const q = new URLSearchParams(
      'mode=synthetic&variant=switch&numExperts=64&k=8&capacityFactor=1.5&noise=0&seed=7&tokens=4096&hidden=128&skew=0.6&routerScale=2',
    );
    const { state, corrections } = parseState(moeSchema, q);
    expect(corrections).toEqual([]);
    expect(state).toMatchObject({
      mode: 'synthetic',
      variant: 'switch',
      numExperts: 64,
      k: 8,
      capacityFactor: 1.5,
      noise: false,
      seed: 7,
      tokens: 4096,
      skew: 0.6,
    });
    const again = parseState(moeSchema, new URLSearchParams(canonicalQuery(moeSchema, state, { embed: false, hidden: [] }).slice(1)));
    expect(again.state).toEqual(state);
  });

  it('lets E = 0, capacity factor 0, k > E and a huge router scale through for the lab to explain', () => {
    const { state, corrections } = parseState(moeSchema, new URLSearchParams('numExperts=0&capacityFactor=0&k=8&routerScale=1e39'));
    expect(corrections).toEqual([]);
    expect(state.numExperts).toBe(0);
    expect(state.capacityFactor).toBe(0);
    expect(state.routerScale).toBe(1e39);
  });

  it('corrects what no lab message covers (unknown variant, too many tokens)', () => {
    const { state, corrections } = parseState(moeSchema, new URLSearchParams('variant=magic&tokens=99999'));
    expect(state.variant).toBe('mixtral');
    expect(state.tokens).toBe(4096);
    expect(corrections.map((c) => c.reason)).toEqual(['invalid', 'clamped']);
  });
});

describe('moe URL schema: the language-model mode', () => {
  it('opens on moe-en (mode lm) and round-trips passage, layer and backend', () => {
    expect(parseState(moeSchema, new URLSearchParams('')).state.mode).toBe('lm');
    const { state, corrections } = parseState(moeSchema, new URLSearchParams('mode=lm&passage=7&layer=2&backend=wasm&capacityFactor=2'));
    expect(corrections).toEqual([]);
    expect(state).toMatchObject({ mode: 'lm', passage: 7, layer: 2, backend: 'wasm', capacityFactor: 2 });
    const again = parseState(moeSchema, new URLSearchParams(canonicalQuery(moeSchema, state, { embed: false, hidden: [] }).slice(1)));
    expect(again.state).toEqual(state);
  });

  it("clamps a layer beyond the model's four and replaces an unknown backend", () => {
    const { state, corrections } = parseState(moeSchema, new URLSearchParams('layer=9&backend=cuda'));
    expect(state.layer).toBe(3);
    expect(state.backend).toBe('auto');
    expect(corrections.map((c) => c.param).sort()).toEqual(['backend', 'layer']);
  });
});
