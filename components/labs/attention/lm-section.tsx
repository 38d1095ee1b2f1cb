'use client';

import { useCallback, useEffect, useMemo } from 'react';
import type { ComputeState } from '@/components/hooks/use-compute';
import { Select } from '@/components/controls/select';
import { useLocale } from '@/components/shell/locale-context';
import { LessonBeside } from '@/components/teach/lessons';
import {
  cachedTokens,
  causalDensity,
  causalPatternMask,
  decodeWindow,
  headStats,
  type HeadStats,
  kvBytesPerToken,
  LLAMA2_7B_KV,
  type PatternSpec,
} from '@/lib/attention/lm-heads';
import type { LabConfig } from '@/lib/labs/attention/config';
import { attentionLmMessages } from '@/lib/i18n/attention-lm';
import type { LmName } from '@/lib/lm/models';
import type { AttentionState } from '@/lib/state/attention';
import { type AttentionLiveInput, KV_LENGTH, maskKey } from '@/lib/teach/path-attention';
import { LmLesson } from './lesson';
import { ModelStatus, ProblemBox } from '../models/use-lm-model';
import { LmHeadsPanel } from './lm-heads-panel';
import { LmKernelPanel } from './lm-kernel-panel';
import { LmCostPanel, LmCurvesPanel, LmKvPanel, LmSinksPanel } from './lm-measure-panels';
import { useAttentionLm } from './use-attention-lm';

/** Patterns whose recent-key window the sink experiment and the KV chart reuse; others use 32. */
const DEFAULT_RECENT = 32;

export interface LmSectionProps {
  model: LmName;
  state: AttentionState;
  /** The lab configuration at the model's n, causal. */
  config: LabConfig;
  update: (patch: Partial<AttentionState>) => void;
  compute: ComputeState | null;
  /** Hears what the panels show (for the guided path and the check): see LmLiveReport. */
  onLive?: (report: LmLiveReport) => void;
}

/** What the language-model panels show now; `test` is the latest test-sample measurement, keyed by its mask. */
export type LmLiveReport = Omit<AttentionLiveInput, 'tests'> & {
  test: { key: string; dense: number; pattern: number; density: number } | null;
};

/**
 * The attention lab on a language model: load it, pick a test passage, then what the pattern costs
 * in perplexity, its real heads with the pattern over them, the quality-vs-density curves, the
 * attention-sink experiment, the KV cache during decoding and the kernel on its Q, K, V.
 */
export function LmSection({ model, state, config, update, compute, onLive }: LmSectionProps) {
  const locale = useLocale();
  const m = attentionLmMessages[locale];
  const n = config.params.seqLen;
  const spec = useMemo<PatternSpec>(() => ({ name: config.pattern, params: { ...config.params, causal: true } }), [config]);
  const mask = useMemo(() => causalPatternMask(spec, n), [spec, n]);
  const density = useMemo(() => causalDensity(mask, n), [mask, n]);
  const windowKeys = decodeWindow(spec);
  const recent = windowKeys === null ? DEFAULT_RECENT : Math.max(1, windowKeys);
  const sinkTokens = state.sinkTokens;
  const sink = useMemo(() => (sinkTokens >= 1 && recent < n ? { window: recent, sinks: sinkTokens } : null), [recent, sinkTokens, n]);
  const a = useAttentionLm(model, state.passage, spec, config.params, sink);
  const onPick = useCallback((lmLayer: number, lmHead: number) => update({ lmLayer, lmHead }), [update]);
  const trace = a.trace;
  const layer = trace ? Math.min(state.lmLayer, trace.layers - 1) : state.lmLayer;
  const head = trace ? Math.min(state.lmHead, trace.heads - 1) : state.lmHead;
  const current = a.live.test ? { density, nll: a.live.test.pattern } : null;
  const shape = trace ? { layers: trace.layers, kvHeads: trace.kvHeads, headDim: trace.headDim, bytesPerValue: 4 } : null;

  // What the panels show, reported for the guided path: the test measurement with the key of the
  // mask it was measured for, the dense head statistics (as the sinks panel computes them), the
  // sink experiment and Llama-2-7B's KV cache at KV_LENGTH tokens (as the KV table prints it).
  const currentKey = useMemo(() => maskKey(mask), [mask]);
  const test = a.live.test;
  const measured = useMemo(() => {
    if (!test) return null;
    const m = causalPatternMask(test.spec, n);
    return { key: maskKey(m), dense: test.dense, pattern: test.pattern, density: causalDensity(m, n) };
  }, [test, n]);
  const sinkK = Math.max(1, sinkTokens);
  const heads = useMemo<HeadStats[] | null>(
    () => (trace ? trace.attention.map((p, i) => headStats(p, trace.n, null, sinkK, Math.floor(i / trace.heads), i % trace.heads)) : null),
    [trace, sinkK],
  );
  const sinkRun = a.sinks;
  const sinksDone =
    sinkRun && sinkRun.only !== null && sinkRun.both !== null
      ? { window: sinkRun.window, sinks: sinkRun.sinks, only: sinkRun.only, both: sinkRun.both }
      : null;
  const kvSinks = Math.max(sinkTokens, 0);
  const kv = useMemo(() => {
    if (!trace) return null;
    const per = kvBytesPerToken(LLAMA2_7B_KV);
    const at = (s: 'dense' | 'window' | 'sinks') => per * cachedTokens(s, KV_LENGTH, recent, kvSinks);
    return { perToken: per, dense: at('dense'), window: at('window'), sinks: at('sinks'), w: recent, k: kvSinks };
  }, [trace, recent, kvSinks]);
  useEffect(() => {
    onLive?.({ model, test: measured, current: currentKey, heads, sinkK, sinks: sinksDone, kv });
    // sinksDone is rebuilt each render; its numbers are what matter
  }, [onLive, model, measured, currentKey, heads, sinkK, sinksDone?.window, sinksDone?.sinks, sinksDone?.only, sinksDone?.both, kv]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <div className="space-y-6" data-testid="lm-section" data-model={model}>
      <div className="space-y-3 rounded-lg border border-teal-300 bg-teal-50/50 p-4 dark:border-teal-800 dark:bg-teal-950/30">
        <ModelStatus lm={a.lm} cancel={a.cancelLoad} />
        {a.windows && (
          <div className="max-w-xl">
            <Select
              label={m.source.passage}
              value={String(state.passage)}
              options={a.windows.texts.map((t, i) => ({
                value: String(i),
                label: m.source.passageOption(i, t.slice(0, 48).replace(/\s+/g, ' ')),
              }))}
              onChange={(v) => update({ passage: Number(v) })}
              hint={m.source.passageHint}
              testId="lm-passage"
            />
          </div>
        )}
        <p className="text-xs text-zinc-600 dark:text-zinc-400">{m.source.nFixed(n)}</p>
        {a.traceError && <ProblemBox error={a.traceError} />}
      </div>
      {a.lm.ready && (
        <>
          <LessonBeside id="lm-cost" lesson={<LmLesson part="cost" />}>
            <LmCostPanel live={a.live} density={density} n={n} />
          </LessonBeside>
          <LessonBeside id="lm-heads" lesson={<LmLesson part="heads" />}>
            <LmHeadsPanel trace={trace} mask={mask} sinkTokens={sinkTokens} layer={layer} head={head} onPick={onPick} />
          </LessonBeside>
          <LessonBeside id="lm-curves" lesson={<LmLesson part="curves" />}>
            <LmCurvesPanel sweep={a.sweep} run={a.runSweep} cancel={a.cancelSweep} ready={a.lm.ready} current={current} n={n} />
          </LessonBeside>
          <LessonBeside id="lm-sinks" lesson={<LmLesson part="sinks" />}>
            <LmSinksPanel trace={trace} run={a.sinks} sinkTokens={sinkTokens} window={recent} n={n} />
          </LessonBeside>
          {shape && (
            <LessonBeside id="lm-kv" lesson={<LmLesson part="kv" />}>
              <LmKvPanel ours={shape} name={model} window={recent} sinks={kvSinks} />
            </LessonBeside>
          )}
          <div id="lm-kernel" className="scroll-mt-4">
            <LmKernelPanel trace={trace} spec={spec} layer={layer} head={head} compute={compute} />
          </div>
        </>
      )}
    </div>
  );
}
