/**
 * The app's issues (lib/runtime/issue.ts gives their shape) and what each says, in both languages: one
 * function per kebab-case key, filled with the issue's params. IssueKey unites every domain's keys; a
 * key missing from either table is a type error, and so is showing an issue whose key has no message.
 *
 * The keys: the language models' problems (lib/lm/errors.ts LmProblem); an uploaded matrix file's
 * (lib/io/matrix.ts MatrixProblem); the pruning lab's settings (lib/pruning/model-masks.ts
 * PruneIssueCode, from lib/sparsity/pruning.ts's checks); MoE routing settings (lib/moe/variants.ts
 * RoutingProblem); sparsity schedules (lib/sparsity/schedules.ts) and training configs
 * (lib/training/config.ts); matmul shapes a kernel cannot run (lib/kernels/matmul/matmul-config.ts
 * ShapeIssueKey); the runtime's own `runtime` and `cancelled`.
 */
import type { MatrixProblem } from '../io/matrix';
import type { ShapeIssueKey } from '../kernels/matmul/matmul-config';
import type { LmProblem } from '../lm/errors';
import type { RoutingProblem } from '../moe/variants';
import type { PruneIssueCode } from '../pruning/model-masks';
import type { Issue as IssueOf, IssueParams, RuntimeIssueKey } from '../runtime/issue';
import type { ScheduleIssueKey } from '../sparsity/schedules';
import type { TrainingIssueKey } from '../training/config';
import { type Locale, defineMessages } from './locales';

export type IssueKey =
  LmProblem | MatrixProblem | PruneIssueCode | RoutingProblem | ScheduleIssueKey | TrainingIssueKey | ShapeIssueKey | RuntimeIssueKey;

/** An issue the page can show: its key has a message in both tables. */
export type Issue = IssueOf<IssueKey>;

declare module '../runtime/issue' {
  /** Registers the app's keys, so that the worker protocol's `Issue` carries them (see lib/runtime/issue.ts). */
  interface IssueRegistry {
    key: IssueKey;
  }
}

type Fill = (v: IssueParams) => string;
type V = IssueParams;

/** A fraction as a percentage with one decimal (training configs give fractions). */
const pct = (v: number | string) => (typeof v === 'number' ? `${(100 * v).toFixed(1)}%` : String(v));

export const issueMessages = defineMessages<Record<IssueKey, Fill>>({
  en: {
    'not-safetensors': () =>
      'The model file is not a readable safetensors file (damaged or truncated download). Clear the cached models on the About page and try again.',
    truncated: (v) =>
      `The model file is truncated: tensor ${v.name} is cut off. Clear the cached models on the About page and download again.`,
    'unsupported-dtype': (v) =>
      `The model file stores ${v.name ?? 'a tensor'} as ${v.dtype}, which this site cannot read (F32, F16 and BF16 only).`,
    'bad-config': (v) => `The model's config.json is not usable${v.field ? ` (field ${v.field})` : ''}.`,
    'missing-tensor': (v) => `The model file lacks the tensor ${v.name} that its config needs.`,
    'wrong-shape': (v) => `The model file does not match its config: ${v.name} is ${v.have}, the config implies ${v.want}.`,
    'bad-vocab': () => "The model's vocab.json does not match the model.",
    'empty-text': () => 'There is no text: pick a passage or type at least two characters.',
    'all-unknown': () =>
      "None of these characters is in the model's vocabulary: the English models know English letters and punctuation, lm-zh knows Chinese characters.",
    'too-long': (v) => `The text is too long: ${v.length} characters, at most ${v.max}.`,
    'download-failed': (v) =>
      `The model could not be downloaded (${v.status ? `HTTP ${v.status}` : 'no connection'}). Check the connection and try again.`,
    cancelled: () => 'Cancelled.',
    runtime: (v) => `The model could not run here: ${v.message ?? 'unknown error'}.`,
    // an uploaded matrix file (lib/io/matrix.ts MatrixProblem)
    'too-big-file': () =>
      'This file is too large: at most 64 MiB is accepted (a 4096 × 4096 float32 matrix, or about 2896 × 2896 in float64). Nothing was changed.',
    'not-npy': () =>
      'This is neither a NumPy .npy file (the \\x93NUMPY signature is missing) nor a .safetensors file. Nothing was changed.',
    malformed: () => 'This .npy file is damaged or truncated and could not be read. Nothing was changed.',
    dtype: () => 'Only float, integer and bool arrays are accepted (not complex, string, object or structured ones). Nothing was changed.',
    rank: () => 'A 2-D matrix is needed (reshape or pick one layer). Nothing was changed.',
    empty: () => 'The matrix is empty. Nothing was changed.',
    'too-large': () => 'The matrix is larger than 4096 × 4096 on one side. Nothing was changed.',
    'non-finite': () => 'The matrix contains NaN or infinite values. Nothing was changed.',
    'safetensors-unreadable': () => 'This .safetensors file’s header could not be read (damaged, or not safetensors). Nothing was changed.',
    'safetensors-truncated': () => 'This .safetensors file is truncated: it ends before its tensors do. Nothing was changed.',
    'no-matrix': () =>
      'This .safetensors file has no 2-D tensor that can be analysed (float, integer or bool, at most 4096 × 4096). Nothing was changed.',
    'no-tensor': () => 'That tensor is not in the file (or cannot be analysed). Nothing was changed.',
    // routing settings (lib/moe/variants.ts checkRoutingSettings)
    'experts-below-one': ({ numExperts }) => `The layer needs at least one expert (E = ${numExperts}). Set E to 1 or more.`,
    'k-below-one': ({ k }) => `Each token needs at least one expert (k = ${k}).`,
    'k-above-experts': ({ k, numExperts }) =>
      `k = ${k} is larger than the number of experts E = ${numExperts}: a token cannot pick more experts than exist. Lower k or add experts.`,
    'capacity-not-positive': ({ capacityFactor }) =>
      `The capacity factor must be greater than 0 (it is ${capacityFactor}): with no room, every token would be dropped.`,
    'noise-negative': () => 'The noise standard deviation must be 0 or more.',
    'shared-negative': () => 'The number of shared experts must be 0 or more.',
    // pruning settings (lib/sparsity/pruning.ts, lib/pruning/model-masks.ts), schedules (lib/sparsity/schedules.ts), training configs (lib/training/config.ts)
    'amount-out-of-range': (v: V) => `The amount must be a fraction between 0 and 1; ${v.amount} is not.`,
    'n-greater-than-m': (v: V) => `N:M keeps N of every M weights, so N cannot exceed M: N = ${v.n} > M = ${v.m}. Lower N or raise M.`,
    'nm-invalid': (v: V) => `N and M must be whole numbers with M ≥ 1 (got N = ${v.n}, M = ${v.m}).`,
    'm-not-dividing': (v: V) => `Groups of M = ${v.m} do not tile a row of ${v.cols} inputs (${v.cols} is not a multiple of ${v.m}).`,
    'block-size-invalid': (v: V) => `The block size must be a whole number ≥ 1, got ${v.blockSize}.`,
    'block-size-not-dividing': (v: V) => `${v.blockSize} × ${v.blockSize} blocks do not tile a [${v.rows}, ${v.cols}] matrix.`,
    'iterations-invalid': (v: V) => `The number of applications must be a whole number ≥ 1, got ${v.iterations}.`,
    'no-calibration': () => 'Wanda needs the calibration digits, which are still loading.',
    'nothing-pruned': () => 'No layer could be pruned with these settings.',
    'not-finite': (v: V) => `${v.field} must be a number (got “${v.value}”).`,
    'final-out-of-range': (v: V) =>
      `Final sparsity must be at least 0% and below 100% (got ${pct(v.final)}); 100% would remove every weight.`,
    'initial-out-of-range': (v: V) =>
      `The initial sparsity must lie between 0% and the final sparsity ${pct(v.final)} (got ${pct(v.initial)}).`,
    'end-not-after-begin': (v: V) => `The end step (${v.endStep}) must come after the begin step (${v.beginStep}).`,
    'frequency-invalid': (v: V) => `The mask must be updated every 1 or more whole steps (got ${v.frequency}).`,
    'setting-invalid': (v: V) => `${v.field} has an impossible value (${v.value}).`,
    'rewind-beyond-round': (v: V) => `The rewind step (${v.rewindStep}) must be inside the first round, i.e. below ${v.steps} steps.`,
    't0-beyond-run': (v: V) => `t₀ = ${v.t0} is not before the end of the run (${v.steps} steps): nothing will be pruned.`,
    'end-beyond-run': (v: V) =>
      `The end step ${v.endStep} lies past the run’s ${v.steps} steps, so the final sparsity is never reached. “Fit the schedule to this run” moves it.`,
    'linear-single-epoch': () => 'With one epoch the source’s per-epoch schedule never prunes: epoch 0 has 0% sparsity.',
    // matmul shapes a kernel cannot run (lib/kernels/matmul/matmul-config.ts)
    'batch-not-multiple-of-4': (v: V) => `Batch ${v.n} is not a multiple of 4, which the matrix × matrix kernels need (vec4 columns).`,
    'k-not-multiple-of-4': (v: V) => `K = ${v.k} is not a multiple of 4, which the kernels (and 2:4) need.`,
    'block-not-dividing': (v: V) => `A ${v.blockSize} × ${v.blockSize} block does not divide ${v.m} × ${v.m}.`,
    'block-size-unsupported': (v: V) => `Block size ${v.blockSize} is not supported by the BSR kernels (16, 32 or 64).`,
  },
  zh: {
    'not-safetensors': () => '模型文件不是可读的 safetensors 文件（下载损坏或不完整）。请在“关于”页清除已缓存的模型后重试。',
    truncated: (v) => `模型文件不完整：张量 ${v.name} 被截断。请在“关于”页清除已缓存的模型后重新下载。`,
    'unsupported-dtype': (v) => `模型文件以 ${v.dtype} 存储 ${v.name ?? '某个张量'}，本站无法读取（仅支持 F32、F16 与 BF16）。`,
    'bad-config': (v) => `模型的 config.json 无法使用${v.field ? `（字段 ${v.field}）` : ''}。`,
    'missing-tensor': (v) => `模型文件缺少配置所需的张量 ${v.name}。`,
    'wrong-shape': (v) => `模型文件与配置不符：${v.name} 的形状是 ${v.have}，配置要求 ${v.want}。`,
    'bad-vocab': () => '模型的 vocab.json 与模型不匹配。',
    'empty-text': () => '没有文字：请选择一段文本，或至少输入两个字符。',
    'all-unknown': () => '这些字符都不在模型的词表中：英文模型认识英文字母和标点，lm-zh 认识汉字。',
    'too-long': (v) => `文字太长：${v.length} 个字符，最多 ${v.max} 个。`,
    'download-failed': (v) => `模型下载失败（${v.status ? `HTTP ${v.status}` : '无网络连接'}）。请检查网络后重试。`,
    cancelled: () => '已取消。',
    runtime: (v) => `模型无法在此运行：${v.message ?? '未知错误'}。`,
    'too-big-file': () => '文件太大：最多接受 64 MiB（4096 × 4096 的 float32 矩阵，或约 2896 × 2896 的 float64 矩阵）。没有做任何改动。',
    'not-npy': () => '这既不是 NumPy .npy 文件（缺少 \\x93NUMPY 标记），也不是 .safetensors 文件。没有做任何改动。',
    malformed: () => '这个 .npy 文件已损坏或不完整，无法读取。没有做任何改动。',
    dtype: () => '只接受浮点、整数和布尔数组（不接受复数、字符串、对象或结构化数组）。没有做任何改动。',
    rank: () => '需要二维矩阵（请 reshape 或选取一层）。没有做任何改动。',
    empty: () => '矩阵为空。没有做任何改动。',
    'too-large': () => '矩阵某一边超过 4096。没有做任何改动。',
    'non-finite': () => '矩阵中含有 NaN 或无穷大。没有做任何改动。',
    'safetensors-unreadable': () => '无法读取这个 .safetensors 文件的头部（已损坏，或不是 safetensors 文件）。没有做任何改动。',
    'safetensors-truncated': () => '这个 .safetensors 文件不完整：文件在张量数据结束之前就结束了。没有做任何改动。',
    'no-matrix': () => '这个 .safetensors 文件中没有可以分析的二维张量（需要浮点、整数或布尔类型，最大 4096 × 4096）。没有做任何改动。',
    'no-tensor': () => '文件中没有这个张量（或它无法分析）。没有做任何改动。',
    'experts-below-one': ({ numExperts }) => `这一层至少需要一个专家（E = ${numExperts}）。请把 E 设为 1 或更大。`,
    'k-below-one': ({ k }) => `每个 token 至少需要一个专家（k = ${k}）。`,
    'k-above-experts': ({ k, numExperts }) =>
      `k = ${k} 大于专家数 E = ${numExperts}：一个 token 选不出比现有专家更多的专家。请减小 k 或增加专家。`,
    'capacity-not-positive': ({ capacityFactor }) => `容量因子必须大于 0（当前为 ${capacityFactor}）：没有容量，所有 token 都会被丢弃。`,
    'noise-negative': () => '噪声标准差必须大于或等于 0。',
    'shared-negative': () => '共享专家数必须大于或等于 0。',
    'amount-out-of-range': (v: V) => `剪枝比例必须是 0 到 1 之间的小数；${v.amount} 不是。`,
    'n-greater-than-m': (v: V) => `N:M 表示每 M 个权重保留 N 个，所以 N 不能大于 M：N = ${v.n} > M = ${v.m}。请减小 N 或增大 M。`,
    'nm-invalid': (v: V) => `N 和 M 必须是整数且 M ≥ 1（当前 N = ${v.n}，M = ${v.m}）。`,
    'm-not-dividing': (v: V) => `每组 M = ${v.m} 个无法铺满一行 ${v.cols} 个输入（${v.cols} 不是 ${v.m} 的倍数）。`,
    'block-size-invalid': (v: V) => `块大小必须是不小于 1 的整数，当前为 ${v.blockSize}。`,
    'block-size-not-dividing': (v: V) => `${v.blockSize} × ${v.blockSize} 的块无法铺满 [${v.rows}, ${v.cols}] 的矩阵。`,
    'iterations-invalid': (v: V) => `施加次数必须是不小于 1 的整数，当前为 ${v.iterations}。`,
    'no-calibration': () => 'Wanda 需要校准图片，它们仍在加载中。',
    'nothing-pruned': () => '按这些设置没有任何一层可以剪枝。',
    'not-finite': (v: V) => `${v.field} 必须是数字（收到“${v.value}”）。`,
    'final-out-of-range': (v: V) => `最终稀疏度必须不小于 0% 且小于 100%（收到 ${pct(v.final)}）；100% 会删掉所有权重。`,
    'initial-out-of-range': (v: V) => `初始稀疏度必须在 0% 与最终稀疏度 ${pct(v.final)} 之间（收到 ${pct(v.initial)}）。`,
    'end-not-after-begin': (v: V) => `结束步（${v.endStep}）必须在起始步（${v.beginStep}）之后。`,
    'frequency-invalid': (v: V) => `掩码更新间隔必须是不小于 1 的整数步（收到 ${v.frequency}）。`,
    'setting-invalid': (v: V) => `${v.field} 的取值不可能（${v.value}）。`,
    'rewind-beyond-round': (v: V) => `回退步（${v.rewindStep}）必须落在第一轮之内，即小于 ${v.steps} 步。`,
    't0-beyond-run': (v: V) => `t₀ = ${v.t0} 不在训练结束（共 ${v.steps} 步）之前：不会剪掉任何权重。`,
    'end-beyond-run': (v: V) =>
      `结束步 ${v.endStep} 超出了本次训练的 ${v.steps} 步，最终稀疏度永远达不到。点击“让稀疏度调度适配本次训练”即可调整。`,
    'linear-single-epoch': () => '只有一个 epoch 时，原文的按 epoch 稀疏度调度从不剪枝：第 0 个 epoch 的稀疏度为 0%。',
    'batch-not-multiple-of-4': (v: V) => `批大小 ${v.n} 不是 4 的倍数，而矩阵 × 矩阵内核需要这一点（按 vec4 处理列）。`,
    'k-not-multiple-of-4': (v: V) => `K = ${v.k} 不是 4 的倍数，而内核（以及 2:4）需要这一点。`,
    'block-not-dividing': (v: V) => `${v.blockSize} × ${v.blockSize} 的块无法整除 ${v.m} × ${v.m}。`,
    'block-size-unsupported': (v: V) => `BSR 内核不支持块大小 ${v.blockSize}（只支持 16、32 或 64）。`,
  },
});

/** The issue's message in the reader's language, filled with its params. */
export function issueMessage(issue: Issue, locale: Locale): string {
  return issueMessages[locale][issue.key](issue.params ?? {});
}

/** What went wrong, for a panel that already says "… failed: {detail}": a runtime issue's bare detail, else the issue's message. */
export function issueDetail(issue: Issue, locale: Locale): string {
  return issue.key === 'runtime' ? String(issue.params?.message ?? '') : issueMessage(issue, locale);
}
