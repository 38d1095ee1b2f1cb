/**
 * What every Issue (lib/runtime/issue.ts) says, in both languages: one function per kebab-case key,
 * filled with the issue's params. A key missing from either table is a type error.
 */
import type { IssueKey, IssueParams } from '../runtime/issue';
import { defineMessages } from './locales';

type Fill = (v: IssueParams) => string;
type V = IssueParams;

/** A fraction as a percentage with one decimal (training configs give fractions). */
const pct = (v: number | string) => (typeof v === 'number' ? `${(100 * v).toFixed(1)}%` : String(v));

export const issueMessages = defineMessages<Record<IssueKey, Fill>>({
  en: {
    'not-safetensors': () => 'The model file is not a readable safetensors file (damaged or truncated download). Clear the cached models on the About page and try again.',
    truncated: (v) => `The model file is truncated: tensor ${v.name} is cut off. Clear the cached models on the About page and download again.`,
    'unsupported-dtype': (v) => `The model file stores ${v.name ?? 'a tensor'} as ${v.dtype}, which this site cannot read (F32, F16 and BF16 only).`,
    'bad-config': (v) => `The model's config.json is not usable${v.field ? ` (field ${v.field})` : ''}.`,
    'missing-tensor': (v) => `The model file lacks the tensor ${v.name} that its config needs.`,
    'wrong-shape': (v) => `The model file does not match its config: ${v.name} is ${v.have}, the config implies ${v.want}.`,
    'bad-vocab': () => 'The model\'s vocab.json does not match the model.',
    'empty-text': () => 'There is no text: pick a passage or type at least two characters.',
    'all-unknown': () => 'None of these characters is in the model\'s vocabulary: the English models know English letters and punctuation, lm-zh knows Chinese characters.',
    'too-long': (v) => `The text is too long: ${v.length} characters, at most ${v.max}.`,
    'download-failed': (v) => `The model could not be downloaded (${v.status ? `HTTP ${v.status}` : 'no connection'}). Check the connection and try again.`,
    cancelled: () => 'Cancelled.',
    runtime: (v) => `The model could not run here: ${v.message ?? 'unknown error'}.`,
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
    'final-out-of-range': (v: V) => `Final sparsity must be at least 0% and below 100% (got ${pct(v.final)}); 100% would remove every weight.`,
    'initial-out-of-range': (v: V) => `The initial sparsity must lie between 0% and the final sparsity ${pct(v.final)} (got ${pct(v.initial)}).`,
    'end-not-after-begin': (v: V) => `The end step (${v.endStep}) must come after the begin step (${v.beginStep}).`,
    'frequency-invalid': (v: V) => `The mask must be updated every 1 or more whole steps (got ${v.frequency}).`,
    'setting-invalid': (v: V) => `${v.field} has an impossible value (${v.value}).`,
    'rewind-beyond-round': (v: V) => `The rewind step (${v.rewindStep}) must be inside the first round, i.e. below ${v.steps} steps.`,
    't0-beyond-run': (v: V) => `t₀ = ${v.t0} is not before the end of the run (${v.steps} steps): nothing will be pruned.`,
    'end-beyond-run': (v: V) => `The end step ${v.endStep} lies past the run’s ${v.steps} steps, so the final sparsity is never reached. “Fit the schedule to this run” moves it.`,
    'linear-single-epoch': () => 'With one epoch the source’s per-epoch schedule never prunes: epoch 0 has 0% sparsity.',
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
    'end-beyond-run': (v: V) => `结束步 ${v.endStep} 超出了本次训练的 ${v.steps} 步，最终稀疏度永远达不到。点击“让稀疏度调度适配本次训练”即可调整。`,
    'linear-single-epoch': () => '只有一个 epoch 时，原文的按 epoch 稀疏度调度从不剪枝：第 0 个 epoch 的稀疏度为 0%。',
  },
});
