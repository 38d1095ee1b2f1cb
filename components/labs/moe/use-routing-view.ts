'use client';

import { useEffect, useState } from 'react';
import { type RoutingView, buildRoutingView, sampleTokensByGroup } from '@/lib/moe/lab-view';
import {
  type SyntheticTokens,
  SYNTHETIC_TOPICS,
  computeSyntheticLogits,
  makeSyntheticRouter,
  makeSyntheticTokens,
} from '@/lib/moe/synthetic';
import { type RoutingProblem, type RoutingSettings, checkRoutingSettings, findNonFiniteLogit } from '@/lib/moe/variants';
import { MNIST_CLASSES } from '@/lib/data/mnist';
import {
  type MoeClassifierWeights,
  TOKENS_PER_DIGIT,
  classifyRoutedTokens,
  classifierAccuracy,
  withSharedExperts,
} from '@/lib/models/moe-classifier';

export type RoutingIssue =
  | { kind: 'settings'; problems: RoutingProblem[] }
  | { kind: 'non-finite'; index: number; token: number; expert: number; value: string }
  | { kind: 'other'; detail: string };

export interface ViewResult {
  status: 'idle' | 'computing' | 'ready' | 'issue';
  view?: RoutingView;
  issue?: RoutingIssue;
  /** The inputs the view was built from (for the kernels and the accuracy). */
  inputKey?: string;
}

export const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Problems of the settings alone, before any logits exist. */
export function settingsIssue(settings: RoutingSettings): RoutingIssue | null {
  const problems = checkRoutingSettings(settings);
  return problems.length > 0 ? { kind: 'settings', problems } : null;
}

/** Routes logits [numTokens, E] (groups per token) into a RoutingView, or reports why not. */
export function computeView(
  logits: Float32Array,
  numTokens: number,
  groups: ArrayLike<number>,
  numGroups: number,
  settings: RoutingSettings,
  perGroup: number,
  sortKey?: (t: number) => number,
): { view?: RoutingView; issue?: RoutingIssue } {
  const bad = settingsIssue(settings);
  if (bad) return { issue: bad };
  const i = findNonFiniteLogit(logits);
  if (i >= 0)
    return {
      issue: {
        kind: 'non-finite',
        index: i,
        token: Math.floor(i / settings.numExperts),
        expert: i % settings.numExperts,
        value: String(logits[i]),
      },
    };
  try {
    return {
      view: buildRoutingView(logits, numTokens, groups, numGroups, settings, sampleTokensByGroup(groups, numGroups, perGroup, sortKey)),
    };
  } catch (err) {
    return { issue: { kind: 'other', detail: err instanceof Error ? err.message : String(err) } };
  }
}

/** The heatmap shows 640 token columns: about one screen pixel each on a wide screen. */
export const HEATMAP_COLUMNS = 640;
export const HEATMAP_DIGITS_PER_CLASS = HEATMAP_COLUMNS / MNIST_CLASSES / TOKENS_PER_DIGIT;
export const HEATMAP_DIGITS_PER_POSITION = HEATMAP_COLUMNS / TOKENS_PER_DIGIT;

const positionCache = new Map<number, Uint8Array>();
/** Patch position (0 … 15) of each of n tokens. */
export function tokenPositions(n: number): Uint8Array {
  let p = positionCache.get(n);
  if (!p) {
    p = new Uint8Array(n);
    for (let t = 0; t < n; t++) p[t] = t % TOKENS_PER_DIGIT;
    positionCache.set(n, p);
  }
  return p;
}

/**
 * MNIST mode: the view of a prepared model's test logits (synchronous, ~50 ms), grouped by
 * digit class (tokens of the first 4 digits of each class, ordered by patch position) or by
 * patch position (the first 40 digits' tokens at each position).
 */
export function useMnistView(
  logits: Float32Array | null,
  tokenClasses: Uint8Array | undefined,
  settings: RoutingSettings | null,
  groupBy: 'class' | 'position',
): ViewResult {
  const [result, setResult] = useState<ViewResult>({ status: 'idle' });
  useEffect(() => {
    if (!logits || !tokenClasses || !settings) {
      setResult({ status: 'idle' });
      return;
    }
    let alive = true;
    setResult((r) => ({ ...r, status: 'computing' }));
    const id = setTimeout(() => {
      const n = tokenClasses.length;
      const { view, issue } =
        groupBy === 'class'
          ? computeView(
              logits,
              n,
              tokenClasses,
              MNIST_CLASSES,
              settings,
              HEATMAP_DIGITS_PER_CLASS * TOKENS_PER_DIGIT,
              (t) => t % TOKENS_PER_DIGIT,
            )
          : computeView(logits, n, tokenPositions(n), TOKENS_PER_DIGIT, settings, HEATMAP_DIGITS_PER_POSITION);
      if (alive) setResult(issue ? { status: 'issue', issue } : { status: 'ready', view });
    }, 0);
    return () => {
      alive = false;
      clearTimeout(id);
    };
  }, [logits, tokenClasses, settings, groupBy]);
  return result;
}

export interface SyntheticInputs {
  tokens: SyntheticTokens;
  router: Float32Array;
  logits: Float32Array;
}

const tokenCache = new Map<string, SyntheticTokens>();

/**
 * Synthetic mode: generates (and caches) the hidden states, computes the logits and the
 * view, yielding to the page between stages; a newer setting cancels a stale run.
 */
export function useSyntheticView(
  active: boolean,
  numTokens: number,
  hidden: number,
  seed: number,
  routerScale: number,
  skew: number,
  settings: RoutingSettings,
): ViewResult & { inputs?: SyntheticInputs } {
  const [result, setResult] = useState<ViewResult & { inputs?: SyntheticInputs }>({ status: 'idle' });
  useEffect(() => {
    if (!active) return;
    let alive = true;
    setResult((r) => ({ ...r, status: 'computing' }));
    (async () => {
      await yieldToPage();
      const bad = settingsIssue(settings);
      if (bad) {
        if (alive) setResult({ status: 'issue', issue: bad });
        return;
      }
      const key = `${numTokens}/${hidden}/${seed}`;
      let tokens = tokenCache.get(key);
      if (!tokens) {
        tokens = makeSyntheticTokens(numTokens, hidden, seed);
        if (tokenCache.size > 4) tokenCache.clear();
        tokenCache.set(key, tokens);
        await yieldToPage();
        if (!alive) return;
      }
      const router = makeSyntheticRouter(hidden, settings.numExperts, seed);
      const logits = computeSyntheticLogits(tokens, router, settings.numExperts, routerScale, skew, seed);
      await yieldToPage();
      if (!alive) return;
      const perGroup = Math.floor(HEATMAP_COLUMNS / SYNTHETIC_TOPICS);
      const { view, issue } = computeView(logits, numTokens, tokens.topics, SYNTHETIC_TOPICS, settings, perGroup);
      if (alive) setResult(issue ? { status: 'issue', issue } : { status: 'ready', view, inputs: { tokens, router, logits } });
    })();
    return () => {
      alive = false;
    };
  }, [active, numTokens, hidden, seed, routerScale, skew, settings]);
  return result;
}

/**
 * Test accuracy of a model with the view's routing, computed in chunks of 125 digits with a
 * yield between them (about half a second in all), cancelled when the inputs change.
 */
export function useRoutedAccuracy(
  weights: MoeClassifierWeights | null,
  tokens: Float32Array | null,
  labels: Uint8Array | undefined,
  view: RoutingView | undefined,
): number | null {
  const [accuracy, setAccuracy] = useState<number | null>(null);
  useEffect(() => {
    setAccuracy(null);
    if (!weights || !tokens || !labels || !view) return;
    let alive = true;
    (async () => {
      const count = labels.length;
      const routing = withSharedExperts(view.routing, count * TOKENS_PER_DIGIT, weights.config.numShared);
      if (routing.numExpertIds !== weights.config.numExperts + weights.config.numShared) return;
      const logits = new Float32Array(count * MNIST_CLASSES);
      const chunk = 125;
      for (let start = 0; start < count; start += chunk) {
        await yieldToPage();
        if (!alive) return;
        const n = Math.min(chunk, count - start);
        logits.set(classifyRoutedTokens(weights, tokens, routing, start, n), start * MNIST_CLASSES);
      }
      if (alive) setAccuracy(classifierAccuracy(logits, labels, count));
    })();
    return () => {
      alive = false;
    };
  }, [weights, tokens, labels, view]);
  return accuracy;
}
