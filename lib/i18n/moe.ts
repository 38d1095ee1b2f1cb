/**
 * Every string of the mixture-of-experts lab, English and Simplified Chinese.
 */
import type { RoutingVariant } from '../moe/variants';
import type { StepName } from '../kernels/moe/moe-check';
import { defineMessages } from './locales';

type VariantText = Record<RoutingVariant, string>;

/** Where a lesson section sits: beside the panel it explains (components/labs/moe). */
export type LessonId = 'sparse' | 'specialise' | 'neighbours' | 'params' | 'balance' | 'capacity' | 'changes' | 'expertChoice' | 'shared';

export interface LessonSection {
  id: LessonId;
  h: string;
  p: string[];
}

export interface MoeMessages {
  title: string;
  lead: string;
  controls: {
    mode: string;
    modes: { lm: string; mnist: string; synthetic: string };
    modeHint: { lm: string; mnist: string; synthetic: string };
    groupBy: string;
    groupByOptions: { class: string; position: string };
    variant: string;
    variants: VariantText;
    variantHints: VariantText;
    numExperts: string;
    numExpertsHintMnist: string;
    k: string;
    kIgnored: string;
    capacityFactor: string;
    capacityHint: string;
    noise: string;
    noiseScale: string;
    seed: string;
    numShared: string;
    auxWeight: string;
    auxHint: string;
    tokens: string;
    hidden: string;
    skew: string;
    skewHint: string;
    routerScale: string;
    routerScaleHint: string;
    activation: string;
    groupRouting: string;
    groupData: string;
    groupTraining: string;
    reset: string;
  };
  compare: {
    label: string;
    none: string;
    hint: string;
    title: (a: string, b: string) => string;
    caption: string;
    changedTitle: string;
    changed: (n: string, total: string, pct: string) => string;
    stripLabel: string;
    legendSame: string;
    legendChanged: string;
  };
  /** The routing settings' own problems (RoutingProblem) are Issues: lib/i18n/issues.ts. */
  problems: {
    nonFinite: (index: number, token: number, expert: number, value: string) => string;
    other: (detail: string) => string;
    title: string;
  };
  model: {
    title: string;
    loading: string;
    loadFailed: (detail: string) => string;
    shown: (id: string) => string;
    trainedWith: (variant: string, e: number, k: number, aux: number, acc: string, seconds: string, where: string) => string;
    shipped: string;
    inBrowser: string;
    differs: (what: string) => string;
    diffVariant: string;
    diffK: string;
    diffAux: string;
    diffShared: string;
    noModel: (e: number) => string;
    train: string;
    trainHint: (backend: string) => string;
    cancel: string;
    cancelled: string;
    training: (step: number, total: number) => string;
    trainProgress: (loss: string, cv: string) => string;
    trainDone: (acc: string, seconds: string, to90: string) => string;
    trainFailed: (detail: string) => string;
    never: string;
    accuracyTitle: string;
    accuracy: (acc: string) => string;
    accuracyComputing: string;
    accuracyHint: string;
    collapseTitle: (dead: number) => string;
    collapse: (e: number, cvWith: string, cvWithout: string, dead: number) => string;
  };
  figures: {
    heatmapTitle: string;
    heatmapCaptionMnist: (perGroup: number) => string;
    heatmapCaptionSynthetic: (perGroup: number) => string;
    heatmapCaptionPosition: (perGroup: number) => string;
    position: (p: number) => string;
    usageTitlePosition: string;
    heatmapReadout: (token: number, group: string, expert: string, w: string) => string;
    heatmapLegend: string;
    digit: (d: number) => string;
    topic: (d: number) => string;
    expert: (e: number) => string;
    sharedExpert: (e: number) => string;
    usageTitleMnist: string;
    usageTitleSynthetic: string;
    usageCaption: string;
    loadTitle: string;
    loadCaption: string;
    loadAxis: string;
    expertsAxis: string;
    capacityLine: (c: number) => string;
    meanLine: string;
    statsTitle: string;
    tokens: string;
    capacity: string;
    dropped: string;
    droppedSwitch: string;
    droppedEc: string;
    droppedOver: string;
    cv: string;
    cvHint: string;
    aux: string;
    auxHint: (k: number) => string;
    z: string;
    zHint: string;
    activePerToken: string;
    formulaTitle: string;
    formula: string;
    formulaNow: (k: number, cf: string, t: number, e: number, c: number) => string;
    computing: string;
  };
  params: {
    title: string;
    caption: string;
    layer: string;
    total: string;
    active: string;
    perExpert: string;
    router: string;
    share: string;
    mixtral: string;
    mixtralNote: string;
    bytes: string;
  };
  kernels: {
    title: string;
    intro: string;
    sizes: (t: number, h: number, f: number, e: number, k: number, act: string, weights: string, c: number) => string;
    sourceMnist: string;
    sourceSynthetic: string;
    run: string;
    running: string;
    unavailable: (why: string) => string;
    paths: { dispatch: string; dense: string; padded: string };
    pathNotes: { dispatch: string; dense: string; padded: string };
    steps: Record<StepName, string>;
    step: string;
    maxAbs: string;
    scale: string;
    verdict: string;
    pass: string;
    fail: string;
    rows: (rows: number) => string;
    mismatches: (n: number) => string;
    dropped: (n: number) => string;
    time: (ms: string) => string;
    emulated: string;
    routingSame: string;
    routingDiffers: string;
    variantNote: (variant: string) => string;
    error: (detail: string) => string;
  };
  lesson: {
    sections: LessonSection[];
    codeTitle: string;
    sourceTitle: string;
    /** What the source gets right, said before its critiques. */
    sourceGood: string;
    sourceNote: string[];
    fixedTitle: string;
    fixedNote: string;
    benchTitle: string;
    bench: string;
    /** Link text to the About page (the device, backend and adapter). */
    benchAbout: string;
  };
}

const en: MoeMessages = {
  title: 'Mixture of experts',
  lead: 'A mixture-of-experts (MoE) layer holds many expert networks but runs only a few of them for each token. Watch moe-en, a small Mixtral language model, route every character of English text to 2 of its 8 experts, measure what changing the routing costs it, and compare a sparse dispatch kernel with running every expert. A small MoE on handwritten digits shows load balancing.',
  controls: {
    mode: 'Data',
    modes: { lm: 'English text (moe-en, a Mixtral model)', mnist: 'Real digits (trained MoE)', synthetic: 'Synthetic hidden states' },
    modeHint: {
      lm: 'moe-en, a small Mixtral language model (8 experts, top-2 in each of 4 layers) trained on the Brown corpus, routes every character of real English text.',
      mnist: 'A small MoE classifier trained on real MNIST digits routes the 2,000 test digits, 16 patch tokens each.',
      synthetic: 'Seeded random hidden states from 10 topics, routed by a random router: any size up to 4,096 tokens and 64 experts.',
    },
    groupBy: 'Group tokens by',
    groupByOptions: { class: 'digit class', position: 'patch position (0 = top left, 15 = bottom right)' },
    variant: 'Routing',
    variants: {
      source: 'Source article: raw top-k, weight 1/k',
      mixtral: 'Mixtral: softmax top-k, renormalised',
      gshard: 'Top-k without renormalisation (Qwen-MoE, DeepSeek-V2, OLMoE)',
      switch: 'Switch: top-1 with capacity',
      noisy: 'Noisy top-k (Shazeer 2017)',
      'expert-choice': 'Expert choice',
      shared: 'Shared + routed experts (DeepSeekMoE)',
    },
    variantHints: {
      source:
        'The source article’s rule: it rightly runs only the k experts with the largest gate scores, but weights each of them 1/k, so the gate decides who runs and gets no gradient.',
      mixtral: 'Softmax over all experts, keep the top k, divide their weights by their sum so they add up to 1.',
      gshard:
        'Softmax over all experts, keep the top k with their raw probabilities, which add up to less than 1 (norm_topk_prob = False in Qwen-MoE, DeepSeek-V2 and OLMoE). (The URL keeps the old name gshard; GShard itself renormalises its two gates, g₁/(g₁+g₂), and sends a token to its second expert only at random, with probability 2·g₂.)',
      switch:
        'Each token goes to its single best expert; an expert takes at most C tokens in token order, the rest are dropped and pass through on the residual.',
      noisy:
        'Adds Gaussian noise to the logits before picking the top k, then a softmax over the k. In Shazeer et al. (2017) the noise scale is learned per expert, Softplus(x·W_noise), and serves load balancing; here one seeded scale stands in for it.',
      'expert-choice':
        'Experts pick tokens instead: each expert takes its C highest-scoring tokens. Load is perfectly even; some tokens get no expert, others several.',
      shared:
        'Shared experts process every token; each token also picks its top k of the routed experts (not renormalised, as DeepSeekMoE).',
    },
    numExperts: 'Experts E',
    numExpertsHintMnist: 'Pretrained: 8 and 16. Other counts need a short training run in your browser.',
    k: 'Experts per token k',
    kIgnored: 'Switch routing always uses k = 1; expert choice has no per-token k.',
    capacityFactor: 'Capacity factor',
    capacityHint: 'Headroom over a perfectly even share of the slots.',
    noise: 'Add noise (training-time behaviour)',
    noiseScale: 'Noise standard deviation',
    seed: 'Seed',
    numShared: 'Shared experts m',
    auxWeight: 'Aux-loss weight α',
    auxHint: 'Weight of the load-balancing loss during training. Pretrained at 0.1 and 0; other values need a training run.',
    tokens: 'Tokens T',
    hidden: 'Hidden size H (FFN 4H)',
    skew: 'Tokens forced onto expert 0',
    skewHint: 'The imbalanced case: this share of tokens ranks expert 0 first.',
    routerScale: 'Router sharpness',
    routerScaleHint: 'Multiplies the logits: sharper routing, larger z-loss. Huge values overflow float32.',
    activation: 'Expert activation (kernels)',
    groupRouting: 'Routing',
    groupData: 'Tokens',
    groupTraining: 'Training',
    reset: 'Reset to defaults',
  },
  compare: {
    label: 'Compare with',
    none: 'nothing (one variant)',
    hint: 'A second routing rule on the same tokens and router logits, shown side by side.',
    title: (a, b) => `Compare: ${a} vs ${b}`,
    caption:
      'Both routing rules see the same tokens and the same router logits. Bars above the red capacity line overflow; the strip marks the tokens whose set of routed experts differs.',
    changedTitle: 'Tokens routed differently',
    changed: (n, total, pct) => `${n} of ${total} tokens (${pct}) get a different set of routed experts.`,
    stripLabel: 'Tokens in order (heatmap sample): which ones changed expert set',
    legendSame: 'same experts',
    legendChanged: 'different experts',
  },
  problems: {
    title: 'These settings cannot be routed',
    nonFinite: (index, token, expert, value) =>
      `The router produced a non-finite logit (${value} at token ${token}, expert ${expert}; entry ${index}). Softmax and top-k are undefined there, so nothing is routed. Lower the router sharpness.`,
    other: (detail) => `Routing failed: ${detail}`,
  },
  model: {
    title: 'The trained MoE',
    loading: 'Loading digits and the pretrained model…',
    loadFailed: (d) => `Could not load the model or the digits: ${d}`,
    shown: (id) => `Model ${id}`,
    trainedWith: (variant, e, k, aux, acc, seconds, where) =>
      `Trained with ${variant} routing, E = ${e}, k = ${k}, α = ${aux}: ${acc} test accuracy, ${seconds} s of training (${where}).`,
    shipped: 'pretrained, shipped with the site',
    inBrowser: 'trained here in your browser',
    differs: (what) =>
      `Your settings differ from the training settings (${what}): the router below is the trained one, applied with your settings.`,
    diffVariant: 'routing',
    diffK: 'k',
    diffAux: 'α',
    diffShared: 'shared experts',
    noModel: (e) => `There is no trained model with ${e} experts yet. Train one (about half a minute), or pick 8 or 16 experts.`,
    train: 'Train with these settings',
    trainHint: (backend) => `2 epochs over 8,000 digits on ${backend}; the page stays usable and you can cancel.`,
    cancel: 'Cancel',
    cancelled: 'Training cancelled; the previous model is still shown.',
    training: (step, total) => `Training: step ${step} of ${total}`,
    trainProgress: (loss, cv) => `loss ${loss}, batch load CV ${cv}`,
    trainDone: (acc, seconds, to90) => `Trained: ${acc} test accuracy after ${seconds} s (90% reached after ${to90}).`,
    trainFailed: (d) => `Training failed: ${d}`,
    never: 'never',
    accuracyTitle: 'Test accuracy with this routing',
    accuracy: (acc) => `${acc} of the 2,000 test digits`,
    accuracyComputing: 'computing…',
    accuracyHint: 'The trained experts, routed with your settings: dropped tokens and 1/k weights cost accuracy.',
    collapseTitle: (dead) =>
      dead > 0 ? 'Routing collapse without the auxiliary loss: experts left idle' : 'Unbalanced routing without the auxiliary loss',
    collapse: (e, cvWith, cvWithout, dead) =>
      `Measured on the 2,000 test digits with the pretrained ${e}-expert models: load CV ${cvWith} with α = 0.1, ${cvWithout} with α = 0${dead > 0 ? `, where ${dead} expert${dead > 1 ? 's' : ''} received no tokens at all` : ''}.`,
  },
  figures: {
    heatmapTitle: 'Which experts each token uses',
    heatmapCaptionMnist: (n) =>
      `Columns: the 16 patch tokens of the first ${n / 16} test digits of each class, grouped by digit and ordered by patch position inside each group. Rows: experts. Colour: gate weight (dark = not chosen).`,
    heatmapCaptionSynthetic: (n) => `Columns: the first ${n} tokens of each topic. Rows: experts. Colour: gate weight (dark = not chosen).`,
    heatmapCaptionPosition: (n) =>
      `Columns: the tokens of the first ${n} test digits, grouped by patch position (0 = top left, 15 = bottom right). Rows: experts. Colour: gate weight.`,
    position: (p) => `patch ${p}`,
    usageTitlePosition: 'Expert usage per patch position',
    heatmapReadout: (token, group, expert, w) => `token ${token} (${group}), ${expert}: weight ${w}`,
    heatmapLegend: 'gate weight',
    digit: (d) => `digit ${d}`,
    topic: (d) => `topic ${d}`,
    expert: (e) => `expert ${e}`,
    sharedExpert: (e) => `shared ${e}`,
    usageTitleMnist: 'Expert usage per digit class',
    usageTitleSynthetic: 'Expert usage per topic',
    usageCaption: 'Share of each group’s routed slots that go to each expert (rows add up to 100%).',
    loadTitle: 'Expert load',
    loadCaption: 'Token slots each routed expert receives, before capacity. Bars above the red line overflow a capacity-limited expert.',
    loadAxis: 'slots',
    expertsAxis: 'expert',
    capacityLine: (c) => `capacity C = ${c}`,
    meanLine: 'even share',
    statsTitle: 'Balance',
    tokens: 'Tokens',
    capacity: 'Capacity C per expert',
    dropped: 'Dropped',
    droppedSwitch: 'tokens dropped (their expert was full; they skip the layer on the residual)',
    droppedEc: 'tokens no expert picked (they skip the layer on the residual)',
    droppedOver: 'slots above capacity (a capacity-limited dispatch would drop them)',
    cv: 'Load CV (σ/μ)',
    cvHint: '0 = perfectly even',
    aux: 'Auxiliary loss',
    auxHint: (k) => `E·Σ f·P; minimum ${k}, reached whenever the router probabilities are uniform`,
    z: 'Router z-loss',
    zHint: 'mean (log Σ exp logits)²: large logits',
    activePerToken: 'Experts run per token',
    formulaTitle: 'Capacity',
    formula: 'C = ⌈ k × capacity factor × T / E ⌉',
    formulaNow: (k, cf, t, e, c) => `= ⌈ ${k} × ${cf} × ${t} / ${e} ⌉ = ${c}`,
    computing: 'Computing…',
  },
  params: {
    title: 'Total vs active parameters',
    caption:
      'One MoE layer at the current settings (experts with biases, plus the router). Only the active parameters do work for a given token.',
    layer: 'This layer',
    total: 'total',
    active: 'active per token',
    perExpert: 'per expert',
    router: 'router',
    share: 'active share',
    mixtral: 'Mixtral 8x7B, for scale',
    mixtralNote:
      '46.7B parameters in total, 12.9B active per token: top-2 of 8 experts in every layer, plus the shared attention and embeddings that every token uses.',
    bytes: 'as float32',
  },
  kernels: {
    title: 'WebGPU kernels: dispatch vs dense',
    intro:
      'The dispatch path computes router logits, picks the top k, counting-sorts the token slots by expert (per-expert offsets), runs ONE grouped matmul over all experts’ segments (x·W1, activation, ·W2) and combines the results weighted by the gates. The dense baseline runs every expert on every token and masks by the gate. The padded variant gives every expert a fixed capacity of C rows. Each step is checked against its pure TypeScript twin.',
    sizes: (t, h, f, e, k, act, weights, c) =>
      `${t} tokens, H = ${h}, FFN = ${f}, E = ${e}, k = ${k}, ${act}, ${weights} weights; padded capacity C = ${c}.`,
    sourceMnist: 'Inputs: the trained model’s layer on the token embeddings of the first 4 test digits.',
    sourceSynthetic: 'Inputs: a seeded random layer (seed from the controls).',
    run: 'Run the kernels and check them',
    running: 'Running on the GPU…',
    unavailable: (why) => `The WebGPU kernels cannot run here: ${why}. Everything else on this page works.`,
    paths: {
      dispatch: 'Dispatch (sort + grouped matmul)',
      dense: 'Dense baseline (every expert, masked)',
      padded: 'Padded (fixed capacity per expert)',
    },
    pathNotes: {
      dispatch: 'computes T·k rows',
      dense: 'computes E·T rows',
      padded: 'computes E·C rows',
    },
    steps: {
      logits: 'router logits',
      'topk-experts': 'top-k experts',
      'topk-weights': 'top-k weights',
      offsets: 'per-expert offsets',
      sort: 'counting sort (permutation)',
      up: 'grouped matmul x·W1 + act',
      down: 'grouped matmul ·W2',
      combine: 'weighted combine',
      'end-to-end': 'whole layer vs reference',
    },
    step: 'Step',
    maxAbs: 'max |error|',
    scale: 'max |value|',
    verdict: 'within 1e-4 × max(1, scale)',
    pass: 'pass',
    fail: 'FAIL',
    rows: (r) => `${r} expert rows computed`,
    mismatches: (n) => (n === 0 ? 'identical' : `${n} differ`),
    dropped: (n) => `${n} slots dropped by the capacity`,
    time: (ms) => `${ms} ms incl. upload, first-run compilation and readback`,
    emulated: 'These times reflect CPU emulation of a GPU (software adapter), not GPU speed.',
    routingSame: 'GPU routing equals the CPU routing.',
    routingDiffers: 'GPU routing differs from the CPU routing on a near-tie (each step is still checked on the GPU’s own inputs).',
    variantNote: (v) => `The kernels implement token-choice top-k; “${v}” is shown with the closest kernel weighting.`,
    error: (d) => `The kernel run failed: ${d}`,
  },
  lesson: {
    sections: [
      {
        id: 'sparse',
        h: 'Sparse activation',
        p: [
          'A dense feed-forward layer uses all of its weights for every token. A mixture-of-experts layer replaces it with E feed-forward networks, the experts, and a router: a linear layer that scores each expert for the current token. In the Switch Transformer, in Mixtral and in the source article each expert is a full-size copy of the dense layer’s feed-forward network (only fine-grained MoE such as DeepSeekMoE splits experts into smaller ones). Only the k best-scoring experts run, and their outputs are added, weighted by the router’s gate weights.',
          'So the layer can store E times the parameters of one expert while each token pays for only k of them. That is sparse activation: which weights are used depends on the input, unlike pruning, where the same zeros apply to every input.',
        ],
      },
      {
        id: 'specialise',
        h: 'What the experts specialise in',
        p: [
          'With moe-en the tokens are the characters of English text. The heatmap shows that every character activates exactly two of each layer’s eight experts, and the class table shows that the choice follows the kind of character (spaces, capitals, vowels) more than a topic: the Mixtral paper found the same, experts that track syntax rather than subject.',
        ],
      },
      {
        id: 'neighbours',
        h: 'Neighbouring tokens',
        p: [
          'The Mixtral paper (§5) counts how often consecutive tokens go to the same expert and finds it well above random routing in the higher layers. This table separates two effects. Unequal loads alone make neighbours agree often: the shuffled baseline keeps every expert’s load and draws each choice at random. Only what exceeds it is locality, tokens that share context sharing an expert.',
        ],
      },
      {
        id: 'changes',
        h: 'Changing the routing',
        p: [
          'The routing-change table is the experiment: the same weights, routed another way, scored on the same test text. A change the model was not trained for (one expert instead of two, weights that no longer sum to 1, dropped tokens) raises the loss; an expert the router barely uses can be switched off almost for free.',
        ],
      },
      {
        id: 'params',
        h: 'Total vs active parameters',
        p: [
          'Total parameters decide memory: every expert must sit in GPU memory, because any token may pick any expert. Active parameters decide compute per token: roughly 2 FLOPs per active parameter. Mixtral 8x7B stores 46.7B parameters but uses about 12.9B per token, so it runs at the cost of a ~13B dense model while holding far more knowledge.',
          'The read-out beside the figures counts both for the current settings; raising E grows the total, raising k grows the active count.',
        ],
      },
      {
        id: 'balance',
        h: 'Load balancing',
        p: [
          'A router trained only on the task tends to favour the experts that happen to be good early, which then get more training and become even better: a feedback loop that can leave experts idle (routing collapse). The auxiliary loss of the Switch Transformer, as Mixtral computes it, is E·Σ_e f_e·P_e, where f_e is the fraction of tokens that have expert e among their top k (so Σ_e f_e = k) and P_e the mean router probability of e. Its minimum is k, and it equals k whenever the router probabilities are uniform, whatever f is. f comes from a top-k and has no gradient: the gradient flows only through P, lowering the probability of the experts that are chosen often, which pushes the router towards even use.',
          'The router z-loss of ST-MoE, the mean of (log Σ exp logits)², keeps the logits small so that the softmax stays numerically tame. The lab measures both on the current routing, and the coefficient of variation (σ/μ) of the load: 0 is perfectly even.',
        ],
      },
      {
        id: 'capacity',
        h: 'Capacity and dropped tokens',
        p: [
          'Hardware prefers fixed shapes, so many implementations give each expert a buffer of C token slots, C = ⌈k × capacity factor × T / E⌉. When more tokens choose an expert than it has room for, the extra ones are dropped: they skip the layer and pass on unchanged through the residual connection. A larger factor drops fewer tokens but wastes more padding when load is even.',
          'With the digits and synthetic data, the load bars show the capacity line; the Switch variant and the padded kernel really drop the overflow, and the lab counts it. On moe-en, the capacity panel applies the limit to the trained routing of the test text, per window of 256 characters, and the routing table prices it in perplexity: an unbalanced router overflows its favourite experts.',
        ],
      },
      {
        id: 'expertChoice',
        h: 'Expert choice',
        p: [
          'Expert-choice routing (Zhou et al. 2022) turns the choice around: each expert takes the C tokens that score it highest. Every expert is exactly full, so there is nothing to balance and nothing overflows, but a token may be picked by no expert (it skips the layer) or by several. It also needs the whole batch to decide, which does not suit generating one token at a time.',
        ],
      },
      {
        id: 'shared',
        h: 'Shared experts',
        p: [
          'DeepSeekMoE splits experts into many small, fine-grained ones and keeps a few shared experts that see every token. Common knowledge lives in the shared experts, so the routed ones can specialise. With the “shared” variant the heatmap shows the shared experts as rows that are always on.',
        ],
      },
    ],
    codeTitle: 'The code: the source’s layer and a fixed one',
    sourceTitle: 'The source article’s SparseMoELayer (the source’s code)',
    sourceGood:
      'What the source gets right: its layer has the true shape of a sparse MoE. A gate scores every expert for each token, torch.topk keeps k of them, only the chosen experts run on their tokens, and their outputs are summed: exactly the sparse activation this lab measures. What it leaves out:',
    sourceNote: [
      'torch.topk runs on the raw gate logits and every chosen expert is weighted 1/top_k. The gate scores only decide who runs, and top-k indices have no gradient, so the gate never learns from the task loss.',
      'There is no softmax and no load-balancing loss, so nothing keeps the experts evenly used.',
      'A Python loop over top_k × num_experts launches a separate small matmul for each expert: slow on a GPU, and the same expert is visited again for every k.',
    ],
    fixedTitle: 'A fixed layer for the current settings (PyTorch)',
    fixedNote:
      'Softmax gate weights (renormalised as in Mixtral and GShard, or raw as in Qwen-MoE, DeepSeek-V2 and OLMoE), one batched dispatch (sort the slots by expert, one batched matmul over all experts, index_add_ to combine) and the auxiliary loss. For production, a grouped GEMM (e.g. MegaBlocks) avoids padding the segments.',
    benchTitle: 'Measured speed',
    bench:
      'The kernel check runs the dispatch path and the dense baseline on your device and checks every step against its twin. The site’s benchmark times the whole dispatch path, routing and permutation included, against the dense baseline in the same run on the same device: top-2 of 8 experts, 2,048 tokens, hidden 512, FFN 2,048 (smaller on software adapters), with even routing and with 60% of the tokens on one expert. Perfect skipping would give E/k = 4×. On a software adapter the times reflect CPU emulation, not a GPU.',
    benchAbout: 'Which backend and GPU adapter this browser gives the site: the About page',
  },
};

const zh: MoeMessages = {
  title: '混合专家',
  lead: '混合专家（MoE）层拥有许多个专家网络，但每个 token 只运行其中少数几个。这里你可以看到小型 Mixtral 语言模型 moe-en 如何把英文文本的每个字符分给 8 个专家中的 2 个，测量改变路由的代价，并把稀疏分发内核与“运行所有专家”的做法进行比较。一个手写数字上的小型 MoE 用来展示负载均衡。',
  controls: {
    mode: '数据',
    modes: { lm: '英文文本（moe-en，Mixtral 模型）', mnist: '真实数字（训练好的 MoE）', synthetic: '合成隐藏状态' },
    modeHint: {
      lm: 'moe-en 是一个在 Brown 语料上训练的小型 Mixtral 语言模型（4 层，每层 8 个专家、top-2），为真实英文文本的每个字符选择专家。',
      mnist: '一个在真实 MNIST 数字上训练好的小型 MoE 分类器，为 2,000 张测试数字（每张 16 个图块 token）做路由。',
      synthetic: '来自 10 个主题、带种子的随机隐藏状态，由随机路由器分配：最多 4,096 个 token、64 个专家。',
    },
    groupBy: 'token 分组方式',
    groupByOptions: { class: '数字类别', position: '图块位置（0 = 左上，15 = 右下）' },
    variant: '路由方式',
    variants: {
      source: '原文：原始分数 top-k，权重 1/k',
      mixtral: 'Mixtral：softmax 后 top-k 并重新归一化',
      gshard: 'top-k，不重新归一化（Qwen-MoE、DeepSeek-V2、OLMoE）',
      switch: 'Switch：top-1 加容量限制',
      noisy: '带噪声的 top-k（Shazeer 2017）',
      'expert-choice': '专家选择',
      shared: '共享专家 + 路由专家（DeepSeekMoE）',
    },
    variantHints: {
      source: '原文的规则：它正确地只运行门控分数最大的 k 个专家，但每个权重固定为 1/k，因此门控只决定谁运行，却得不到梯度。',
      mixtral: '对所有专家做 softmax，保留前 k 个，再除以它们的和使权重相加为 1。',
      gshard:
        '对所有专家做 softmax，保留前 k 个及其原始概率，相加小于 1（即 Qwen-MoE、DeepSeek-V2 和 OLMoE 的 norm_topk_prob = False）。（URL 中沿用旧名 gshard；GShard 本身会把两个门控重新归一化为 g₁/(g₁+g₂)，并且只以 2·g₂ 的概率随机把 token 发给第二个专家。）',
      switch: '每个 token 只去它最好的一个专家；每个专家按 token 顺序最多接收 C 个 token，其余被丢弃，经残差连接直接通过。',
      noisy:
        '在选出 top-k 之前给 logits 加上高斯噪声，再对这 k 个做 softmax。在 Shazeer 等（2017）中，噪声尺度是按专家学习得到的 Softplus(x·W_noise)，作用是帮助负载均衡；这里用一个带种子的固定尺度代替它。',
      'expert-choice': '反过来由专家挑 token：每个专家取得分最高的 C 个 token。负载完全均衡；有的 token 没有专家，有的有好几个。',
      shared: '共享专家处理每一个 token；每个 token 另外在路由专家中选 top-k（不重新归一化，同 DeepSeekMoE）。',
    },
    numExperts: '专家数 E',
    numExpertsHintMnist: '已预训练：8 和 16。其他数量需要在浏览器里短暂训练一次。',
    k: '每个 token 的专家数 k',
    kIgnored: 'Switch 路由总是 k = 1；专家选择没有按 token 的 k。',
    capacityFactor: '容量因子',
    capacityHint: '相对于完全均分的槽位所留的余量。',
    noise: '加噪声（训练时的行为）',
    noiseScale: '噪声标准差',
    seed: '随机种子',
    numShared: '共享专家数 m',
    auxWeight: '辅助损失权重 α',
    auxHint: '训练时负载均衡损失的权重。已预训练 0.1 和 0；其他数值需要训练。',
    tokens: 'token 数 T',
    hidden: '隐藏维度 H（FFN 为 4H）',
    skew: '被强制分给专家 0 的 token 比例',
    skewHint: '不均衡的情形：这一比例的 token 把专家 0 排在第一。',
    routerScale: '路由锐度',
    routerScaleHint: '把 logits 乘以这个数：路由更尖锐，z 损失更大。数值过大会使 float32 溢出。',
    activation: '专家激活函数（内核）',
    groupRouting: '路由',
    groupData: 'token',
    groupTraining: '训练',
    reset: '恢复默认值',
  },
  compare: {
    label: '对比',
    none: '不对比（单一路由）',
    hint: '在相同的 token 和路由 logits 上运行第二种路由规则，并排展示。',
    title: (a, b) => `对比：${a} 与 ${b}`,
    caption: '两种路由规则看到的是相同的 token 和相同的路由 logits。高出红色容量线的部分会溢出；色带标出所选路由专家集合不同的 token。',
    changedTitle: '路由不同的 token',
    changed: (n, total, pct) => `${total} 个 token 中有 ${n} 个（${pct}）被分到不同的路由专家集合。`,
    stripLabel: '按顺序排列的 token（热力图样本）：哪些换了专家集合',
    legendSame: '专家相同',
    legendChanged: '专家不同',
  },
  problems: {
    title: '这些设置无法完成路由',
    nonFinite: (index, token, expert, value) =>
      `路由器产生了非有限的 logit（token ${token}、专家 ${expert} 处为 ${value}；第 ${index} 项）。此时 softmax 与 top-k 没有定义，因此不进行路由。请降低路由锐度。`,
    other: (detail) => `路由失败：${detail}`,
  },
  model: {
    title: '训练好的 MoE',
    loading: '正在加载数字和预训练模型…',
    loadFailed: (d) => `无法加载模型或数字：${d}`,
    shown: (id) => `模型 ${id}`,
    trainedWith: (variant, e, k, aux, acc, seconds, where) =>
      `训练设置：${variant} 路由，E = ${e}，k = ${k}，α = ${aux}；测试准确率 ${acc}，训练用时 ${seconds} 秒（${where}）。`,
    shipped: '预训练，随网站提供',
    inBrowser: '在你的浏览器中训练',
    differs: (what) => `你的设置与训练时不同（${what}）：下面使用训练好的路由器，但按你的设置进行路由。`,
    diffVariant: '路由方式',
    diffK: 'k',
    diffAux: 'α',
    diffShared: '共享专家',
    noModel: (e) => `还没有 ${e} 个专家的训练好的模型。可以训练一个（大约半分钟），或选择 8 或 16 个专家。`,
    train: '用这些设置训练',
    trainHint: (backend) => `在 ${backend} 上对 8,000 张数字训练 2 轮；训练期间页面照常可用，也可以随时取消。`,
    cancel: '取消',
    cancelled: '训练已取消；仍显示之前的模型。',
    training: (step, total) => `训练中：第 ${step} / ${total} 步`,
    trainProgress: (loss, cv) => `损失 ${loss}，本批负载变异系数 ${cv}`,
    trainDone: (acc, seconds, to90) => `训练完成：${seconds} 秒后测试准确率 ${acc}（${to90} 时达到 90%）。`,
    trainFailed: (d) => `训练失败：${d}`,
    never: '未达到',
    accuracyTitle: '按当前路由的测试准确率',
    accuracy: (acc) => `2,000 张测试数字中的 ${acc}`,
    accuracyComputing: '计算中…',
    accuracyHint: '训练好的专家按你的设置路由：被丢弃的 token 和 1/k 权重都会降低准确率。',
    collapseTitle: (dead) => (dead > 0 ? '没有辅助损失时的路由坍缩：有专家闲置' : '没有辅助损失时路由不均衡'),
    collapse: (e, cvWith, cvWithout, dead) =>
      `在 2,000 张测试数字上用预训练的 ${e} 专家模型测得：α = 0.1 时负载变异系数为 ${cvWith}，α = 0 时为 ${cvWithout}${dead > 0 ? `，其中 ${dead} 个专家一个 token 也没有收到` : ''}。`,
  },
  figures: {
    heatmapTitle: '每个 token 使用了哪些专家',
    heatmapCaptionMnist: (n) =>
      `列：每个类别前 ${n / 16} 张测试数字的 16 个图块 token，按数字分组，组内按图块位置排列。行：专家。颜色：门控权重（深色 = 未被选中）。`,
    heatmapCaptionSynthetic: (n) => `列：每个主题的前 ${n} 个 token。行：专家。颜色：门控权重（深色 = 未被选中）。`,
    heatmapCaptionPosition: (n) => `列：前 ${n} 张测试数字的 token，按图块位置分组（0 = 左上，15 = 右下）。行：专家。颜色：门控权重。`,
    position: (p) => `图块 ${p}`,
    usageTitlePosition: '各图块位置的专家使用情况',
    heatmapReadout: (token, group, expert, w) => `token ${token}（${group}），${expert}：权重 ${w}`,
    heatmapLegend: '门控权重',
    digit: (d) => `数字 ${d}`,
    topic: (d) => `主题 ${d}`,
    expert: (e) => `专家 ${e}`,
    sharedExpert: (e) => `共享 ${e}`,
    usageTitleMnist: '各数字类别的专家使用情况',
    usageTitleSynthetic: '各主题的专家使用情况',
    usageCaption: '每组被路由的槽位中分给各个专家的比例（每行合计 100%）。',
    loadTitle: '专家负载',
    loadCaption: '容量限制之前每个路由专家收到的 token 槽位数。高出红线的部分会使有容量限制的专家溢出。',
    loadAxis: '槽位',
    expertsAxis: '专家',
    capacityLine: (c) => `容量 C = ${c}`,
    meanLine: '均分',
    statsTitle: '均衡程度',
    tokens: 'token 数',
    capacity: '每个专家的容量 C',
    dropped: '丢弃',
    droppedSwitch: '个 token 被丢弃（所选专家已满；它们经残差连接跳过这一层）',
    droppedEc: '个 token 没有被任何专家选中（它们经残差连接跳过这一层）',
    droppedOver: '个槽位超出容量（有容量限制的分发会丢弃它们）',
    cv: '负载变异系数（σ/μ）',
    cvHint: '0 = 完全均衡',
    aux: '辅助损失',
    auxHint: (k) => `E·Σ f·P；最小值为 ${k}，路由概率均匀时即取到`,
    z: '路由 z 损失',
    zHint: '(log Σ exp logits)² 的均值：衡量 logits 是否过大',
    activePerToken: '每个 token 运行的专家数',
    formulaTitle: '容量',
    formula: 'C = ⌈ k × 容量因子 × T / E ⌉',
    formulaNow: (k, cf, t, e, c) => `= ⌈ ${k} × ${cf} × ${t} / ${e} ⌉ = ${c}`,
    computing: '计算中…',
  },
  params: {
    title: '总参数与激活参数',
    caption: '当前设置下的一个 MoE 层（含偏置的专家加上路由器）。对某个 token 而言，只有激活参数在参与计算。',
    layer: '这一层',
    total: '总计',
    active: '每个 token 激活',
    perExpert: '每个专家',
    router: '路由器',
    share: '激活比例',
    mixtral: 'Mixtral 8x7B（作为参照）',
    mixtralNote: '总参数 467 亿，每个 token 激活 129 亿：每层 8 个专家中选 2 个，再加上每个 token 都要用的注意力层和嵌入层。',
    bytes: '按 float32 计',
  },
  kernels: {
    title: 'WebGPU 内核：分发与稠密',
    intro:
      '分发路径先计算路由 logits，选出 top-k，对 token 槽位按专家做计数排序（得到每个专家的偏移量），用一次分组矩阵乘法处理所有专家的分段（x·W1、激活、·W2），最后按门控权重合并结果。稠密基线让每个专家处理每个 token，再用门控做掩码。填充版本给每个专家固定 C 行的容量。每一步都与它的纯 TypeScript 参考实现核对。',
    sizes: (t, h, f, e, k, act, weights, c) =>
      `${t} 个 token，H = ${h}，FFN = ${f}，E = ${e}，k = ${k}，${act}，${weights} 权重；填充容量 C = ${c}。`,
    sourceMnist: '输入：训练好的模型这一层，作用于前 4 张测试数字的 token 嵌入。',
    sourceSynthetic: '输入：带种子的随机层（种子取自控制面板）。',
    run: '运行内核并核对',
    running: '正在 GPU 上运行…',
    unavailable: (why) => `这里无法运行 WebGPU 内核：${why}。本页其他内容都可以正常使用。`,
    paths: { dispatch: '分发（排序 + 分组矩阵乘法）', dense: '稠密基线（所有专家，再掩码）', padded: '填充（每个专家固定容量）' },
    pathNotes: {
      dispatch: '计算 T·k 行',
      dense: '计算 E·T 行',
      padded: '计算 E·C 行',
    },
    steps: {
      logits: '路由 logits',
      'topk-experts': 'top-k 专家',
      'topk-weights': 'top-k 权重',
      offsets: '各专家偏移量',
      sort: '计数排序（置换）',
      up: '分组矩阵乘法 x·W1 + 激活',
      down: '分组矩阵乘法 ·W2',
      combine: '加权合并',
      'end-to-end': '整层对照参考实现',
    },
    step: '步骤',
    maxAbs: '最大 |误差|',
    scale: '最大 |值|',
    verdict: '不超过 1e-4 × max(1, 量级)',
    pass: '通过',
    fail: '未通过',
    rows: (r) => `计算了 ${r} 行专家输入`,
    mismatches: (n) => (n === 0 ? '完全一致' : `${n} 处不同`),
    dropped: (n) => `${n} 个槽位因容量被丢弃`,
    time: (ms) => `${ms} 毫秒（含上传、首次编译和读回）`,
    emulated: '这些时间反映的是用 CPU 模拟 GPU（软件适配器）的速度，而不是 GPU 的速度。',
    routingSame: 'GPU 的路由与 CPU 的路由一致。',
    routingDiffers: 'GPU 的路由在一个近似平局处与 CPU 不同（每一步仍按 GPU 自己的输入核对）。',
    variantNote: (v) => `内核实现的是按 token 选择的 top-k；“${v}”以最接近的内核权重方式展示。`,
    error: (d) => `内核运行失败：${d}`,
  },
  lesson: {
    sections: [
      {
        id: 'sparse',
        h: '稀疏激活',
        p: [
          '稠密前馈层对每个 token 都使用全部权重。混合专家层把它换成 E 个前馈网络（专家）和一个路由器：路由器是一个线性层，为当前 token 给每个专家打分。在 Switch Transformer、Mixtral 和原文中，每个专家都是与稠密层同样大小的完整前馈网络（只有 DeepSeekMoE 这类细粒度 MoE 才把专家切小）。只有得分最高的 k 个专家会运行，它们的输出按路由器给出的门控权重加权相加。',
          '因此这一层可以存下一个专家 E 倍的参数，而每个 token 只为其中 k 个付出计算。这就是稀疏激活：用到哪些权重取决于输入；而剪枝则不同，同样的零对所有输入都一样。',
        ],
      },
      {
        id: 'specialise',
        h: '专家各自擅长什么',
        p: [
          '在 moe-en 中，token 是英文文本的字符。热力图显示每个字符在每层的 8 个专家中恰好激活 2 个；类别表显示选择更多取决于字符的种类（空白、大写字母、元音），而不是主题：Mixtral 论文也发现专家对应的是句法而不是话题。',
        ],
      },
      {
        id: 'neighbours',
        h: '相邻的 token',
        p: [
          'Mixtral 论文（第 5 节）统计相邻 token 被分到同一个专家的频率，发现在较高的层中明显高于随机路由。这张表区分了两种效应：仅仅负载不均就会让相邻字符经常选到同一个专家——“打乱”基线保持每个专家的负载不变，而每次选择随机抽取。超出这一基线的部分才是局部性，即共享上下文的 token 共享同一个专家。',
        ],
      },
      {
        id: 'changes',
        h: '改变路由',
        p: [
          '路由改动表就是实验本身：同样的权重，换一种方式路由，在同样的测试文本上打分。模型训练时没见过的改动（一个专家代替两个、权重之和不再为 1、丢弃 token）会提高损失；路由器几乎不用的专家则几乎可以无代价地关闭。',
        ],
      },
      {
        id: 'params',
        h: '总参数与激活参数',
        p: [
          '总参数决定内存：每个专家都必须放在 GPU 内存里，因为任何 token 都可能选中任何专家。激活参数决定每个 token 的计算量：每个激活参数大约 2 次浮点运算。Mixtral 8x7B 存有 467 亿参数，但每个 token 只用大约 129 亿，所以它的运行代价接近一个 130 亿参数的稠密模型，却能容纳多得多的知识。',
          '图旁的读数按当前设置计算这两个数：增大 E 会增加总参数，增大 k 会增加激活参数。',
        ],
      },
      {
        id: 'balance',
        h: '负载均衡',
        p: [
          '只按任务训练的路由器往往偏爱早期碰巧表现好的专家，这些专家于是得到更多训练、变得更好：这种正反馈可能让一些专家闲置（路由坍缩）。Switch Transformer 的辅助损失（按 Mixtral 的算法）为 E·Σ_e f_e·P_e，其中 f_e 是 top-k 中含有专家 e 的 token 所占比例（因此 Σ_e f_e = k），P_e 是路由器给 e 的平均概率。它的最小值是 k，而且只要路由概率均匀，无论 f 如何它都等于 k。f 来自 top-k，没有梯度：梯度只经过 P，降低常被选中的专家的概率，从而把路由器推向均衡使用。',
          'ST-MoE 的路由 z 损失是 (log Σ exp logits)² 的均值，它让 logits 保持较小，使 softmax 在数值上更稳定。本实验在当前路由上测量这两个损失，以及负载的变异系数（σ/μ）：0 表示完全均衡。',
        ],
      },
      {
        id: 'capacity',
        h: '容量与被丢弃的 token',
        p: [
          '硬件更喜欢固定的形状，所以很多实现给每个专家一个 C 个槽位的缓冲区，C = ⌈k × 容量因子 × T / E⌉。当选择某个专家的 token 多于它的容量时，多出来的会被丢弃：它们跳过这一层，经残差连接原样通过。容量因子越大丢得越少，但负载均衡时浪费的填充也越多。',
          '在数字和合成数据上，负载条形图画出了容量线；Switch 路由和填充内核会真的丢弃溢出的部分，本实验会统计数量。在 moe-en 上，容量面板把这个限制按每 256 个字符一个窗口施加到测试文本的训练路由上，路由表则给出它在困惑度上的代价：负载不均的路由器会让热门专家溢出。',
        ],
      },
      {
        id: 'expertChoice',
        h: '专家选择',
        p: [
          '专家选择路由（Zhou 等，2022）把选择反过来：每个专家选取给它打分最高的 C 个 token。每个专家都恰好装满，因此无需均衡，也不会溢出；但一个 token 可能没有被任何专家选中（跳过这一层），也可能被好几个选中。它还需要整批数据才能做决定，不适合逐个 token 生成的场景。',
        ],
      },
      {
        id: 'shared',
        h: '共享专家',
        p: [
          'DeepSeekMoE 把专家切分成许多细粒度的小专家，并保留少数几个处理所有 token 的共享专家。通用知识由共享专家承担，路由专家因而可以更加专门化。选择“共享”路由时，热力图中的共享专家显示为始终点亮的行。',
        ],
      },
    ],
    codeTitle: '代码：原文的层与修正后的层',
    sourceTitle: '原文的 SparseMoELayer（原文代码）',
    sourceGood:
      '原文做对了什么：它的层具有稀疏 MoE 的真实结构。门控为每个 token 给每个专家打分，torch.topk 保留其中 k 个，只有被选中的专家处理它们的 token，输出再相加：这正是本实验测量的稀疏激活。它遗漏的是：',
    sourceNote: [
      'torch.topk 直接作用在门控的原始 logits 上，每个被选中的专家权重都固定为 1/top_k。门控分数只决定谁来运行，而 top-k 的索引没有梯度，所以门控从任务损失中学不到任何东西。',
      '没有 softmax，也没有负载均衡损失，没有任何机制让各专家被均衡地使用。',
      'Python 的 top_k × num_experts 双重循环为每个专家单独启动一次小矩阵乘法：在 GPU 上很慢，而且每个 k 都要把同一个专家再访问一遍。',
    ],
    fixedTitle: '按当前设置修正后的层（PyTorch）',
    fixedNote:
      'softmax 门控权重（像 Mixtral 和 GShard 那样重新归一化，或像 Qwen-MoE、DeepSeek-V2 和 OLMoE 那样保留原始概率），一次批量分发（按专家对槽位排序、对所有专家做一次批量矩阵乘法、用 index_add_ 合并），再加上辅助损失。生产环境中可以用分组 GEMM（例如 MegaBlocks）来避免对分段做填充。',
    benchTitle: '实测速度',
    bench:
      '内核核对在你的设备上运行分发路径和稠密基线，并把每一步与其参照实现比对。本站的基准测试在同一次运行、同一设备上，对整个分发路径（含路由和置换）与稠密基线计时：8 个专家选 2 个，2,048 个 token，隐藏维度 512，FFN 2,048（软件适配器上用更小的规模），分别测路由均衡和 60% 的 token 集中在一个专家上的情形。理想的跳过会带来 E/k = 4 倍。在软件适配器上，这些时间反映的是 CPU 模拟，而不是 GPU。',
    benchAbout: '浏览器为本站提供的后端和 GPU 适配器：见“关于”页面',
  },
};

export const moeMessages = defineMessages<MoeMessages>({ en, zh });
