/**
 * Every string of the teaching layer, English and Simplified Chinese: the guided path and check
 * controls, the lesson-text switch, the "In a real LLM" notes of all labs, the course order's
 * promises, the related-panel links, and the step and question texts of the guided paths
 * registered in lib/teach/paths.ts. Reveals and feedback are functions of the live values
 * (lib/teach/live.ts): they print the numbers the page measured.
 */
import type { Known, LiveValues } from '../teach/guided';
import type { TeachLab } from '../teach/course';
import { defineMessages } from './locales';

const pct = (x: number, d = 1) => `${(100 * x).toFixed(d)}%`;
const pp = (x: number, d = 1) => (100 * x).toFixed(d);
const times = (x: number) => `${x.toFixed(2)}×`;
/** A live value printed, or a dash when the page has not measured it. */
const opt = (v: number | null | undefined, f: (x: number) => string) => (typeof v === 'number' && Number.isFinite(v) ? f(v) : '—');

export interface StepText {
  /** The prediction the reader is asked to make (one sentence). */
  predict: string;
  choices: readonly string[];
  /** What to do once the preset is applied (press Train, Measure…). */
  act: string;
  /** The answer, from the live values. */
  reveal: (v: Known, live: LiveValues) => string;
}

export interface QuestionText {
  question: string;
  /** Choices (multiple choice) or a unit (a number to type). */
  choices?: readonly string[];
  unit?: string;
  /** The right answer, with the numbers it comes from. */
  explain: (v: Known) => string;
  /** What to do before the page can check the answer. */
  waiting: string;
}

export interface RealLlmText {
  title: string;
  body: string;
  /** Short citations, shown under the note. */
  sources: readonly string[];
}

interface TeachMessages {
  guided: {
    title: string;
    intro: string;
    stepOf: (k: number, n: number) => string;
    predict: string;
    yourGuess: string;
    apply: string;
    applied: string;
    reveal: string;
    waiting: string;
    right: string;
    wrong: string;
    skip: string;
    next: string;
    finish: string;
    restart: string;
    look: string;
    done: string;
    nextLab: (title: string) => string;
    courseDone: string;
    stepsNav: string;
  };
  check: {
    title: string;
    intro: string;
    submit: string;
    right: string;
    wrong: string;
    look: string;
    answerLabel: string;
    notYet: string;
  };
  lessons: { label: string; on: string; off: string; hint: string };
  realLlm: { title: string; notes: Record<'attention' | 'acceleration' | 'activations' | 'pruning' | 'moe' | 'training', RealLlmText> };
  course: {
    startTitle: string;
    startIntro: string;
    promise: Record<TeachLab, string>;
    titles: Record<TeachLab, string>;
    nextTitle: string;
    relatedTitle: string;
    related: Record<string, string>;
  };
  /** Names of the panels the steps and questions point at, by element id. */
  panels: Record<string, string>;
  paths: {
    training: Record<'cubic' | 'oneshot' | 'linear' | 'source' | 'hard', StepText>;
    acceleration: Record<'formats90' | 'breakEven64' | 'decode' | 'dynamic' | 'model', StepText>;
    models: Record<'read' | 'random' | 'moe' | 'decode', StepText>;
  };
  checks: {
    training: Record<'orderReaches' | 'hardWinner' | 'perEpoch' | 'linearStep', QuestionText>;
    acceleration: Record<'csrBreakEven' | 'faster90' | 'decode24' | 'dynamicCost', QuestionText>;
    models: Record<'perplexity' | 'better' | 'randomRatio', QuestionText>;
  };
}

const en: TeachMessages = {
  guided: {
    title: 'Guided path',
    intro:
      'Predict, run the experiment, and compare with what your device measures. Each step is a link you can share; Back undoes a step.',
    stepOf: (k, n) => `Step ${k} of ${n}`,
    predict: 'Your prediction',
    yourGuess: 'You predicted:',
    apply: 'Set up this experiment',
    applied: 'Set up. Now:',
    reveal: 'Show the answer',
    waiting: 'The answer appears once the page has measured it.',
    right: 'As you predicted.',
    wrong: 'Not what you predicted.',
    skip: 'Skip this step',
    next: 'Next step',
    finish: 'Finish',
    restart: 'Start the path again',
    look: 'Look at:',
    done: 'You finished this path.',
    nextLab: (title) => `Next lab: ${title} →`,
    courseDone: 'That was the last lab of the course: back to all labs →',
    stepsNav: 'Steps of the guided path',
  },
  check: {
    title: 'Check yourself',
    intro: 'Answer from the values on this page; the answer is checked against what your own runs measured.',
    submit: 'Check',
    right: 'Right.',
    wrong: 'Not quite.',
    look: 'Look at',
    answerLabel: 'Your answer',
    notYet: 'This page has not measured it yet:',
  },
  lessons: {
    label: 'Lesson text',
    on: 'shown',
    off: 'hidden',
    hint: 'Hide the explanations on every lab (remembered in this browser).',
  },
  realLlm: {
    title: 'In a real LLM',
    notes: {
      attention: {
        title: 'In a real LLM: the KV cache, not the prefill FLOPs',
        body: 'While it decodes, a model keeps the keys and values of every earlier token of every layer: the KV cache grows with the context and is read again for every new token, so at long context reading it, not the prefill’s attention FLOPs, sets the speed and the memory. A sliding window bounds the cache to w tokens per layer (Mistral 7B: a window of 4,096 and a rolling buffer cache); StreamingLLM keeps a few first tokens as attention sinks plus a recent window and stays stable over millions of tokens.',
        sources: [
          'Jiang et al. 2023, “Mistral 7B”',
          'Xiao et al. 2023, “Efficient Streaming Language Models with Attention Sinks” (StreamingLLM)',
        ],
      },
      acceleration: {
        title: 'In a real LLM: decoding is memory-bound',
        body: 'An A100 (80 GB SXM) does 312 TFLOP/s of fp16 on its tensor cores against 2.0 TB/s of memory: about 150 FLOP per byte read. A decoding step multiplies each fp16 weight (2 bytes) by the batch’s N tokens: N FLOP per byte, plus the KV cache each sequence reads on its own. So decoding at batch 1 is memory-bound even on fp16 tensor cores, and usually still at batch 64–256: what speeds it up is reading fewer bytes (quantised or structured-sparse weights), not skipping multiplications.',
        sources: ['NVIDIA A100 Tensor Core GPU datasheet', 'Williams, Waterman & Patterson 2009, “Roofline”'],
      },
      activations: {
        title: 'In a real LLM: SwiGLU has no exact zeros',
        body: 'This MNIST model uses ReLU, so many activations are exactly zero for free. Llama-style models use SwiGLU, down(silu(gate x) ⊙ up x): SiLU is small but not zero for negative inputs, so almost no activation is exactly zero, and activation sparsity needs a threshold. TEAL zeroes the hidden states whose magnitude is below a per-tensor threshold, reaching 40–50% model-wide sparsity with little loss and up to 1.53× and 1.8× faster decoding with its own kernels.',
        sources: [
          'Liu et al. 2024, “Training-Free Activation Sparsity in Large Language Models” (TEAL)',
          'Shazeer 2020, “GLU Variants Improve Transformer”',
        ],
      },
      pruning: {
        title: 'In a real LLM: one-shot pruning at scale',
        body: 'Retraining a large model after pruning is too expensive, so LLMs are pruned once, from a little calibration data. SparseGPT prunes OPT-175B and BLOOM-176B to 50–60% unstructured sparsity in under 4.5 hours with a negligible rise in perplexity, updating the remaining weights layer by layer. Wanda needs no weight update: it ranks each weight by |w| times the norm of its input activation, and matches SparseGPT at 50% on LLaMA. Both also produce 2:4 masks, at a clearly larger loss.',
        sources: [
          'Frantar & Alistarh 2023, “SparseGPT”',
          'Sun et al. 2023, “A Simple and Effective Pruning Approach for Large Language Models” (Wanda)',
        ],
      },
      moe: {
        title: 'In a real LLM: experts live on different GPUs',
        body: 'Mixtral 8x7B has 47 B parameters but uses 13 B per token. At that size the experts do not fit on one GPU, so they are spread over several (expert parallelism): every MoE layer sends each token to the GPUs holding its experts and brings the results back, two all-to-all exchanges per layer. A capacity factor caps the tokens each expert takes, so the exchange has a fixed size, and the tokens beyond it are dropped or passed on unchanged.',
        sources: ['Jiang et al. 2024, “Mixtral of Experts”', 'Lepikhin et al. 2020, “GShard”', 'Fedus et al. 2021, “Switch Transformers”'],
      },
      training: {
        title: 'In a real LLM: pruning after training, then a little more training',
        body: 'Gradual pruning during a full training run, as here, is how Zhu and Gupta pruned translation and vision models. For LLMs a second full pre-training is out of reach, so they are pruned after training (SparseGPT, Wanda) and, where the loss matters, trained a little more at the final sparsity: Sheared-LLaMA pruned LLaMA-2 7B to 2.7 B and 1.3 B parameters with structured masks and continued pre-training on 50 B tokens.',
        sources: ['Zhu & Gupta 2017, “To prune, or not to prune”', 'Xia et al. 2023, “Sheared LLaMA”'],
      },
    },
  },
  course: {
    startTitle: 'Start here',
    startIntro: 'One recommended order through the site. Each lab opens with a guided path of a few steps and ends with a short check.',
    promise: {
      models: 'Meet the three small language models the labs use: see which characters surprise them.',
      pruning: 'Zero most of a trained network’s weights and see exactly what each method costs in accuracy.',
      attention: 'Let each token read only some others, and count what a sliding window or sinks save.',
      moe: 'Route each token to 2 of 8 experts: more parameters, the same work per token, and the load to balance.',
      acceleration: 'Find out when zeros become speed on your own GPU, and why 90% rarely gives 10×.',
      training: 'Prune while training and find the mistake that keeps a network from ever getting sparse.',
    },
    titles: {
      models: 'Language models',
      pruning: 'Pruning',
      attention: 'Sparse attention',
      moe: 'Mixture of experts',
      acceleration: 'Sparse acceleration',
      training: 'Gradual sparse training',
    },
    nextTitle: 'Where next',
    relatedTitle: 'Related panels in other labs',
    related: {
      modelsToPruning: 'Pruning: what zeroing weights costs',
      modelsToMoe: 'Mixture of experts: how moe-en picks 2 of 8 experts',
      pruningToSpeed: 'Acceleration: does this mask run faster?',
      pruningToTraining: 'Training: prune while training instead',
      attentionToModels: 'Language models: attention in a real (small) model',
      moeToSpeed: 'Acceleration: when skipped work becomes time saved',
      moeToModels: 'Language models: read a text with moe-en or lm-en, character by character',
      speedToPruning: 'Pruning: what each of these masks costs in accuracy',
      speedToMoe: 'Mixture of experts: skipping whole experts instead of single weights',
      speedToTraining: 'Training: reaching 90% sparsity with little loss',
      trainingToPruning: 'Pruning: the same network pruned once, without training',
      trainingToSpeed: 'Acceleration: would a 90% sparse layer run faster?',
    },
  },
  panels: {
    readouts: 'the run’s numbers (measured sparsity, test accuracy)',
    runs: 'the table “Your runs in this session”',
    controls: 'the settings (the steps-per-epoch line)',
    'schedule-preview': 'the schedule chart before training',
    'speed-table': 'the measured table (speed-up per format)',
    decode: 'Decode a real model (its table and where the time goes)',
    'speed-chart': 'the speed-up chart and its break-even lines',
    measure: 'Measure on this device',
    dynamic: 'Dynamic sparsity (accuracy with the kept activations)',
    formats: 'How each format stores the weight',
    'text-panel': 'the text panel (bits per character, generation speed)',
    'lm-cost': 'What the pattern costs the model (the test-sample row)',
    'lm-heads': 'Real attention heads (the distance line under the grid)',
    'lm-sinks': 'Attention sinks',
    'lm-kv': 'The KV cache during decoding (the Llama-2-7B table)',
    'accuracy-summary': 'Accuracy on 2,000 test digits (dense and pruned)',
    weights: 'the weights of the layer shown (heatmap, magnitudes, norms)',
    'lm-live': 'Perplexity now (dense, pruned, ratio)',
    'moe-lm-classes': 'Expert usage by character class',
    'moe-lm-consecutive': 'Do consecutive characters pick the same expert?',
    'moe-lm-capacity': 'Capacity on real tokens',
    'moe-lm-changes': 'What changing the routing costs the model',
    'moe-model': 'The trained MoE (the note on the auxiliary loss)',
  },
  paths: {
    training: {
      cubic: {
        predict: 'Trained from scratch while the cubic schedule prunes 90% of its weights, will the network end above 90% test accuracy?',
        choices: ['Yes, above 90%', 'No, 90% or less'],
        act: 'Press Train and wait for the run to finish (about 10 s on WASM).',
        reveal: (v) =>
          `Your cubic run ended at ${pct(v['cubic.measured'])} measured sparsity with ${pct(v['cubic.acc'], 2)} test accuracy.`,
      },
      oneshot: {
        predict: 'Now prune 90% at once at step 128, leaving one epoch (32 steps) to recover. Will it end as accurate as the cubic run?',
        choices: ['Yes, as accurate (within half a point)', 'No, less accurate'],
        act: 'Press Train, and watch the accuracy at step 128.',
        reveal: (v) =>
          `One-shot ended at ${pct(v['oneshot.acc'], 2)}, cubic at ${pct(v['cubic.acc'], 2)}: a difference of ${pp(v['oneshot.acc'] - v['cubic.acc'], 2)} points.`,
      },
      linear: {
        predict:
          'The source’s linear rule prunes once per epoch, in steps of 22.5 points over 5 epochs (its 10 points per epoch, scaled to this run). Will it end within 1 point of the cubic run?',
        choices: ['Yes, within 1 point', 'No, further apart'],
        act: 'Press Train and watch the target sparsity climb in stairs.',
        reveal: (v) =>
          `Linear ended at ${pct(v['linear.acc'], 2)}, cubic at ${pct(v['cubic.acc'], 2)} (${pp(v['linear.acc'] - v['cubic.acc'], 2)} points).`,
      },
      source: {
        predict: 'The source applies the mask between backward() and optimizer.step(). Will the run reach its 90% target sparsity?',
        choices: ['Yes, it reaches 90%', 'No, it ends below'],
        act: 'Press Train and compare the target and measured sparsity.',
        reveal: (v) =>
          `It aimed at ${pct(v['source.target'])} and measured ${pct(v['source.measured'])} after its last step: the optimiser step moved the pruned weights off zero again.`,
      },
      hard: {
        predict:
          'The source-order run may show a higher test accuracy, but it kept most of its weights. Forced down to 90% with a final hard mask, which run will be more accurate?',
        choices: ['The correct order', 'The source’s order'],
        act: 'Train this correct-order run again if the table has none; the “After a hard mask” column of the runs table holds the answer.',
        reveal: (v) =>
          `After a final hard mask at 90%: correct order ${pct(v['cubic.hard'], 2)}, source’s order ${pct(v['source.hard'], 2)}. Before it: ${pct(v['cubic.acc'], 2)} and ${pct(v['source.acc'], 2)}. The source’s run “won” only because it was not sparse.`,
      },
    },
    acceleration: {
      formats90: {
        predict:
          'At 90% sparsity the source promises 5×. Which storage format gets closer: CSR (scattered zeros) or BSR (whole 32 × 32 blocks of zeros)?',
        choices: ['CSR', 'BSR', 'Neither reaches 2×'],
        act: 'Press “Measure on this device” and wait for the table (up to a few minutes on a software adapter).',
        reveal: (v, live) =>
          `At 90%: CSR ${times(v['b64.csr.at90'])}, BSR ${times(v['b64.bsr.at90'])} our dense kernel (ideal 10×). CSR breaks even at ${opt(live['b64.csr.breakEven'], (x) => pct(x, 0))}.`,
      },
      breakEven64: {
        predict: 'From what sparsity on is CSR faster than dense at batch 64: below 50%, 50–70%, or above 70%?',
        choices: ['Below 50%', '50–70%', 'Above 70%'],
        act: 'Measure (the same settings as step 1: the table you have answers it), then read the break-even line under the chart.',
        reveal: (v) => `CSR breaks even at ${pct(v['b64.csr.breakEven'], 0)} sparsity on this device, at batch 64.`,
      },
      decode: {
        predict:
          'Decoding multiplies one token at a time (batch 1): the weights are read once for 2 FLOP each. Will 2:4 sparsity beat our dense kernel there?',
        choices: ['Yes, faster than dense', 'No'],
        act: 'Press “Measure on this device”.',
        reveal: (v, live) =>
          `At batch 1, 2:4 runs at ${times(v['b1.s24.at50'])} dense and CSR at 90% at ${times(v['b1.csr.at90'])}${typeof live['b1.csr.breakEven'] === 'number' ? ` (break-even ${pct(live['b1.csr.breakEven'], 0)}, against ${opt(live['b64.csr.breakEven'], (x) => pct(x, 0))} at batch 64)` : ''}.`,
      },
      dynamic: {
        predict:
          'Keep only the largest 10% of each digit’s hidden activations (top-k per token). Will the test accuracy stay within 1 point of the dense model?',
        choices: ['Yes, within 1 point', 'No'],
        act: 'Wait for “Dynamic sparsity” to compute (a few seconds).',
        reveal: (v) =>
          `Keeping ${pct(v['dyn.kept'])} of the activations: ${pct(v['dyn.acc'], 2)} test accuracy, against ${pct(v['dyn.base'], 2)} dense (${pp(v['dyn.base'] - v['dyn.acc'], 2)} points lost).`,
      },
      model: {
        predict:
          'Now a whole language model: lm-en decodes token by token with its 28 linear layers as CSR at 50% (magnitude). The source promises 1.5× at 50%. What will the whole decoding step gain?',
        choices: ['1.5× or more', 'Faster, but less than 1.5×', 'Nothing: about 1× or slower'],
        act: 'Press “Decode” in “Decode a real model” and wait for its table (about a minute on a software adapter).',
        reveal: (v) =>
          `CSR at 50%: the whole step ${times(v['dec.csr.at50'])} dense, its linear layers alone ${times(v['dec.csr.linear50'])}. The linear layers are ${pct(v['dec.share'], 0)} of a dense step, so no kernel can make the step more than ${times(v['dec.limit'])} faster (Amdahl). Test perplexity ${v['dec.ppl.dense'].toFixed(3)} → ${v['dec.ppl.csr50'].toFixed(3)}.`,
      },
    },
    models: {
      read: {
        predict:
          'A model that knows nothing needs log₂(vocabulary) bits per character. On an English test passage it never saw, will lm-en need less than half of that?',
        choices: ['Yes, less than half', 'No'],
        act: 'If asked, press Download (about 6 MB, kept in this browser), then wait for the score.',
        reveal: (v) =>
          `lm-en needs ${v['bpc.lm-en.p0'].toFixed(3)} bits per character on passage 1; a uniform guess over its characters needs ${v['uniform.lm-en'].toFixed(3)}.`,
      },
      random: {
        predict: 'Now it reads a line of random letters. Will it need more than twice the bits per character it needed on the passage?',
        choices: ['Yes, more than twice', 'No'],
        act: 'Wait for the score of the new text.',
        reveal: (v) =>
          `${v['bpc.lm-en.text'].toFixed(3)} bits per character on random letters against ${v['bpc.lm-en.p0'].toFixed(3)} on the passage: ${(v['bpc.lm-en.text'] / v['bpc.lm-en.p0']).toFixed(2)} times as many.`,
      },
      moe: {
        predict:
          'moe-en has 5.14 M parameters but runs only 1.60 M for each character (2 of its 8 experts). On the same passage, will it need fewer bits than lm-en?',
        choices: ['Yes, fewer bits', 'No'],
        act: 'Download moe-en if asked, then wait for the score.',
        reveal: (v) => `moe-en: ${v['bpc.moe-en.p0'].toFixed(3)} bits per character; lm-en: ${v['bpc.lm-en.p0'].toFixed(3)}.`,
      },
      decode: {
        predict:
          'Generating runs the model once per character, batch 1, with a KV cache. Will your device write more than 20 characters per second?',
        choices: ['More than 20 per second', '20 or fewer'],
        act: 'Press Generate.',
        reveal: (v) => `Your device generated ${v.cps.toFixed(0)} characters per second.`,
      },
    },
  },
  checks: {
    training: {
      orderReaches: {
        question: 'Which mask order reached its target sparsity in your runs?',
        choices: ['Only the correct order (mask after optimizer.step())', 'Only the source’s order', 'Both or neither'],
        explain: (v) =>
          `Correct order: target ${pct(v['cubic.target'])}, measured ${pct(v['cubic.measured'])}; source’s order: target ${pct(v['source.target'])}, measured ${pct(v['source.measured'])}.`,
        waiting: 'train a cubic run in each mask order (guided steps 1 and 4).',
      },
      hardWinner: {
        question: 'After a final hard mask at the target sparsity, which run is more accurate?',
        choices: ['The correct order', 'The source’s order'],
        explain: (v) => `Correct order ${pct(v['cubic.hard'], 2)}, source’s order ${pct(v['source.hard'], 2)}.`,
        waiting: 'train a cubic run in each mask order.',
      },
      perEpoch: {
        question: 'How many optimiser steps does one epoch have with the current settings?',
        unit: 'steps',
        explain: (v) => `${v.perEpoch} steps: ⌈training digits ÷ batch size⌉.`,
        waiting: 'choose valid training digits and batch size.',
      },
      linearStep: {
        question: 'With the current final sparsity and epochs, how many percentage points does the linear rule add per epoch?',
        unit: 'points',
        explain: (v) =>
          `${v.linearStep.toFixed(1)} points: final ÷ (epochs − 1). The source’s 10 points per epoch is this rule at 90% and 10 epochs.`,
        waiting: 'choose at least 2 epochs.',
      },
    },
    acceleration: {
      csrBreakEven: {
        question: 'From what sparsity (%) on is CSR faster than our dense kernel at batch 64 on your device?',
        unit: '%',
        explain: (v) => `${pct(v['b64.csr.breakEven'], 1)} (3 points either way count as right).`,
        waiting: 'measure at batch 64 with CSR (guided step 1).',
      },
      faster90: {
        question: 'At 90% sparsity and batch 64, which format was faster?',
        choices: ['CSR', 'BSR'],
        explain: (v) => `CSR ${times(v['b64.csr.at90'])}, BSR ${times(v['b64.bsr.at90'])}.`,
        waiting: 'measure at batch 64 with CSR and BSR (guided step 1).',
      },
      decode24: {
        question: 'At batch 1, was 2:4 faster than our dense kernel on this device?',
        choices: ['Yes', 'No'],
        explain: (v) => `2:4 ran at ${times(v['b1.s24.at50'])} dense.`,
        waiting: 'measure at batch 1 with 2:4 (guided step 3).',
      },
      dynamicCost: {
        question: 'With the current kept fraction, how many points of test accuracy does dynamic sparsity cost?',
        unit: 'points',
        explain: (v) => `${pp(v['dyn.base'] - v['dyn.acc'], 2)} points (${pct(v['dyn.base'], 2)} dense, ${pct(v['dyn.acc'], 2)} sparse).`,
        waiting: 'wait for the dynamic sparsity panel.',
      },
    },
    models: {
      perplexity: {
        question: 'Perplexity is 2 to the power of the bits per character. What is lm-en’s perplexity on passage 1?',
        unit: '',
        explain: (v) =>
          `2^${v['bpc.lm-en.p0'].toFixed(3)} = ${(2 ** v['bpc.lm-en.p0']).toFixed(2)}: as unsure as a fair choice among that many characters.`,
        waiting: 'score passage 1 with lm-en (guided step 1).',
      },
      better: {
        question: 'Which model needed fewer bits per character on passage 1?',
        choices: ['lm-en', 'moe-en'],
        explain: (v) => `lm-en ${v['bpc.lm-en.p0'].toFixed(3)}, moe-en ${v['bpc.moe-en.p0'].toFixed(3)} bits per character.`,
        waiting: 'score passage 1 with lm-en and with moe-en (guided steps 1 and 3).',
      },
      randomRatio: {
        question: 'How many times as many bits per character did lm-en need on the random letters as on passage 1?',
        unit: '×',
        explain: (v) =>
          `${(v['bpc.lm-en.text'] / v['bpc.lm-en.p0']).toFixed(2)}× (${v['bpc.lm-en.text'].toFixed(3)} ÷ ${v['bpc.lm-en.p0'].toFixed(3)}).`,
        waiting: 'score the random letters with lm-en (guided step 2).',
      },
    },
  },
};

const zh: TeachMessages = {
  guided: {
    title: '引导路线',
    intro: '先预测，再运行实验，然后与你的设备实测的结果对照。每一步都是一个可分享的链接；浏览器的“后退”可以撤销一步。',
    stepOf: (k, n) => `第 ${k} 步，共 ${n} 步`,
    predict: '你的预测',
    yourGuess: '你的预测：',
    apply: '设置这个实验',
    applied: '已设置。接下来：',
    reveal: '显示答案',
    waiting: '页面测出结果后才会显示答案。',
    right: '与你的预测一致。',
    wrong: '与你的预测不同。',
    skip: '跳过这一步',
    next: '下一步',
    finish: '完成',
    restart: '重新开始这条路线',
    look: '请看：',
    done: '你完成了这条路线。',
    nextLab: (title) => `下一个实验：${title} →`,
    courseDone: '这是课程的最后一个实验：返回全部实验 →',
    stepsNav: '引导路线的步骤',
  },
  check: {
    title: '自我检验',
    intro: '根据本页上的数值作答；答案会与你自己的运行实测结果核对。',
    submit: '检查',
    right: '正确。',
    wrong: '不太对。',
    look: '请看',
    answerLabel: '你的答案',
    notYet: '本页还没有测出它：',
  },
  lessons: {
    label: '讲解文字',
    on: '显示',
    off: '隐藏',
    hint: '在所有实验页隐藏讲解（此浏览器会记住）。',
  },
  realLlm: {
    title: '在真实的大语言模型中',
    notes: {
      attention: {
        title: '在真实的大语言模型中：关键是 KV 缓存，而不是预填充的 FLOPs',
        body: '解码时，模型要保存每一层中所有之前 token 的键和值：KV 缓存随上下文增长，每生成一个新 token 都要重新读一遍。所以在长上下文下，决定速度和内存的是读取 KV 缓存，而不是预填充阶段注意力的 FLOPs。滑动窗口把每层的缓存限制在 w 个 token（Mistral 7B：窗口 4,096，滚动缓冲缓存）；StreamingLLM 保留最前面的几个 token 作为注意力汇聚点，再加一个最近窗口，在数百万 token 上保持稳定。',
        sources: [
          'Jiang 等 2023，《Mistral 7B》',
          'Xiao 等 2023，《Efficient Streaming Language Models with Attention Sinks》（StreamingLLM）',
        ],
      },
      acceleration: {
        title: '在真实的大语言模型中：解码是访存受限的',
        body: 'A100（80 GB SXM）的张量核心 fp16 算力为 312 TFLOP/s，显存带宽 2.0 TB/s：每读一个字节约能做 150 次浮点运算。解码的一步把每个 fp16 权重（2 字节）与批内的 N 个 token 相乘：每字节 N 次运算，外加每条序列各自要读的 KV 缓存。所以批大小为 1 的解码即使在 fp16 张量核心上也是访存受限的，批大小为 64–256 时通常依然如此：让它变快的是少读字节（量化或结构化稀疏的权重），而不是跳过乘法。',
        sources: ['NVIDIA A100 Tensor Core GPU 数据手册', 'Williams、Waterman 与 Patterson 2009，《Roofline》'],
      },
      activations: {
        title: '在真实的大语言模型中：SwiGLU 没有精确的零',
        body: '这个 MNIST 模型用的是 ReLU，所以很多激活本来就恰好为零。Llama 类模型用 SwiGLU，down(silu(gate x) ⊙ up x)：SiLU 对负输入的输出很小却不为零，几乎没有激活恰好为零，因此激活稀疏需要阈值。TEAL 把幅值低于每个张量阈值的隐藏状态置零，在整个模型上达到 40–50% 的稀疏度而损失很小，配合它自己的内核解码最多快 1.53 倍和 1.8 倍。',
        sources: [
          'Liu 等 2024，《Training-Free Activation Sparsity in Large Language Models》（TEAL）',
          'Shazeer 2020，《GLU Variants Improve Transformer》',
        ],
      },
      pruning: {
        title: '在真实的大语言模型中：大规模的一次性剪枝',
        body: '大模型剪枝后再训练代价太高，所以大语言模型只用少量校准数据剪一次。SparseGPT 在 4.5 小时内把 OPT-175B 和 BLOOM-176B 剪到 50–60% 的非结构化稀疏度，困惑度几乎不升，做法是逐层更新剩余的权重。Wanda 不更新权重：它按 |w| 乘以输入激活的范数给每个权重排序，在 LLaMA 上 50% 时与 SparseGPT 相当。两者也都能生成 2:4 掩码，但损失明显更大。',
        sources: [
          'Frantar 与 Alistarh 2023，《SparseGPT》',
          'Sun 等 2023，《A Simple and Effective Pruning Approach for Large Language Models》（Wanda）',
        ],
      },
      moe: {
        title: '在真实的大语言模型中：专家分布在不同的 GPU 上',
        body: 'Mixtral 8x7B 有 470 亿参数，每个 token 只用 130 亿。到这个规模，专家放不进一块 GPU，要分布到多块上（专家并行）：每个 MoE 层都要把每个 token 发到持有其专家的 GPU，再把结果取回，每层两次 all-to-all 交换。容量因子限制每个专家接收的 token 数，使交换的大小固定，超出的 token 被丢弃或原样传到下一层。',
        sources: ['Jiang 等 2024，《Mixtral of Experts》', 'Lepikhin 等 2020，《GShard》', 'Fedus 等 2021，《Switch Transformers》'],
      },
      training: {
        title: '在真实的大语言模型中：先训练后剪枝，再补一点训练',
        body: '像这里这样在完整训练过程中渐进剪枝，是 Zhu 与 Gupta 剪枝翻译和视觉模型的做法。对大语言模型来说，再做一次完整的预训练是负担不起的，所以它们在训练之后剪枝（SparseGPT、Wanda），在在意损失时再以最终稀疏度训练一小段：Sheared-LLaMA 用结构化掩码把 LLaMA-2 7B 剪到 27 亿和 13 亿参数，再用 500 亿个 token 继续预训练。',
        sources: ['Zhu 与 Gupta 2017，《To prune, or not to prune》', 'Xia 等 2023，《Sheared LLaMA》'],
      },
    },
  },
  course: {
    startTitle: '从这里开始',
    startIntro: '推荐的学习顺序。每个实验都以几步引导路线开头，以一个简短的自我检验结尾。',
    promise: {
      models: '认识各个实验所用的三个小型语言模型：看看哪些字符让它们意外。',
      pruning: '把训练好的网络的大部分权重置零，看清每种方法在准确率上的确切代价。',
      attention: '让每个 token 只读取部分其他 token，算一算滑动窗口或汇聚点省下了多少。',
      moe: '把每个 token 路由到 8 个专家中的 2 个：参数更多，每个 token 的计算量不变，还要平衡负载。',
      acceleration: '在你自己的 GPU 上找出零何时变成速度，以及为什么 90% 稀疏度很少带来 10 倍加速。',
      training: '边训练边剪枝，并找出那个让网络永远稀疏不起来的错误。',
    },
    titles: {
      models: '语言模型',
      pruning: '剪枝',
      attention: '稀疏注意力',
      moe: '混合专家',
      acceleration: '稀疏加速',
      training: '渐进式稀疏训练',
    },
    nextTitle: '接下来去哪里',
    relatedTitle: '其他实验中的相关面板',
    related: {
      modelsToPruning: '剪枝：把权重置零的代价',
      modelsToMoe: '混合专家：moe-en 如何从 8 个专家中选 2 个',
      pruningToSpeed: '稀疏加速：这个掩码跑得更快吗？',
      pruningToTraining: '稀疏训练：改为边训练边剪枝',
      attentionToModels: '语言模型：一个真实（小型）模型中的注意力',
      moeToSpeed: '稀疏加速：省下的计算何时变成省下的时间',
      moeToModels: '语言模型：用 moe-en 或 lm-en 逐个字符地读一段文字',
      speedToPruning: '剪枝：这些掩码各自在准确率上的代价',
      speedToMoe: '混合专家：跳过整个专家，而不是单个权重',
      speedToTraining: '稀疏训练：以很小的损失达到 90% 稀疏度',
      trainingToPruning: '剪枝：同一个网络不经训练、一次剪完',
      trainingToSpeed: '稀疏加速：90% 稀疏的层会跑得更快吗？',
    },
  },
  panels: {
    readouts: '本次训练的数值（实测稀疏度、测试准确率）',
    runs: '“本次会话中的训练记录”表',
    controls: '设置（“1 个 epoch = … 步”那一行）',
    'schedule-preview': '训练前的稀疏度调度图',
    'speed-table': '实测表格（各格式的加速比）',
    decode: '用稀疏内核解码一个真实模型（表格与时间去向）',
    'speed-chart': '加速比图表及其持平线',
    measure: '在本机上测量',
    dynamic: '动态稀疏（保留部分激活时的准确率）',
    formats: '各格式如何存储权重',
    'text-panel': '文本面板（每字符比特数、生成速度）',
    'lm-cost': '该模式让模型付出的代价（测试样本那一行）',
    'lm-heads': '真实的注意力头（网格下方的距离说明）',
    'lm-sinks': '注意力汇聚点',
    'lm-kv': '解码时的 KV 缓存（Llama-2-7B 的表格）',
    'accuracy-summary': '2,000 张测试图片上的准确率（稠密与剪枝后）',
    weights: '所显示层的权重（热力图、幅值、范数）',
    'lm-live': '当前困惑度（稠密、剪枝后、倍数）',
    'moe-lm-classes': '按字符类别统计的专家使用情况',
    'moe-lm-consecutive': '相邻字符会选择同一个专家吗？',
    'moe-lm-capacity': '真实 token 上的容量',
    'moe-lm-changes': '改变路由会让模型付出多少代价',
    'moe-model': '训练好的 MoE（关于辅助损失的说明）',
  },
  paths: {
    training: {
      cubic: {
        predict: '从零训练，同时由三次方调度剪掉 90% 的权重：网络最终的测试准确率会高于 90% 吗？',
        choices: ['会，高于 90%', '不会，不超过 90%'],
        act: '点击“训练”，等待训练结束（WASM 上约 10 秒）。',
        reveal: (v) => `你的三次方训练最终实测稀疏度为 ${pct(v['cubic.measured'])}，测试准确率 ${pct(v['cubic.acc'], 2)}。`,
      },
      oneshot: {
        predict: '现在在第 128 步一次剪掉 90%，只留一个 epoch（32 步）来恢复。它最终会和三次方训练一样准确吗？',
        choices: ['会，一样准确（相差不到半个百分点）', '不会，更差'],
        act: '点击“训练”，留意第 128 步时的准确率。',
        reveal: (v) =>
          `一次性剪枝最终为 ${pct(v['oneshot.acc'], 2)}，三次方为 ${pct(v['cubic.acc'], 2)}：相差 ${pp(v['oneshot.acc'] - v['cubic.acc'], 2)} 个百分点。`,
      },
      linear: {
        predict:
          '原文的线性规则每个 epoch 剪一次，5 个 epoch 时每次加 22.5 个百分点（即它每 epoch 10 个百分点的规则按本次训练缩放）。它最终会与三次方相差不到 1 个百分点吗？',
        choices: ['会，相差不到 1 个百分点', '不会，差得更多'],
        act: '点击“训练”，看目标稀疏度像台阶一样上升。',
        reveal: (v) =>
          `线性最终为 ${pct(v['linear.acc'], 2)}，三次方为 ${pct(v['cubic.acc'], 2)}（${pp(v['linear.acc'] - v['cubic.acc'], 2)} 个百分点）。`,
      },
      source: {
        predict: '原文在 backward() 与 optimizer.step() 之间施加掩码。这次训练能达到 90% 的目标稀疏度吗？',
        choices: ['能，达到 90%', '不能，最终低于目标'],
        act: '点击“训练”，对比目标稀疏度与实测稀疏度。',
        reveal: (v) =>
          `它的目标是 ${pct(v['source.target'])}，最后一步之后实测为 ${pct(v['source.measured'])}：优化器更新又把被剪的权重推离了 0。`,
      },
      hard: {
        predict: '按原文顺序的训练测试准确率可能更高，但它保留了大部分权重。最后用硬掩码强制剪到 90% 后，哪一次训练更准确？',
        choices: ['正确顺序', '原文顺序'],
        act: '如果表中还没有正确顺序的训练，就再训练一次；训练记录表的“硬掩码后”一列就是答案。',
        reveal: (v) =>
          `最后用硬掩码剪到 90% 后：正确顺序 ${pct(v['cubic.hard'], 2)}，原文顺序 ${pct(v['source.hard'], 2)}。硬掩码之前分别为 ${pct(v['cubic.acc'], 2)} 和 ${pct(v['source.acc'], 2)}。原文的训练“胜出”只是因为它并不稀疏。`,
      },
    },
    acceleration: {
      formats90: {
        predict: '原文说 90% 稀疏度能快 5 倍。哪种存储格式更接近：CSR（零散的零）还是 BSR（整块 32 × 32 的零）？',
        choices: ['CSR', 'BSR', '都不到 2 倍'],
        act: '点击“在本机上测量”，等待表格填满（软件适配器上最多几分钟）。',
        reveal: (v, live) =>
          `90% 时：CSR 为我们稠密内核的 ${times(v['b64.csr.at90'])}，BSR 为 ${times(v['b64.bsr.at90'])}（理想值 10 倍）。CSR 在 ${opt(live['b64.csr.breakEven'], (x) => pct(x, 0))} 时持平。`,
      },
      breakEven64: {
        predict: '批大小为 64 时，CSR 从多大的稀疏度开始比稠密快：低于 50%、50–70%，还是高于 70%？',
        choices: ['低于 50%', '50–70%', '高于 70%'],
        act: '测量（与第 1 步设置相同：你已有的表格就能回答），然后看图表下方的持平线。',
        reveal: (v) => `在本机上，批大小为 64 时 CSR 在 ${pct(v['b64.csr.breakEven'], 0)} 的稀疏度持平。`,
      },
      decode: {
        predict: '解码一次只乘一个 token（批大小 1）：每个权重读一次只做 2 次运算。2:4 稀疏在这里会比我们的稠密内核快吗？',
        choices: ['会，比稠密快', '不会'],
        act: '点击“在本机上测量”。',
        reveal: (v, live) =>
          `批大小为 1 时，2:4 为稠密的 ${times(v['b1.s24.at50'])}，90% 的 CSR 为 ${times(v['b1.csr.at90'])}${typeof live['b1.csr.breakEven'] === 'number' ? `（持平点 ${pct(live['b1.csr.breakEven'], 0)}，批大小 64 时为 ${opt(live['b64.csr.breakEven'], (x) => pct(x, 0))}）` : ''}。`,
      },
      dynamic: {
        predict: '每张数字只保留隐藏激活中最大的 10%（每个 token 取 top-k）。测试准确率会与稠密模型相差不到 1 个百分点吗？',
        choices: ['会，相差不到 1 个百分点', '不会'],
        act: '等待“动态稀疏”计算完成（几秒钟）。',
        reveal: (v) =>
          `保留 ${pct(v['dyn.kept'])} 的激活：测试准确率 ${pct(v['dyn.acc'], 2)}，稠密为 ${pct(v['dyn.base'], 2)}（损失 ${pp(v['dyn.base'] - v['dyn.acc'], 2)} 个百分点）。`,
      },
      model: {
        predict:
          '现在换成一个完整的语言模型：lm-en 逐 token 解码，它的 28 个线性层都以 50%（幅值剪枝）的 CSR 运行。原文说 50% 能快 1.5 倍。整个解码步骤能快多少？',
        choices: ['1.5 倍或更多', '更快，但不到 1.5 倍', '没有提升：约 1 倍或更慢'],
        act: '在“用稀疏内核解码一个真实模型”中点击“解码”，等待表格（软件适配器上约一分钟）。',
        reveal: (v) =>
          `50% 的 CSR：整个解码步骤是稠密的 ${times(v['dec.csr.at50'])}，单看线性层是 ${times(v['dec.csr.linear50'])}。线性层只占稠密步骤的 ${pct(v['dec.share'], 0)}，所以无论内核多快，整步最多快 ${times(v['dec.limit'])}（阿姆达尔定律）。测试集困惑度 ${v['dec.ppl.dense'].toFixed(3)} → ${v['dec.ppl.csr50'].toFixed(3)}。`,
      },
    },
    models: {
      read: {
        predict:
          '一个什么都不懂的模型每个字符需要 log₂(词表大小) 比特。在一段它从未见过的英文测试文字上，lm-en 需要的会少于这个数的一半吗？',
        choices: ['会，少于一半', '不会'],
        act: '如有提示，点击“下载”（约 6 MB，保存在此浏览器中），然后等待评分。',
        reveal: (v) =>
          `lm-en 在第 1 段上每个字符需要 ${v['bpc.lm-en.p0'].toFixed(3)} 比特；在它的字符表上均匀猜测需要 ${v['uniform.lm-en'].toFixed(3)} 比特。`,
      },
      random: {
        predict: '现在让它读一行随机字母。它每个字符需要的比特数会超过读那段文字时的两倍吗？',
        choices: ['会，超过两倍', '不会'],
        act: '等待新文本的评分。',
        reveal: (v) =>
          `随机字母每字符 ${v['bpc.lm-en.text'].toFixed(3)} 比特，那段文字为 ${v['bpc.lm-en.p0'].toFixed(3)}：是它的 ${(v['bpc.lm-en.text'] / v['bpc.lm-en.p0']).toFixed(2)} 倍。`,
      },
      moe: {
        predict: 'moe-en 有 514 万参数，但每个字符只运行其中 160 万（8 个专家中的 2 个）。在同一段文字上，它需要的比特数会比 lm-en 少吗？',
        choices: ['会，更少', '不会'],
        act: '如有提示，下载 moe-en，然后等待评分。',
        reveal: (v) => `moe-en：每字符 ${v['bpc.moe-en.p0'].toFixed(3)} 比特；lm-en：${v['bpc.lm-en.p0'].toFixed(3)}。`,
      },
      decode: {
        predict: '生成时每个字符运行一次模型，批大小为 1，使用 KV 缓存。你的设备每秒能写出超过 20 个字符吗？',
        choices: ['每秒超过 20 个', '20 个或更少'],
        act: '点击“生成”。',
        reveal: (v) => `你的设备每秒生成了 ${v.cps.toFixed(0)} 个字符。`,
      },
    },
  },
  checks: {
    training: {
      orderReaches: {
        question: '在你的训练中，哪种掩码顺序达到了目标稀疏度？',
        choices: ['只有正确顺序（在 optimizer.step() 之后施加掩码）', '只有原文顺序', '两者都达到或都没达到'],
        explain: (v) =>
          `正确顺序：目标 ${pct(v['cubic.target'])}，实测 ${pct(v['cubic.measured'])}；原文顺序：目标 ${pct(v['source.target'])}，实测 ${pct(v['source.measured'])}。`,
        waiting: '用两种掩码顺序各训练一次三次方调度（引导路线第 1 步和第 4 步）。',
      },
      hardWinner: {
        question: '最后用硬掩码剪到目标稀疏度后，哪一次训练更准确？',
        choices: ['正确顺序', '原文顺序'],
        explain: (v) => `正确顺序 ${pct(v['cubic.hard'], 2)}，原文顺序 ${pct(v['source.hard'], 2)}。`,
        waiting: '用两种掩码顺序各训练一次三次方调度。',
      },
      perEpoch: {
        question: '按当前设置，一个 epoch 有多少个优化步？',
        unit: '步',
        explain: (v) => `${v.perEpoch} 步：⌈训练样本数 ÷ 批大小⌉。`,
        waiting: '请选择有效的训练样本数和批大小。',
      },
      linearStep: {
        question: '按当前的最终稀疏度和 epoch 数，线性规则每个 epoch 增加多少个百分点？',
        unit: '个百分点',
        explain: (v) =>
          `${v.linearStep.toFixed(1)} 个百分点：最终稀疏度 ÷（epoch 数 − 1）。原文的每 epoch 10 个百分点，就是这条规则在 90%、10 个 epoch 时的情形。`,
        waiting: '请选择至少 2 个 epoch。',
      },
    },
    acceleration: {
      csrBreakEven: {
        question: '在你的设备上，批大小为 64 时，CSR 从多大的稀疏度（%）开始比我们的稠密内核快？',
        unit: '%',
        explain: (v) => `${pct(v['b64.csr.breakEven'], 1)}（上下 3 个百分点以内都算对）。`,
        waiting: '在批大小 64 下测量 CSR（引导路线第 1 步）。',
      },
      faster90: {
        question: '稀疏度 90%、批大小 64 时，哪种格式更快？',
        choices: ['CSR', 'BSR'],
        explain: (v) => `CSR ${times(v['b64.csr.at90'])}，BSR ${times(v['b64.bsr.at90'])}。`,
        waiting: '在批大小 64 下测量 CSR 和 BSR（引导路线第 1 步）。',
      },
      decode24: {
        question: '批大小为 1 时，2:4 在本机上比我们的稠密内核快吗？',
        choices: ['快', '不快'],
        explain: (v) => `2:4 为稠密的 ${times(v['b1.s24.at50'])}。`,
        waiting: '在批大小 1 下测量 2:4（引导路线第 3 步）。',
      },
      dynamicCost: {
        question: '按当前的保留比例，动态稀疏让测试准确率损失多少个百分点？',
        unit: '个百分点',
        explain: (v) => `${pp(v['dyn.base'] - v['dyn.acc'], 2)} 个百分点（稠密 ${pct(v['dyn.base'], 2)}，稀疏 ${pct(v['dyn.acc'], 2)}）。`,
        waiting: '等待动态稀疏面板算完。',
      },
    },
    models: {
      perplexity: {
        question: '困惑度等于 2 的“每字符比特数”次方。lm-en 在第 1 段上的困惑度是多少？',
        unit: '',
        explain: (v) =>
          `2^${v['bpc.lm-en.p0'].toFixed(3)} = ${(2 ** v['bpc.lm-en.p0']).toFixed(2)}：相当于在这么多个字符中公平地选一个那样不确定。`,
        waiting: '用 lm-en 给第 1 段评分（引导路线第 1 步）。',
      },
      better: {
        question: '在第 1 段上，哪个模型每个字符需要的比特更少？',
        choices: ['lm-en', 'moe-en'],
        explain: (v) => `lm-en 每字符 ${v['bpc.lm-en.p0'].toFixed(3)} 比特，moe-en ${v['bpc.moe-en.p0'].toFixed(3)} 比特。`,
        waiting: '分别用 lm-en 和 moe-en 给第 1 段评分（引导路线第 1 步和第 3 步）。',
      },
      randomRatio: {
        question: 'lm-en 读随机字母时每个字符需要的比特数，是读第 1 段时的多少倍？',
        unit: '×',
        explain: (v) =>
          `${(v['bpc.lm-en.text'] / v['bpc.lm-en.p0']).toFixed(2)} 倍（${v['bpc.lm-en.text'].toFixed(3)} ÷ ${v['bpc.lm-en.p0'].toFixed(3)}）。`,
        waiting: '用 lm-en 给随机字母评分（引导路线第 2 步）。',
      },
    },
  },
};

export const teachMessages = defineMessages({ en, zh });
export type { TeachMessages };
