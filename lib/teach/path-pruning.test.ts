import { describe, expect, it } from 'vitest';
import { loadMnistFromDisk } from '../data/mnist-node';
import { pruningLmMessages, pruningMessages } from '../i18n/pruning';
import { teachMessages } from '../i18n/teach';
import { pruningTeachMessages } from '../i18n/teach-pruning';
import { DEFAULT_SPEC } from '../lm/prune-jobs';
import { loadMlpFromDisk } from '../models/mlp-node';
import { measureAccuracy } from '../pruning/lab-jobs';
import { pruneModel, settingsFromState } from '../pruning/model-masks';
import { parseState } from '../state/parse';
import { nextInCourse } from './course';
import { type Known, presetHref, presetState } from './guided';
import { K, lmBest, lmLiveKey, lmOrdering, mnistLiveKey, pruningPath } from './path-pruning';
import { GUIDED_PATHS } from './paths';

const mnistDefaults = settingsFromState(presetState(pruningPath, 0));

describe('the pruning guided path', () => {
  it('is registered, has 6 steps mixing the MNIST network and lm-en, and leads on to sparse attention', () => {
    expect(GUIDED_PATHS.pruning).toBe(pruningPath);
    expect(pruningPath.steps.map((s) => presetState(pruningPath, pruningPath.steps.indexOf(s)).model)).toEqual([
      'mnist',
      'mnist',
      'mnist',
      'lm',
      'lm',
      'lm',
    ]);
    expect(nextInCourse('pruning')).toBe('attention');
  });

  it('presets are canonical URLs that parse back with no corrections', () => {
    pruningPath.steps.forEach((_, i) => {
      const href = presetHref(pruningPath, i, 'zh');
      const parsed = parseState(pruningPath.schema, new URLSearchParams(href.split('?')[1]));
      expect(parsed.corrections).toEqual([]);
      expect(parsed.state).toEqual(presetState(pruningPath, i));
    });
    expect(presetHref(pruningPath, 2, 'en')).toMatch(
      /^\/en\/pruning\?v=1&method=ln-structured&amount=0\.5&layer=fc1&scope=all&.*&model=mnist&.*&step=3$/,
    );
    expect(presetHref(pruningPath, 5, 'en')).toMatch(/&model=lm&lm=lm-en&lmMethod=sparsegpt&pattern=unstructured&.*&calib=4&.*&step=6$/);
  });

  it('each preset produces the live value its step needs (the names the lab records)', () => {
    const named = (i: number) => {
      const s = presetState(pruningPath, i);
      if (s.model === 'mnist') return mnistLiveKey(settingsFromState(s));
      return lmLiveKey(
        s.lm,
        { method: s.lmMethod, pattern: s.pattern, amount: s.amount, group: s.group, kinds: DEFAULT_SPEC.kinds, embed: s.head },
        s.calib,
      );
    };
    expect(pruningPath.steps.map((_, i) => named(i))).toEqual([K.l190, K.ln50, K.ln50all, K.mag, K.wanda, K.sgpt]);
    pruningPath.steps.forEach((step, i) => expect(step.needs).toContain(named(i)));
  });

  it('live-value names: one per setting the path asks about, none for settings it never asks about', () => {
    expect(mnistLiveKey({ ...mnistDefaults, method: 'nm', amount: 0.3 })).toBe('mnist.nm.2:4.hidden');
    expect(mnistLiveKey({ ...mnistDefaults, amount: 0.5, scope: 'all' })).toBe('mnist.l1-unstructured.50.all');
    expect(mnistLiveKey({ ...mnistDefaults, iterations: 2 })).toBeNull();
    expect(mnistLiveKey({ ...mnistDefaults, method: 'ln-structured', norm: 1 })).toBeNull();
    expect(lmLiveKey('lm-en', { ...DEFAULT_SPEC, method: 'magnitude' }, 32)).toBe('lm.lm-en.magnitude.50');
    expect(lmLiveKey('lm-zh', { ...DEFAULT_SPEC, method: 'sparsegpt', pattern: '2:4', amount: 0.7 }, 8)).toBe('lm.lm-zh.sparsegpt.2:4.c8');
    expect(lmLiveKey('lm-en', { ...DEFAULT_SPEC, method: 'heads', pattern: '2:4', amount: 0.25 }, 1)).toBe('lm.lm-en.heads.25.c1');
    expect(lmLiveKey('lm-en', { ...DEFAULT_SPEC, kinds: ['q'] }, 4)).toBeNull();
    expect(lmLiveKey('lm-en', { ...DEFAULT_SPEC, embed: true }, 4)).toBeNull();
    expect(lmLiveKey('lm-en', { ...DEFAULT_SPEC, group: 'row' }, 4)).toBeNull();
  });

  it('the language-model verdicts name the ordering and the best method', () => {
    const v = (mag: number, wanda: number, sgpt: number): Known => ({ [K.mag]: mag, [K.wanda]: wanda, [K.sgpt]: sgpt, [K.lmDense]: 4 });
    expect(lmOrdering(v(4.56, 4.55, 4.45))).toBe(0);
    expect(lmOrdering(v(4.56, 4.45, 4.5))).toBe(1);
    expect(lmOrdering(v(4.5, 4.55, 4.45))).toBe(2);
    expect(lmBest(v(4.56, 4.55, 4.45))).toBe(2);
    expect(lmBest(v(4.4, 4.55, 4.45))).toBe(0);
    const ratio = pruningPath.check.find((q) => q.id === 'lmRatio')!;
    expect(ratio.answer(v(4.56, 0, 0))).toEqual({ kind: 'number', value: 1.14, tolerance: 0.02 });
  });

  it('every step and question has text in both languages, with a choice for every verdict, and a named panel', () => {
    for (const locale of ['en', 'zh'] as const) {
      const t = pruningTeachMessages[locale];
      for (const step of pruningPath.steps) {
        expect(t.steps[step.id as keyof typeof t.steps].predict, `${locale} ${step.id}`).toBeTruthy();
        expect(teachMessages[locale].panels[step.panel], `${locale} panel ${step.panel}`).toBeTruthy();
      }
      expect(t.steps.lmSparsegpt.choices).toHaveLength(3);
      for (const q of pruningPath.check) {
        expect(t.checks[q.id as keyof typeof t.checks].question).toBeTruthy();
        expect(teachMessages[locale].panels[q.panel]).toBeTruthy();
      }
      expect(t.checks.lmBest.choices).toHaveLength(3);
    }
  });

  it('reveals and explanations read only the values their step or question waits for', () => {
    for (const locale of ['en', 'zh'] as const) {
      const t = pruningTeachMessages[locale];
      for (const step of pruningPath.steps) {
        const v = Object.fromEntries(step.needs.map((k, i) => [k, 0.5 + i / 10]));
        expect(t.steps[step.id as keyof typeof t.steps].reveal(v, v), `${locale} ${step.id}`).not.toMatch(/undefined|NaN/);
      }
      for (const q of pruningPath.check) {
        const v = Object.fromEntries(q.needs.map((k, i) => [k, 0.5 + i / 10]));
        expect(t.checks[q.id as keyof typeof t.checks].explain(v), `${locale} ${q.id}`).not.toMatch(/undefined|NaN/);
      }
    }
  });

  it('reveals print the values as the lab shows them', () => {
    const v = { [K.dense]: 0.978, [K.l190]: 0.8505, [K.ln50]: 0.749, [K.ln50all]: 0.472, [K.l150]: 0.9755 };
    expect(pruningTeachMessages.en.steps.l1at90.reveal(v, v)).toContain(
      'Pruned: 85.05%, dense: 97.8%. L1 at 90% of the hidden layers lost 12.75 points',
    );
    expect(pruningTeachMessages.en.steps.structured.reveal(v, v)).toContain('L1 unstructured at the same 50% kept 97.55%');
    expect(pruningTeachMessages.en.steps.structured.reveal(v, {})).not.toContain('L1 unstructured');
    expect(pruningTeachMessages.zh.steps.outputLayer.reveal(v, v)).toContain('三层都剪：47.2%；只剪隐藏层：74.9%（多损失 27.7 个百分点）');
    const lm = { [K.lmDense]: 4.337, [K.mag]: 4.561, [K.wanda]: 4.55, [K.sgpt]: 4.447 };
    expect(pruningTeachMessages.en.steps.lmSparsegpt.reveal(lm, lm)).toContain(
      'SparseGPT: 4.45; Wanda: 4.55; magnitude: 4.56; dense: 4.34. SparseGPT avoided 51%',
    );
    expect(pruningTeachMessages.zh.checks.lmRatio.explain(lm)).toBe('1.05 倍（4.56 ÷ 4.34）。');
  });

  it('the MNIST verdicts hold on the shipped network: L1 at 90% ends below 90%, whole neurons cost more than 5 points, pruning fc3 too costs more than 10 more', async () => {
    const { weights } = await loadMlpFromDisk();
    const test = await loadMnistFromDisk('test');
    const at = (i: number) => measureAccuracy(weights, test, pruneModel(weights, settingsFromState(presetState(pruningPath, i))).masks);
    const v: Record<string, number> = { [K.dense]: measureAccuracy(weights, test), [K.l190]: at(0), [K.ln50]: at(1), [K.ln50all]: at(2) };
    expect(pruningPath.steps.slice(0, 3).map((s) => s.verdict!(v))).toEqual([1, 1, 0]);
    // the figures the schema's comment and the lesson quote
    expect(v[K.ln50]).toBeCloseTo(0.749, 3);
    expect(v[K.ln50all]).toBeCloseTo(0.472, 3);
  }, 60_000);
});

describe('the pruning lab’s wording', () => {
  const zh = JSON.stringify([
    pruningMessages.zh.lesson,
    pruningMessages.zh.methods,
    pruningMessages.zh.controls,
    pruningMessages.zh.summary,
    pruningMessages.zh.stats,
    pruningMessages.zh.curve,
    pruningLmMessages.zh,
  ]);
  it('Chinese uses 稀疏度 and 激活感知 (never 稀疏率, 感知激活, 实验室 or 唤醒)', () => {
    for (const word of ['稀疏率', '感知激活', '实验室', '唤醒']) expect(zh).not.toContain(word);
    expect(pruningMessages.zh.methods.wanda.label).toBe('Wanda（激活感知）');
    expect(pruningMessages.zh.controls.scopeOptions.hidden).toContain('fc3');
  });
  it('Wanda: magnitude pruning removes the weights attached to outlier features, not the features themselves (both languages, both models)', () => {
    expect(pruningMessages.en.lesson.wanda).toContain('removes the small weights attached to those features (not the features themselves)');
    expect(pruningMessages.zh.lesson.wanda).toContain('删掉的是与这些特征相连的小权重（而不是这些特征本身）');
    expect(pruningLmMessages.en.lesson.intro).toContain('(not the features themselves)');
    expect(pruningLmMessages.zh.lesson.intro).toContain('（而不是这些特征本身）');
  });
});
