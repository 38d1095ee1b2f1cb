/**
 * The registry of the site's language models: one entry per folder in public/models/. Sizes are
 * what the page announces before it fetches a model (a test keeps them equal to the files).
 */
export const LM_NAMES = ['lm-en', 'lm-zh', 'moe-en'] as const;
export type LmName = (typeof LM_NAMES)[number];

export interface LmEntry {
  name: LmName;
  arch: 'llama' | 'mixtral';
  /** The corpus it was trained on: en = Brown corpus, zh = Tang poems. */
  lang: 'en' | 'zh';
  /** Bytes of config.json + model.safetensors + vocab.json, the files the page downloads. */
  bytes: number;
  /** max_position_embeddings of its config.json: the longest text it reads at once. */
  context: number;
}

export const LM_MODELS: Record<LmName, LmEntry> = {
  'lm-en': { name: 'lm-en', arch: 'llama', lang: 'en', bytes: 6367172, context: 256 },
  'lm-zh': { name: 'lm-zh', arch: 'llama', lang: 'zh', bytes: 4330296, context: 256 },
  'moe-en': { name: 'moe-en', arch: 'mixtral', lang: 'en', bytes: 10290653, context: 256 },
};

/** The files the page fetches, relative to the site root. */
export const LM_FILES = ['config.json', 'model.safetensors', 'vocab.json'] as const;
export type LmFile = (typeof LM_FILES)[number];

export function modelUrl(name: LmName, file: LmFile | 'training.json' | 'README.md'): string {
  return `/models/${name}/${file}`;
}

/** Test-split passages the text panel offers (scripts/build-corpus.ts). */
export function passagesUrl(lang: 'en' | 'zh'): string {
  return `/data/lm/${lang}.passages.json`;
}

/** The model a page shows by default: the one trained on its language. */
export function defaultModelFor(locale: 'en' | 'zh'): LmName {
  return locale === 'zh' ? 'lm-zh' : 'lm-en';
}
