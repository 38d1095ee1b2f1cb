/**
 * The MoE lab's language-model mode (moe-en), English and Simplified Chinese. Sentences that
 * interpret a measurement take the measured numbers as arguments, so the text always describes
 * what the page shows.
 */
import type { RoutingChange } from '../lm/routing-changes';
import type { CharClass } from '../lm/moe-stats';
import { defineMessages } from './locales';

export interface MoeLmMessages {
  passage: string;
  layer: string;
  backend: string;
  backendAuto: string;
  modelTitle: string;
  download: (size: string) => string;
  downloadWhat: string;
  downloading: (loaded: string, total: string) => string;
  loadingCache: string;
  loadedOn: (backend: string, fromCache: boolean) => string;
  cancel: string;
  routing: string;
  cut: (n: number, context: number) => string;
  unknown: (n: number) => string;
  heatmapTitle: (layer: number) => string;
  heatmapCaption: string;
  heatmapReadout: (ch: string, pos: number, expert: number, w: string) => string;
  heatmapEmpty: string;
  legend: string;
  expert: (e: number) => string;
  layerName: (l: number) => string;
  evalText: (chars: number, windows: number, length: number) => string;
  statsWaiting: string;
  classesTitle: (layer: number) => string;
  classesCaption: string;
  classes: Record<CharClass | 'all', string>;
  classCol: string;
  countCol: string;
  classesNote: (cls: string, expert: number, share: string, overall: string) => string;
  consecutiveTitle: string;
  consecutiveCaption: string;
  measured: string;
  shuffled: string;
  uniform: string;
  firstChoice: string;
  eitherChoice: string;
  consecutiveNote: (layer: number, first: string, shuffled: string, uniform: string) => string;
  capacityTitle: (layer: number) => string;
  capacityCaption: (cf: string, c: number, length: number) => string;
  demand: string;
  drops: string;
  droppedTotal: (dropped: number, slots: number, pct: string) => string;
  fullyDropped: (n: number) => string;
  cv: string;
  aux: string;
  auxHint: (k: number) => string;
  z: string;
  idle: (experts: string) => string;
  unbalanced: (cv: string) => string;
  changesTitle: string;
  changesCaption: (chars: number) => string;
  changes: Record<RoutingChange, string>;
  changeNotes: Record<RoutingChange, (x: { cf: string; excluded: string }) => string>;
  changeCol: string;
  natsCol: string;
  pplCol: string;
  deltaCol: string;
  droppedCol: string;
  measuring: (change: string, done: number, total: number) => string;
  measureAgain: string;
  cancelled: string;
  changesNote: (x: { top1: string; norenorm: string; capacity: string; drop: string; cf: string }) => string;
  kernelTitle: (layer: number) => string;
  kernelIntro: string;
  kernelSizes: (n: number, h: number, f: number, e: number, k: number) => string;
  kernelEndToEnd: string;
  kernelSwiglu: string;
  kernelPassage: string;
}

const en: MoeLmMessages = {
  passage: 'Passage (test split)',
  layer: 'Layer',
  backend: 'Runs on',
  backendAuto: 'Automatic (WebGPU on a GPU, else WASM)',
  modelTitle: 'The language model',
  download: (size) => `Download moe-en (${size})`,
  downloadWhat:
    'A Mixtral model with 8 experts per layer, 5.14 M parameters of which 1.60 M are active per character. It is kept in your browser after the first download.',
  downloading: (a, b) => `Downloading ${a} of ${b}…`,
  loadingCache: 'Loading from this browser’s cache…',
  loadedOn: (b, cache) => `moe-en is ready on ${b}${cache ? ' (from this browser’s cache)' : ''}.`,
  cancel: 'Cancel',
  routing: 'Routing the passage…',
  cut: (n, c) => `${n} characters beyond the model’s context of ${c} were left out.`,
  unknown: (n) => `${n} character${n === 1 ? ' is' : 's are'} outside the model’s vocabulary and read as <unk>.`,
  heatmapTitle: (l) => `Which experts each character chooses (layer ${l})`,
  heatmapCaption:
    'One column per character of the passage (the character is under its column), one row per expert; colour is the gate weight the trained router gives it. Each column lights exactly two experts, whose weights sum to 1.',
  heatmapReadout: (ch, pos, e, w) => `character ${JSON.stringify(ch)} (#${pos + 1}), expert ${e}: weight ${w}`,
  heatmapEmpty: 'The heatmap appears once the model is loaded.',
  legend: 'gate weight',
  expert: (e) => `expert ${e}`,
  layerName: (l) => `layer ${l}`,
  statsWaiting: 'Measured on the test text once moe-en is loaded.',
  evalText: (chars, w, len) =>
    `Measured on a fixed part of the test split: ${chars.toLocaleString('en')} characters in ${w} windows of ${len}, spread evenly over it.`,
  classesTitle: (l) => `Expert usage by character class (layer ${l})`,
  classesCaption:
    'Share of each class’s routed slots (two per character) that goes to each expert. Classes overlap: a vowel is also a letter. The last row is every character.',
  classes: {
    lower: 'lower-case letters',
    vowel: 'vowels (a e i o u)',
    upper: 'upper case',
    digit: 'digits',
    space: 'space',
    punct: 'punctuation',
    all: 'all characters',
  },
  classCol: 'class',
  countCol: 'characters',
  classesNote: (cls, e, share, overall) =>
    `In this layer ${cls} send ${share} of their slots to expert ${e}, which gets ${overall} of all slots: experts specialise partly by the kind of character, as the Mixtral paper also finds for syntax rather than topic.`,
  consecutiveTitle: 'Do consecutive characters pick the same expert?',
  consecutiveCaption:
    'As in the Mixtral paper (Jiang et al. 2024, §5, Table 5): the share of neighbouring characters whose first choice is the same expert, and whose two chosen experts share at least one. “Shuffled” draws every character’s choice independently from the layer’s own choices, so it has the same expert loads; “uniform” is random routing with equal loads (12.5% and 46.4% for top-2 of 8).',
  measured: 'measured',
  shuffled: 'shuffled (same loads)',
  uniform: 'uniform random',
  firstChoice: 'first choice repeated',
  eitherChoice: 'first or second choice shared',
  consecutiveNote: (l, first, shuffled, uniform) =>
    `In layer ${l} the first choice repeats for ${first} of neighbouring characters, against ${shuffled} if the same loads were assigned at random and ${uniform} for uniform routing. The Mixtral paper compares with uniform routing and finds repetition well above it in higher layers; here the shuffled baseline shows how much of that gap unequal loads alone explain, and only the rest is locality.`,
  capacityTitle: (l) => `Capacity on real tokens (layer ${l})`,
  capacityCaption: (cf, c, len) =>
    `The trained routing of the test text with a capacity limit: each window of ${len} characters is one batch, so each expert takes at most C = ⌈k × ${cf} × ${len} / E⌉ = ${c} slots per window; first choices claim places before second choices, and the rest are dropped.`,
  demand: 'slots chosen',
  drops: 'dropped',
  droppedTotal: (d, s, pct) => `${d.toLocaleString('en')} of ${s.toLocaleString('en')} slots dropped (${pct})`,
  fullyDropped: (n) => `${n.toLocaleString('en')} characters lost both experts and pass through the residual connection only`,
  cv: 'load CV (σ/μ)',
  aux: 'auxiliary loss E·Σ f·P',
  auxHint: (k) =>
    `Hugging Face Mixtral’s load_balancing_loss_func; f_e counts the tokens that have e among their top-${k}, so Σ f = ${k} and the minimum is ${k}, reached whenever the router’s probabilities are uniform. Its gradient flows only through P.`,
  z: 'router z-loss',
  idle: (ex) => `Expert ${ex} received no slot in this layer: it is idle on this text.`,
  unbalanced: (cv) => `The load is unbalanced (CV ${cv}), although moe-en was trained with an auxiliary loss (coefficient 0.02).`,
  changesTitle: 'What changing the routing costs the model',
  changesCaption: (chars) =>
    `Each row routes moe-en differently at inference, with the same weights, and scores the same ${chars.toLocaleString('en')} test characters (nats per character; perplexity = e^nats).`,
  changes: {
    trained: 'trained: top-2, renormalised (Mixtral)',
    top1: 'top-1 instead of top-2',
    'no-renorm': 'top-2 without renormalisation',
    capacity: 'capacity limit, overflow dropped',
    'drop-least': 'least-used expert switched off',
  },
  changeNotes: {
    trained: () => 'w = p / (p₁ + p₂), as transformers’ MixtralSparseMoeBlock',
    top1: () => 'only the best expert, weight 1: half the expert compute',
    'no-renorm': () => 'w = p: norm_topk_prob = False, as Qwen-MoE, DeepSeek-V2 and OLMoE; the two weights sum to less than 1',
    capacity: ({ cf }) => `capacity factor ${cf} per 256-character window (GShard / Switch); dropped slots add nothing`,
    'drop-least': ({ excluded }) =>
      `in each layer the expert the trained routing uses least is removed (${excluded}); the router picks the best 2 of the other 7`,
  },
  changeCol: 'routing at inference',
  natsCol: 'nats / char',
  pplCol: 'perplexity',
  deltaCol: 'Δ nats vs trained',
  droppedCol: 'dropped slots',
  measuring: (c, d, t) => `Measuring “${c}”: window ${d} of ${t}…`,
  measureAgain: 'Measure',
  cancelled: 'Measuring was cancelled; the rows measured so far stay.',
  changesNote: ({ top1, norenorm, capacity, drop, cf }) =>
    `Top-1 costs ${top1} nats per character and dropping the renormalisation ${norenorm}: the model was trained with two renormalised experts and both changes rescale what the layer adds to the residual stream. A capacity factor of ${cf} costs ${capacity}, because this router is unbalanced and the favourite experts overflow. Switching off each layer’s least-used expert costs only ${drop}: an expert that the router rarely picks can be removed almost for free.`,
  kernelTitle: (l) => `The dispatch kernel on the model’s own layer ${l}`,
  kernelIntro:
    'The WGSL dispatch path (router logits, top-2, expert offsets, counting sort, grouped matrix products, combine) runs on WebGPU with this layer’s real router and experts, on the hidden states the model computed for the passage; each step is checked against its twin, and the output against the float64 reference of the model’s MoE block.',
  kernelSizes: (n, h, f, e, k) =>
    `T = ${n} characters, H = ${h}, F = ${f} (SwiGLU: gate and up in one [H, 2F] product), E = ${e}, k = ${k}, Mixtral weights`,
  kernelEndToEnd: 'end to end vs float64 model block',
  kernelSwiglu: 'SwiGLU: silu(gate) · up',
  kernelPassage: 'Inputs: the model’s hidden states for the passage above.',
};

const zh: MoeLmMessages = {
  passage: '段落（测试集）',
  layer: '层',
  backend: '运行于',
  backendAuto: '自动（有 GPU 时用 WebGPU，否则 WASM）',
  modelTitle: '语言模型',
  download: (size) => `下载 moe-en（${size}）`,
  downloadWhat: '一个每层 8 个专家的 Mixtral 模型，共 514 万参数，每个字符激活其中 160 万。首次下载后保存在浏览器中。',
  downloading: (a, b) => `正在下载 ${a} / ${b}…`,
  loadingCache: '正在从浏览器缓存加载…',
  loadedOn: (b, cache) => `moe-en 已在 ${b} 上就绪${cache ? '（来自浏览器缓存）' : ''}。`,
  cancel: '取消',
  routing: '正在为段落路由…',
  cut: (n, c) => `超出模型上下文 ${c} 的 ${n} 个字符未被使用。`,
  unknown: (n) => `${n} 个字符不在模型词表中，按 <unk> 读取。`,
  heatmapTitle: (l) => `每个字符选择了哪些专家（第 ${l} 层）`,
  heatmapCaption:
    '每列是段落中的一个字符（字符标在列下方），每行是一个专家；颜色是训练好的路由器给出的门控权重。每列恰好点亮两个专家，两者权重之和为 1。',
  heatmapReadout: (ch, pos, e, w) => `字符 ${JSON.stringify(ch)}（第 ${pos + 1} 个），专家 ${e}：权重 ${w}`,
  heatmapEmpty: '模型加载后显示热力图。',
  legend: '门控权重',
  expert: (e) => `专家 ${e}`,
  layerName: (l) => `第 ${l} 层`,
  statsWaiting: 'moe-en 加载后在测试文本上测量。',
  evalText: (chars, w, len) =>
    `在测试集的固定部分上测量：${chars.toLocaleString('zh')} 个字符，分为 ${w} 个长 ${len} 的窗口，均匀分布在整个测试集中。`,
  classesTitle: (l) => `按字符类别统计的专家使用情况（第 ${l} 层）`,
  classesCaption: '每类字符的路由槽位（每个字符两个）分给各专家的比例。类别有重叠：元音也是字母。最后一行是全部字符。',
  classes: {
    lower: '小写字母',
    vowel: '元音（a e i o u）',
    upper: '大写字母',
    digit: '数字',
    space: '空白',
    punct: '标点符号',
    all: '全部字符',
  },
  classCol: '类别',
  countCol: '字符数',
  classesNote: (cls, e, share, overall) =>
    `在这一层，${cls}把 ${share} 的槽位分给专家 ${e}，而该专家在全部槽位中只占 ${overall}：专家在一定程度上按字符类型分工，这与 Mixtral 论文的发现一致——专家更多对应句法，而不是主题。`,
  consecutiveTitle: '相邻字符会选择同一个专家吗？',
  consecutiveCaption:
    '做法与 Mixtral 论文（Jiang 等，2024，第 5 节表 5）相同：相邻字符的首选专家相同的比例，以及两者所选的两个专家至少有一个相同的比例。“打乱”让每个字符从本层自己的选择中独立抽取，因此专家负载不变；“均匀”是负载相等的随机路由（8 选 2 时为 12.5% 和 46.4%）。',
  measured: '实测',
  shuffled: '打乱（负载相同）',
  uniform: '均匀随机',
  firstChoice: '首选专家重复',
  eitherChoice: '首选或次选有共同专家',
  consecutiveNote: (l, first, shuffled, uniform) =>
    `第 ${l} 层中，${first} 的相邻字符首选专家相同；若以相同负载随机分配则为 ${shuffled}，均匀路由为 ${uniform}。Mixtral 论文与均匀路由比较，发现较高的层中重复率明显高于随机；这里的“打乱”基线显示这段差距有多少仅由负载不均造成，其余部分才是局部性。`,
  capacityTitle: (l) => `真实 token 上的容量（第 ${l} 层）`,
  capacityCaption: (cf, c, len) =>
    `对测试文本的训练路由施加容量限制：每个 ${len} 字符的窗口是一个批次，每个专家每个窗口最多接收 C = ⌈k × ${cf} × ${len} / E⌉ = ${c} 个槽位；首选先于次选占位，其余被丢弃。`,
  demand: '被选槽位',
  drops: '被丢弃',
  droppedTotal: (d, s, pct) => `${s.toLocaleString('zh')} 个槽位中丢弃 ${d.toLocaleString('zh')} 个（${pct}）`,
  fullyDropped: (n) => `${n.toLocaleString('zh')} 个字符两个专家都被丢弃，只经残差连接通过`,
  cv: '负载变异系数（σ/μ）',
  aux: '辅助损失 E·Σ f·P',
  auxHint: (k) =>
    `即 Hugging Face Mixtral 的 load_balancing_loss_func；f_e 统计 top-${k} 中含专家 e 的 token 比例，因此 Σ f = ${k}，最小值为 ${k}，只要路由概率均匀就取到该值。它的梯度只经过 P。`,
  z: '路由器 z-loss',
  idle: (ex) => `专家 ${ex} 在这一层没有收到任何槽位：它在这段文本上处于闲置状态。`,
  unbalanced: (cv) => `负载不均衡（变异系数 ${cv}），尽管 moe-en 训练时使用了辅助损失（系数 0.02）。`,
  changesTitle: '改变路由会让模型付出多少代价',
  changesCaption: (chars) =>
    `每一行在推理时以不同方式为 moe-en 路由，权重不变，并对同样的 ${chars.toLocaleString('zh')} 个测试字符打分（每字符 nats；困惑度 = e^nats）。`,
  changes: {
    trained: '训练时的路由：top-2，重新归一化（Mixtral）',
    top1: '用 top-1 代替 top-2',
    'no-renorm': 'top-2，不重新归一化',
    capacity: '容量限制，溢出即丢弃',
    'drop-least': '关闭使用最少的专家',
  },
  changeNotes: {
    trained: () => 'w = p / (p₁ + p₂)，与 transformers 的 MixtralSparseMoeBlock 相同',
    top1: () => '只用最好的专家，权重为 1：专家计算量减半',
    'no-renorm': () => 'w = p：即 norm_topk_prob = False，Qwen-MoE、DeepSeek-V2 和 OLMoE 的做法；两个权重之和小于 1',
    capacity: ({ cf }) => `每个 256 字符窗口的容量因子为 ${cf}（GShard / Switch）；被丢弃的槽位不产生输出`,
    'drop-least': ({ excluded }) => `在每层移除训练路由使用最少的专家（${excluded}）；路由器从其余 7 个中选最好的 2 个`,
  },
  changeCol: '推理时的路由',
  natsCol: 'nats / 字符',
  pplCol: '困惑度',
  deltaCol: '相对训练路由的 Δ nats',
  droppedCol: '丢弃槽位',
  measuring: (c, d, t) => `正在测量“${c}”：第 ${d} / ${t} 个窗口…`,
  measureAgain: '测量',
  cancelled: '测量已取消；已测得的行保留。',
  changesNote: ({ top1, norenorm, capacity, drop, cf }) =>
    `top-1 使每字符损失增加 ${top1} nats，取消重新归一化增加 ${norenorm}：模型训练时使用两个归一化的专家，这两种改动都会改变该层加到残差流上的幅度。容量因子 ${cf} 的代价是 ${capacity}，因为这个路由器负载不均，热门专家会溢出。关闭每层使用最少的专家只增加 ${drop}：路由器很少选择的专家几乎可以无代价地移除。`,
  kernelTitle: (l) => `在模型自己的第 ${l} 层上运行分发内核`,
  kernelIntro:
    'WGSL 分发路径（路由 logits、top-2、专家偏移、计数排序、分组矩阵乘、合并）在 WebGPU 上运行，使用这一层真实的路由器和专家，输入是模型为上面段落计算出的隐藏状态；每一步都与其参照实现比对，输出再与模型 MoE 块的 float64 参照结果比对。',
  kernelSizes: (n, h, f, e, k) =>
    `T = ${n} 个字符，H = ${h}，F = ${f}（SwiGLU：gate 与 up 合并为一次 [H, 2F] 乘法），E = ${e}，k = ${k}，Mixtral 权重`,
  kernelEndToEnd: '端到端，对比 float64 模型块',
  kernelSwiglu: 'SwiGLU：silu(gate) · up',
  kernelPassage: '输入：模型为上面段落计算出的隐藏状态。',
};

export const moeLmMessages = defineMessages<MoeLmMessages>({ en, zh });
