import { describe, expect, it } from 'vitest';
import { attentionMessages } from '../i18n/attention';
import { attentionSchema, BLOCK_SIZES, COMPARE_VALUES } from '../state/attention';
import { flexAttentionCode } from './flex-code';
import { validatePatternParams, type PatternParams } from './params';
import { checkKnob, KNOB_SPECS, knobSliderRange, knobValue, PATTERN_KNOBS, type KnobContext } from './pattern-fields';
import { CAUSAL_PATTERNS, PATTERN_NAMES, PATTERN_REGISTRY } from './pattern-registry';
import { patternMask } from './patterns';
import { smallParams } from './test-helpers';

/** Every valid configuration the lab can reach at these sizes (the URL defaults, each knob clamped). */
function labParams(seqLen: number, blockSize: number, causal: boolean): PatternParams {
  const p = smallParams(seqLen, blockSize, causal);
  return { ...p, windowSize: 7, stride: Math.min(5, seqLen), summaryTokens: Math.min(2, seqLen) };
}

describe('the pattern registry', () => {
  it('lists the URL enum, the compare values and the causal patterns from its entries', () => {
    expect(attentionSchema.params.pattern.values).toEqual(PATTERN_NAMES);
    expect(COMPARE_VALUES).toEqual(['none', ...PATTERN_NAMES]);
    expect(CAUSAL_PATTERNS).toEqual(PATTERN_NAMES.filter((name) => PATTERN_REGISTRY[name].causal));
  });

  it.each(PATTERN_NAMES)('%s: reads known knobs, each once, and has a label in every language', (name) => {
    const { knobs } = PATTERN_REGISTRY[name];
    expect(new Set(knobs).size).toBe(knobs.length);
    for (const knob of knobs) expect(PATTERN_KNOBS).toContain(knob);
    for (const m of Object.values(attentionMessages)) expect(m.patterns[name].label.length).toBeGreaterThan(0);
  });

  it.each(PATTERN_NAMES)("%s: the row rule gives exactly the oracle's keys (n = 1..23, b = 1..6, causal or not)", (name) => {
    const entry = PATTERN_REGISTRY[name];
    for (let n = 1; n <= 23; n++) {
      for (let b = 1; b <= Math.min(6, n); b++) {
        for (const causal of [false, true]) {
          const p = labParams(n, b, causal);
          expect(validatePatternParams(name, p)).toEqual([]);
          const attends = entry.oracle(p);
          const mask = patternMask(name, p);
          for (let i = 0; i < n; i++) {
            for (let j = 0; j < n; j++) {
              const expected = attends(i, j) && (!causal || j <= i) ? 1 : 0;
              if (mask[i * n + j] !== expected)
                throw new Error(`${name} n=${n} b=${b} causal=${causal}: (${i}, ${j}) is ${mask[i * n + j]}`);
            }
          }
        }
      }
    }
  });

  it.each(PATTERN_NAMES)('%s: causal by definition exactly when its oracle never looks ahead', (name) => {
    const entry = PATTERN_REGISTRY[name];
    let looksAhead = false;
    for (const n of [8, 23]) {
      const attends = entry.oracle(labParams(n, 2, false));
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) looksAhead ||= attends(i, j);
    }
    expect(looksAhead).toBe(!entry.causal);
  });

  it.each(PATTERN_NAMES)('%s: the FlexAttention code defines every constant its mask_mod reads', (name) => {
    const entry = PATTERN_REGISTRY[name];
    const p = labParams(23, 4, false);
    const code = flexAttentionCode(name, p, { heads: 1, headDim: 8 });
    expect(entry.maskMod.at(-1)).toMatch(/^return /);
    for (const knob of entry.knobs) {
      const python = KNOB_SPECS[knob].python;
      if (python) expect(code).toContain(`${python} = ${knobValue(p, knob)}\n`);
    }
    for (const line of entry.maskMod)
      for (const constant of line.match(/\b[A-Z][A-Z_]+\b/g) ?? []) expect(code).toMatch(new RegExp(`^${constant} = `, 'm'));
  });
});

describe('the pattern knobs', () => {
  it.each(PATTERN_KNOBS)('%s: the URL schema takes its bounds and default', (knob) => {
    const spec = KNOB_SPECS[knob];
    expect(attentionSchema.params[knob]).toEqual({ kind: 'int', default: spec.default, min: spec.min, max: spec.max });
  });

  it.each(PATTERN_KNOBS)('%s: the URL default is valid for every pattern that reads it at the default sizes', (knob) => {
    const s = attentionSchema.params;
    const params = Object.fromEntries(PATTERN_KNOBS.map((k) => [k, KNOB_SPECS[k].default])) as Record<string, number>;
    const full = { ...params, seqLen: s.seqLen.default, blockSize: Number(s.blockSize.default), causal: false } as PatternParams;
    for (const name of PATTERN_NAMES.filter((n) => PATTERN_REGISTRY[n].knobs.includes(knob))) {
      expect(validatePatternParams(name, full)).toEqual([]);
    }
  });

  it.each(PATTERN_KNOBS)('%s: the slider stays inside the URL bounds and every value on it is valid', (knob) => {
    const spec = KNOB_SPECS[knob];
    for (const seqLen of [attentionSchema.params.seqLen.min, 100, 2048, attentionSchema.params.seqLen.max]) {
      for (const b of BLOCK_SIZES.map(Number).filter((size) => size <= seqLen)) {
        for (const stride of [1, 7, seqLen]) {
          const ctx: KnobContext = { seqLen, stride, numBlocks: Math.ceil(seqLen / b) };
          const range = knobSliderRange(knob, ctx);
          expect(range.min).toBeGreaterThanOrEqual(spec.min);
          expect(range.max).toBeLessThanOrEqual(spec.max);
          expect(range.min).toBeLessThanOrEqual(range.max);
          for (const value of [range.min, range.max]) {
            const problems: Parameters<typeof checkKnob>[0] = [];
            expect(checkKnob(problems, knob, value, ctx), `${knob} = ${value} at n = ${seqLen}, b = ${b}, l = ${stride}`).toBe(true);
          }
        }
      }
    }
  });
});
