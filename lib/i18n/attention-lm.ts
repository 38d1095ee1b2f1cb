/**
 * Messages of the attention lab's language-model panels (components/labs/attention/lm-*.tsx):
 * real heads, what a pattern costs in perplexity, quality against density, attention sinks,
 * the KV cache and the kernel on the model's Q, K, V. Sentences that report a measurement take
 * the measured numbers as arguments; none of them states a result on its own.
 */
import type { LmName } from '../lm/models';
import { defineMessages } from './locales';

type N = string | number;

export const attentionLmMessages = defineMessages({
  en: {
    source: {
      label: 'Queries and keys from',
      hint: 'A language model: its real heads on a test passage (n is its context of 256 characters, and it reads only earlier characters, so every pattern is ANDed with causality). Random: seeded numbers at any length, to study a pattern alone.',
      models: {
        'lm-en': 'Language model lm-en (English, Llama)',
        'lm-zh': 'Language model lm-zh (Chinese, Llama)',
        'moe-en': 'Language model moe-en (English, Mixtral)',
      } satisfies Record<LmName, string>,
      random: 'Random numbers (seeded)',
      passage: 'Test passage',
      passageHint: 'One of six fixed windows of 256 characters from the test split, which the model never saw in training.',
      passageOption: (i: number, start: string) => `${i + 1}: ${start}…`,
      nFixed: (n: N) => `n = ${n}, the model's context. Patterns are ANDed with causality (the model reads only earlier characters).`,
      causalForced: 'The language model is causal: every pattern is ANDed with j ≤ i.',
    },
    heads: {
      title: 'Real attention heads',
      intro: (layers: N, heads: N) =>
        `Each picture is one head's attention on this passage: row = the character asking (query), column = an earlier character it reads (key), brighter = more probability. ${layers} layers × ${heads} heads. Pairs the chosen pattern drops are tinted red. Click a head to enlarge it.`,
      computing: 'Running the passage through the model (float64 reference)…',
      head: (layer: N, head: N) => `Layer ${layer}, head ${head}`,
      short: (layer: N, head: N) => `L${layer} H${head}`,
      detail: (layer: N, head: N) => `Layer ${layer}, head ${head}: attention probabilities (query rows, key columns)`,
      dropped: 'dropped by the pattern',
      kept: 'kept',
      tableTitle: 'Heads sorted by the attention mass the pattern keeps',
      colHead: 'head',
      colKept: 'mass kept',
      colDistance: 'mean distance (characters)',
      colSink: 'mass on the first k tokens',
      colUniform: 'an even head would put',
      summary: (worst: string, kept: string, best: string, bestKept: string, mean: string) =>
        `Measured on this passage: the pattern keeps ${mean} of the attention mass on average. It hurts ${worst} most (keeps ${kept}); ${best} loses least (keeps ${bestKept}).`,
      distanceNote: (near: string, nearD: string, far: string, farD: string) =>
        `Nearest-looking head: ${near} (mean distance ${nearD} characters). Farthest-looking: ${far} (${farD} characters).`,
      pickHint: 'Choose a head',
    },
    cost: {
      title: 'What the pattern costs the model',
      intro:
        'The same pattern in every layer, at inference, on the fast path (tfjs). Loss is the mean negative log-likelihood of each next character in nats; perplexity = e^loss, the number of equally likely characters the model is as unsure as.',
      rowPassage: 'This passage',
      rowTest: (windows: N, chars: N) => `Test sample (${windows} passages, ${chars} predicted characters)`,
      colDense: 'dense (causal)',
      colPattern: 'with the pattern',
      colChange: 'change',
      density: (kept: string) => `Pairs kept: ${kept} of the causal (query, key) pairs.`,
      measuring: 'Measuring…',
      loss: (nll: string, ppl: string) => `${nll} nats · ppl ${ppl}`,
      change: (pct: string) => `${pct} perplexity`,
      timing: (ms: string) => `Last update: ${ms} ms of model work.`,
    },
    curves: {
      title: 'Quality against density',
      intro: (windows: N) =>
        `Test-sample perplexity (${windows} passages of 256 characters) against the share of causal (query, key) pairs kept, sweeping each pattern's main parameter: the window w for window, sinks + window (4 sink tokens, or your k) and dilated (your d); the block size for BigBird (r = 1 random block). The dashed line is dense.`,
      run: 'Compute the curves',
      cancel: 'Cancel',
      progress: (done: N, total: N) => `${done} of ${total} passes`,
      cached: 'Computed earlier for this model in this tab.',
      xLabel: 'share of causal pairs kept',
      yLabel: 'test-sample perplexity',
      families: { window: 'window', sinks: 'sinks + window', dilated: 'dilated window', bigbird: 'BigBird' },
      dense: 'dense',
      you: 'your setting',
      table: 'The measured points',
      colFamily: 'pattern',
      colParam: 'parameter',
      colDensity: 'pairs kept',
      colPpl: 'perplexity',
      cancelled: 'Cancelled. Press the button to start again.',
      summary: (family: string, density: string, ppl: string, densePpl: string) =>
        `Cheapest point within 5% of dense perplexity (${densePpl}): ${family} at ${density} of the pairs (perplexity ${ppl}).`,
      noneClose: (densePpl: string) => `No swept point reaches within 5% of dense perplexity (${densePpl}).`,
    },
    sinks: {
      title: 'Attention sinks (StreamingLLM)',
      intro:
        'Xiao et al. (2023) found that large models park much of their attention on the first tokens, whatever they say, and that a sliding window breaks once those tokens fall out of it; keeping k "sink" tokens next to the window repairs it. Does this small model do the same? Measured, not assumed.',
      massTitle: (k: N) => `Attention mass on the first ${k} token(s), per head, dense model`,
      massNote: (k: N) =>
        `Averaged over the queries after the first ${k}; the dashed line is what a head spreading evenly over its keys would put there.`,
      even: 'an even head',
      massAxis: (k: N) => `mass on the first ${k}`,
      experiment: (w: N, k: N) =>
        `A window of the last ${w} characters alone, against the same window plus the first ${k} characters as sinks (test sample):`,
      windowOnly: 'window only',
      withSinks: (k: N) => `window + ${k} sinks`,
      needK: 'Set the sink tokens k to at least 1 (the sinks pattern) to run the comparison.',
      needShort: (w: N, n: N) =>
        `The window (${w}) already covers the ${n}-character passage, so nothing falls out of it: choose a window below ${n}.`,
      verdictSinks: (top: string, mass: string, ratio: string) =>
        `This model does show sinks: ${top} puts ${mass} of its attention on the first token(s), ${ratio}× what an even head would.`,
      verdictNoSinks: (top: string, mass: string, ratio: string) =>
        `No strong sinks here: the head with the most mass on the first token(s), ${top}, puts ${mass} there, ${ratio}× an even head.`,
      verdictHelp: (only: string, both: string) =>
        `Keeping the sinks lowers perplexity from ${only} to ${both}: the first tokens matter to this model beyond their content.`,
      verdictNoHelp: (only: string, both: string) =>
        `Keeping the sinks changes perplexity from ${only} to ${both}: for this small model, at this window, the first tokens are not what the window was missing.`,
    },
    kv: {
      title: 'The KV cache during decoding',
      intro:
        'A decoder keeps K and V of every token it may attend again. Dense attention keeps them all, so the cache grows with the text; a window of w keys can forget older tokens, so its cache stops growing at w; sinks + window stops at k + w. Prefill FLOPs are only half the story: this bounded memory is where windows pay off in practice.',
      shape: (layers: N, kv: N, d: N, bytes: N) => `${layers} layers × ${kv} KV heads × ${d} dimensions × 2 (K and V) × ${bytes} bytes`,
      ours: (name: string) => `This model (${name}, float32 as tfjs computes it)`,
      llama: 'Llama-2-7B shape (32 layers × 32 heads × 128, fp16)',
      perToken: (bytes: string) => `${bytes} per token`,
      xLabel: 'tokens decoded',
      yLabel: 'KV-cache bytes',
      strategies: { dense: 'dense', window: (w: N) => `window (${w} keys)`, sinks: (k: N, w: N) => `sinks + window (${k} + ${w})` },
      atLength: (len: string) => `at ${len} tokens`,
      colStrategy: 'attention',
      colTokens: 'tokens cached',
    },
    kernel: {
      title: "The block-sparse kernel on the model's Q, K, V",
      intro: (layer: N, head: N) =>
        `Runs the lab's WGSL block-sparse attention kernel on layer ${layer}, head ${head}'s real queries, keys (after RoPE) and values for this passage, with the chosen pattern ANDed with causality, and checks it against its TypeScript twin.`,
      run: 'Run the kernel on this head',
      running: 'Running…',
      noGpu: 'WebGPU is not available in this browser, so the WGSL kernel cannot run here; the model measurements above use WebAssembly.',
      result: (err: string, ok: boolean, blocks: N, total: N) =>
        `${ok ? 'Match' : 'Mismatch'}: max |kernel − twin| = ${err} over ${blocks} of ${total} tiles.`,
      failed: (message: string) => `The kernel could not run: ${message}`,
      randomNote: 'With random Q, K, V (source: random) the kernel panel below runs at any length.',
    },
    lesson: {
      title: 'What the language model shows',
      paragraphs: [
        'Measured on lm-en (4 layers × 6 heads, 256-character context) over the fixed test sample of 6 passages, with the pattern in every layer at inference and no retraining. Dense attention gives perplexity 4.27 (1.451 nats per character).',
        "Locality is almost all this model needs. The source's window keeps |i − j| ≤ ⌊w/2⌋, so a causal model reads ⌊w/2⌋ + 1 characters. With 3 characters (w = 4) perplexity jumps to 6.23 (+46%); with 5 (w = 8) it is 4.59 (+7.6%); with 9 (w = 16, 6.9% of the causal pairs) 4.38 (+2.7%); with 17 (w = 32, 12.8%) 4.32 (+1.3%); with 33 (w = 64, 24%) 4.29 (+0.5%); from 65 keys on it equals dense.",
        "lm-zh (Tang poems, a 3,000-character vocabulary; the Chinese page's model) tells the same story with larger losses on the same kind of sample: dense 85.5; window 32 87.3 (+2.1%), window 16 96.1 (+12%), window 4 193 (+126%); dilated about 199 at every width; BigBird with blocks of 4 118.6 (+39%). Its farthest-looking head (layer 0, head 3) reaches back about 64 characters, several lines of a poem, and it has no sinks either.",
        "The heads explain why. Their mean look-back distance ranges from about 3 characters (layer 3, heads 3 and 4) to about 23 (layer 2, head 1). A window of 17 keys keeps 97% of the nearest head's attention but only 64% of the farthest one's, yet perplexity rises by just 1.3%: the far-looking heads spread thin attention over many characters, and little of what they read is needed.",
        'The dilated window with d = 2 reads every other character and so skips the one just before the query. Perplexity goes to 24–26 at every width, worse than a model that reads almost nothing. For a character model the previous character is the most informative one, and no amount of far context replaces it.',
        'At equal density, BigBird (b = 4, r = 1: its window, global and random blocks) gives 4.44 at 12.5% of the pairs, where the plain window gives 4.32 at 12.8%. Its global and random blocks spend budget on far positions this model barely uses. Models trained with such patterns learn to use them; this one was trained dense.',
        "Attention sinks: this small model has none. The first token receives 0.4–1.1% of a head's attention, against 2.0% for a head spreading evenly over its keys, and keeping 4 sink tokens beside a 5-character window changes perplexity from 4.59 to 4.58. StreamingLLM's sinks appear in large models trained on long contexts. A 4-layer model trained on 256-character windows has no such habit, so it does not break when the first tokens fall out of the window.",
        'What transfers to large models: windows work when most heads look nearby, which is why Mistral and Gemma use sliding windows in many layers. The saving that matters at decoding time is the KV cache, which a window bounds. Large models do form sinks, which is why StreamingLLM keeps the first tokens beside the window.',
      ],
    },
  },
  zh: {
    source: {
      label: '查询与键来自',
      hint: '语言模型：它在测试段落上的真实注意力头（n 为它的上下文 256 个字符；它只读更早的字符，所以每种模式都与因果掩码取交集）。随机：任意长度的带种子随机数，用来单独研究模式本身。',
      models: {
        'lm-en': '语言模型 lm-en（英文，Llama）',
        'lm-zh': '语言模型 lm-zh（中文，Llama）',
        'moe-en': '语言模型 moe-en（英文，Mixtral）',
      } satisfies Record<LmName, string>,
      random: '随机数（带种子）',
      passage: '测试段落',
      passageHint: '测试集中六个固定的 256 字符窗口之一，模型训练时从未见过。',
      passageOption: (i: number, start: string) => `${i + 1}：${start}…`,
      nFixed: (n: N) => `n = ${n}，即模型的上下文长度。各模式都与因果掩码取交集（模型只读更早的字符）。`,
      causalForced: '语言模型是因果的：每种模式都与 j ≤ i 取交集。',
    },
    heads: {
      title: '真实的注意力头',
      intro: (layers: N, heads: N) =>
        `每幅图是一个头在这段文字上的注意力：行是发出询问的字符（查询），列是它读取的更早字符（键），越亮概率越大。共 ${layers} 层 × ${heads} 个头。被所选模式丢弃的（查询，键）对以红色标出。点击某个头可放大。`,
      computing: '正在用模型处理这段文字（float64 参考实现）…',
      head: (layer: N, head: N) => `第 ${layer} 层，第 ${head} 个头`,
      short: (layer: N, head: N) => `L${layer} H${head}`,
      detail: (layer: N, head: N) => `第 ${layer} 层第 ${head} 个头：注意力概率（行为查询，列为键）`,
      dropped: '被模式丢弃',
      kept: '保留',
      tableTitle: '按模式保留的注意力质量排序的各个头',
      colHead: '头',
      colKept: '保留的质量',
      colDistance: '平均距离（字符）',
      colSink: '前 k 个 token 上的质量',
      colUniform: '均匀的头会放',
      summary: (worst: string, kept: string, best: string, bestKept: string, mean: string) =>
        `在这段文字上实测：该模式平均保留 ${mean} 的注意力质量。受影响最大的是 ${worst}（保留 ${kept}），影响最小的是 ${best}（保留 ${bestKept}）。`,
      distanceNote: (near: string, nearD: string, far: string, farD: string) =>
        `看得最近的头：${near}（平均距离 ${nearD} 个字符）。看得最远的头：${far}（${farD} 个字符）。`,
      pickHint: '选择一个头',
    },
    cost: {
      title: '该模式让模型付出的代价',
      intro:
        '推理时在每一层都使用同一个模式，走快速路径（tfjs）。损失是每个下一字符的平均负对数似然（单位：nats）；困惑度 = e^损失，相当于模型在多少个等可能的字符之间犹豫。',
      rowPassage: '这段文字',
      rowTest: (windows: N, chars: N) => `测试样本（${windows} 段，预测 ${chars} 个字符）`,
      colDense: '稠密（因果）',
      colPattern: '使用该模式',
      colChange: '变化',
      density: (kept: string) => `保留的对：因果（查询，键）对数量的 ${kept}。`,
      measuring: '正在测量…',
      loss: (nll: string, ppl: string) => `${nll} nats · 困惑度 ${ppl}`,
      change: (pct: string) => `困惑度 ${pct}`,
      timing: (ms: string) => `最近一次更新：模型计算 ${ms} 毫秒。`,
    },
    curves: {
      title: '质量与密度',
      intro: (windows: N) =>
        `测试样本（${windows} 段 256 字符）的困惑度与保留的因果（查询，键）对比例的关系，对每种模式扫描其主要参数：窗口、汇聚点 + 窗口（4 个汇聚 token，或你设定的 k）和空洞窗口（你设定的 d）扫描窗口 w；BigBird 扫描块大小（r = 1 个随机块）。虚线为稠密注意力。`,
      run: '计算曲线',
      cancel: '取消',
      progress: (done: N, total: N) => `已完成 ${done} / ${total} 次前向计算`,
      cached: '本标签页之前已为该模型算过。',
      xLabel: '保留的因果对比例',
      yLabel: '测试样本困惑度',
      families: { window: '窗口', sinks: '汇聚点 + 窗口', dilated: '空洞窗口', bigbird: 'BigBird' },
      dense: '稠密',
      you: '当前设置',
      table: '实测数据点',
      colFamily: '模式',
      colParam: '参数',
      colDensity: '保留的对',
      colPpl: '困惑度',
      cancelled: '已取消。按按钮可重新开始。',
      summary: (family: string, density: string, ppl: string, densePpl: string) =>
        `困惑度在稠密（${densePpl}）5% 以内的最省数据点：${family}，保留 ${density} 的对（困惑度 ${ppl}）。`,
      noneClose: (densePpl: string) => `没有任何扫描点的困惑度在稠密（${densePpl}）的 5% 以内。`,
    },
    sinks: {
      title: '注意力汇聚点（attention sink，StreamingLLM）',
      intro:
        'Xiao 等人（2023）发现，大模型会把大量注意力放在最前面的几个 token 上，无论它们的内容是什么；一旦这些 token 滑出窗口，滑动窗口注意力就会失效，而在窗口之外保留 k 个“汇聚” token 就能修复。这个小模型也是这样吗？要靠测量，而不是假设。',
      massTitle: (k: N) => `稠密模型中每个头放在前 ${k} 个 token 上的注意力质量`,
      massNote: (k: N) => `对前 ${k} 个之后的查询取平均；虚线是一个把注意力均匀分给各个键的头会放在那里的量。`,
      even: '均匀的头',
      massAxis: (k: N) => `前 ${k} 个 token 上的质量`,
      experiment: (w: N, k: N) => `只用最近 ${w} 个字符的窗口，对比同样的窗口再加上最前面 ${k} 个字符作为汇聚点（测试样本）：`,
      windowOnly: '仅窗口',
      withSinks: (k: N) => `窗口 + ${k} 个汇聚点`,
      needK: '把汇聚 token 数 k 设为至少 1（汇聚点模式）才能进行对比。',
      needShort: (w: N, n: N) => `窗口（${w}）已覆盖整段 ${n} 个字符，没有任何 token 滑出窗口：请选择小于 ${n} 的窗口。`,
      verdictSinks: (top: string, mass: string, ratio: string) =>
        `这个模型确实有汇聚点：${top} 把 ${mass} 的注意力放在最前面的 token 上，是均匀头的 ${ratio} 倍。`,
      verdictNoSinks: (top: string, mass: string, ratio: string) =>
        `这里没有明显的汇聚点：在最前面 token 上质量最多的头 ${top} 也只放了 ${mass}，是均匀头的 ${ratio} 倍。`,
      verdictHelp: (only: string, both: string) =>
        `保留汇聚点使困惑度从 ${only} 降到 ${both}：最前面的 token 对这个模型的作用超出了它们的内容。`,
      verdictNoHelp: (only: string, both: string) =>
        `保留汇聚点使困惑度从 ${only} 变为 ${both}：对这个小模型、在这个窗口下，窗口缺少的并不是最前面的 token。`,
    },
    kv: {
      title: '解码时的 KV 缓存',
      intro:
        '解码器要保存以后可能再被关注的每个 token 的 K 和 V。稠密注意力全部保存，缓存随文本增长；w 个键的窗口可以丢掉更早的 token，缓存在 w 处停止增长；汇聚点 + 窗口停在 k + w。预填充的 FLOPs 只是一半：这种有上限的内存才是窗口在实践中真正的收益。',
      shape: (layers: N, kv: N, d: N, bytes: N) => `${layers} 层 × ${kv} 个 KV 头 × ${d} 维 × 2（K 和 V）× ${bytes} 字节`,
      ours: (name: string) => `本模型（${name}，按 tfjs 的 float32 计算）`,
      llama: 'Llama-2-7B 的形状（32 层 × 32 个头 × 128，fp16）',
      perToken: (bytes: string) => `每个 token ${bytes}`,
      xLabel: '已解码的 token 数',
      yLabel: 'KV 缓存字节数',
      strategies: { dense: '稠密', window: (w: N) => `窗口（${w} 个键）`, sinks: (k: N, w: N) => `汇聚点 + 窗口（${k} + ${w}）` },
      atLength: (len: string) => `${len} 个 token 时`,
      colStrategy: '注意力',
      colTokens: '缓存的 token 数',
    },
    kernel: {
      title: '在模型的 Q、K、V 上运行块稀疏内核',
      intro: (layer: N, head: N) =>
        `在这段文字上，用第 ${layer} 层第 ${head} 个头的真实查询、键（RoPE 之后）和值运行本实验的 WGSL 块稀疏注意力内核，所选模式与因果掩码取交集，并与它的 TypeScript 孪生实现对照。`,
      run: '在这个头上运行内核',
      running: '运行中…',
      noGpu: '此浏览器没有 WebGPU，WGSL 内核无法在这里运行；上面的模型测量使用 WebAssembly。',
      result: (err: string, ok: boolean, blocks: N, total: N) =>
        `${ok ? '一致' : '不一致'}：max |内核 − 孪生实现| = ${err}，共 ${total} 个块中计算了 ${blocks} 个。`,
      failed: (message: string) => `内核无法运行：${message}`,
      randomNote: '使用随机 Q、K、V（来源：随机）时，下方的内核面板可在任意长度上运行。',
    },
    lesson: {
      title: '语言模型告诉我们什么',
      paragraphs: [
        '在 lm-en（4 层 × 6 个头，上下文 256 个字符）上、对固定的 6 段测试样本实测：推理时每一层都使用该模式，不重新训练。稠密注意力的困惑度为 4.27（每字符 1.451 nats）。',
        '这个模型几乎只需要局部信息。原文的窗口保留 |i − j| ≤ ⌊w/2⌋，因果模型因此读取 ⌊w/2⌋ + 1 个字符。只读 3 个字符（w = 4）时困惑度跳到 6.23（+46%）；5 个（w = 8）为 4.59（+7.6%）；9 个（w = 16，保留 6.9% 的因果对）为 4.38（+2.7%）；17 个（w = 32，12.8%）为 4.32（+1.3%）；33 个（w = 64，24%）为 4.29（+0.5%）；从 65 个键起与稠密相同。',
        'lm-zh（唐诗，3000 个字符的词表，中文页面使用的模型）在同类样本上给出同样的结论，只是损失更大：稠密 85.5；窗口 32 为 87.3（+2.1%），窗口 16 为 96.1（+12%），窗口 4 为 193（+126%）；空洞窗口在任何宽度下约为 199；块大小 4 的 BigBird 为 118.6（+39%）。它看得最远的头（第 0 层第 3 个头）平均回看约 64 个字符，也就是诗的好几句；它同样没有注意力汇聚点。',
        '各个头解释了原因。它们的平均回看距离从约 3 个字符（第 3 层第 3、4 个头）到约 23 个字符（第 2 层第 1 个头）不等。17 个键的窗口保留了最近的头 97% 的注意力，但最远的头只保留 64%，困惑度却只上升 1.3%：看得远的头把很薄的注意力撒在许多字符上，读到的内容大多并不需要。',
        'd = 2 的空洞窗口每隔一个字符读一个，因而跳过了紧挨着查询的前一个字符。困惑度在任何宽度下都变成 24–26，比几乎什么都不读的模型还差。对字符模型来说，前一个字符是信息量最大的，再多的远距离上下文也替代不了它。',
        '在相同密度下，BigBird（b = 4，r = 1：窗口块、全局块和随机块）保留 12.5% 的对时困惑度为 4.44，普通窗口保留 12.8% 时为 4.32。它的全局块和随机块把预算花在了这个模型很少使用的远处位置。用这类模式训练的模型会学会利用它们；这个模型是用稠密注意力训练的。',
        '注意力汇聚点（attention sink）：这个小模型没有。第一个 token 只得到一个头 0.4–1.1% 的注意力，而均匀分配注意力的头会给 2.0%；在 5 个字符的窗口旁保留 4 个汇聚 token，困惑度从 4.59 变为 4.58。StreamingLLM 的汇聚点出现在用长上下文训练的大模型中。在 256 字符窗口上训练的 4 层模型没有这种习惯，所以最前面的 token 滑出窗口时它不会失效。',
        '哪些结论适用于大模型：当多数头只看附近时，窗口就有效，这正是 Mistral 和 Gemma 在许多层使用滑动窗口的原因。解码时真正重要的节省是 KV 缓存，而窗口给它设了上限。大模型确实会形成汇聚点，所以 StreamingLLM 在窗口之外保留最前面的 token。',
      ],
    },
  },
});
