/**
 * Messages of the language-model page and its text panel (components/labs/models/), in both
 * languages. The models' problem messages are in lib/i18n/issues.ts.
 */
import type { LmName } from '../lm/models';
import { defineMessages } from './locales';

interface ModelBlurb {
  title: string;
  what: string;
}

export interface LmMessages {
  title: string;
  lead: string;
  models: Record<LmName, ModelBlurb>;
  cards: {
    title: string;
    arch: string;
    params: string;
    active: string;
    testLoss: string;
    unigram: string;
    trained: string;
    steps: string;
    card: string;
    minutes: (m: number) => string;
    pending: string;
  };
  panel: {
    title: string;
    model: string;
    modelAuto: (name: string) => string;
    backend: string;
    backendAuto: string;
    size: (size: string) => string;
    download: (size: string) => string;
    downloading: (done: string, total: string) => string;
    loadingCache: string;
    cancel: string;
    loadedOn: (backend: string, cache: boolean) => string;
    source: string;
    passage: string;
    ownText: string;
    textLabel: string;
    textCount: (n: number, max: number) => string;
    scoring: (done: number, total: number) => string;
    bpc: string;
    ppl: string;
    nats: string;
    unknown: (n: number) => string;
    scoredIn: (ms: string, windows: number) => string;
    longText: (context: number) => string;
    legendLow: string;
    legendHigh: string;
    textRegion: string;
    cursorHelp: string;
    firstChar: string;
    expected: string;
    actual: (ch: string, p: string, nll: string) => string;
    unknownChar: string;
    generate: string;
    generating: (done: number, total: number) => string;
    temperature: string;
    topK: string;
    topKAll: string;
    seed: string;
    length: string;
    continuation: string;
    speed: (cps: string) => string;
    promptCut: (used: number, context: number) => string;
    slid: (context: number) => string;
    needModel: string;
  };
  cache: { title: string; body: string; none: string; clear: string; cleared: string; unavailable: string; checking: string };
  lesson: { h: string; p: string[] }[];
}

const en: LmMessages = {
  title: 'The language models',
  lead: 'Three small but real character-level language models, with the architectures of Llama and Mixtral, trained on English prose and on Tang poems. They run here in your browser, and the labs use them to measure what sparsity costs a model that reads text.',
  models: {
    'lm-en': {
      title: 'lm-en',
      what: 'Llama architecture (RMSNorm, rotary positions, SwiGLU, grouped-query attention), trained on the Brown corpus of American English.',
    },
    'lm-zh': { title: 'lm-zh', what: 'The same Llama architecture, trained on Tang poems in Simplified characters.' },
    'moe-en': {
      title: 'moe-en',
      what: 'Mixtral architecture: every layer has 8 expert MLPs and a router that sends each character to 2 of them. Trained on the same English text as lm-en, with about its active parameters.',
    },
  },
  cards: {
    title: 'The three models',
    arch: 'Architecture',
    params: 'Parameters',
    active: 'active per character',
    testLoss: 'Test split',
    unigram: 'Unigram baseline',
    trained: 'Training',
    steps: 'steps',
    card: 'Model card',
    minutes: (m) => `${m.toFixed(0)} min of wall time on 2 shared CPU cores`,
    pending: 'reading the numbers…',
  },
  panel: {
    title: 'Read with the model',
    model: 'Model',
    modelAuto: (name) => `This page's language (${name})`,
    backend: 'Runs on',
    backendAuto: 'Best available',
    size: (size) => `${size} to download`,
    download: (size) => `Download the model (${size})`,
    downloading: (done, total) => `Downloading ${done} of ${total}…`,
    loadingCache: "Loading from this browser's cache…",
    cancel: 'Cancel',
    loadedOn: (backend, cache) => `Running on ${backend}${cache ? " (loaded from this browser's cache)" : ''}.`,
    source: 'Text',
    passage: 'A test-split passage',
    ownText: 'Your own text',
    textLabel: 'Your text',
    textCount: (n, max) => `${n} of at most ${max} characters`,
    scoring: (done, total) => `Scoring character ${done} of ${total}…`,
    bpc: 'Bits per character',
    ppl: 'Perplexity',
    nats: 'Nats per character',
    unknown: (n) =>
      n === 1
        ? "1 character is not in the model's vocabulary (outlined)."
        : `${n} characters are not in the model's vocabulary (outlined).`,
    scoredIn: (ms, windows) => `Scored in ${ms} ms (${windows} forward pass${windows === 1 ? '' : 'es'}).`,
    longText: (context) =>
      `The model reads at most ${context} characters at once: longer text is scored in overlapping windows, so every character still has at least ${context / 2} characters of context.`,
    legendLow: 'expected',
    legendHigh: 'surprising (≥ 6 nats)',
    textRegion: "The text, coloured by the model's surprise at each character",
    cursorHelp: 'Hover a character, or focus the text and use the arrow keys, to see what the model expected there.',
    firstChar: 'Nothing predicts the first character.',
    expected: 'The model expected',
    actual: (ch, p, nll) => `It got ${ch}: probability ${p}, loss ${nll} nats.`,
    unknownChar: 'not in the vocabulary',
    generate: 'Generate a continuation',
    generating: (done, total) => `Generating: ${done} of ${total} characters…`,
    temperature: 'Temperature',
    topK: 'Top-k',
    topKAll: 'all',
    seed: 'Seed',
    length: 'Characters',
    continuation: 'Continuation',
    speed: (cps) => `${cps} characters per second.`,
    promptCut: (used, context) =>
      `The prompt is longer than the model's context: it reads only the last ${used} characters (context ${context}).`,
    slid: (context) =>
      `The text outgrew the ${context}-character context, so the model started again from its last ${context / 2} characters (it never reads more than ${context}).`,
    needModel: 'Download the model first.',
  },
  cache: {
    title: 'Language models kept in this browser',
    body: "Downloaded models stay in this browser's Cache Storage, so they load at once next time, even offline.",
    none: 'No model is stored.',
    clear: 'Remove the stored models',
    cleared: 'Removed. The next visit downloads them again.',
    unavailable: 'This browser offers no Cache Storage here: models are downloaded at every visit.',
    checking: 'Checking…',
  },
  lesson: [
    {
      h: 'Why character models',
      p: [
        'Real LLMs read subword tokens from vocabularies of 32,000 to 150,000 entries and have billions of parameters. Ours read one character at a time and have about 1.6 million, so they download in seconds and run on a phone. Everything else is the real thing: the same layers, the same tensor names, loadable with Hugging Face transformers, and the same sparsity questions.',
      ],
    },
    {
      h: 'What the colours mean',
      p: [
        'Before each character, the model gives every character of its vocabulary a probability. The loss of a character is −ln p of the one that actually came: 0 when the model was sure, about 4.4 nats when it guessed blindly among the 83 characters of lm-en. Pale text is what the model expected; red text surprised it. Word beginnings are hard, word endings easy.',
        'Bits per character is the mean loss divided by ln 2; perplexity is e to the mean loss, the number of equally likely characters the model is, on average, choosing among. The labs report how much a sparse pattern, a pruning method or a routing change raises these numbers.',
      ],
    },
    {
      h: 'How they were trained',
      p: [
        'The text is split by whole documents (Brown corpus files, poems) into training, validation and test sets with a fixed seed; the passages here and every number on this site come from the test split, which training never saw. Training was deterministic (PyTorch, two CPU cores): the same recipe gives the same weights.',
      ],
    },
  ],
};

const zh: LmMessages = {
  title: '语言模型',
  lead: '三个小而真实的字符级语言模型，采用 Llama 与 Mixtral 的架构，分别在英文散文和唐诗上训练。它们就在你的浏览器里运行，各个实验用它们来测量：对一个真正读文字的模型，稀疏化要付出什么代价。',
  models: {
    'lm-en': { title: 'lm-en', what: 'Llama 架构（RMSNorm、旋转位置编码、SwiGLU、分组查询注意力），在美国英语的 Brown 语料库上训练。' },
    'lm-zh': { title: 'lm-zh', what: '同样的 Llama 架构，在简体字的唐诗上训练。' },
    'moe-en': {
      title: 'moe-en',
      what: 'Mixtral 架构：每层有 8 个专家 MLP 和一个路由器，每个字符被送往其中 2 个。与 lm-en 使用相同的英文训练文本，激活参数量与它相当。',
    },
  },
  cards: {
    title: '三个模型',
    arch: '架构',
    params: '参数量',
    active: '每个字符激活',
    testLoss: '测试集',
    unigram: '一元模型基线',
    trained: '训练',
    steps: '步',
    card: '模型卡',
    minutes: (m) => `在 2 个共用的 CPU 核上用时 ${m.toFixed(0)} 分钟（墙钟时间）`,
    pending: '正在读取数据…',
  },
  panel: {
    title: '用模型读文字',
    model: '模型',
    modelAuto: (name) => `本页语言对应的模型（${name}）`,
    backend: '运行于',
    backendAuto: '自动选择最快的',
    size: (size) => `需下载 ${size}`,
    download: (size) => `下载模型（${size}）`,
    downloading: (done, total) => `正在下载 ${done} / ${total}…`,
    loadingCache: '正在从浏览器缓存加载…',
    cancel: '取消',
    loadedOn: (backend, cache) => `运行于 ${backend}${cache ? '（从浏览器缓存加载）' : ''}。`,
    source: '文本',
    passage: '测试集中的一段',
    ownText: '自己输入的文字',
    textLabel: '你的文字',
    textCount: (n, max) => `${n} / 最多 ${max} 个字符`,
    scoring: (done, total) => `正在评分：第 ${done} / ${total} 个字符…`,
    bpc: '每字符比特数',
    ppl: '困惑度',
    nats: '每字符奈特数',
    unknown: (n) => `有 ${n} 个字符不在模型的词表中（以虚线框标出）。`,
    scoredIn: (ms, windows) => `评分用时 ${ms} 毫秒（${windows} 次前向计算）。`,
    longText: (context) =>
      `模型一次最多读 ${context} 个字符：更长的文字用相互重叠的窗口评分，因此每个字符仍至少有 ${context / 2} 个字符的上下文。`,
    legendLow: '意料之中',
    legendHigh: '出乎意料（≥ 6 奈特）',
    textRegion: '按模型对每个字符的意外程度着色的文字',
    cursorHelp: '把鼠标移到某个字符上，或聚焦文字后用方向键移动，即可查看模型在该处的预测。',
    firstChar: '第一个字符之前没有任何上文可供预测。',
    expected: '模型预测的前几名',
    actual: (ch, p, nll) => `实际是 ${ch}：概率 ${p}，损失 ${nll} 奈特。`,
    unknownChar: '不在词表中',
    generate: '生成续写',
    generating: (done, total) => `正在生成：${done} / ${total} 个字符…`,
    temperature: '温度',
    topK: 'Top-k',
    topKAll: '全部',
    seed: '随机种子',
    length: '字符数',
    continuation: '续写',
    speed: (cps) => `每秒 ${cps} 个字符。`,
    promptCut: (used, context) => `提示比模型的上下文长：模型只读最后 ${used} 个字符（上下文为 ${context}）。`,
    slid: (context) =>
      `文字超出了 ${context} 个字符的上下文，因此模型从最后 ${context / 2} 个字符重新开始（它一次最多只读 ${context} 个字符）。`,
    needModel: '请先下载模型。',
  },
  cache: {
    title: '保存在本浏览器中的语言模型',
    body: '下载过的模型保存在浏览器的 Cache Storage 中，下次（即使离线）可以立即加载。',
    none: '没有保存任何模型。',
    clear: '删除已保存的模型',
    cleared: '已删除。下次访问时会重新下载。',
    unavailable: '此处浏览器不提供 Cache Storage：每次访问都会重新下载模型。',
    checking: '正在检查…',
  },
  lesson: [
    {
      h: '为什么用字符级模型',
      p: [
        '真实的大语言模型读取的是子词 token，词表有 3.2 万到 15 万项，参数量以十亿计。我们的模型一次读一个字符，参数约 160 万，几秒就能下载完，手机上也能运行。除此之外都是真家伙：同样的层、同样的张量名，可以用 Hugging Face transformers 加载，面对同样的稀疏化问题。',
      ],
    },
    {
      h: '颜色的含义',
      p: [
        '在每个字符出现之前，模型会给词表中的每个字符一个概率。某个字符的损失是实际出现的那个字符的 −ln p：模型很有把握时为 0，在 lm-en 的 83 个字符中盲猜时约为 4.4 奈特。颜色浅的是模型意料之中的，红色的是让它意外的。对英文而言，词首难猜，词尾容易。',
        '每字符比特数是平均损失除以 ln 2；困惑度是 e 的平均损失次方，可以理解为模型平均在多少个同样可能的字符之间做选择。各实验报告的，正是稀疏模式、剪枝方法或路由改动让这些数字上升了多少。',
      ],
    },
    {
      h: '它们是怎样训练的',
      p: [
        '文本按整篇文档（Brown 语料的文件、每首诗）以固定的随机种子划分为训练集、验证集和测试集；这里的文字片段和本站的所有数字都来自训练从未见过的测试集。训练是确定性的（PyTorch，两个 CPU 核）：同样的配方得到同样的权重。',
      ],
    },
  ],
};

export const lmMessages = defineMessages<LmMessages>({ en, zh });
