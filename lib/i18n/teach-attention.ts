/**
 * The attention lab's guided-path steps and check questions, English and Simplified Chinese
 * (lib/teach/path-attention.ts defines the steps; components/teach/* render them). Every reveal
 * and explanation prints the live values the lab's language-model panels measured, formatted as
 * those panels print them (formatNumber; perplexities with 2 decimals, changes with 1).
 */
import type { Known } from '../teach/guided';
import { formatBytes, formatNumber, type Locale } from './locales';
import { defineMessages } from './locales';
import type { QuestionText, StepText } from './teach';

type StepId = 'window32' | 'window4' | 'dilated' | 'sinks' | 'kv';
type QuestionId = 'cost' | 'farthest' | 'sinkHeads' | 'sameDensity';

const f2 = (x: number, l: Locale) => formatNumber(x, l, 2);
/** A change as the cost table prints it: +1.4%, −0.2%. */
const change = (ratio: number, l: Locale) => {
  const p = (ratio - 1) * 100;
  return `${p >= 0 ? '+' : '−'}${formatNumber(Math.abs(p), l, 1)}%`;
};
/** A fraction as the lab's panels print it (components/labs/attention/format.ts). */
const pct = (fraction: number, l: Locale) => {
  const p = fraction * 100;
  return `${formatNumber(p, l, p === 0 || p >= 10 ? 1 : p >= 1 ? 2 : 3)}%`;
};
const head = (v: Known, prefix: string) => `L${v[`${prefix}.layer`]} H${v[`${prefix}.head`]}`;

export interface AttentionTeachTexts {
  steps: Record<StepId, StepText>;
  questions: Record<QuestionId, QuestionText>;
}

const en: AttentionTeachTexts = {
  steps: {
    window32: {
      predict:
        'The source’s window of 32 lets each character read itself and the 16 before it (the model reads only earlier characters). How much will the test-sample perplexity rise over dense attention?',
      choices: ['Less than 5%', '5–25%', 'More than 25%'],
      act: 'If asked, press Download (the model is kept in this browser), then wait for the test-sample row of “What the pattern costs the model”.',
      reveal: (v) =>
        `Test-sample perplexity: dense ${f2(v['ppl.dense'], 'en')}, window of 32 ${f2(v['ppl.w32'], 'en')} (${change(v['ppl.w32'] / v['ppl.dense'], 'en')}), keeping ${pct(v['density.w32'], 'en')} of the causal (query, key) pairs.`,
    },
    window4: {
      predict: 'Now a window of 4: each character reads itself and the 2 before it. How much will the perplexity rise now?',
      choices: ['Less than 5%', '5–25%', 'More than 25%'],
      act: 'Wait for the test-sample row of the cost table.',
      reveal: (v, live) =>
        `Window of 4: ${f2(v['ppl.w4'], 'en')} (${change(v['ppl.w4'] / v['ppl.dense'], 'en')}) with ${pct(v['density.w4'], 'en')} of the pairs, against dense ${f2(v['ppl.dense'], 'en')}${typeof live['ppl.w32'] === 'number' ? ` and ${f2(live['ppl.w32'], 'en')} for the window of 32` : ''}.`,
    },
    dilated: {
      predict:
        'A dilated window (w = 32, d = 2) reads as many keys as the window of 32, every second character over twice the span. Compared with the window of 32 (step 1), its perplexity will be…',
      choices: ['lower', 'about the same (within 5%)', 'higher'],
      act: 'Wait for the test-sample row. The answer compares with step 1’s window, so set that up first if you skipped it.',
      reveal: (v) =>
        `Dilated window: ${f2(v['ppl.dil'], 'en')} with ${pct(v['density.dil'], 'en')} of the pairs; the window of 32: ${f2(v['ppl.w32'], 'en')} with ${pct(v['density.w32'], 'en')}. With d = 2 no query reads the character just before it.`,
    },
    sinks: {
      predict:
        'StreamingLLM keeps the first tokens as “attention sinks” because large models park much of their attention there. Does some head of this small model put at least twice an even share of its attention on its first 4 characters?',
      choices: ['Yes', 'No'],
      act: 'Wait for the bar chart and the window-only against window + sinks table of “Attention sinks”.',
      reveal: (v) =>
        `The head with the most attention on the first ${v['sink.k']} characters, ${head(v, 'sink')}, puts ${formatNumber(v['sink.ratio'], 'en', 2)}× an even head’s share there. Test-sample perplexity with a window of ${v['sink.window']} alone: ${f2(v['sink.only'], 'en')}; with ${v['sink.nk']} sinks added: ${f2(v['sink.both'], 'en')}.`,
    },
    kv: {
      predict:
        'Llama-2-7B caches the keys and values of 32 layers × 32 heads × 128 dimensions in fp16 for every token. At 4,096 tokens, how much of that cache do 4 sinks plus a window of the last 256 tokens save?',
      choices: ['Less than 60%', '60–90%', '90% or more'],
      act: 'Read the Llama-2-7B table of “The KV cache during decoding”.',
      reveal: (v, live) =>
        `Llama-2-7B keeps ${formatBytes(v['kv.perToken'])} per token. At 4,096 tokens: dense ${formatBytes(v['kv.dense'])}; ${v['kv.k']} sinks + the last ${v['kv.w']}: ${formatBytes(v['kv.sinks'])}, ${pct(1 - v['kv.sinks'] / v['kv.dense'], 'en')} less.${typeof live['ppl.now'] === 'number' && typeof live['ppl.dense'] === 'number' ? ` On this model’s 256-character context the same pattern drops nothing: perplexity ${f2(live['ppl.now'], 'en')} against ${f2(live['ppl.dense'], 'en')} dense.` : ''}`,
    },
  },
  questions: {
    cost: {
      question: 'With the current settings, by how many percent does the pattern raise the test-sample perplexity?',
      unit: '%',
      explain: (v) =>
        `${change(v['ppl.now'] / v['ppl.dense'], 'en')}: ${f2(v['ppl.now'], 'en')} against ${f2(v['ppl.dense'], 'en')} dense.`,
      waiting: 'wait for the test-sample row of the cost table.',
    },
    farthest: {
      question: 'In which layer is the head that looks farthest back on average? Type its layer number.',
      unit: '',
      explain: (v) =>
        `Layer ${v['far.layer']}: ${head(v, 'far')} looks back ${formatNumber(v['far.distance'], 'en', 1)} characters on average.`,
      waiting: 'wait for the model’s heads on the passage.',
    },
    sinkHeads: {
      question:
        'Does this model have attention sinks (a head that puts at least twice an even share of its attention on the first k characters)?',
      choices: ['Yes', 'No'],
      explain: (v) => `The strongest, ${head(v, 'sink')}, puts ${formatNumber(v['sink.ratio'], 'en', 2)}× an even share there.`,
      waiting: 'wait for the bar chart of “Attention sinks”.',
    },
    sameDensity: {
      question: 'At about the same density, which pattern kept the test-sample perplexity lower?',
      choices: ['The window of 32', 'The dilated window (w = 32, d = 2)'],
      explain: (v) =>
        `Window: ${f2(v['ppl.w32'], 'en')} with ${pct(v['density.w32'], 'en')} of the pairs; dilated: ${f2(v['ppl.dil'], 'en')} with ${pct(v['density.dil'], 'en')}.`,
      waiting: 'measure the window of 32 and the dilated window (guided steps 1 and 3).',
    },
  },
};

const zh: AttentionTeachTexts = {
  steps: {
    window32: {
      predict: '原文的 32 窗口让每个字符读取自己和它之前的 16 个字符（模型只读更早的字符）。与稠密注意力相比，测试样本的困惑度会上升多少？',
      choices: ['不到 5%', '5–25%', '超过 25%'],
      act: '如有提示，点击“下载”（模型保存在此浏览器中），然后等待“该模式让模型付出的代价”中测试样本那一行。',
      reveal: (v) =>
        `测试样本困惑度：稠密 ${f2(v['ppl.dense'], 'zh')}，32 窗口 ${f2(v['ppl.w32'], 'zh')}（${change(v['ppl.w32'] / v['ppl.dense'], 'zh')}），保留 ${pct(v['density.w32'], 'zh')} 的因果（查询，键）对。`,
    },
    window4: {
      predict: '现在换成 4 窗口：每个字符只读自己和之前的 2 个字符。困惑度会上升多少？',
      choices: ['不到 5%', '5–25%', '超过 25%'],
      act: '等待代价表中测试样本那一行。',
      reveal: (v, live) =>
        `4 窗口：${f2(v['ppl.w4'], 'zh')}（${change(v['ppl.w4'] / v['ppl.dense'], 'zh')}），保留 ${pct(v['density.w4'], 'zh')} 的对；稠密为 ${f2(v['ppl.dense'], 'zh')}${typeof live['ppl.w32'] === 'number' ? `，32 窗口为 ${f2(live['ppl.w32'], 'zh')}` : ''}。`,
    },
    dilated: {
      predict: '空洞窗口（w = 32，d = 2）读取的键与 32 窗口一样多，只是隔一个取一个、跨度加倍。与第 1 步的 32 窗口相比，它的困惑度会……',
      choices: ['更低', '差不多（相差 5% 以内）', '更高'],
      act: '等待测试样本那一行。答案要和第 1 步的窗口比较，如果跳过了第 1 步，请先设置它。',
      reveal: (v) =>
        `空洞窗口：${f2(v['ppl.dil'], 'zh')}，保留 ${pct(v['density.dil'], 'zh')} 的对；32 窗口：${f2(v['ppl.w32'], 'zh')}，保留 ${pct(v['density.w32'], 'zh')}。d = 2 时没有哪个查询能读到紧挨在它前面的字符。`,
    },
    sinks: {
      predict:
        'StreamingLLM 把最前面的几个 token 留作“注意力汇聚点（attention sink）”，因为大模型会把大量注意力放在那里。这个小模型是否有某个头把至少两倍于均匀份额的注意力放在最前面的 4 个字符上？',
      choices: ['有', '没有'],
      act: '等待“注意力汇聚点”的柱状图，以及“只有窗口”与“窗口 + 汇聚点”的对比表。',
      reveal: (v) =>
        `在最前面 ${v['sink.k']} 个字符上注意力最多的头是 ${head(v, 'sink')}，它放在那里的注意力是均匀头的 ${formatNumber(v['sink.ratio'], 'zh', 2)} 倍。测试样本困惑度：只有 ${v['sink.window']} 窗口时为 ${f2(v['sink.only'], 'zh')}；加上 ${v['sink.nk']} 个汇聚点后为 ${f2(v['sink.both'], 'zh')}。`,
    },
    kv: {
      predict:
        'Llama-2-7B 为每个 token 缓存 32 层 × 32 个头 × 128 维的键和值（fp16）。在 4,096 个 token 时，4 个汇聚点加最近 256 个 token 的窗口能省下多少缓存？',
      choices: ['不到 60%', '60–90%', '90% 或更多'],
      act: '查看“解码时的 KV 缓存”中 Llama-2-7B 的表格。',
      reveal: (v, live) =>
        `Llama-2-7B 每个 token 占 ${formatBytes(v['kv.perToken'])}。4,096 个 token 时：稠密 ${formatBytes(v['kv.dense'])}；${v['kv.k']} 个汇聚点 + 最近 ${v['kv.w']} 个：${formatBytes(v['kv.sinks'])}，少了 ${pct(1 - v['kv.sinks'] / v['kv.dense'], 'zh')}。${typeof live['ppl.now'] === 'number' && typeof live['ppl.dense'] === 'number' ? `在这个模型 256 字符的上下文里，同一模式什么也没丢掉：困惑度 ${f2(live['ppl.now'], 'zh')}，稠密为 ${f2(live['ppl.dense'], 'zh')}。` : ''}`,
    },
  },
  questions: {
    cost: {
      question: '按当前设置，这个模式让测试样本的困惑度上升了百分之几？',
      unit: '%',
      explain: (v) => `${change(v['ppl.now'] / v['ppl.dense'], 'zh')}：${f2(v['ppl.now'], 'zh')}，稠密为 ${f2(v['ppl.dense'], 'zh')}。`,
      waiting: '等待代价表中测试样本那一行。',
    },
    farthest: {
      question: '平均往回看得最远的头在第几层？请输入层号。',
      unit: '',
      explain: (v) => `第 ${v['far.layer']} 层：${head(v, 'far')} 平均往回看 ${formatNumber(v['far.distance'], 'zh', 1)} 个字符。`,
      waiting: '等待模型在这段文字上的注意力头。',
    },
    sinkHeads: {
      question: '这个模型有注意力汇聚点吗（某个头把至少两倍于均匀份额的注意力放在最前面的 k 个字符上）？',
      choices: ['有', '没有'],
      explain: (v) => `最强的是 ${head(v, 'sink')}，放在那里的注意力是均匀份额的 ${formatNumber(v['sink.ratio'], 'zh', 2)} 倍。`,
      waiting: '等待“注意力汇聚点”的柱状图。',
    },
    sameDensity: {
      question: '在差不多的密度下，哪种模式的测试样本困惑度更低？',
      choices: ['32 窗口', '空洞窗口（w = 32，d = 2）'],
      explain: (v) =>
        `窗口：${f2(v['ppl.w32'], 'zh')}，保留 ${pct(v['density.w32'], 'zh')} 的对；空洞窗口：${f2(v['ppl.dil'], 'zh')}，保留 ${pct(v['density.dil'], 'zh')}。`,
      waiting: '分别测量 32 窗口和空洞窗口（引导路线第 1 步和第 3 步）。',
    },
  },
};

export const attentionTeachMessages = defineMessages({ en, zh });
