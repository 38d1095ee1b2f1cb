/**
 * The MoE lab's guided path and end-of-lab check (texts: lib/i18n/teach-moe.ts), and the live
 * values its panels expose (pure functions of what the page has measured).
 *
 * Five steps read moe-en, the Mixtral language model of the lab's default mode: which experts
 * character classes use, whether neighbouring characters repeat an expert beyond what unequal
 * loads explain (Mixtral paper §5), and what three changes of the routing cost in perplexity.
 * Step 5 opens the MNIST mode (a 16-expert model trained without the load-balancing loss), and
 * step 6 returns to moe-en, so the check that follows finds every panel it points at on the page.
 * Every preset finishes in seconds: moe-en's test-text evaluation is 6 forward passes of 256
 * characters per routing change (about 2 s each on WASM), the MNIST statistics a pure-TS pass.
 */
import type { RoutingChange } from '../lm/routing-changes';
import type { ChangeResult } from '../lm/moe-protocol';
import { capacityStats, classUsage, consecutiveStats } from '../lm/moe-stats';
import { moeSchema } from '../state/moe';
import { type Known, type LiveValues, defineGuidedPath } from './guided';

/** Δ nats per character of a routing change against the trained routing. */
const cost = (v: Known, change: string) => v[`nll.${change}`] - v['nll.trained'];

/** Share of the gap between measured repetition and uniform routing that the same loads at random explain. */
export function loadsExplain(first: number, shuffled: number, uniform: number): number {
  const gap = first - uniform;
  return gap > 0 ? (shuffled - uniform) / gap : 1;
}

/** The cheapest of the four routing changes (index into CHEAPEST_ORDER). */
export const CHEAPEST_ORDER = ['top1', 'no-renorm', 'capacity', 'drop-least'] as const;

export const moePath = defineGuidedPath({
  lab: 'moe',
  schema: moeSchema,
  steps: [
    {
      id: 'classes',
      preset: { mode: 'lm', layer: 0 },
      needs: ['cls.0.space.expert', 'cls.0.space.share', 'cls.0.space.overall'],
      // crowding: the favourite expert of spaces gets at least 1.5× its share among all characters
      verdict: (v) => (v['cls.0.space.share'] >= 1.5 * v['cls.0.space.overall'] ? 1 : 0),
      panel: 'moe-lm-classes',
    },
    {
      id: 'repeat',
      preset: { mode: 'lm', layer: 1 },
      needs: ['rep.1.first', 'rep.1.shuffled', 'rep.1.uniform'],
      verdict: (v) => (loadsExplain(v['rep.1.first'], v['rep.1.shuffled'], v['rep.1.uniform']) >= 0.5 ? 1 : 0),
      panel: 'moe-lm-consecutive',
    },
    {
      id: 'top1',
      preset: { mode: 'lm', layer: 0 },
      needs: ['ppl.trained', 'ppl.top1'],
      verdict: (v) => {
        const rise = v['ppl.top1'] / v['ppl.trained'] - 1;
        return rise < 0.02 ? 0 : rise <= 0.1 ? 1 : 2;
      },
      panel: 'moe-lm-changes',
    },
    {
      id: 'capacity',
      preset: { mode: 'lm', layer: 1, capacityFactor: 1.25 },
      needs: ['cap.1.dropped', 'cap.cf', 'nll.trained', 'nll.top1', 'nll.capacity', 'ppl.trained', 'ppl.capacity', 'capacityCf'],
      verdict: (v) => (cost(v, 'capacity') > cost(v, 'top1') ? 1 : 0),
      panel: 'moe-lm-capacity',
    },
    {
      id: 'balance',
      preset: { mode: 'mnist', numExperts: 16, auxWeight: 0 },
      needs: ['mnist.16.cvWith', 'mnist.16.cvWithout', 'mnist.16.idle'],
      verdict: (v) => (v['mnist.16.idle'] > 0 ? 0 : 1),
      panel: 'moe-model',
    },
    {
      id: 'dropLeast',
      preset: { mode: 'lm', layer: 0 },
      needs: ['nll.trained', 'nll.top1', 'nll.drop-least', 'nll.no-renorm'],
      verdict: (v) => (cost(v, 'drop-least') < cost(v, 'top1') ? 0 : 1),
      panel: 'moe-lm-changes',
    },
  ],
  check: [
    {
      id: 'top1Cost',
      needs: ['ppl.trained', 'ppl.top1'],
      answer: (v) => ({ kind: 'number', value: 100 * (v['ppl.top1'] / v['ppl.trained'] - 1), tolerance: 0.5 }),
      panel: 'moe-lm-changes',
    },
    {
      id: 'cheapest',
      needs: ['nll.trained', ...CHEAPEST_ORDER.map((c) => `nll.${c}`)],
      answer: (v) => {
        const costs = CHEAPEST_ORDER.map((c) => cost(v, c));
        return { kind: 'choice', index: costs.indexOf(Math.min(...costs)) };
      },
      panel: 'moe-lm-changes',
    },
    {
      id: 'idle',
      needs: ['cap.1.idle'],
      answer: (v) => ({ kind: 'number', value: v['cap.1.idle'], tolerance: 0 }),
      panel: 'moe-lm-capacity',
    },
    {
      id: 'locality',
      needs: [0, 1, 2, 3].flatMap((l) => [`rep.${l}.first`, `rep.${l}.shuffled`]),
      answer: (v) => {
        const beyond = [0, 1, 2, 3].map((l) => v[`rep.${l}.first`] - v[`rep.${l}.shuffled`]);
        return { kind: 'choice', index: beyond.indexOf(Math.max(...beyond)) };
      },
      panel: 'moe-lm-consecutive',
    },
  ],
});

/** What the moe-en view has measured: the routing changes' results and the routing of the test text. */
export interface MoeLmLiveInput {
  /** Each routing change's result at the current capacity factor, or null while not measured. */
  results: Readonly<Partial<Record<RoutingChange, ChangeResult | null>>>;
  /** The capacity factor set now (the capacity statistics use it). */
  capacityFactor: number;
  topK: number;
  numExperts: number;
}

/**
 * moe-en mode. Keys (fractions stay fractions):
 *   nll.<change>, ppl.<change>          nats per character and perplexity of each routing change
 *                                       (trained, top1, no-renorm, capacity, drop-least); capacityCf is
 *                                       the capacity factor the capacity row was measured with
 *   cls.<layer>.<class>.expert|share|overall
 *                                       favourite expert of a character class, the share of the class's
 *                                       slots it gets, and its share of all characters' slots
 *   rep.<layer>.first|shuffled|uniform  consecutive first-choice repetition (lib/lm/moe-stats.ts)
 *   cap.<layer>.dropped|idle|cv, cap.cf share of slots dropped at the current capacity factor, experts
 *                                       with no slot at all, load CV
 * Only what has been measured is present.
 */
export function moeLmLive(input: MoeLmLiveInput): LiveValues {
  const out: Record<string, number> = {};
  for (const [change, r] of Object.entries(input.results)) {
    if (!r) continue;
    out[`nll.${change}`] = r.nll;
    out[`ppl.${change}`] = r.perplexity;
    if (change === 'capacity' && r.capacityFactor !== null) out.capacityCf = r.capacityFactor;
  }
  const stats = input.results.trained?.routing;
  if (!stats) return out;
  const { topK: k, numExperts: E } = input;
  stats.chosen.forEach((chosen, l) => {
    const rows = classUsage(stats.chars, chosen, k, E);
    const all = rows.find((r) => r.cls === 'all')!;
    for (const row of rows) {
      if (row.cls === 'all' || row.count === 0) continue;
      const e = row.share.indexOf(Math.max(...row.share));
      out[`cls.${l}.${row.cls}.expert`] = e;
      out[`cls.${l}.${row.cls}.share`] = row.share[e];
      out[`cls.${l}.${row.cls}.overall`] = all.share[e];
    }
    const c = consecutiveStats(chosen, stats.windows, k, E);
    out[`rep.${l}.first`] = c.first;
    out[`rep.${l}.shuffled`] = c.firstShuffled;
    out[`rep.${l}.uniform`] = c.firstUniform;
    if (input.capacityFactor > 0) {
      const cap = capacityStats(stats.logits[l], stats.windows, k, E, input.capacityFactor);
      out[`cap.${l}.dropped`] = cap.dropped / cap.slots;
      out[`cap.${l}.idle`] = Array.from(cap.demand).filter((d) => d === 0).length;
      out[`cap.${l}.cv`] = cap.loadCv;
    }
  });
  if (input.capacityFactor > 0) out['cap.cf'] = input.capacityFactor;
  return out;
}

/**
 * MNIST mode: the pretrained α = 0.1 and α = 0 models with E experts, Mixtral top-2 on the 2,000
 * test digits. Keys mnist.<E>.cvWith, mnist.<E>.cvWithout (load CV), mnist.<E>.idle (experts with
 * no token under α = 0).
 */
export function moeMnistLive(collapse: { numExperts: number; cvWith: number; cvWithout: number; dead: number } | null): LiveValues {
  if (!collapse) return {};
  const E = collapse.numExperts;
  return { [`mnist.${E}.cvWith`]: collapse.cvWith, [`mnist.${E}.cvWithout`]: collapse.cvWithout, [`mnist.${E}.idle`]: collapse.dead };
}

/** Merges a report into the values kept so far: a value not measured (now) keeps the last one. */
export function mergeLive(prev: LiveValues, next: LiveValues): LiveValues {
  const out: Record<string, number | null | undefined> = { ...prev };
  for (const [k, v] of Object.entries(next)) if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  return out;
}
