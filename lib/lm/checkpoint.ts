/**
 * A checkpoint in memory: the config and every weight as Float32Array, row-major in PyTorch's
 * nn.Linear layout [out_features, in_features], under Hugging Face's tensor names
 * (transformers' modeling_llama.py / modeling_mixtral.py):
 *   model.embed_tokens.weight                                   [V, H]
 *   model.layers.{i}.input_layernorm.weight                     [H]
 *   model.layers.{i}.self_attn.{q,k,v,o}_proj.weight            [heads·d, H], [kv·d, H] ×2, [H, heads·d]
 *   model.layers.{i}.post_attention_layernorm.weight            [H]
 *   model.layers.{i}.mlp.{gate,up,down}_proj.weight             [I, H], [I, H], [H, I]          (Llama)
 *   model.layers.{i}.block_sparse_moe.gate.weight               [E, H]                          (Mixtral)
 *   model.layers.{i}.block_sparse_moe.experts.{e}.{w1,w2,w3}.weight  [I, H], [H, I], [I, H]
 *   model.norm.weight                                           [H]
 *   lm_head.weight                                              [V, H], absent when tied
 */
import { type LmConfig, parseLmConfig } from './config';
import { LmError } from './errors';
import { readSafetensors } from './safetensors';

/** SwiGLU weights: down(silu(gate·x) ⊙ up·x). Mixtral's w1 = gate, w3 = up, w2 = down. */
export interface SwiGlu {
  gate: Float32Array;
  up: Float32Array;
  down: Float32Array;
}

export interface LayerWeights {
  inputNorm: Float32Array;
  q: Float32Array;
  k: Float32Array;
  v: Float32Array;
  o: Float32Array;
  postNorm: Float32Array;
  /** Llama: the dense MLP. */
  mlp: SwiGlu | null;
  /** Mixtral: the router [E, H] and the experts. */
  moe: { router: Float32Array; experts: SwiGlu[] } | null;
}

export interface Checkpoint {
  config: LmConfig;
  embed: Float32Array;
  layers: LayerWeights[];
  norm: Float32Array;
  /** The output projection [V, H]: the embedding itself when tied. */
  lmHead: Float32Array;
}

/** The names and shapes a config implies, in file order. */
export function expectedTensors(c: LmConfig): [string, number[]][] {
  const out: [string, number[]][] = [['model.embed_tokens.weight', [c.vocabSize, c.hidden]]];
  for (let i = 0; i < c.layers; i++) {
    const p = `model.layers.${i}.`;
    out.push(
      [p + 'input_layernorm.weight', [c.hidden]],
      [p + 'self_attn.q_proj.weight', [c.heads * c.headDim, c.hidden]],
      [p + 'self_attn.k_proj.weight', [c.kvHeads * c.headDim, c.hidden]],
      [p + 'self_attn.v_proj.weight', [c.kvHeads * c.headDim, c.hidden]],
      [p + 'self_attn.o_proj.weight', [c.hidden, c.heads * c.headDim]],
      [p + 'post_attention_layernorm.weight', [c.hidden]],
    );
    if (c.arch === 'mixtral') {
      out.push([p + 'block_sparse_moe.gate.weight', [c.experts, c.hidden]]);
      for (let e = 0; e < c.experts; e++) {
        const q = `${p}block_sparse_moe.experts.${e}.`;
        out.push(
          [q + 'w1.weight', [c.intermediate, c.hidden]],
          [q + 'w2.weight', [c.hidden, c.intermediate]],
          [q + 'w3.weight', [c.intermediate, c.hidden]],
        );
      }
    } else {
      out.push(
        [p + 'mlp.gate_proj.weight', [c.intermediate, c.hidden]],
        [p + 'mlp.up_proj.weight', [c.intermediate, c.hidden]],
        [p + 'mlp.down_proj.weight', [c.hidden, c.intermediate]],
      );
    }
  }
  out.push(['model.norm.weight', [c.hidden]]);
  if (!c.tied) out.push(['lm_head.weight', [c.vocabSize, c.hidden]]);
  return out;
}

/**
 * Reads config.json (parsed JSON) and model.safetensors (bytes) into a Checkpoint. Every tensor
 * the config implies must be present with exactly its shape and a floating dtype; otherwise an
 * LmError (bad-config, not-safetensors, truncated, unsupported-dtype, missing-tensor, wrong-shape).
 */
export function loadCheckpoint(config: unknown, safetensors: Uint8Array): Checkpoint {
  const c = parseLmConfig(config);
  const { tensors } = readSafetensors(safetensors);
  const w = new Map<string, Float32Array>();
  for (const [name, shape] of expectedTensors(c)) {
    const t = tensors.get(name);
    if (!t) throw new LmError('missing-tensor', `model.safetensors has no tensor "${name}", which the config needs.`, { name });
    if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
      throw new LmError('wrong-shape', `Tensor "${name}" has shape [${t.shape.join(', ')}]; the config implies [${shape.join(', ')}].`, {
        name,
        have: t.shape.join('×'),
        want: shape.join('×'),
      });
    }
    if (!(t.data instanceof Float32Array))
      throw new LmError('unsupported-dtype', `Tensor "${name}" is ${t.dtype}; weights must be F32, F16 or BF16.`, { name, dtype: t.dtype });
    w.set(name, t.data);
  }
  const get = (name: string) => w.get(name)!;
  const layers: LayerWeights[] = [];
  for (let i = 0; i < c.layers; i++) {
    const p = `model.layers.${i}.`;
    layers.push({
      inputNorm: get(p + 'input_layernorm.weight'),
      q: get(p + 'self_attn.q_proj.weight'),
      k: get(p + 'self_attn.k_proj.weight'),
      v: get(p + 'self_attn.v_proj.weight'),
      o: get(p + 'self_attn.o_proj.weight'),
      postNorm: get(p + 'post_attention_layernorm.weight'),
      mlp:
        c.arch === 'llama'
          ? { gate: get(p + 'mlp.gate_proj.weight'), up: get(p + 'mlp.up_proj.weight'), down: get(p + 'mlp.down_proj.weight') }
          : null,
      moe:
        c.arch === 'mixtral'
          ? {
              router: get(p + 'block_sparse_moe.gate.weight'),
              experts: Array.from({ length: c.experts }, (_, e) => {
                const q = `${p}block_sparse_moe.experts.${e}.`;
                return { gate: get(q + 'w1.weight'), up: get(q + 'w3.weight'), down: get(q + 'w2.weight') };
              }),
            }
          : null,
    });
  }
  const embed = get('model.embed_tokens.weight');
  return { config: c, embed, layers, norm: get('model.norm.weight'), lmHead: c.tied ? embed : get('lm_head.weight') };
}

/** Parameter count (the tied embedding counted once). */
export function countParameters(ckpt: Checkpoint): { total: number; active: number } {
  const c = ckpt.config;
  const attn = c.hidden * c.headDim * (2 * c.heads + 2 * c.kvHeads) + 2 * c.hidden;
  const expert = 3 * c.hidden * c.intermediate;
  const ffnTotal = c.arch === 'mixtral' ? c.experts * expert + c.experts * c.hidden : expert;
  const ffnActive = c.arch === 'mixtral' ? c.topK * expert + c.experts * c.hidden : expert;
  const outer = c.vocabSize * c.hidden * (c.tied ? 1 : 2) + c.hidden;
  return { total: outer + c.layers * (attn + ffnTotal), active: outer + c.layers * (attn + ffnActive) };
}
