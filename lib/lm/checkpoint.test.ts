import { describe, expect, it } from 'vitest';
import { countParameters, loadCheckpoint } from './checkpoint';
import { parseLmConfig } from './config';
import { halfToFloat, readSafetensors } from './safetensors';
import { shippedModel } from './test-helpers';
import { decodeIds, encodeText, parseVocab } from './vocab';

/** A safetensors file from named tensors (F32 data, or raw bytes with a given dtype). */
function safetensors(entries: { name: string; dtype: string; shape: number[]; bytes: Uint8Array }[]): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: { format: 'pt' } };
  let offset = 0;
  for (const e of entries) {
    header[e.name] = { dtype: e.dtype, shape: e.shape, data_offsets: [offset, offset + e.bytes.length] };
    offset += e.bytes.length;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - (json.length % 8)) % 8);
  const out = new Uint8Array(8 + json.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(new TextEncoder().encode(json), 8);
  let at = 8 + json.length;
  for (const e of entries) {
    out.set(e.bytes, at);
    at += e.bytes.length;
  }
  return out;
}
const f32 = (values: number[]) => new Uint8Array(Float32Array.from(values).buffer);

describe('readSafetensors', () => {
  it('reads F32, F16, BF16, I32 and I64 little-endian data', () => {
    const f16 = new Uint8Array(Uint16Array.from([0x3c00, 0xc000, 0x3555]).buffer); // 1, -2, 0.333251953125
    const bf16 = new Uint8Array(Uint16Array.from([0x3f80, 0xc040]).buffer); // 1, -3
    const i64 = new Uint8Array(BigInt64Array.from([5n, -7n]).buffer);
    const file = safetensors([
      { name: 'a', dtype: 'F32', shape: [2], bytes: f32([1.5, -2]) },
      { name: 'b', dtype: 'F16', shape: [3], bytes: f16 },
      { name: 'c', dtype: 'BF16', shape: [1, 2], bytes: bf16 },
      { name: 'd', dtype: 'I32', shape: [1], bytes: new Uint8Array(Int32Array.from([-4]).buffer) },
      { name: 'e', dtype: 'I64', shape: [2], bytes: i64 },
    ]);
    const { tensors, metadata } = readSafetensors(file);
    expect(metadata).toEqual({ format: 'pt' });
    expect(Array.from(tensors.get('a')!.data)).toEqual([1.5, -2]);
    expect(Array.from(tensors.get('b')!.data)).toEqual([1, -2, 0.333251953125]);
    expect(Array.from(tensors.get('c')!.data)).toEqual([1, -3]);
    expect(tensors.get('c')!.shape).toEqual([1, 2]);
    expect(Array.from(tensors.get('d')!.data)).toEqual([-4]);
    expect(Array.from(tensors.get('e')!.data)).toEqual([5, -7]);
  });

  it('half floats: subnormals, infinities and NaN', () => {
    expect(halfToFloat(0x0001)).toBe(2 ** -24);
    expect(halfToFloat(0x7c00)).toBe(Infinity);
    expect(halfToFloat(0xfc00)).toBe(-Infinity);
    expect(halfToFloat(0x7e00)).toBeNaN();
    expect(halfToFloat(0x8000)).toBe(-0);
  });

  it.each([
    ['a file shorter than its header length', new Uint8Array(4), 'not-safetensors'],
    [
      'a header length past the end',
      (() => {
        const b = new Uint8Array(16);
        new DataView(b.buffer).setBigUint64(0, 1000n, true);
        return b;
      })(),
      'not-safetensors',
    ],
    [
      'a header that is not JSON',
      (() => {
        const b = new Uint8Array(16);
        new DataView(b.buffer).setBigUint64(0, 8n, true);
        b.set(new TextEncoder().encode('{{{{{{{{'), 8);
        return b;
      })(),
      'not-safetensors',
    ],
    ['an unknown dtype', safetensors([{ name: 'x', dtype: 'F64', shape: [1], bytes: new Uint8Array(8) }]), 'unsupported-dtype'],
    ['offsets that disagree with the shape', safetensors([{ name: 'x', dtype: 'F32', shape: [3], bytes: f32([1, 2]) }]), 'not-safetensors'],
  ])('refuses %s', (_, bytes, key) => {
    expect(() => readSafetensors(bytes)).toThrow(expect.objectContaining({ key }));
  });

  it('refuses a truncated shipped checkpoint, naming the first tensor cut off', () => {
    const { bytes } = shippedModel('lm-en');
    expect(() => readSafetensors(bytes.subarray(0, bytes.length - 100))).toThrow(expect.objectContaining({ key: 'truncated' }));
  });
});

describe('loadCheckpoint and parseLmConfig', () => {
  it('a shipped checkpoint has the architecture its config says', () => {
    const { ckpt } = shippedModel('moe-en');
    expect(ckpt.config.arch).toBe('mixtral');
    expect(ckpt.layers[0].moe!.experts.length).toBe(ckpt.config.experts);
    const { total, active } = countParameters(ckpt);
    expect(active).toBeLessThan(total);
    const dense = countParameters(shippedModel('lm-en').ckpt);
    expect(Math.abs(active - dense.total) / dense.total).toBeLessThan(0.05);
  });

  it('a config that does not match the tensors is refused with the tensor named', () => {
    const { config, bytes } = shippedModel('lm-en');
    const wider = { ...(config as object), hidden_size: 256 };
    expect(() => loadCheckpoint(wider, bytes)).toThrow(
      expect.objectContaining({ key: 'wrong-shape', values: expect.objectContaining({ name: 'model.embed_tokens.weight' }) }),
    );
    const deeper = { ...(config as object), num_hidden_layers: 9 };
    expect(() => loadCheckpoint(deeper, bytes)).toThrow(expect.objectContaining({ key: 'missing-tensor' }));
  });

  it.each([
    ['not an object', [1, 2], 'bad-config'],
    ['an unknown model_type', { model_type: 'gpt2' }, 'bad-config'],
    [
      'heads that do not divide',
      {
        model_type: 'llama',
        hidden_size: 64,
        num_attention_heads: 4,
        num_key_value_heads: 3,
        intermediate_size: 8,
        num_hidden_layers: 1,
        vocab_size: 5,
        max_position_embeddings: 8,
      },
      'bad-config',
    ],
    ['a missing size', { model_type: 'llama', num_attention_heads: 4 }, 'bad-config'],
  ])('parseLmConfig refuses %s', (_, cfg, key) => {
    expect(() => parseLmConfig(cfg)).toThrow(expect.objectContaining({ key }));
  });
});

describe('vocabulary', () => {
  it('encodes code points, marks unknown characters and decodes them as U+FFFD', () => {
    const vocab = parseVocab(['<unk>', 'a', 'b', '月']);
    const e = encodeText(vocab, 'ab月x😀');
    expect(e.ids).toEqual([1, 2, 3, 0, 0]);
    expect(e.unknown).toEqual([3, 4]);
    expect(e.chars).toEqual(['a', 'b', '月', 'x', '😀']);
    expect(decodeIds(vocab, e.ids)).toBe('ab月\uFFFD\uFFFD');
  });

  it('refuses a vocabulary without <unk> or of the wrong size', () => {
    expect(() => parseVocab(['a', 'b'])).toThrow(expect.objectContaining({ key: 'bad-vocab' }));
    expect(() => parseVocab(['<unk>', 'a'], 3)).toThrow(expect.objectContaining({ key: 'bad-vocab' }));
    expect(() => parseVocab({})).toThrow(expect.objectContaining({ key: 'bad-vocab' }));
  });
});

describe('the model registry', () => {
  it("announces each model's true download size", async () => {
    const { statSync } = await import('node:fs');
    const { LM_FILES, LM_MODELS, LM_NAMES } = await import('./models');
    const { MODELS_DIR } = await import('./test-helpers');
    for (const name of LM_NAMES) {
      const bytes = LM_FILES.reduce((s, f) => s + statSync(`${MODELS_DIR}${name}/${f}`).size, 0);
      expect(LM_MODELS[name].bytes, name).toBe(bytes);
    }
  });

  it("announces each model's context as its config.json says", async () => {
    const { LM_MODELS, LM_NAMES } = await import('./models');
    const { shippedModel } = await import('./test-helpers');
    for (const name of LM_NAMES) expect(LM_MODELS[name].context, name).toBe(shippedModel(name).ckpt.config.maxPositions);
  });
});
