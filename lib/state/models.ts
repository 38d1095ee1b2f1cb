/**
 * URL state of the language-model page and its text panel: the model, the text (a test-split
 * passage or the reader's own, at most 2,000 characters), generation settings and the backend.
 */
import { LM_NAMES } from '../lm/models';
import { GUIDED_STEP_PARAM } from './step-param';
import { type StateOf, defineSchema } from './schema';

/** Longest text the panel takes (Unicode code points). */
export const MAX_TEXT = 2000;

export const modelsSchema = defineSchema('models', 1, {
  /** auto: the page's language's model (lm-en on /en, lm-zh on /zh). */
  model: { kind: 'enum', values: ['auto', ...LM_NAMES] as const, default: 'auto' },
  /** What the panel reads: a test-split passage, or the reader's text. */
  source: { kind: 'enum', values: ['passage', 'text'] as const, default: 'passage' },
  /** Passage number in the model's language's passage list (clamped to the list). */
  passage: { kind: 'int', min: 0, max: 99, default: 0 },
  text: { kind: 'text', default: '', maxLength: MAX_TEXT },
  /** Sampling temperature; 0 is greedy. */
  temp: { kind: 'float', min: 0, max: 2, default: 0.8, digits: 2 },
  /** Keep the k most likely characters (0 = all). */
  topk: { kind: 'int', min: 0, max: 100, default: 20 },
  seed: { kind: 'int', min: 0, max: 999_999, default: 1 },
  /** Characters to generate. */
  length: { kind: 'int', min: 1, max: 500, default: 200 },
  /** auto: WebGPU on a hardware adapter, else WASM. */
  backend: { kind: 'enum', values: ['auto', 'webgpu', 'wasm'] as const, default: 'auto' },
  /** Guided path: the step the reader is at (lib/state/step-param.ts). */
  step: GUIDED_STEP_PARAM,
});

export type ModelsState = StateOf<typeof modelsSchema>;
