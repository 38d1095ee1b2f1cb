/**
 * The pruning lab's guided-path steps and check questions (lib/teach/path-pruning.ts), English
 * and Simplified Chinese. Reveals and explanations print the live values the page measured, in
 * the same format as the lab's panels (accuracies with two decimals, perplexities with two).
 */
import { PAPER_LLAMA7B } from '../lm/prune-jobs';
import type { Known, LiveValues } from '../teach/guided';
import { K } from '../teach/path-pruning';
import { type Locale, defineMessages, formatNumber } from './locales';
import type { QuestionText, StepText } from './teach';

type StepId = 'l1at90' | 'structured' | 'outputLayer' | 'lmMagnitude' | 'lmWanda' | 'lmSparsegpt';
type QuestionId = 'l1Loss' | 'outputCost' | 'lmBest' | 'lmRatio';

/** An accuracy as the lab prints it: 0.8505 → "85.05%". */
const acc = (x: number, locale: Locale) => `${formatNumber(100 * x, locale, 2)}%`;
/** Percentage points between two accuracies: 0.978, 0.8505 → "12.75". */
const pts = (a: number, b: number, locale: Locale) => formatNumber(100 * (a - b), locale, 2);
/** A perplexity as the lab prints it. */
const ppl = (x: number, locale: Locale) => formatNumber(x, locale, 2);
/** L1 unstructured at 50% on the hidden layers, when this page view has measured it (the lab's default setting). */
const l150 = (live: LiveValues): number | null => {
  const v = live[K.l150];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};
/** Share of magnitude's perplexity increase that another method avoids. */
const avoided = (v: Known, other: number) => (v[K.mag] > v[K.lmDense] ? (v[K.mag] - other) / (v[K.mag] - v[K.lmDense]) : 0);

interface PruningTeachTexts {
  steps: Record<StepId, StepText>;
  checks: Record<QuestionId, QuestionText>;
}

const en: PruningTeachTexts = {
  steps: {
    l1at90: {
      predict:
        'L1 unstructured zeroes the 90% smallest weights of each hidden layer (fc1 and fc2; the output layer stays dense). Will the network stay above 90% test accuracy?',
      choices: ['Yes, above 90%', 'No, 90% or less'],
      act: 'Wait a moment: the page prunes the network and tests it on 2,000 digits.',
      reveal: (v) =>
        `Pruned: ${acc(v[K.l190], 'en')}, dense: ${acc(v[K.dense], 'en')}. L1 at 90% of the hidden layers lost ${pts(v[K.dense], v[K.l190], 'en')} points, one-shot and without fine-tuning.`,
    },
    structured: {
      predict:
        'Ln structured removes whole rows instead: the half of the neurons of fc1 and fc2 with the smallest L2 norm. Will accuracy stay within 5 points of the dense network?',
      choices: ['Yes, within 5 points', 'No, more than 5 points lower'],
      act: 'Look at the heatmap: whole rows turn grey.',
      reveal: (v, live) =>
        `Half of the hidden neurons removed: ${acc(v[K.ln50], 'en')} against ${acc(v[K.dense], 'en')} dense (${pts(v[K.dense], v[K.ln50], 'en')} points).${l150(live) !== null ? ` L1 unstructured at the same 50% kept ${acc(l150(live) ?? 0, 'en')}: choosing single weights costs far less than removing whole neurons.` : ''}`,
    },
    outputLayer: {
      predict:
        'Now prune the output layer fc3 too. Its 10 rows are the 10 digit classes, so Ln structured at 50% removes 5 of them. Will accuracy fall more than 10 points further?',
      choices: ['Yes, more than 10 points further', 'No, about the same'],
      act: 'Read the accuracy again; pick fc3 under “Layer shown” to see its grey rows.',
      reveal: (v) =>
        `All three layers: ${acc(v[K.ln50all], 'en')}; the hidden layers only: ${acc(v[K.ln50], 'en')} (${pts(v[K.ln50], v[K.ln50all], 'en')} points more lost). A class whose row is zero only adds its bias to the logits, so its digits are hardly ever predicted. That is why this lab prunes the hidden layers by default, as pruning studies do and as the acceleration lab does.`,
    },
    lmMagnitude: {
      predict:
        'Now the language model lm-en. Magnitude pruning zeroes the smaller half of the weights of every linear layer (q, k, v, o, gate, up, down). Will its test perplexity rise by more than 10%?',
      choices: ['Yes, more than 10%', 'No, 10% or less'],
      act: 'Press “Load the model” if the page asks (it is kept in this browser), then wait for the pruned perplexity.',
      reveal: (v) =>
        `Dense: ${ppl(v[K.lmDense], 'en')} per character; magnitude at 50%: ${ppl(v[K.mag], 'en')}, ${formatNumber(v[K.mag] / v[K.lmDense], 'en', 2)} × the dense perplexity.`,
    },
    lmWanda: {
      predict:
        'Wanda scores each weight by |w| times the norm of its input, measured on 4 windows of calibration text, so a small weight on a large input survives. At the same 50%, will it leave a lower perplexity than magnitude?',
      choices: ['Yes, lower', 'No, the same or higher'],
      act: 'Wait for the calibration (4 windows) and the pruned perplexity.',
      reveal: (v) =>
        `Wanda: ${ppl(v[K.wanda], 'en')}; magnitude: ${ppl(v[K.mag], 'en')}; dense: ${ppl(v[K.lmDense], 'en')}. Wanda avoided ${formatNumber(100 * avoided(v, v[K.wanda]), 'en', 0)}% of magnitude’s increase. A 1.6-million-parameter model has no large outlier features, so the gap is small here; on LLaMA-7B the paper measures ${PAPER_LLAMA7B.cells.wanda.unstructured} against ${PAPER_LLAMA7B.cells.magnitude.unstructured}.`,
    },
    lmSparsegpt: {
      predict:
        'SparseGPT also updates the weights it keeps, so that each layer’s output on the calibration text changes as little as possible. Which ordering of the three perplexities will you see at 50%?',
      choices: ['SparseGPT < Wanda < magnitude', 'Wanda < SparseGPT < magnitude', 'Magnitude is not the worst'],
      act: 'Wait: SparseGPT takes a few seconds more (a least-squares update per layer).',
      reveal: (v) =>
        `SparseGPT: ${ppl(v[K.sgpt], 'en')}; Wanda: ${ppl(v[K.wanda], 'en')}; magnitude: ${ppl(v[K.mag], 'en')}; dense: ${ppl(v[K.lmDense], 'en')}. SparseGPT avoided ${formatNumber(100 * avoided(v, v[K.sgpt]), 'en', 0)}% of magnitude’s increase, Wanda ${formatNumber(100 * avoided(v, v[K.wanda]), 'en', 0)}%.`,
    },
  },
  checks: {
    l1Loss: {
      question: 'How many points of test accuracy did L1 unstructured at 90% (hidden layers) lose against the dense network?',
      unit: 'points',
      explain: (v) =>
        `${pts(v[K.dense], v[K.l190], 'en')} points (${acc(v[K.dense], 'en')} dense, ${acc(v[K.l190], 'en')} pruned); half a point either way counts as right.`,
      waiting: 'prune with L1 at 90% (guided step 1).',
    },
    outputCost: {
      question: 'With Ln structured at 50%, how many more points did pruning the output layer fc3 as well cost?',
      unit: 'points',
      explain: (v) =>
        `${pts(v[K.ln50], v[K.ln50all], 'en')} points (${acc(v[K.ln50], 'en')} hidden only, ${acc(v[K.ln50all], 'en')} all three layers).`,
      waiting: 'prune with Ln structured at 50%, hidden layers and all layers (guided steps 2 and 3).',
    },
    lmBest: {
      question: 'At 50% on lm-en, which method left the lowest perplexity?',
      choices: ['Magnitude', 'Wanda', 'SparseGPT'],
      explain: (v) => `Magnitude ${ppl(v[K.mag], 'en')}, Wanda ${ppl(v[K.wanda], 'en')}, SparseGPT ${ppl(v[K.sgpt], 'en')}.`,
      waiting: 'prune lm-en at 50% with all three methods (guided steps 4 to 6).',
    },
    lmRatio: {
      question: 'By what factor did magnitude pruning at 50% multiply lm-en’s perplexity?',
      unit: '×',
      explain: (v) => `${formatNumber(v[K.mag] / v[K.lmDense], 'en', 2)}× (${ppl(v[K.mag], 'en')} ÷ ${ppl(v[K.lmDense], 'en')}).`,
      waiting: 'prune lm-en at 50% by magnitude (guided step 4).',
    },
  },
};

const zh: PruningTeachTexts = {
  steps: {
    l1at90: {
      predict: 'L1 非结构化剪枝把每个隐藏层（fc1 和 fc2；输出层保持稠密）中最小的 90% 权重置零。网络的测试准确率还能高于 90% 吗？',
      choices: ['能，高于 90%', '不能，不超过 90%'],
      act: '稍等片刻：页面会剪枝网络，并在 2,000 张测试图片上测试。',
      reveal: (v) =>
        `剪枝后：${acc(v[K.l190], 'zh')}，稠密：${acc(v[K.dense], 'zh')}。在隐藏层 90% 稀疏度下，L1 一次性剪枝、不微调，损失了 ${pts(v[K.dense], v[K.l190], 'zh')} 个百分点。`,
    },
    structured: {
      predict: 'Ln 结构化剪枝改为删除整行：fc1 和 fc2 中 L2 范数最小的一半神经元。准确率能保持在稠密网络的 5 个百分点以内吗？',
      choices: ['能，相差不到 5 个百分点', '不能，低 5 个百分点以上'],
      act: '看热力图：整行整行地变成灰色。',
      reveal: (v, live) =>
        `删掉一半隐藏神经元：${acc(v[K.ln50], 'zh')}，稠密为 ${acc(v[K.dense], 'zh')}（${pts(v[K.dense], v[K.ln50], 'zh')} 个百分点）。${l150(live) !== null ? `同样 50% 的 L1 非结构化剪枝保持 ${acc(l150(live) ?? 0, 'zh')}：挑选单个权重的代价远小于删除整个神经元。` : ''}`,
    },
    outputLayer: {
      predict:
        '现在把输出层 fc3 也剪掉。它的 10 行就是 10 个数字类别，所以 50% 的 Ln 结构化剪枝会删掉其中 5 个。准确率会再下降 10 个百分点以上吗？',
      choices: ['会，再下降 10 个百分点以上', '不会，差不多'],
      act: '再看一次准确率；在“显示的层”中选 fc3，可以看到它变灰的行。',
      reveal: (v) =>
        `三层都剪：${acc(v[K.ln50all], 'zh')}；只剪隐藏层：${acc(v[K.ln50], 'zh')}（多损失 ${pts(v[K.ln50], v[K.ln50all], 'zh')} 个百分点）。某个类别的行变成零后，它只给 logits 加上自己的偏置，这类数字几乎再也不会被预测出来。所以本实验默认只剪隐藏层，与剪枝研究的通常做法以及稀疏加速实验一致。`,
    },
    lmMagnitude: {
      predict:
        '现在换成语言模型 lm-en。幅值剪枝把每个线性层（q、k、v、o、gate、up、down）中较小的一半权重置零。它的测试困惑度会上升 10% 以上吗？',
      choices: ['会，上升 10% 以上', '不会，不超过 10%'],
      act: '如果页面提示，点击“加载模型”（模型会保存在此浏览器中），然后等待剪枝后的困惑度。',
      reveal: (v) =>
        `稠密：每字符 ${ppl(v[K.lmDense], 'zh')}；50% 幅值剪枝：${ppl(v[K.mag], 'zh')}，是稠密困惑度的 ${formatNumber(v[K.mag] / v[K.lmDense], 'zh', 2)} 倍。`,
    },
    lmWanda: {
      predict:
        'Wanda 用 |w| 乘以其输入的范数给每个权重打分（范数在 4 个校准文本窗口上测得），所以大输入上的小权重会被保留。同样 50% 时，它的困惑度会比幅值剪枝低吗？',
      choices: ['会，更低', '不会，相同或更高'],
      act: '等待校准（4 个窗口）和剪枝后的困惑度。',
      reveal: (v) =>
        `Wanda：${ppl(v[K.wanda], 'zh')}；幅值：${ppl(v[K.mag], 'zh')}；稠密：${ppl(v[K.lmDense], 'zh')}。Wanda 避免了幅值剪枝所造成的上升中的 ${formatNumber(100 * avoided(v, v[K.wanda]), 'zh', 0)}%。160 万参数的模型没有大的离群特征，所以这里差距很小；在 LLaMA-7B 上，论文测得 ${PAPER_LLAMA7B.cells.wanda.unstructured} 对 ${PAPER_LLAMA7B.cells.magnitude.unstructured}。`,
    },
    lmSparsegpt: {
      predict: 'SparseGPT 还会更新保留下来的权重，使每层在校准文本上的输出尽量不变。50% 时，三个困惑度会是怎样的顺序？',
      choices: ['SparseGPT < Wanda < 幅值', 'Wanda < SparseGPT < 幅值', '幅值剪枝不是最差的'],
      act: '稍等：SparseGPT 要多花几秒（每层求解一个最小二乘更新）。',
      reveal: (v) =>
        `SparseGPT：${ppl(v[K.sgpt], 'zh')}；Wanda：${ppl(v[K.wanda], 'zh')}；幅值：${ppl(v[K.mag], 'zh')}；稠密：${ppl(v[K.lmDense], 'zh')}。SparseGPT 避免了幅值剪枝所造成的上升中的 ${formatNumber(100 * avoided(v, v[K.sgpt]), 'zh', 0)}%，Wanda 为 ${formatNumber(100 * avoided(v, v[K.wanda]), 'zh', 0)}%。`,
    },
  },
  checks: {
    l1Loss: {
      question: '在隐藏层上做 90% 的 L1 非结构化剪枝，测试准确率比稠密网络低了多少个百分点？',
      unit: '个百分点',
      explain: (v) =>
        `${pts(v[K.dense], v[K.l190], 'zh')} 个百分点（稠密 ${acc(v[K.dense], 'zh')}，剪枝后 ${acc(v[K.l190], 'zh')}）；上下半个百分点以内都算对。`,
      waiting: '用 L1 剪掉 90%（引导路线第 1 步）。',
    },
    outputCost: {
      question: '50% 的 Ln 结构化剪枝中，把输出层 fc3 也剪掉，又多损失了多少个百分点？',
      unit: '个百分点',
      explain: (v) =>
        `${pts(v[K.ln50], v[K.ln50all], 'zh')} 个百分点（只剪隐藏层 ${acc(v[K.ln50], 'zh')}，三层都剪 ${acc(v[K.ln50all], 'zh')}）。`,
      waiting: '用 50% 的 Ln 结构化剪枝分别剪隐藏层和全部层（引导路线第 2 步和第 3 步）。',
    },
    lmBest: {
      question: '在 lm-en 上剪掉 50% 时，哪种方法留下的困惑度最低？',
      choices: ['幅值', 'Wanda', 'SparseGPT'],
      explain: (v) => `幅值 ${ppl(v[K.mag], 'zh')}，Wanda ${ppl(v[K.wanda], 'zh')}，SparseGPT ${ppl(v[K.sgpt], 'zh')}。`,
      waiting: '用三种方法分别把 lm-en 剪掉 50%（引导路线第 4 至 6 步）。',
    },
    lmRatio: {
      question: '50% 的幅值剪枝让 lm-en 的困惑度变成了原来的多少倍？',
      unit: '×',
      explain: (v) => `${formatNumber(v[K.mag] / v[K.lmDense], 'zh', 2)} 倍（${ppl(v[K.mag], 'zh')} ÷ ${ppl(v[K.lmDense], 'zh')}）。`,
      waiting: '用幅值剪枝把 lm-en 剪掉 50%（引导路线第 4 步）。',
    },
  },
};

export const pruningTeachMessages = defineMessages({ en, zh });
