/**
 * What a page asks of the language-model worker (components/labs/models/lm.worker.ts), in the
 * protocol of lib/runtime/protocol.ts: per request type its payload, result and progress. Pages
 * send 'score' and 'generate' on a channel of their name and each 'pattern-nll' on a channel of
 * their choosing, so a newer one supersedes the older (which ends cancelled).
 */
import type { ModelBackend } from '../compute/backend';
import type { Progress } from '../runtime/protocol';
import type { LmName } from './models';
import type { PatternSpec } from '../attention/lm-heads';
import type { AttentionTrace } from './attention-jobs';
import type { TextScore } from './scoring';

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

/** Download progress of a model (bytes), and whether it comes from Cache Storage. */
export interface DownloadProgress extends Progress<'download'> {
  fromCache?: boolean;
}

export type LmProtocol = {
  load: { payload: { model: LmName; bytes: number; backend: ModelBackend | 'auto' }; result: LoadedInfo; progress: DownloadProgress };
  score: { payload: { model: LmName; text: string }; result: ScoredText; progress: Progress<'score'> };
  /** Progress every few characters, with the characters generated since the last one. */
  generate: {
    payload: { model: LmName; prompt: string; length: number; temperature: number; topK: number; seed: number };
    result: GeneratedText;
    progress: Progress<'generate'> & { text: string };
  };
  /** The fixed test sample of the model's language (lib/lm/eval-windows.ts). */
  windows: { payload: { model: LmName }; result: WindowsInfo };
  /** One sample window through the reference with every head's probabilities and Q, K, V. */
  trace: { payload: { model: LmName; window: number }; result: TraceResult };
  /** Mean NLL of sample windows with each pattern in every layer (null = dense). */
  'pattern-nll': {
    payload: { model: LmName; specs: (PatternSpec | null)[]; windows: number[] };
    result: PatternNllResult;
    progress: Progress<'pattern-nll'>;
  };
};
