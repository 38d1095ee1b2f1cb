/**
 * Every string of the sparse attention lab, in English and Simplified Chinese: controls,
 * figures, pictures, kernel panel, bad-input messages and the tutorial text.
 * Functions take numbers already formatted by the component (formatNumber etc.).
 */
import { FIELDS } from '../attention/checks';
import type { PatternName } from '../attention/params';
import { CLAMPED_FIELDS, type ClampedField, type LabIssueKey } from '../labs/attention/config';
import { defineMessages } from './locales';

type S = string;
type N = string | number;

/** A lab issue's message (lib/labs/attention/config.ts LabIssue), filled with its params already formatted. */
export type IssueFill = (v: Readonly<Record<string, string>>) => string;

/** The keys of a clamped field that was below its minimum or not a whole number. */
type LowerBoundKey = `${(typeof FIELDS)[ClampedField]['key']}-${'too-small' | 'not-whole'}`;

/**
 * The messages of every LowerBoundKey from one sentence per bound, given each field's name and
 * symbol (null: none): `used` is "w = 3", or the bare value without a symbol.
 */
function boundMessages(
  names: Record<ClampedField, readonly [name: S, symbol: S | null]>,
  say: Record<'too-small' | 'not-whole', (name: S, value: S, used: S) => S>,
): Record<LowerBoundKey, IssueFill> {
  const entries = CLAMPED_FIELDS.flatMap((field) =>
    (['too-small', 'not-whole'] as const).map((bound): [LowerBoundKey, IssueFill] => {
      const [name, symbol] = names[field];
      return [`${FIELDS[field].key}-${bound}`, ({ value, max }) => say[bound](name, value, symbol ? `${symbol} = ${max}` : max)];
    }),
  );
  return Object.fromEntries(entries) as Record<LowerBoundKey, IssueFill>;
}

interface PatternText {
  label: S;
  /** What the pattern keeps, one line. */
  keeps: S;
}

/** The source article's local-window attention, as printed there (indentation restored). */
export const SOURCE_LOCAL_ATTENTION = `import torch
import torch.nn.functional as F

def sparse_local_attention(Q, K, V, window_size=256):
    """局部窗口稀疏注意力"""
    batch, heads, seq_len, dim = Q.shape
    output = torch.zeros_like(V)
    for i in range(seq_len):
        start = max(0, i - window_size // 2)
        end = min(seq_len, i + window_size // 2 + 1)
        # 只计算窗口内的注意力
        q = Q[:, :, i:i+1, :]
        k = K[:, :, start:end, :]
        v = V[:, :, start:end, :]
        scores = torch.matmul(q, k.transpose(-2, -1)) / (dim ** 0.5)
        weights = F.softmax(scores, dim=-1)
        output[:, :, i:i+1, :] = torch.matmul(weights, v)
    return output`;

/** The source's "BigBird-style" class, as printed there (indentation restored). */
export const SOURCE_BIGBIRD_CLASS = `class SparseAttention(torch.nn.Module):
    """BigBird风格的稀疏注意力"""
    def __init__(self, hidden_dim, window_size=64, num_global_tokens=64):
        super().__init__()
        self.window_size = window_size
        self.num_global_tokens = num_global_tokens

    def forward(self, x):
        batch, seq_len, dim = x.shape
        # 全局token关注所有位置
        global_tokens = x[:, :self.num_global_tokens, :]
        # 局部token只关注窗口内
        sparse_mask = self._create_sparse_mask(seq_len)
        return global_tokens, sparse_mask

    def _create_sparse_mask(self, seq_len):
        mask = torch.zeros(seq_len, seq_len, dtype=torch.bool)
        for i in range(seq_len):
            start = max(0, i - self.window_size // 2)
            end = min(seq_len, i + self.window_size // 2 + 1)
            mask[i, start:end] = True
        return mask`;

/** The same computation done the GPU's way: one batched call with a mask (PyTorch SDPA). */
export const BATCHED_WINDOW_CODE = `import torch
import torch.nn.functional as F

def local_attention(Q, K, V, window_size=256):
    # Q, K, V: [batch, heads, seq_len, dim]; same keys as the source: |i - j| <= window_size // 2
    n = Q.shape[-2]
    i = torch.arange(n, device=Q.device)
    allowed = (i[:, None] - i[None, :]).abs() <= window_size // 2      # [n, n] bool, built once
    return F.scaled_dot_product_attention(Q, K, V, attn_mask=allowed)  # one fused call`;

export const attentionMessages = defineMessages({
  en: {
    lead: 'Every token of a transformer normally attends every other token, so the work grows with the square of the length. Sparse attention keeps only some (query, key) pairs. Pick a pattern, see exactly which pairs it keeps, what it saves, how far information still travels, and run it on a real block-sparse GPU kernel.',
    patterns: {
      dense: { label: 'Dense (full attention)', keeps: 'every query attends every key: n² pairs' },
      causal: { label: 'Causal', keeps: 'each query attends itself and every earlier key (GPT-style)' },
      window: {
        label: 'Sliding window (source)',
        keeps: "keys within floor(w/2) on each side: |i − j| ≤ floor(w/2), the source article's convention",
      },
      'causal-window': {
        label: 'Causal sliding window (HF)',
        keeps: 'the last w keys, the query included: 0 ≤ i − j ≤ w − 1 (Hugging Face sliding_window, Mistral)',
      },
      dilated: { label: 'Dilated window', keeps: 'every d-th key within the window: j = i + m·d, |m| ≤ floor(w/2) (Longformer)' },
      strided: { label: 'Strided (Sparse Transformer)', keeps: 'the previous l keys plus every l-th key back (Child et al. 2019)' },
      fixed: {
        label: 'Fixed (Sparse Transformer)',
        keeps: 'the query\'s own stride block plus the last c "summary" keys of every block (Child et al. 2019)',
      },
      longformer: {
        label: 'Longformer (window + global)',
        keeps: 'a sliding window plus g global tokens that attend, and are attended by, everything',
      },
      bigbird: {
        label: 'BigBird (blocks)',
        keeps:
          'per block: its neighbours, the first and last (global) blocks, and r random blocks (Hugging Face ITC layout; Hugging Face draws the random blocks only in training: in model.eval() they all point at the first block, which every row reads anyway, so the random part is empty)',
      },
      sinks: { label: 'Attention sinks (StreamingLLM)', keeps: 'the first k "sink" tokens plus the last w tokens' },
    } satisfies Record<PatternName, PatternText>,
    sections: { pattern: 'Pattern', sizes: 'Sizes', computation: 'Real computation', view: 'View' },
    controls: {
      pattern: 'Attention pattern',
      seqLen: 'Sequence length n',
      seqLenHint: 'Tokens in the sequence. The slider offers powers of two; type any length from 64 to 8,192.',
      windowSize: 'Window size w',
      windowHint: {
        window: 'Keys within floor(w/2) on each side of the query (an even w reads w + 1 keys).',
        'causal-window': 'The last w keys, the query itself included.',
        dilated: 'floor(w/2) attended keys on each side, spaced d apart.',
        longformer: 'Keys within floor(w/2) on each side (Longformer attention_window = w).',
        sinks: 'The most recent w keys, the query included.',
      } as Partial<Record<PatternName, S>>,
      dilation: 'Dilation d',
      dilationHint: 'Gap between attended keys: d = 1 is the plain window; larger d reaches further at the same cost.',
      stride: 'Stride l',
      strideHint: 'Length of the local run and the spacing of the long-range keys.',
      summaryTokens: 'Summary tokens c',
      summaryHint: 'How many positions at the end of each stride block every later query reads (1 ≤ c ≤ l).',
      globalTokens: 'Global tokens g',
      globalHint: 'The first g positions read everything and are read by every query (e.g. [CLS]).',
      randomBlocks: 'Random blocks r',
      randomHint:
        'Extra key blocks per query block, drawn with the seed among those it does not already read. Hugging Face BigBird draws them only in training; in evaluation the random part is empty.',
      sinkTokens: 'Sink tokens k',
      sinkHint: 'The first k tokens every query keeps: models park surplus attention there.',
      blockSize: 'Block size b',
      blockSizeHint: 'Tile size of the block layout and of the GPU kernel (one workgroup of b threads per query block).',
      causal: 'Causal (no looking ahead)',
      causalHint: 'AND the pattern with j ≤ i.',
      causalBuiltIn: 'This pattern is causal already.',
      seed: 'Seed',
      seedHint: "Fixes BigBird's random blocks and the random Q, K, V.",
      heads: 'Heads',
      headsHint: 'Attention heads in the real computation and the kernels (each with its own Q, K, V).',
      headDim: 'Head dimension',
      headDimHint: 'Size of each query/key/value vector (d in 4·n²·d FLOPs).',
      head: 'Head shown',
      headHint: "Which head's probabilities the picture shows (0-based).",
      compare: 'Compare with',
      compareHint: 'Draw a second pattern beside this one with their difference highlighted.',
      compareNone: 'nothing',
      zoom: 'Zoom',
      zoomHint: 'Magnification of the region view. Click the whole-matrix picture to move the region.',
      reset: 'Reset',
    },
    issues: {
      title: 'Settings adjusted',
      messages: {
        ...boundMessages(
          {
            windowSize: ['Window', 'w'],
            dilation: ['Dilation', 'd'],
            stride: ['Stride', 'l'],
            summaryTokens: ['Summary tokens', 'c'],
            globalTokens: ['Global tokens', 'g'],
            sinkTokens: ['Sink tokens', 'k'],
            randomBlocks: ['Random blocks', 'r'],
            seed: ['Seed', null],
            blockSize: ['Block size', 'b'],
          },
          {
            'too-small': (name, value, used) => `${name} ${value} is below its smallest value: using ${used}.`,
            'not-whole': (name, value, used) => `${name} ${value} is not a whole number: using ${used}.`,
          },
        ),
        'window-size-too-large': ({ value, max }) => `Window ${value} is larger than the largest sequence: using w = ${max}.`,
        'window-covers-sequence': ({ value, seqLen, half }) =>
          `Window ${value} on ${seqLen} tokens: ⌊w/2⌋ = ${half} reaches every key, so every query attends the whole sequence. The source's loop does the same (it clips start and end to the sequence).`,
        'dilation-too-large': ({ value, max }) => `Dilation ${value} is larger than the sequence length: using d = ${max}.`,
        'stride-too-large': ({ value, max }) => `Stride ${value} is larger than the sequence length: using l = ${max}.`,
        'summary-tokens-too-large': ({ value, max }) => `Summary tokens ${value} exceed the stride: using c = ${max}.`,
        'global-tokens-too-large': ({ value, max }) => `Global tokens ${value} exceed the sequence length: using g = ${max}.`,
        'sink-tokens-too-large': ({ value, max }) => `Sink tokens ${value} exceed the sequence length: using k = ${max}.`,
        'random-blocks-too-large': ({ value, max, numBlocks }) =>
          `Random blocks ${value} is more than a middle block row has free (${numBlocks} blocks, 5 already read: 3 neighbours and 2 global): using r = ${max}.`,
        'seed-too-large': ({ value, max }) => `Seed ${value} is larger than 2³² − 1: using ${max}.`,
        'block-size-too-large': ({ value, max }) => `Block size ${value} is larger than the sequence: using b = ${max}.`,
        'head-too-large': ({ value, max }) => `Head ${value} does not exist with this many heads: showing head ${max}.`,
        padded: ({ seqLen, blockSize, paddedLength }) =>
          `Block size ${blockSize} does not divide n = ${seqLen}: the sequence is padded to ${paddedLength} tokens (the last block is partial; the kernel bounds-checks the padding and the figures count only real tokens).`,
        'bigbird-full': ({ numBlocks, randomBlocks, threshold }) =>
          `With ${numBlocks} blocks and r = ${randomBlocks}, BigBird falls back to full attention (numBlocks ≤ 5 + 2r = ${threshold}), as Hugging Face does: its sparse layout would read almost every block anyway. Lengthen the sequence, shrink the block or lower r to see the sparse layout.`,
      } satisfies Record<LabIssueKey, IssueFill>,
    },
    figures: {
      title: 'What this pattern costs',
      attendedPairs: 'Attended pairs',
      ofPairs: (total: N) => `of ${total}`,
      elementDensity: 'Element density',
      blockDensity: 'Block density',
      blockDensityNote: (nnz: N, total: N) => `${nnz} of ${total} tiles non-empty`,
      tiles: (full: N, partial: N) => `${full} full tiles, ${partial} partial (masked inside)`,
      flops: 'FLOPs per head (QKᵀ and PV)',
      dense: 'dense',
      sparse: 'only attended pairs',
      blockSparse: 'block-sparse (whole tiles)',
      flopsNote: (x: N) => `The block-sparse kernel does ${x}× less work than dense.`,
      memory: 'Memory',
      scoreBytes: 'score matrix (fp32, all heads)',
      layoutBytes: 'block layout (one byte a tile)',
      csrBytes: 'block list + mask bits (what the kernel reads)',
    },
    receptive: {
      title: 'How far information travels',
      intro: (q: N) =>
        `Stack L attention layers: token q = ${q} (the middle) hears from a key if a chain of attended pairs of length ≤ L links them (residual connections let a token keep what it had).`,
      layers: 'Layers L',
      fewer: 'One layer fewer',
      more: 'One layer more',
      result: (L: N, count: N, n: N, pct: N) => `After ${L} layer(s): ${count} of ${n} tokens (${pct}) can influence the middle token.`,
      strip: 'Tokens reachable from the middle query, by the layer that first reaches them (darker = sooner)',
      chartTitle: 'Receptive field vs layers',
      chartX: 'layers L',
      chartY: 'tokens reachable',
      all: 'all n tokens',
    },
    mask: {
      title: 'The mask',
      overview: 'Whole matrix (queries down, keys across)',
      zoomed: (r0: N, r1: N, c0: N, c1: N) => `Region: queries ${r0}–${r1}, keys ${c0}–${c1}`,
      clickHint: 'Click or press Enter on the whole matrix to centre the region there. Hover a row (or use the arrow keys) to inspect it.',
      legendNone: 'not attended',
      legendSome: 'partly attended (aggregated pixel)',
      legendAll: 'attended',
      legendRow: 'inspected query row',
      inspector: 'Row inspector',
      inspectorIdle: 'Hover a query row in either picture to see the keys it reads.',
      reads: (i: N, count: N, n: N) => `Query ${i} reads ${count} of ${n} keys:`,
      more: (count: N) => `and ${count} more ranges`,
      keysStrip: 'Keys the inspected query reads (lit) across the whole sequence',
      computing: 'Drawing…',
      aggregated: (b: N) => `each pixel is ${b}×${b} pairs; its shade is the fraction attended`,
      exact: 'one pixel per (query, key) pair',
    },
    blocks: {
      title: 'Block layout: the tiles a kernel must compute',
      caption: (b: N, nb: N) =>
        `${nb} × ${nb} tiles of ${b} × ${b}. A kernel computes every non-empty tile in full and skips the empty ones.`,
      empty: 'empty: skipped entirely',
      partial: 'partial: computed, masked inside',
      full: 'full: computed, no mask check',
    },
    probs: {
      title: 'Attention probabilities of a real computation',
      caption: (h: N, d: N) => `softmax(q·k/√${d}) of head ${h} on seeded random Q and K; each row sums to 1 over its attended keys.`,
      region: (r0: N, r1: N, c0: N, c1: N) => `queries ${r0}–${r1}, keys ${c0}–${c1}`,
      cropped: (side: N) =>
        `Cropped to ${side} × ${side} around the region's centre to keep the computation small (only attended pairs are computed; rows are still normalised over all their keys).`,
      computing: 'Computing…',
      max: (p: N) => `largest probability shown: ${p}`,
      sqrtScale: 'Colour on a square-root scale, so the many small probabilities of a long row stay visible; masked pairs are grey.',
    },
    compare: {
      title: 'Compare two patterns',
      both: 'both',
      onlyA: (a: S) => `only ${a}`,
      onlyB: (b: S) => `only ${b}`,
      counts: (both: N, a: N, b: N) => `${both} pairs in both, ${a} only in the first, ${b} only in the second`,
      diff: 'Difference',
      pick: 'Choose a pattern under “Compare with” to see two patterns side by side.',
      density: (d: N) => `element density ${d}`,
    },
    kernel: {
      title: 'Run it on the GPU',
      intro:
        "Three ways to compute the same masked attention: the block-sparse fused kernel (loops only over each query block's non-empty tiles), the fused dense kernel (every tile, mask checked per pair), and tfjs's unfused ops (matMul, mask, softmax, matMul, materialising the n × n scores).",
      check: 'Check against reference',
      checking: 'Checking…',
      checkIntro: 'Runs the block-sparse and the dense kernels on seeded Q, K, V and compares each with its TypeScript twin.',
      kernelCol: 'kernel',
      twinCol: 'twin',
      maxAbs: 'max abs error',
      maxRel: 'max rel error',
      verdict: 'verdict',
      pass: 'pass',
      fail: 'fail',
      blockSparse: 'block-sparse fused',
      denseFused: 'dense fused (masked)',
      denseFull: 'dense fused (no mask)',
      unfused: 'tfjs unfused',
      blockSparseTwin: 'block-sparse twin (same CSR walk)',
      denseTwin: 'dense twin (masked)',
      checkedAt: (n: N, h: N, d: N) => `Checked at n = ${n}, ${h} head(s), head dimension ${d}.`,
      softwareCap: (n: N, h: N, cap: N) =>
        `Your WebGPU adapter is a software emulation, so the check runs at n = ${n} and ${h} head(s) (at most ${cap} tokens): the kernels run on the CPU there and the twins in JavaScript.`,
      twinCap: (n: N, h: N) =>
        `The check runs at n = ${n} and ${h} head(s): the TypeScript twins cost n²·d per head and would freeze larger checks.`,
      noWebgpu: (why: S) => `The kernels need WebGPU, which is not available here (${why}). Every picture and figure above still works.`,
      refuse: (what: S, need: S, limit: S) =>
        `${what} is refused: it needs a ${need} buffer, and this device binds at most ${limit} (maxStorageBufferBindingSize).`,
      refuseCheck: (need: S, limit: S) =>
        `The check needs a ${need} buffer, beyond this device's ${limit} (maxStorageBufferBindingSize). Lower n or the heads.`,
      measure: 'Measure',
      measuring: 'Measuring…',
      cancel: 'Cancel',
      cancelled: 'Measurement cancelled.',
      measureIntro: 'Times the three paths for the current settings: warm-up runs discarded, interleaved, median of 20 samples.',
      measuredAt: (n: N, h: N, d: N) => `Measured at n = ${n}, ${h} head(s), head dimension ${d}.`,
      softwareMeasureCap: (n: N, cap: N) =>
        `On a software adapter the measurement runs at n = ${n} (at most ${cap}) so it finishes in reasonable time.`,
      emulated: 'These timings reflect CPU emulation of a GPU (software WebGPU adapter), not a real GPU: ratios are indicative only.',
      variant: 'path',
      median: 'median',
      cv: 'CV',
      vsDense: 'time vs dense fused',
      ideal: (x: N) => `Tile-level ideal: block density ${x} of dense time.`,
      device: (d: S) => `Device: ${d}`,
      error: (e: S) => `The run failed: ${e}`,
      padded: (n: N, p: N) => `n = ${n} is padded to ${p} inside the kernel (bounds-checked).`,
      progress: 'Measurement progress',
    },
    code: {
      flexTitle: 'PyTorch FlexAttention for these settings',
      flexNote:
        'create_block_mask evaluates mask_mod on every (query, key) pair (vmapped over the whole n × n grid) and then reduces each tile to empty, partial or full; flex_attention then runs a fused kernel over only the non-empty tiles, applying mask_mod inside the partial ones: the same idea as the block-sparse kernel above.',
      sourceSection: "The source article's code, and the GPU's way",
      sourceTitle: "The source article's local attention (its code, unchanged)",
      sourceClassTitle: "The source article's “BigBird-style” class (its code, unchanged)",
      batchedTitle: "The same keys, computed the GPU's way",
      sourceNotes: [
        'A Python for-loop over all seq_len queries. The three slices and the transpose are views and launch nothing; each pass launches five small GPU kernels (matmul, scaling by 1/√d, softmax, matmul, the copy into output), so launch overhead, not arithmetic, sets the time.',
        'Each query loads its own window of K and V: every key is read about window_size times instead of once per tile.',
        'Window convention |i − j| ≤ window_size // 2: window_size = 256 reads 257 keys, and the first and last queries read only 129.',
        'output[:, :, i:i+1, :] = … writes one row per step: that copy is the fifth of the five launches per query.',
      ],
      sourceRight:
        "What the source gets right: this loop is numerically correct. Each query's output is the softmax over exactly its window, the same numbers a masked dense attention gives, and a local window is the pattern Longformer and Mistral build on. The notes below are about speed, not correctness.",
      sourceClassRight: 'What the source gets right: a few global tokens plus a local window is the recipe of Longformer and BigBird.',
      sourceClassNote:
        'Despite its name this computes no attention: forward returns the first tokens and a boolean mask. The mask is built by another Python loop over every row, has no global columns (no query attends the “global” tokens) and no random blocks, so it is neither BigBird nor Longformer.',
    },
    lesson: {
      whyTitle: 'Why attention costs O(n²)',
      why: [
        'Attention compares every query with every key: S = QKᵀ is an n × n matrix, and O = softmax(S)V reads all of it again. With head dimension d that is about 4·n²·d floating-point operations per head, and a materialised score matrix of n² numbers. Double the length and the work quadruples.',
        "At n = 8,192 one head's fp32 score matrix is 256 MiB; a model has dozens of heads and layers. That quadratic wall is why long contexts need either fused kernels that never store S (FlashAttention) or patterns that skip most pairs: sparse attention.",
      ],
      keepsTitle: 'What each pattern keeps',
      keepsIntro: 'Every pattern is a 0/1 mask over (query i, key j). The figures above count exactly what each keeps:',
      speedTitle: 'Where the speed really comes from: whole tiles, not single zeros',
      speed: [
        'A GPU kernel does not visit pairs one by one. It loads a tile of b keys into fast on-chip memory, and all b queries of a block use it. A tile is either skipped entirely (no loads, no arithmetic) or computed in full, even if it holds only one attended pair. So what sets the time is the block density (non-empty tiles), not the element density.',
        "Try the dilated window: with d = 8 it keeps 8 times fewer pairs than a plain window of the same reach, yet it touches the same tiles, so its block density, and the kernel's time, stay those of the plain window. Zeros scattered inside tiles are masked, not skipped; only whole empty tiles save time. That is why the kernel checks the mask only inside partial tiles, and why the ideal speed-up is 1 / block density, not 1 / element density.",
      ],
      loopTitle: "Why the source's per-query loop is slow even though it computes less",
      loopRight:
        "First, what it gets right: the source's local attention loop is numerically correct (the kernel check on this page compares against the same masked softmax), and its window is the pattern real long-context models use.",
      loop: [
        "The source's sparse_local_attention does only n·w dot products instead of n², yet it is slower than dense attention on a GPU. Its Python loop runs once per query, and each pass launches five tiny kernels: a 1 × w matmul, the scaling by 1/√d, a softmax, another matmul and the copy into output (the three slices and the transpose are views, which launch nothing). At n = 8,192 that is about 41,000 launches, each costing microseconds of overhead while using a sliver of the GPU; the GPU mostly waits for Python.",
        'It also reloads every key w times from memory, because each query fetches its own window; a tiled kernel loads each key tile once for b queries. Its window convention is |i − j| ≤ window_size // 2, so window_size = 256 reads 257 keys, and queries near the ends read fewer. Its “BigBird-style” class computes no attention at all: it returns the first tokens and a mask built by another Python loop, without global columns or random blocks, so it is not BigBird.',
      ],
      loopFix:
        'The fix is to express the same keys as a mask or a block layout and make one call: a fused kernel (like the block-sparse kernel here, or FlexAttention) does the n·w work in parallel.',
      mapTitle: "Hugging Face sliding_window and Longformer attention_window in the source's convention",
      map: [
        "The source (and this lab's “sliding window”) reads |i − j| ≤ floor(w/2): floor(w/2) keys on each side plus the query.",
        "Longformer's attention_window = w (an even number per layer) means w/2 on each side: exactly the source's window with the same w. Hugging Face's Longformer also pads the sequence to a multiple of w.",
        "Hugging Face's sliding_window = W (Mistral, Qwen2, Gemma) is causal: query i reads keys i − W + 1 … i, the last W keys including itself. That is this lab's “causal sliding window” with w = W, and it equals the lower half of the source's window with w = 2W − 1 (or 2W − 2: floor((2W−1)/2) = W − 1).",
      ],
      flexTitle: 'The same pattern in PyTorch',
    },
    view: { whole: 'whole matrix', region: 'region' },
    workerError: (e: S) => `The pictures could not be drawn: ${e}`,
  },
  zh: {
    lead: 'Transformer 中每个 token 通常要关注所有其他 token，因此计算量随序列长度的平方增长。稀疏注意力只保留一部分（查询，键）对。选择一种模式，精确地看到它保留了哪些对、省下了多少、信息还能传多远，并在真实的块稀疏 GPU 内核上运行它。',
    patterns: {
      dense: { label: '稠密（完整注意力）', keeps: '每个查询关注所有键：共 n² 对' },
      causal: { label: '因果', keeps: '每个查询关注自己和之前的所有键（GPT 式）' },
      window: { label: '滑动窗口（原文）', keeps: '两侧各 floor(w/2) 以内的键：|i − j| ≤ floor(w/2)，即原文的约定' },
      'causal-window': {
        label: '因果滑动窗口（HF）',
        keeps: '最近的 w 个键（含查询自身）：0 ≤ i − j ≤ w − 1（Hugging Face 的 sliding_window，Mistral）',
      },
      dilated: { label: '空洞窗口', keeps: '窗口内每隔 d 个取一个键：j = i + m·d，|m| ≤ floor(w/2)（Longformer）' },
      strided: { label: '跨步（Sparse Transformer）', keeps: '前面的 l 个键，加上往前每隔 l 个的键（Child 等，2019）' },
      fixed: { label: '固定（Sparse Transformer）', keeps: '查询所在的步长块，加上每个块末尾 c 个“汇总”键（Child 等，2019）' },
      longformer: { label: 'Longformer（窗口 + 全局）', keeps: '滑动窗口，加上 g 个全局 token：它们关注所有位置，也被所有位置关注' },
      bigbird: {
        label: 'BigBird（按块）',
        keeps:
          '每个块：相邻块、首尾（全局）块，以及 r 个随机块（Hugging Face 的 ITC 布局；Hugging Face 只在训练时抽取随机块：model.eval() 时它们全部指向第一个块，而每一行本来就读取该块，所以随机部分为空）',
      },
      sinks: { label: '注意力汇聚点（attention sink，StreamingLLM）', keeps: '最前面的 k 个“汇聚” token，加上最近的 w 个 token' },
    },
    sections: { pattern: '模式', sizes: '尺寸', computation: '真实计算', view: '视图' },
    controls: {
      pattern: '注意力模式',
      seqLen: '序列长度 n',
      seqLenHint: '序列中的 token 数。滑块提供 2 的幂；也可以输入 64 到 8,192 之间的任意长度。',
      windowSize: '窗口大小 w',
      windowHint: {
        window: '查询两侧各 floor(w/2) 以内的键（w 为偶数时读取 w + 1 个键）。',
        'causal-window': '最近的 w 个键，包括查询自身。',
        dilated: '两侧各 floor(w/2) 个被关注的键，相邻间隔为 d。',
        longformer: '两侧各 floor(w/2) 以内的键（Longformer 的 attention_window = w）。',
        sinks: '最近的 w 个键，包括查询自身。',
      },
      dilation: '空洞间隔 d',
      dilationHint: '被关注键之间的间隔：d = 1 就是普通窗口；d 越大，以相同开销看得越远。',
      stride: '步长 l',
      strideHint: '局部连续段的长度，也是远程键之间的间隔。',
      summaryTokens: '汇总 token 数 c',
      summaryHint: '每个步长块末尾有多少个位置被之后所有查询读取（1 ≤ c ≤ l）。',
      globalTokens: '全局 token 数 g',
      globalHint: '最前面的 g 个位置读取所有位置，也被每个查询读取（例如 [CLS]）。',
      randomBlocks: '随机块数 r',
      randomHint:
        '每个查询块额外读取的键块，用种子从它尚未读取的块中抽取。Hugging Face 的 BigBird 只在训练时抽取它们；评估时随机部分为空。',
      sinkTokens: '汇聚 token 数 k',
      sinkHint: '每个查询都保留的前 k 个 token：模型会把多余的注意力“停放”在这里。',
      blockSize: '块大小 b',
      blockSizeHint: '块布局和 GPU 内核的分块大小（每个查询块一个由 b 个线程组成的工作组）。',
      causal: '因果（不看未来）',
      causalHint: '把模式与 j ≤ i 取交集。',
      causalBuiltIn: '这个模式本身就是因果的。',
      seed: '随机种子',
      seedHint: '固定 BigBird 的随机块以及随机的 Q、K、V。',
      heads: '头数',
      headsHint: '真实计算和内核中的注意力头数（每个头有自己的 Q、K、V）。',
      headDim: '头维度',
      headDimHint: '每个查询/键/值向量的长度（4·n²·d FLOPs 中的 d）。',
      head: '显示的头',
      headHint: '概率图显示哪一个头（从 0 开始）。',
      compare: '与之比较',
      compareHint: '在旁边画出第二种模式，并突出两者的差异。',
      compareNone: '不比较',
      zoom: '放大倍数',
      zoomHint: '区域视图的放大倍数。点击整体矩阵图可以移动区域。',
      reset: '重置',
    },
    issues: {
      title: '设置已调整',
      messages: {
        ...boundMessages(
          {
            windowSize: ['窗口', 'w'],
            dilation: ['空洞间隔', 'd'],
            stride: ['步长', 'l'],
            summaryTokens: ['汇总 token 数', 'c'],
            globalTokens: ['全局 token 数', 'g'],
            sinkTokens: ['汇聚 token 数', 'k'],
            randomBlocks: ['随机块数', 'r'],
            seed: ['种子', null],
            blockSize: ['块大小', 'b'],
          },
          {
            'too-small': (name, value, used) => `${name} ${value} 小于允许的最小值：改用 ${used}。`,
            'not-whole': (name, value, used) => `${name} ${value} 不是整数：改用 ${used}。`,
          },
        ),
        'window-size-too-large': ({ value, max }) => `窗口 ${value} 大于最大序列长度：改用 w = ${max}。`,
        'window-covers-sequence': ({ value, seqLen, half }) =>
          `在 ${seqLen} 个 token 上使用窗口 ${value}：⌊w/2⌋ = ${half} 覆盖所有键，每个查询都关注整个序列。原文的循环也是如此（它把起止位置截断到序列范围内）。`,
        'dilation-too-large': ({ value, max }) => `空洞间隔 ${value} 大于序列长度：改用 d = ${max}。`,
        'stride-too-large': ({ value, max }) => `步长 ${value} 大于序列长度：改用 l = ${max}。`,
        'summary-tokens-too-large': ({ value, max }) => `汇总 token 数 ${value} 超过步长：改用 c = ${max}。`,
        'global-tokens-too-large': ({ value, max }) => `全局 token 数 ${value} 超过序列长度：改用 g = ${max}。`,
        'sink-tokens-too-large': ({ value, max }) => `汇聚 token 数 ${value} 超过序列长度：改用 k = ${max}。`,
        'random-blocks-too-large': ({ value, max, numBlocks }) =>
          `随机块数 ${value} 超过了中间块行的空闲块数（共 ${numBlocks} 个块，已读取 5 个：3 个相邻块和 2 个全局块）：改用 r = ${max}。`,
        'seed-too-large': ({ value, max }) => `种子 ${value} 大于 2³² − 1：改用 ${max}。`,
        'block-size-too-large': ({ value, max }) => `块大小 ${value} 大于序列长度：改用 b = ${max}。`,
        'head-too-large': ({ value, max }) => `在当前头数下不存在第 ${value} 个头：改为显示第 ${max} 个头。`,
        padded: ({ seqLen, blockSize, paddedLength }) =>
          `块大小 ${blockSize} 不能整除 n = ${seqLen}：序列被填充到 ${paddedLength} 个 token（最后一个块不完整；内核对填充部分做边界检查，各项数字只统计真实 token）。`,
        'bigbird-full': ({ numBlocks, randomBlocks, threshold }) =>
          `共 ${numBlocks} 个块且 r = ${randomBlocks} 时，BigBird 退化为完整注意力（块数 ≤ 5 + 2r = ${threshold}），与 Hugging Face 的做法一致：此时稀疏布局几乎要读取所有块。加长序列、减小块大小或减小 r 才能看到稀疏布局。`,
      } satisfies Record<LabIssueKey, IssueFill>,
    },
    figures: {
      title: '这个模式的开销',
      attendedPairs: '被关注的（查询，键）对数量',
      ofPairs: (total: N) => `共 ${total} 对`,
      elementDensity: '元素密度',
      blockDensity: '块密度',
      blockDensityNote: (nnz: N, total: N) => `${total} 个块中 ${nnz} 个非空`,
      tiles: (full: N, partial: N) => `${full} 个满块，${partial} 个部分块（块内需要掩码）`,
      flops: '每个头的 FLOPs（QKᵀ 与 PV）',
      dense: '稠密',
      sparse: '只算被关注的对',
      blockSparse: '块稀疏（整块计算）',
      flopsNote: (x: N) => `块稀疏内核的计算量是稠密的 1/${x}。`,
      memory: '内存',
      scoreBytes: '分数矩阵（fp32，所有头）',
      layoutBytes: '块布局（每块一个字节）',
      csrBytes: '块列表 + 掩码位（内核实际读取的）',
    },
    receptive: {
      title: '信息能传多远',
      intro: (q: N) =>
        `堆叠 L 层注意力：如果某个键与中间的查询 q = ${q} 之间存在一条长度 ≤ L 的“被关注对”链，它就能影响 q（残差连接让 token 保留已有的信息）。`,
      layers: '层数 L',
      fewer: '减少一层',
      more: '增加一层',
      result: (L: N, count: N, n: N, pct: N) => `${L} 层之后：${n} 个 token 中有 ${count} 个（${pct}）能影响中间的 token。`,
      strip: '从中间查询出发可达的 token，按首次到达的层着色（越深越早）',
      chartTitle: '感受野随层数的变化',
      chartX: '层数 L',
      chartY: '可达 token 数',
      all: '全部 n 个 token',
    },
    mask: {
      title: '掩码',
      overview: '整体矩阵（纵向为查询，横向为键）',
      zoomed: (r0: N, r1: N, c0: N, c1: N) => `区域：查询 ${r0}–${r1}，键 ${c0}–${c1}`,
      clickHint: '在整体矩阵上点击（或按回车）可把区域移到那里。悬停某一行（或用方向键）可查看它。',
      legendNone: '未关注',
      legendSome: '部分关注（汇总像素）',
      legendAll: '关注',
      legendRow: '正在查看的查询行',
      inspector: '行检查器',
      inspectorIdle: '在任一图中悬停某个查询行，查看它读取哪些键。',
      reads: (i: N, count: N, n: N) => `查询 ${i} 读取 ${n} 个键中的 ${count} 个：`,
      more: (count: N) => `另有 ${count} 段`,
      keysStrip: '被检查的查询在整个序列上读取的键（亮色）',
      computing: '绘制中…',
      aggregated: (b: N) => `每个像素代表 ${b}×${b} 个对；颜色深浅表示其中被关注的比例`,
      exact: '每个像素对应一个（查询，键）对',
    },
    blocks: {
      title: '块布局：内核必须计算的块',
      caption: (b: N, nb: N) => `${nb} × ${nb} 个 ${b} × ${b} 的块。内核会完整计算每个非空块，并跳过空块。`,
      empty: '空块：完全跳过',
      partial: '部分块：计算，块内掩码',
      full: '满块：计算，无需检查掩码',
    },
    probs: {
      title: '真实计算的注意力概率',
      caption: (h: N, d: N) => `第 ${h} 个头在带种子的随机 Q、K 上的 softmax(q·k/√${d})；每一行在其被关注的键上求和为 1。`,
      region: (r0: N, r1: N, c0: N, c1: N) => `查询 ${r0}–${r1}，键 ${c0}–${c1}`,
      cropped: (side: N) => `为控制计算量，已裁剪为区域中心附近的 ${side} × ${side}（只计算被关注的对；每行仍在其全部键上归一化）。`,
      computing: '计算中…',
      max: (p: N) => `图中最大的概率：${p}`,
      sqrtScale: '颜色采用平方根刻度，使长行中大量很小的概率仍然可见；被掩掉的对显示为灰色。',
    },
    compare: {
      title: '比较两种模式',
      both: '两者都有',
      onlyA: (a: S) => `只有 ${a}`,
      onlyB: (b: S) => `只有 ${b}`,
      counts: (both: N, a: N, b: N) => `两者共有 ${both} 对，只在第一种中 ${a} 对，只在第二种中 ${b} 对`,
      diff: '差异',
      pick: '在“与之比较”中选择一种模式，即可并排查看两种模式。',
      density: (d: N) => `元素密度 ${d}`,
    },
    kernel: {
      title: '在 GPU 上运行',
      intro:
        '计算同一个带掩码注意力的三种方式：块稀疏融合内核（只遍历每个查询块的非空块）、稠密融合内核（遍历所有块，逐对检查掩码），以及 tfjs 的非融合算子（matMul、掩码、softmax、matMul，会生成完整的 n × n 分数矩阵）。',
      check: '与参考实现核对',
      checking: '核对中…',
      checkIntro: '在带种子的 Q、K、V 上运行块稀疏内核和稠密内核，并分别与各自的 TypeScript 参考实现比较。',
      kernelCol: '内核',
      twinCol: '参考实现',
      maxAbs: '最大绝对误差',
      maxRel: '最大相对误差',
      verdict: '结论',
      pass: '通过',
      fail: '未通过',
      blockSparse: '块稀疏融合',
      denseFused: '稠密融合（带掩码）',
      denseFull: '稠密融合（无掩码）',
      unfused: 'tfjs 非融合',
      blockSparseTwin: '块稀疏参考（相同的 CSR 遍历）',
      denseTwin: '稠密参考（带掩码）',
      checkedAt: (n: N, h: N, d: N) => `核对规模：n = ${n}，${h} 个头，头维度 ${d}。`,
      softwareCap: (n: N, h: N, cap: N) =>
        `你的 WebGPU 适配器是软件模拟的，因此核对在 n = ${n}、${h} 个头下进行（最多 ${cap} 个 token）：内核在那里由 CPU 模拟运行，参考实现用 JavaScript 运行。`,
      twinCap: (n: N, h: N) => `核对在 n = ${n}、${h} 个头下进行：TypeScript 参考实现每个头的开销是 n²·d，更大的规模会让页面卡住。`,
      noWebgpu: (why: S) => `内核需要 WebGPU，但这里不可用（${why}）。上面的所有图形和数字照常工作。`,
      refuse: (what: S, need: S, limit: S) =>
        `${what} 被拒绝：它需要 ${need} 的缓冲区，而本设备最多只能绑定 ${limit}（maxStorageBufferBindingSize）。`,
      refuseCheck: (need: S, limit: S) =>
        `核对需要 ${need} 的缓冲区，超出本设备的 ${limit}（maxStorageBufferBindingSize）。请减小 n 或头数。`,
      measure: '测速',
      measuring: '测速中…',
      cancel: '取消',
      cancelled: '测速已取消。',
      measureIntro: '在当前设置下为三种路径计时：丢弃预热运行，交替执行，取 20 个样本的中位数。',
      measuredAt: (n: N, h: N, d: N) => `测速规模：n = ${n}，${h} 个头，头维度 ${d}。`,
      softwareMeasureCap: (n: N, cap: N) => `在软件适配器上测速以 n = ${n}（最多 ${cap}）进行，以便在合理时间内完成。`,
      emulated: '这些计时反映的是 CPU 对 GPU 的模拟（软件 WebGPU 适配器），不是真实 GPU：比值仅供参考。',
      variant: '路径',
      median: '中位数',
      cv: '变异系数',
      vsDense: '相对稠密融合的时间',
      ideal: (x: N) => `块级理想值：稠密时间的 ${x}（块密度）。`,
      device: (d: S) => `设备：${d}`,
      error: (e: S) => `运行失败：${e}`,
      padded: (n: N, p: N) => `n = ${n} 在内核中被填充到 ${p}（做边界检查）。`,
      progress: '测速进度',
    },
    code: {
      flexTitle: '当前设置对应的 PyTorch FlexAttention 代码',
      flexNote:
        'create_block_mask 在每一个（查询，键）对上计算 mask_mod（在整个 n × n 网格上 vmap），再把每个块归约为空块、部分块或满块；flex_attention 随后只在非空块上运行融合内核，并在部分块内应用 mask_mod：与上面的块稀疏内核思路相同。',
      sourceSection: '原文的代码，以及 GPU 的做法',
      sourceTitle: '原文的局部注意力（原文代码，未改动）',
      sourceClassTitle: '原文的“BigBird 风格”类（原文代码，未改动）',
      batchedTitle: '同样的键，用 GPU 的方式计算',
      sourceNotes: [
        '对全部 seq_len 个查询做 Python for 循环。三次切片和一次转置都只是视图，不启动任何内核；每次循环启动五个很小的 GPU 内核（矩阵乘、乘以 1/√d 的缩放、softmax、矩阵乘、拷贝到 output），决定耗时的是启动开销而不是计算量。',
        '每个查询单独加载自己窗口内的 K 和 V：每个键被读取约 window_size 次，而不是每个分块读一次。',
        '窗口约定为 |i − j| ≤ window_size // 2：window_size = 256 实际读取 257 个键，最前和最后的查询只读取 129 个。',
        'output[:, :, i:i+1, :] = … 每步写一行：这次拷贝就是每个查询五次启动中的第五次。',
      ],
      sourceRight:
        '原文做对了什么：这个循环在数值上是正确的。每个查询的输出恰好是对它窗口内的键做 softmax，与带掩码的稠密注意力得到的数完全一样；局部窗口也正是 Longformer 和 Mistral 所依托的模式。下面几条说的是速度，不是正确性。',
      sourceClassRight: '原文做对了什么：少量全局 token 加局部窗口，正是 Longformer 和 BigBird 的做法。',
      sourceClassNote:
        '尽管名字如此，它并没有计算注意力：forward 只返回前几个 token 和一个布尔掩码。掩码又是用一个逐行的 Python 循环构造的，没有全局列（没有查询会关注那些“全局” token），也没有随机块，所以它既不是 BigBird 也不是 Longformer。',
    },
    lesson: {
      whyTitle: '为什么注意力的开销是 O(n²)',
      why: [
        '注意力要把每个查询与每个键比较：S = QKᵀ 是一个 n × n 矩阵，O = softmax(S)V 又要把它完整读一遍。头维度为 d 时，每个头大约需要 4·n²·d 次浮点运算，若把分数矩阵存下来则有 n² 个数。序列长度翻倍，计算量就变成四倍。',
        '当 n = 8,192 时，一个头的 fp32 分数矩阵就有 256 MiB，而一个模型有几十个头和几十层。正是这堵“平方墙”使长上下文要么依赖从不存储 S 的融合内核（FlashAttention），要么依赖跳过大部分对的模式，也就是稀疏注意力。',
      ],
      keepsTitle: '每种模式保留了什么',
      keepsIntro: '每种模式都是（查询 i，键 j）上的 0/1 掩码。上面的数字精确统计了每种模式保留的内容：',
      speedTitle: '速度究竟从哪里来：跳过整块，而不是单个零',
      speed: [
        'GPU 内核并不是逐对访问的。它把 b 个键组成的一块加载到片上高速存储中，供一个查询块的 b 个查询共同使用。一个块要么被整体跳过（不加载、不计算），要么被完整计算——哪怕其中只有一个被关注的对。所以决定时间的是块密度（非空块的比例），而不是元素密度。',
        '试试空洞窗口：d = 8 时它保留的对只有同样覆盖范围的普通窗口的 1/8，却碰到完全相同的块，因此块密度和内核时间都与那个普通窗口一样。块内零散的零只是被掩掉，并没有被跳过；只有整块为空才能省时间。这就是内核只在部分块内检查掩码、理想加速比是 1 / 块密度而不是 1 / 元素密度的原因。',
      ],
      loopTitle: '为什么原文逐查询的循环计算更少却更慢',
      loopRight:
        '先说它做对了什么：原文的局部注意力循环在数值上是正确的（本页的内核检查对照的正是同样的带掩码 softmax），它的窗口也正是真实长上下文模型所用的模式。',
      loop: [
        '原文的 sparse_local_attention 只做 n·w 次点积而不是 n² 次，但在 GPU 上它比稠密注意力还慢。它的 Python 循环对每个查询执行一次，每次启动五个很小的内核：一次 1 × w 的矩阵乘、乘以 1/√d 的缩放、一次 softmax、又一次矩阵乘和拷贝到 output（三次切片和一次转置都只是视图，不启动内核）。n = 8,192 时大约要启动 4.1 万次，每次都有数微秒的开销却只用到 GPU 的一小部分；GPU 大部分时间在等待 Python。',
        '它还要把每个键从显存中重复读取 w 次，因为每个查询都单独取自己的窗口；而分块内核把一块键加载一次就供 b 个查询使用。它的窗口约定是 |i − j| ≤ window_size // 2，所以 window_size = 256 实际读取 257 个键，靠近两端的查询读得更少。它的“BigBird 风格”类根本没有计算注意力：只返回前几个 token 和一个用另一个 Python 循环构造的掩码，既没有全局列也没有随机块，所以并不是 BigBird。',
      ],
      loopFix:
        '正确的做法是把同样的键表示成掩码或块布局，然后一次调用完成：融合内核（比如这里的块稀疏内核或 FlexAttention）会并行完成这 n·w 的计算。',
      mapTitle: 'Hugging Face 的 sliding_window 与 Longformer 的 attention_window 如何对应原文的约定',
      map: [
        '原文（以及本实验的“滑动窗口”）读取 |i − j| ≤ floor(w/2)：查询两侧各 floor(w/2) 个键，再加上查询自身。',
        'Longformer 的 attention_window = w（每层一个偶数）表示两侧各 w/2：与原文相同 w 的窗口完全一致。Hugging Face 的 Longformer 还会把序列填充到 w 的整数倍。',
        'Hugging Face 的 sliding_window = W（Mistral、Qwen2、Gemma）是因果的：查询 i 读取键 i − W + 1 … i，即包括自身在内最近的 W 个键。这就是本实验 w = W 的“因果滑动窗口”，等于原文 w = 2W − 1（或 2W − 2，因为 floor((2W−1)/2) = W − 1）窗口的下半部分。',
      ],
      flexTitle: '同一模式的 PyTorch 写法',
    },
    view: { whole: '整体矩阵', region: '区域' },
    workerError: (e: S) => `图形无法绘制：${e}`,
  },
});

export type AttentionMessages = (typeof attentionMessages)['en'];
