/**
 * Messages between a page and the language-model worker (components/labs/models/lm.worker.ts).
 * Every request carries an id; the worker answers it with progress messages, then exactly one
 * 'result' or 'error'. A newer 'score' or 'generate' supersedes an older one of the same kind,
 * which then ends with an error of key 'cancelled'; 'cancel' ends the named request the same way.
 */
import type { ModelBackend } from '../compute/backend';
import type { LmErrorData } from './errors';
import type { LmName } from './models';
import type { PatternSpec } from '../attention/lm-heads';
import type { AttentionTrace } from './attention-jobs';
import type { TextScore } from './scoring';

export type LmRequest =
  | { id: number; type: 'load'; model: LmName; bytes: number; backend: ModelBackend | 'auto' }
  | { id: number; type: 'score'; model: LmName; text: string }
  | { id: number; type: 'generate'; model: LmName; prompt: string; length: number; temperature: number; topK: number; seed: number }
  | { id: number; type: 'cancel'; target: number }
  /** The fixed test sample of the model's language (lib/lm/eval-windows.ts). */
  | { id: number; type: 'windows'; model: LmName }
  /** One sample window through the reference with every head's probabilities and Q, K, V. */
  | { id: number; type: 'trace'; model: LmName; window: number }
  /**
   * Mean NLL of sample windows with each pattern in every layer (null = dense). A newer request
   * of the same `channel` supersedes an older one.
   */
  | { id: number; type: 'pattern-nll'; model: LmName; channel: string; specs: (PatternSpec | null)[]; windows: number[] };

export interface LoadedInfo {
  model: LmName;
  backend: ModelBackend;
  vocab: string[];
  unkId: number;
  context: number;
  fromCache: boolean;
  parameters: { total: number; active: number };
}

export interface ScoredText {
  /** The text's characters (code points), as scored. */
  chars: string[];
  /** Positions whose character is outside the vocabulary. */
  unknown: number[];
  score: TextScore;
  /** Milliseconds of model work. */
  ms: number;
}

export interface GeneratedText {
  text: string;
  /** The prompt characters the model actually read (the last `context` at most). */
  promptUsed: number;
  /** True when the continuation went past the context and the window slid. */
  slid: boolean;
  charsPerSecond: number;
}

export interface WindowsInfo {
  texts: string[];
  /** Characters per window (the model's context). */
  length: number;
  /** Full windows in the test split, of which `texts` are evenly spaced ones. */
  total: number;
}

export interface TraceResult extends AttentionTrace {
  chars: string[];
  ms: number;
}

export interface PatternNllResult {
  /** nll[spec][window], nats per character. */
  nll: number[][];
  ms: number;
}

/** Worker problems that are not the model's: cancellation and failures of the runtime itself. */
export interface WorkerErrorData {
  key: LmErrorData['key'] | 'cancelled' | 'runtime';
  message: string;
  values: Record<string, string | number>;
}

export type LmResponse =
  | { id: number; type: 'progress'; loaded: number; total: number; phase: 'download' | 'score' | 'generate' | 'trace' | 'pattern-nll'; fromCache?: boolean }
  | { id: number; type: 'token'; text: string }
  | { id: number; type: 'result'; result: LoadedInfo | ScoredText | GeneratedText | WindowsInfo | TraceResult | PatternNllResult }
  | { id: number; type: 'error'; error: WorkerErrorData };
