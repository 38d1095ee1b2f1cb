/**
 * A Hugging Face config.json of LlamaForCausalLM or MixtralForCausalLM, read into the fields the
 * runtime uses, with clear errors for what is missing or impossible (transformers'
 * LlamaConfig / MixtralConfig field names and defaults: head_dim = hidden_size / num_attention_heads,
 * num_key_value_heads = num_attention_heads, rope_theta = 10000, rms_norm_eps = 1e-6).
 */
import { LmError } from './errors';

export type LmArch = 'llama' | 'mixtral';

export interface LmConfig {
  arch: LmArch;
  vocabSize: number;
  hidden: number;
  /** SwiGLU width: of the dense MLP (Llama) or of each expert (Mixtral). */
  intermediate: number;
  layers: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  rmsEps: number;
  ropeTheta: number;
  /** The context the model was trained for; longer inputs are refused. */
  maxPositions: number;
  tied: boolean;
  /** Mixtral only: experts per layer and experts per token. */
  experts: number;
  topK: number;
}

function int(cfg: Record<string, unknown>, key: string, fallback?: number): number {
  const v = cfg[key] ?? fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
    throw new LmError('bad-config', `config.json: "${key}" must be a positive integer, got ${JSON.stringify(cfg[key])}.`, { field: key });
  }
  return v;
}

function num(cfg: Record<string, unknown>, key: string, fallback: number): number {
  const v = cfg[key] ?? fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
    throw new LmError('bad-config', `config.json: "${key}" must be a positive number, got ${JSON.stringify(cfg[key])}.`, { field: key });
  }
  return v;
}

/** Reads and checks a config.json object. Throws LmError('bad-config'). */
export function parseLmConfig(raw: unknown): LmConfig {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new LmError('bad-config', 'config.json is not a JSON object.', { field: '' });
  const cfg = raw as Record<string, unknown>;
  const type = cfg.model_type;
  if (type !== 'llama' && type !== 'mixtral') {
    throw new LmError('bad-config', `config.json: model_type ${JSON.stringify(type)} is not supported (llama or mixtral).`, {
      field: 'model_type',
    });
  }
  const hidden = int(cfg, 'hidden_size');
  const heads = int(cfg, 'num_attention_heads');
  const kvHeads = int(cfg, 'num_key_value_heads', heads);
  const headDim = int(cfg, 'head_dim', hidden / heads);
  if (heads % kvHeads !== 0) {
    throw new LmError('bad-config', `config.json: num_attention_heads (${heads}) is not a multiple of num_key_value_heads (${kvHeads}).`, {
      field: 'num_key_value_heads',
    });
  }
  if (headDim % 2 !== 0)
    throw new LmError('bad-config', `config.json: the head dimension (${headDim}) must be even for rotary embeddings.`, {
      field: 'head_dim',
    });
  const experts = type === 'mixtral' ? int(cfg, 'num_local_experts') : 0;
  const topK = type === 'mixtral' ? int(cfg, 'num_experts_per_tok') : 0;
  if (topK > experts)
    throw new LmError('bad-config', `config.json: num_experts_per_tok (${topK}) exceeds num_local_experts (${experts}).`, {
      field: 'num_experts_per_tok',
    });
  return {
    arch: type,
    vocabSize: int(cfg, 'vocab_size'),
    hidden,
    intermediate: int(cfg, 'intermediate_size'),
    layers: int(cfg, 'num_hidden_layers'),
    heads,
    kvHeads,
    headDim,
    rmsEps: num(cfg, 'rms_norm_eps', 1e-6),
    ropeTheta: num(cfg, 'rope_theta', 10000),
    maxPositions: int(cfg, 'max_position_embeddings'),
    tied: cfg.tie_word_embeddings === true,
    experts,
    topK,
  };
}
