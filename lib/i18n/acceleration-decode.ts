/**
 * Strings of the acceleration lab's "Decode a real model" panel (components/labs/acceleration/decode-panel.tsx),
 * in English and Simplified Chinese.
 */
import { fasterEn, fasterZh } from './acceleration';
import { defineMessages } from './locales';

const pct = (x: number, d = 0) => `${(x * 100).toFixed(d)}%`;
const times = (x: number) => (Number.isFinite(x) ? `${x >= 10 ? x.toFixed(1) : x.toFixed(2)}×` : '–');
const ms = (x: number) => `${x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)} ms`;

export const decodeMessages = defineMessages({
  en: {
    title: 'Decode a real model with sparse kernels',
    intro:
      "The table above times one matrix product. Here lm-en (a 4-layer Llama, 1.6 M parameters) generates text token by token on WebGPU, every one of its 28 linear layers running as our dense GEMV or as the CSR, BSR or 2:4 kernel on weights pruned for it: unstructured for CSR, whole b × b blocks for BSR, 2 of every 4 for 2:4. Each row is the source's table measured for this model on this device: tokens per second, speed-up over dense, and the pruned model's test perplexity.",
    method: 'Pruning method',
    methodOption: { magnitude: 'Magnitude', wanda: 'Wanda (|W|·‖X‖)', sparsegpt: 'SparseGPT' } as Record<string, string>,
    sparsities: 'Sparsities',
    sparsityOption: { all: "50%, 70% and 90% (the source's table)", '50': '50% only', '70': '70% only', '90': '90% only' } as Record<
      string,
      string
    >,
    tokens: 'Tokens generated per kernel',
    tokensHint: 'Tokens per second is the median over these steps; the prompt runs first and warms every pipeline.',
    kernelsLine: (names: string, b: number) =>
      `Kernels: dense GEMV and ${names || 'no sparse kernel'} (the Formats toggles above; BSR blocks ${b} × ${b}).`,
    calibrationNote: 'Wanda and SparseGPT first calibrate on 32 windows of training text (about half a minute on WASM, once).',
    run: 'Decode',
    running: 'Decoding…',
    cancel: 'Cancel',
    check: 'Check against the reference',
    checking: 'Checking…',
    phase: {
      download: (done: number, total: number) => `Downloading lm-en: ${(done / 1e6).toFixed(1)} of ${(total / 1e6).toFixed(1)} MB`,
      calibrate: (done: number, total: number) => `Calibrating: window ${done} of ${total}`,
      prune: (done: number, total: number) => `Pruning and measuring perplexity: configuration ${done} of ${total}`,
      decode: (done: number, total: number) => `Decoding: token ${done} of ${total} of every configuration`,
      profile: (done: number, total: number) => `Timing the parts of a step: ${done} of ${total}`,
      check: (done: number, total: number) => `Checking path ${done + 1} of ${total}`,
      shapes: (done: number, total: number) => `Timing LLM shapes: ${done} of ${total}`,
    },
    cancelled: 'Cancelled.',
    failed: (msg: string) => `Decoding failed: ${msg}`,
    done: (s: number) => `Done in ${s.toFixed(0)} s.`,
    software:
      'Software adapter (CPU emulation): the kernels run, and the numbers say how an emulated GPU behaves, not a real one. Keep the token count small.',
    fallback:
      "No WebGPU here, so the WGSL kernels cannot run. The model decodes on WASM with tf.matMul on the pruned weights: zeros are multiplied like any other number, so the speed column measures pruning without a sparse kernel (about the same as dense), and neither the kernels' speed-up nor the time of the linear layers on a GPU can be measured. Perplexity and the generated text are real.",
    table: {
      caption: (device: string) => `Decoding lm-en on ${device}`,
      kernel: 'Kernel',
      sparsity: 'Sparsity',
      tokensPerSecond: 'Tokens / s',
      msPerToken: 'ms / token',
      speedup: 'Speed-up vs dense',
      perplexity: 'Test perplexity',
      weights: 'Linear weights',
      text: 'Generated text',
      kernelName: { dense: 'dense GEMV', csr: 'CSR', bsr: (b: number) => `BSR ${b}×${b}`, '2:4': '2:4' },
      wasmKernel: (k: string) => `${k} weights, tf.matMul (WASM)`,
      speedWords: (s: number) => fasterEn(s, 'dense'),
      sourceClaim: 'The source claims 1.5× at 50%, 2.5× at 70% and 5× at 90% sparsity.',
      prompt: (p: string) => `Prompt (greedy continuation): “${p}”`,
    },
    amdahl: {
      title: 'Where the time of a token goes',
      intro: (timing: 'kernel' | 'sync', wasm: boolean, rt: number) =>
        (wasm
          ? 'Each part of a few extra steps is timed by tf.time: on WASM, the time its operations take on the CPU. '
          : timing === 'kernel'
            ? 'Each part of a few extra steps is timed on the GPU with timestamp queries (tf.time: every program the part dispatches; Chrome rounds each timestamp to 0.1 ms). '
            : `This adapter has no timestamp queries: each part of a few extra steps is timed up to a readback of its output (a sync), and the round trip of a bare readback, ${ms(rt)} here, is taken off every sync. `) +
        'Sampling is the wall time of reading the logits back and choosing the token. “Other” is the unprofiled step minus the parts: the CPU time of preparing and dispatching about 100 programs per token, and submitting them, that no GPU timer sees (negative when parts overlap that the profile separates).',
      parts: {
        linear: 'Linear layers (28 + head)',
        attention: 'Attention (RoPE, KV cache, softmax)',
        norms: 'Norms, SiLU, residuals, embedding',
        sampling: 'Logits read back + sampling',
        other: 'Other (dispatch, submission)',
      } as Record<string, string>,
      part: 'Part',
      share: 'Share',
      perToken: 'ms / token',
      linearSpeedup: 'Linear layers vs dense',
      predicted: 'Amdahl’s prediction',
      measured: 'Measured whole step',
      limit: 'Ceiling 1 / (1 − p)',
      formula: (p: number) =>
        `Amdahl: S = 1 / ((1 − p) + p / S_linear), with p = ${pct(p, 0)}, the linear layers' share of the dense step.`,
      explain: (p: number, limit: number, best: { name: string; linear: number; whole: number } | null) =>
        `The linear layers are ${pct(p, 0)} of a dense step here, so even infinitely fast linear layers could make the whole step at most ${times(limit)} faster. ` +
        (best
          ? `${best.name} made the linear layers ${fasterEn(best.linear, 'dense')}, and the whole step ${fasterEn(best.whole, 'dense')}: attention, norms, sampling and the fixed cost of each dispatch do not shrink with sparsity.`
          : 'Run a sparse kernel to compare its linear layers with dense.'),
      realLlm:
        'In a 7B-parameter model at batch 1, the linear layers are most of the bytes read per token, so their share p is far higher than in this tiny model, where 30 small dispatches and their fixed costs weigh more.',
    },
    checkTable: {
      title: 'Correctness against the float64 reference',
      intro: (dense: number, sparse: number) =>
        `Greedy decoding of ${dense} tokens with dense weights through the WGSL path, and ${sparse} tokens through each sparse path; then one float64 forward pass of the same (pruned) weights over the prompt and the generated tokens. The tokens agree when the reference picks the same next token at every step; the logits must agree within 1e-3.`,
      path: 'Path',
      tokens: 'Tokens',
      same: 'Same tokens as the reference',
      error: 'Max |Δ logit|',
      yes: 'yes',
      no: (at: number) => `no (from token ${at + 1})`,
      pass: 'within 1e-3',
      fail: 'above 1e-3',
    },
    shapes: {
      title: 'The same kernels at real LLM shapes (batch 1)',
      intro:
        'One token through the linear layers of Llama-2-7B: q/k/v/o_proj are 4096 × 4096, gate/up_proj 11008 × 4096, down_proj 4096 × 11008. Random weights pruned per kernel (magnitude for CSR, 32 × 32 block norms for BSR, 2:4 by magnitude), timed against our dense GEMV, interleaved.',
      software:
        'Software adapter: each 11008 × 4096 product (180 MB of weights) takes seconds when the CPU emulates the GPU, so timing all of them would take many minutes. The lab times the same shapes divided by 8 (512 × 512, 1376 × 512, 512 × 1376: the same aspect ratios) and says so; on a GPU it times the real ones.',
      run: 'Time the LLM shapes',
      shape: 'Shape (out × in)',
      layer: { attn: 'q/k/v/o_proj', up: 'gate/up_proj', down: 'down_proj' } as Record<string, string>,
      kernel: 'Kernel',
      sparsity: 'Sparsity',
      kernelMs: 'Kernel ms',
      denseMs: 'Dense GEMV ms',
      speedup: 'Speed-up',
      scaled: (d: number) => `(Llama-2-7B shape ÷ ${d})`,
    },
  },
  zh: {
    title: '用稀疏内核解码一个真实模型',
    intro:
      '上面的表格只计时一次矩阵乘法。这里让 lm-en（一个 4 层的 Llama，160 万参数）在 WebGPU 上逐个 token 生成文本，它的 28 个线性层全部用我们的稠密 GEMV，或用 CSR、BSR、2:4 内核在为之剪枝的权重上运行：CSR 用非结构化剪枝，BSR 剪掉整个 b × b 块，2:4 每 4 个保留 2 个。每一行都是在本设备上为这个模型实测的原文表格：每秒 token 数、相对稠密的加速比，以及剪枝后模型的测试集困惑度。',
    method: '剪枝方法',
    methodOption: { magnitude: '幅值', wanda: 'Wanda（|W|·‖X‖）', sparsegpt: 'SparseGPT' } as Record<string, string>,
    sparsities: '稀疏度',
    sparsityOption: { all: '50%、70% 和 90%（原文的表格）', '50': '仅 50%', '70': '仅 70%', '90': '仅 90%' } as Record<string, string>,
    tokens: '每个内核生成的 token 数',
    tokensHint: '每秒 token 数取这些步的中位数；先运行提示词，顺便预热所有流水线。',
    kernelsLine: (names: string, b: number) =>
      `内核：稠密 GEMV 以及 ${names || '（没有稀疏内核）'}（即上面“格式”里的开关；BSR 块大小 ${b} × ${b}）。`,
    calibrationNote: 'Wanda 和 SparseGPT 先在 32 个训练文本窗口上校准（在 WASM 上约半分钟，只做一次）。',
    run: '解码',
    running: '正在解码…',
    cancel: '取消',
    check: '与参考实现核对',
    checking: '正在核对…',
    phase: {
      download: (done: number, total: number) => `正在下载 lm-en：${(done / 1e6).toFixed(1)} / ${(total / 1e6).toFixed(1)} MB`,
      calibrate: (done: number, total: number) => `正在校准：第 ${done} / ${total} 个窗口`,
      prune: (done: number, total: number) => `正在剪枝并测量困惑度：第 ${done} / ${total} 个配置`,
      decode: (done: number, total: number) => `正在解码：每个配置的第 ${done} / ${total} 个 token`,
      profile: (done: number, total: number) => `正在计时一步中的各部分：${done} / ${total}`,
      check: (done: number, total: number) => `正在核对第 ${done + 1} / ${total} 条路径`,
      shapes: (done: number, total: number) => `正在计时 LLM 形状：${done} / ${total}`,
    },
    cancelled: '已取消。',
    failed: (msg: string) => `解码失败：${msg}`,
    done: (s: number) => `用时 ${s.toFixed(0)} 秒。`,
    software: '软件适配器（CPU 模拟）：内核可以运行，但数字反映的是模拟 GPU 的表现，而不是真实 GPU。请把 token 数保持得小一些。',
    fallback:
      '这里没有 WebGPU，WGSL 内核无法运行。模型改在 WASM 上用 tf.matMul 乘剪枝后的权重解码：零和其他数一样被相乘，所以速度一列衡量的是没有稀疏内核时的剪枝（与稠密差不多），既无法测出内核的加速比，也无法测出 GPU 上线性层的耗时。困惑度和生成的文本是真实的。',
    table: {
      caption: (device: string) => `在 ${device} 上解码 lm-en`,
      kernel: '内核',
      sparsity: '稀疏度',
      tokensPerSecond: 'token / 秒',
      msPerToken: '毫秒 / token',
      speedup: '相对稠密的加速比',
      perplexity: '测试集困惑度',
      weights: '线性层权重',
      text: '生成的文本',
      kernelName: { dense: '稠密 GEMV', csr: 'CSR', bsr: (b: number) => `BSR ${b}×${b}`, '2:4': '2:4' },
      wasmKernel: (k: string) => `${k} 的权重，tf.matMul（WASM）`,
      speedWords: (s: number) => fasterZh(s, '稠密'),
      sourceClaim: '原文称 50%、70%、90% 稀疏度分别带来 1.5 倍、2.5 倍和 5 倍的加速。',
      prompt: (p: string) => `提示词（贪心续写）：“${p}”`,
    },
    amdahl: {
      title: '一个 token 的时间花在哪里',
      intro: (timing: 'kernel' | 'sync', wasm: boolean, rt: number) =>
        (wasm
          ? '另外运行几步，用 tf.time 为每个部分计时：在 WASM 上即其运算在 CPU 上的耗时。'
          : timing === 'kernel'
            ? '另外运行几步，用 GPU 时间戳查询为每个部分计时（tf.time：该部分派发的每个程序；Chrome 把每个时间戳取整到 0.1 毫秒）。'
            : `此适配器没有时间戳查询：另外运行几步，每个部分计时到读回其输出为止（同步），一次空读回的往返时间（这里是 ${ms(rt)}）从每次同步中扣除。`) +
        '采样是读回 logits 并选出 token 的墙钟时间。“其他”是不计时的一步减去各部分之和：每个 token 准备、派发约 100 个程序并提交它们的 CPU 时间，任何 GPU 计时器都看不到（当计时时分开的部分实际重叠时为负）。',
      parts: {
        linear: '线性层（28 个 + 输出头）',
        attention: '注意力（RoPE、KV 缓存、softmax）',
        norms: '归一化、SiLU、残差、嵌入',
        sampling: '读回 logits + 采样',
        other: '其他（派发、提交）',
      } as Record<string, string>,
      part: '部分',
      share: '占比',
      perToken: '毫秒 / token',
      linearSpeedup: '线性层相对稠密',
      predicted: 'Amdahl 预测',
      measured: '实测整步',
      limit: '上限 1 / (1 − p)',
      formula: (p: number) => `Amdahl 定律：S = 1 / ((1 − p) + p / S_线性)，其中 p = ${pct(p, 0)}，即线性层在稠密一步中的占比。`,
      explain: (p: number, limit: number, best: { name: string; linear: number; whole: number } | null) =>
        `这里线性层占稠密一步的 ${pct(p, 0)}，所以即使线性层无限快，整步最多也只能快 ${times(limit)}。` +
        (best
          ? `${best.name} 让线性层${fasterZh(best.linear, '稠密')}，整步${fasterZh(best.whole, '稠密')}：注意力、归一化、采样以及每次派发的固定开销不会随稀疏度变小。`
          : '运行一个稀疏内核，才能把它的线性层与稠密比较。'),
      realLlm:
        '在批大小为 1 的 70 亿参数模型中，线性层占每个 token 读取字节的绝大部分，所以占比 p 远高于这个小模型——在这里，30 次小派发及其固定开销的分量更重。',
    },
    checkTable: {
      title: '与 float64 参考实现核对',
      intro: (dense: number, sparse: number) =>
        `用稠密权重经 WGSL 路径贪心解码 ${dense} 个 token，每条稀疏路径解码 ${sparse} 个；然后用同样（剪枝后）的权重，对提示词和生成的 token 做一次 float64 前向计算。若参考实现在每一步都选出相同的下一个 token，则 token 一致；logits 之差必须在 1e-3 以内。`,
      path: '路径',
      tokens: 'token 数',
      same: '与参考实现 token 相同',
      error: '最大 |Δ logit|',
      yes: '是',
      no: (at: number) => `否（从第 ${at + 1} 个 token 起）`,
      pass: '在 1e-3 以内',
      fail: '超过 1e-3',
    },
    shapes: {
      title: '同样的内核，真实 LLM 形状（批大小 1）',
      intro:
        '一个 token 通过 Llama-2-7B 的线性层：q/k/v/o_proj 为 4096 × 4096，gate/up_proj 为 11008 × 4096，down_proj 为 4096 × 11008。随机权重按各内核剪枝（CSR 用幅值，BSR 用 32 × 32 块范数，2:4 按幅值），与我们的稠密 GEMV 交替计时。',
      software:
        '软件适配器：CPU 模拟 GPU 时，每个 11008 × 4096 的乘法（180 MB 权重）要数秒，全部计时需要很多分钟。因此这里计时的是同样形状除以 8（512 × 512、1376 × 512、512 × 1376：长宽比相同），并如实说明；在 GPU 上则计时真实形状。',
      run: '计时 LLM 形状',
      shape: '形状（输出 × 输入）',
      layer: { attn: 'q/k/v/o_proj', up: 'gate/up_proj', down: 'down_proj' } as Record<string, string>,
      kernel: '内核',
      sparsity: '稀疏度',
      kernelMs: '内核毫秒',
      denseMs: '稠密 GEMV 毫秒',
      speedup: '加速比',
      scaled: (d: number) => `（Llama-2-7B 形状 ÷ ${d}）`,
    },
  },
});
