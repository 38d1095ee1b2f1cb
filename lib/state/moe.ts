/**
 * The mixture-of-experts lab's URL state: one schema, every control and seed.
 *
 * Ranges are deliberately wider than the sliders where the lab itself explains the
 * problem: numExperts = 0 and capacityFactor = 0 reach the lab, which says why they are
 * impossible (E < 1, capacity <= 0), rather than being silently clamped; k > E is a valid
 * URL that the lab reports; routerScale up to 1e39 lets the synthetic router overflow
 * float32 (non-finite logits, reported, never a crash).
 */
import { ROUTING_VARIANTS } from '../moe/variants';
import { GUIDED_STEP_PARAM } from './step-param';
import { type StateOf, defineSchema } from './schema';

/** Layers of moe-en (public/models/moe-en/config.json num_hidden_layers). */
export const MOE_LM_LAYERS = 4;

export const moeSchema = defineSchema('moe', 1, {
  /**
   * lm: the Mixtral language model moe-en on English text (characters are the tokens);
   * mnist: the trained digit classifier's real routing; synthetic: seeded random hidden states.
   */
  mode: { kind: 'enum', values: ['lm', 'mnist', 'synthetic'] as const, default: 'lm' },
  /** LM mode: test-split passage shown in the routing heatmap (clamped to the passage list). */
  passage: { kind: 'int', min: 0, max: 99, default: 0 },
  /** LM mode: the Mixtral layer the heatmap, class usage, capacity and kernel show (moe-en has 4). */
  layer: { kind: 'int', min: 0, max: MOE_LM_LAYERS - 1, default: 0 },
  /** LM mode: where the model runs; auto = WebGPU on a hardware adapter, else WASM. */
  backend: { kind: 'enum', values: ['auto', 'webgpu', 'wasm'] as const, default: 'auto' },
  /** MNIST mode: group the heatmap and usage table by digit class or by patch position. */
  groupBy: { kind: 'enum', values: ['class', 'position'] as const, default: 'class' },
  /** Routing rule applied to the router logits. */
  variant: { kind: 'enum', values: ROUTING_VARIANTS, default: 'mixtral' },
  /** Compare with: a second routing variant shown side by side on the same logits ('none' = off). */
  compare: { kind: 'enum', values: ['none', ...ROUTING_VARIANTS] as const, default: 'none' },
  /** Routed experts E (MNIST mode: the model's; 4, 8 and 16 are shipped pretrained). */
  numExperts: { kind: 'int', min: 0, max: 64, default: 8 },
  /** Experts per token. */
  k: { kind: 'int', min: 1, max: 8, default: 2 },
  /** C = ceil(k · capacityFactor · T / E). */
  capacityFactor: { kind: 'float', min: 0, max: 8, default: 1.25, digits: 3 },
  /** Noisy top-k: add the seeded Gaussian noise (training) or not (inference). */
  noise: { kind: 'bool', default: true },
  /** Noisy top-k: standard deviation of the noise. */
  noiseScale: { kind: 'float', min: 0, max: 4, default: 1, digits: 3 },
  /** Seed of the noise, the synthetic data and in-browser training. */
  seed: { kind: 'int', min: 0, max: 999_999, default: 1 },
  /** Shared variant: always-on shared experts m. */
  numShared: { kind: 'int', min: 0, max: 4, default: 1 },
  /** α of the auxiliary load-balancing loss (used when training; picks the pretrained model). */
  auxWeight: { kind: 'float', min: 0, max: 1, default: 0.1, digits: 4 },
  /** Synthetic mode: tokens T. */
  tokens: { kind: 'int', min: 16, max: 4096, default: 1024 },
  /** Synthetic mode: hidden size H (FFN = 4H). */
  hidden: { kind: 'int', min: 8, max: 512, default: 64 },
  /** Synthetic mode: fraction of tokens forced onto expert 0. */
  skew: { kind: 'float', min: 0, max: 1, default: 0, digits: 3 },
  /** Synthetic mode: multiplies the router logits (sharpness); huge values overflow. */
  routerScale: { kind: 'float', min: 0, max: 1e39, default: 1, digits: 3 },
  /** Kernel expert FFN activation in synthetic mode (the MNIST model uses ReLU). */
  activation: { kind: 'enum', values: ['gelu', 'relu'] as const, default: 'gelu' },
  /** Guided path: the step the reader is at (lib/state/step-param.ts). */
  step: GUIDED_STEP_PARAM,
});

export type MoeState = StateOf<typeof moeSchema>;

/** Shipped pretrained expert counts (MNIST mode). */
export const PRETRAINED_EXPERTS = [8, 16] as const;
