/**
 * The MoE lab's guided path and check texts (lib/teach/path-moe.ts), English and Simplified
 * Chinese (the names of the panels they point at are in lib/i18n/teach.ts, panels). Every reveal and explanation
 * prints the live values the page measured (lib/teach/path-moe.ts, moeLmLive / moeMnistLive).
 */
import type { Known, LiveValues } from '../teach/guided';
import { loadsExplain } from '../teach/path-moe';
import { defineMessages } from './locales';
import type { QuestionText, StepText } from './teach';

const pct = (x: number, d = 1) => `${(100 * x).toFixed(d)}%`;
const signed = (x: number, d = 3) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(d)}`;
const rise = (v: Known, change: string) => v[`ppl.${change}`] / v['ppl.trained'] - 1;
const cost = (v: Known, change: string) => v[`nll.${change}`] - v['nll.trained'];

type StepId = 'classes' | 'repeat' | 'top1' | 'capacity' | 'dropLeast' | 'balance';
type QuestionId = 'top1Cost' | 'cheapest' | 'idle' | 'locality';

export interface MoeTeachMessages {
  steps: Record<StepId, StepText>;
  checks: Record<QuestionId, QuestionText>;
}

/** Upper-case letters' favourite expert, when the page has it. */
const upperEn = (live: LiveValues) =>
  typeof live['cls.0.upper.expert'] === 'number' && typeof live['cls.0.upper.share'] === 'number'
    ? ` Upper-case letters favour expert ${live['cls.0.upper.expert']} (${pct(live['cls.0.upper.share'] as number, 0)} of their slots).`
    : '';
const upperZh = (live: LiveValues) =>
  typeof live['cls.0.upper.expert'] === 'number' && typeof live['cls.0.upper.share'] === 'number'
    ? `大写字母偏爱专家 ${live['cls.0.upper.expert']}（占其槽位的 ${pct(live['cls.0.upper.share'] as number, 0)}）。`
    : '';

const en: MoeTeachMessages = {
  steps: {
    classes: {
      predict:
        'A space is not a letter. In layer 0 of moe-en, do spaces spread their two expert slots like the average character, or crowd onto one expert?',
      choices: ['About the same mix as all characters', 'Crowd onto one expert (at least 1.5× its share among all characters)'],
      act: 'Download moe-en if asked (9.8 MiB, kept in this browser), then wait for the class table under the heatmap.',
      reveal: (v, live) =>
        `In layer 0 spaces send ${pct(v['cls.0.space.share'], 0)} of their slots to expert ${v['cls.0.space.expert']}, which gets ${pct(v['cls.0.space.overall'], 0)} of all characters’ slots: ${(v['cls.0.space.share'] / v['cls.0.space.overall']).toFixed(1)}× its average.${upperEn(live)} Experts split the work partly by the kind of character.`,
    },
    repeat: {
      predict:
        'In layer 1 neighbouring characters often keep the same first expert, far more often than uniform random routing (1 in 8). Is that because neighbours share context, or because a few experts take most of the load?',
      choices: [
        'Context: with the same loads drawn at random it would fall towards 12.5%',
        'Loads: with the same loads drawn at random it stays almost as high',
      ],
      act: 'Wait for the table “Do consecutive characters pick the same expert?”; layer 1 is highlighted.',
      reveal: (v) =>
        `Layer 1: the first choice repeats for ${pct(v['rep.1.first'])} of neighbours, ${pct(v['rep.1.shuffled'])} if the same loads were drawn at random, ${pct(v['rep.1.uniform'])} for uniform routing. Unequal loads explain ${pct(loadsExplain(v['rep.1.first'], v['rep.1.shuffled'], v['rep.1.uniform']), 0)} of the gap above uniform; only ${(100 * (v['rep.1.first'] - v['rep.1.shuffled'])).toFixed(1)} points are locality.`,
    },
    top1: {
      predict:
        'Top-1 runs one expert per character instead of two: half the expert compute, the same weights. How much does moe-en’s perplexity on the test text rise?',
      choices: ['Less than 2%', '2–10%', 'More than 10%'],
      act: 'Wait for the rows “trained” and “top-1 instead of top-2” of the table “What changing the routing costs the model”.',
      reveal: (v) =>
        `Perplexity goes from ${v['ppl.trained'].toFixed(3)} to ${v['ppl.top1'].toFixed(3)} (${signed(100 * rise(v, 'top1'), 1)}%, ${signed(cost(v, 'top1'))} nats per character): the second expert is worth keeping, though not twice the quality.`,
    },
    capacity: {
      predict:
        'A capacity factor of 1.25 gives each expert 25% more room than an even share of a 256-character window; overflowing slots are dropped. Will that cost more perplexity than top-1 did?',
      choices: ['Less than top-1', 'More than top-1'],
      act: 'Wait for the capacity row of the routing table, and look at layer 1’s capacity panel.',
      reveal: (v) =>
        `At capacity factor ${v.capacityCf}, perplexity goes from ${v['ppl.trained'].toFixed(3)} to ${v['ppl.capacity'].toFixed(3)} (${signed(cost(v, 'capacity'))} nats, against ${signed(cost(v, 'top1'))} for top-1). Layer 1 alone drops ${pct(v['cap.1.dropped'])} of its slots at factor ${v['cap.cf']}: this router is unbalanced, so its favourite experts overflow while others sit nearly empty.`,
    },
    dropLeast: {
      predict:
        'Back to moe-en: switch off, in every layer, the expert its router uses least (1 of 8, an eighth of the expert weights). Will that cost more or less than top-1?',
      choices: ['Less than top-1', 'More than top-1'],
      act: 'moe-en loads again from this browser’s cache; wait for the row “least-used expert switched off”.',
      reveal: (v) =>
        `Switching off each layer’s least-used expert costs ${signed(cost(v, 'drop-least'))} nats per character, top-1 ${signed(cost(v, 'top1'))}, and weights that do not sum to 1 (no renormalisation) ${signed(cost(v, 'no-renorm'))}: an expert the router rarely picks can go almost for free.`,
    },
    balance: {
      predict:
        'This is a 16-expert MoE trained on digits without the load-balancing loss (α = 0). Will any of its 16 experts get no token at all on the 2,000 test digits?',
      choices: ['Yes, at least one expert goes idle (routing collapse)', 'No, all are used, just unevenly'],
      act: 'Wait for the digits and the note on the auxiliary loss in the trained-model panel.',
      reveal: (v) =>
        `Load CV (σ/μ) is ${v['mnist.16.cvWith'].toFixed(2)} with α = 0.1 and ${v['mnist.16.cvWithout'].toFixed(2)} with α = 0, where ${v['mnist.16.idle']} expert${v['mnist.16.idle'] === 1 ? '' : 's'} got no token at all${v['mnist.16.idle'] > 0 ? ': routing collapse' : ': unbalanced routing, but no collapse'}.`,
    },
  },
  checks: {
    top1Cost: {
      question: 'By what percentage does moe-en’s perplexity rise with top-1 routing instead of top-2?',
      unit: '%',
      explain: (v) =>
        `${(100 * rise(v, 'top1')).toFixed(1)}%: ${v['ppl.trained'].toFixed(3)} → ${v['ppl.top1'].toFixed(3)} (half a point either way counts as right).`,
      waiting: 'let the routing table measure top-1 (guided step 3).',
    },
    cheapest: {
      question: 'Which change of the routing cost moe-en the least?',
      choices: ['Top-1 instead of top-2', 'No renormalisation', 'A capacity limit', 'The least-used expert switched off'],
      explain: (v) =>
        `Δ nats per character: top-1 ${signed(cost(v, 'top1'))}, no renormalisation ${signed(cost(v, 'no-renorm'))}, capacity ${signed(cost(v, 'capacity'))}, least-used expert off ${signed(cost(v, 'drop-least'))}.`,
      waiting: 'let the routing table finish every row.',
    },
    idle: {
      question: 'How many of layer 1’s 8 experts receive no slot at all on the test text?',
      unit: 'experts',
      explain: (v) =>
        `${v['cap.1.idle']}: an expert with no slot is idle, which is what “routing collapse” means; the others are only unevenly loaded.`,
      waiting: 'wait for layer 1’s capacity panel (guided step 4).',
    },
    locality: {
      question: 'In which layer does the first-choice repetition exceed its shuffled (same loads) baseline the most?',
      choices: ['Layer 0', 'Layer 1', 'Layer 2', 'Layer 3'],
      explain: (v) =>
        `Measured minus shuffled: ${[0, 1, 2, 3].map((l) => `layer ${l} ${(100 * (v[`rep.${l}.first`] - v[`rep.${l}.shuffled`])).toFixed(1)}`).join(', ')} points.`,
      waiting: 'wait for the consecutive-characters table.',
    },
  },
};

const zh: MoeTeachMessages = {
  steps: {
    classes: {
      predict: '空格不是字母。在 moe-en 的第 0 层，空格的两个专家槽位是像普通字符那样分散，还是挤向某一个专家？',
      choices: ['与全部字符的分布差不多', '挤向一个专家（至少是该专家在全部字符中份额的 1.5 倍）'],
      act: '如有提示，下载 moe-en（9.8 MiB，保存在此浏览器中），然后等待热力图下方的类别表。',
      reveal: (v, live) =>
        `在第 0 层，空格把 ${pct(v['cls.0.space.share'], 0)} 的槽位分给专家 ${v['cls.0.space.expert']}，而该专家在全部字符的槽位中占 ${pct(v['cls.0.space.overall'], 0)}：是平均水平的 ${(v['cls.0.space.share'] / v['cls.0.space.overall']).toFixed(1)} 倍。${upperZh(live)}专家在一定程度上按字符的种类分工。`,
    },
    repeat: {
      predict:
        '在第 1 层，相邻字符常常保留同一个首选专家，远高于均匀随机路由（8 选 1）。这是因为相邻字符共享上下文，还是因为少数几个专家承担了大部分负载？',
      choices: ['上下文：按相同负载随机抽取时会降到 12.5% 附近', '负载：按相同负载随机抽取时几乎一样高'],
      act: '等待“相邻字符会选择同一个专家吗？”表格；第 1 层已高亮。',
      reveal: (v) =>
        `第 1 层：${pct(v['rep.1.first'])} 的相邻字符首选专家相同；按相同负载随机抽取为 ${pct(v['rep.1.shuffled'])}，均匀路由为 ${pct(v['rep.1.uniform'])}。高出均匀路由的差距中有 ${pct(loadsExplain(v['rep.1.first'], v['rep.1.shuffled'], v['rep.1.uniform']), 0)} 可由负载不均解释；只有 ${(100 * (v['rep.1.first'] - v['rep.1.shuffled'])).toFixed(1)} 个百分点是局部性。`,
    },
    top1: {
      predict: 'top-1 让每个字符只运行一个专家而不是两个：专家计算量减半，权重不变。moe-en 在测试文本上的困惑度会上升多少？',
      choices: ['不到 2%', '2–10%', '超过 10%'],
      act: '等待“改变路由会让模型付出多少代价”表格中“训练时的路由”和“用 top-1 代替 top-2”两行。',
      reveal: (v) =>
        `困惑度从 ${v['ppl.trained'].toFixed(3)} 变为 ${v['ppl.top1'].toFixed(3)}（${signed(100 * rise(v, 'top1'), 1)}%，每字符 ${signed(cost(v, 'top1'))} nats）：第二个专家值得保留，但带来的并不是两倍的质量。`,
    },
    capacity: {
      predict: '容量因子 1.25 让每个专家比均分一个 256 字符窗口时多 25% 的空间；溢出的槽位被丢弃。它的困惑度代价会比 top-1 更大吗？',
      choices: ['比 top-1 小', '比 top-1 大'],
      act: '等待路由表中的容量一行，并查看第 1 层的容量面板。',
      reveal: (v) =>
        `容量因子为 ${v.capacityCf} 时，困惑度从 ${v['ppl.trained'].toFixed(3)} 变为 ${v['ppl.capacity'].toFixed(3)}（${signed(cost(v, 'capacity'))} nats，top-1 为 ${signed(cost(v, 'top1'))}）。仅第 1 层在容量因子 ${v['cap.cf']} 下就丢弃了 ${pct(v['cap.1.dropped'])} 的槽位：这个路由器负载不均，热门专家溢出，其他专家却几乎空着。`,
    },
    dropLeast: {
      predict: '回到 moe-en：在每一层关闭路由器用得最少的专家（8 个中的 1 个，专家权重的八分之一）。它的代价会比 top-1 大还是小？',
      choices: ['比 top-1 小', '比 top-1 大'],
      act: 'moe-en 会从浏览器缓存重新加载；等待“关闭使用最少的专家”一行。',
      reveal: (v) =>
        `关闭每层使用最少的专家使每字符损失变化 ${signed(cost(v, 'drop-least'))} nats，top-1 为 ${signed(cost(v, 'top1'))}，权重之和不为 1（不重新归一化）为 ${signed(cost(v, 'no-renorm'))}：路由器很少选择的专家几乎可以无代价地移除。`,
    },
    balance: {
      predict:
        '这是一个在数字上训练、没有负载均衡损失（α = 0）的 16 专家 MoE。在 2,000 张测试数字上，它的 16 个专家中会有专家一个 token 也收不到吗？',
      choices: ['会，至少一个专家闲置（路由坍缩）', '不会，都被使用，只是不均衡'],
      act: '等待数字加载，以及“训练好的 MoE”面板中关于辅助损失的说明。',
      reveal: (v) =>
        `负载变异系数（σ/μ）在 α = 0.1 时为 ${v['mnist.16.cvWith'].toFixed(2)}，α = 0 时为 ${v['mnist.16.cvWithout'].toFixed(2)}，其中 ${v['mnist.16.idle']} 个专家一个 token 也没有收到${v['mnist.16.idle'] > 0 ? '：这就是路由坍缩' : '：路由不均衡，但没有坍缩'}。`,
    },
  },
  checks: {
    top1Cost: {
      question: '用 top-1 代替 top-2 路由时，moe-en 的困惑度上升了百分之几？',
      unit: '%',
      explain: (v) =>
        `${(100 * rise(v, 'top1')).toFixed(1)}%：${v['ppl.trained'].toFixed(3)} → ${v['ppl.top1'].toFixed(3)}（上下半个百分点以内都算对）。`,
      waiting: '让路由表测出 top-1（引导路线第 3 步）。',
    },
    cheapest: {
      question: '哪一种路由改动让 moe-en 付出的代价最小？',
      choices: ['用 top-1 代替 top-2', '不重新归一化', '容量限制', '关闭使用最少的专家'],
      explain: (v) =>
        `每字符 Δ nats：top-1 ${signed(cost(v, 'top1'))}，不重新归一化 ${signed(cost(v, 'no-renorm'))}，容量限制 ${signed(cost(v, 'capacity'))}，关闭使用最少的专家 ${signed(cost(v, 'drop-least'))}。`,
      waiting: '等路由表测完所有行。',
    },
    idle: {
      question: '在测试文本上，第 1 层的 8 个专家中有几个一个槽位也没有收到？',
      unit: '个专家',
      explain: (v) => `${v['cap.1.idle']} 个：没有槽位的专家处于闲置状态，这才是“路由坍缩”的含义；其余专家只是负载不均。`,
      waiting: '等待第 1 层的容量面板（引导路线第 4 步）。',
    },
    locality: {
      question: '在哪一层，首选专家的重复率超出其“打乱”（负载相同）基线最多？',
      choices: ['第 0 层', '第 1 层', '第 2 层', '第 3 层'],
      explain: (v) =>
        `实测减去打乱基线：${[0, 1, 2, 3].map((l) => `第 ${l} 层 ${(100 * (v[`rep.${l}.first`] - v[`rep.${l}.shuffled`])).toFixed(1)}`).join('，')} 个百分点。`,
      waiting: '等待相邻字符表格。',
    },
  },
};

export const moeTeachMessages = defineMessages<MoeTeachMessages>({ en, zh });
