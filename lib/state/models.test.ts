import { describe, expect, it } from 'vitest';
import { parseState } from './parse';
import { modelsSchema } from './models';
import { canonicalQuery } from './serialize';

describe('models URL state', () => {
  it('round-trips text with markup, newlines and Chinese exactly', () => {
    const text = '<b>床前</b>\n& "明月" 光 😀';
    const state = { ...parseState(modelsSchema, new URLSearchParams()).state, source: 'text' as const, text, model: 'lm-zh' as const };
    const back = parseState(modelsSchema, new URLSearchParams(canonicalQuery(modelsSchema, state)));
    expect(back.corrections).toEqual([]);
    expect(back.state.text).toBe(text);
    expect(back.state.model).toBe('lm-zh');
  });

  it('cuts text longer than 2,000 code points and says so', () => {
    const long = '字'.repeat(2100);
    const r = parseState(modelsSchema, new URLSearchParams({ text: long }));
    expect(Array.from(r.state.text)).toHaveLength(2000);
    expect(r.corrections).toEqual([expect.objectContaining({ param: 'text', reason: 'too-long' })]);
  });

  it('replaces an unknown model and clamps the temperature', () => {
    const r = parseState(modelsSchema, new URLSearchParams({ model: 'gpt-4', temp: '9' }));
    expect(r.state.model).toBe('auto');
    expect(r.state.temp).toBe(2);
    expect(r.corrections.map((c) => c.reason)).toEqual(['invalid', 'clamped']);
  });
});
