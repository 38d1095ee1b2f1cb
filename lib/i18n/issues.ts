/**
 * What every Issue (lib/runtime/issue.ts) says, in both languages: one function per kebab-case key,
 * filled with the issue's params. A key missing from either table is a type error.
 */
import type { IssueKey, IssueParams } from '../runtime/issue';
import { defineMessages } from './locales';

type Fill = (v: IssueParams) => string;

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
  },
});
