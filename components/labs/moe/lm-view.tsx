'use client';

import { useEffect, useMemo } from 'react';
import { TableCsv } from '@/components/controls/table-csv';
import { ProblemBox } from '@/components/labs/models/use-lm-model';
import { LessonBeside } from '@/components/teach/lessons';
import { formatNumber, type Locale } from '@/lib/i18n/locales';
import { moeMessages } from '@/lib/i18n/moe';
import { moeLmMessages } from '@/lib/i18n/moe-lm';
import type { Passage } from '@/lib/lm/corpus';
import { ROUTING_CHANGES } from '@/lib/lm/routing-changes';
import { EVAL_LENGTH, EVAL_WINDOWS } from '@/lib/lm/routing-eval';
import { capacityStats, classUsage, consecutiveStats } from '@/lib/lm/moe-stats';
import type { MoeState } from '@/lib/state/moe';
import type { LiveValues } from '@/lib/teach/guided';
import { moeLmLive } from '@/lib/teach/path-moe';
import { CharHeatmap } from './char-heatmap';
import { ChangesTable } from './lm-changes-table';
import { LmKernelPanel } from './lm-kernel-panel';
import { LmModelStatus } from './lm-model-status';
import { CapacityPanel, ClassTable, ConsecutiveTable, classNote } from './lm-stats-panels';
import { Figure } from './moe-parts';
import { BenchLesson, LessonSections } from './moe-lesson';
import { resultKey, useMoeLm } from './use-moe-lm';

/**
 * The MoE lab on moe-en: passage routing, statistics of the test text, routing changes, the kernel;
 * each panel with its lesson beside it. `onLive` receives the numbers the panels show (the guided
 * path's live values, lib/teach/path-moe.ts moeLmLive) whenever they change.
 */
export function LmView({
  s,
  passages,
  locale,
  stem,
  onLive,
}: {
  s: MoeState;
  passages: Passage[] | null;
  locale: Locale;
  stem: string;
  onLive?: (live: LiveValues) => void;
}) {
  const t = moeLmMessages[locale];
  const lessons = moeMessages[locale];
  const passageIndex = passages && passages.length > 0 ? Math.min(s.passage, passages.length - 1) : 0;
  const text = passages?.[passageIndex]?.text ?? '';
  const lm = useMoeLm(true, s.backend, text, s.capacityFactor);
  const { load } = lm;
  const info = load.kind === 'ready' ? load.info : null;
  const E = info?.experts ?? 8;
  const k = info?.topK ?? 2;
  const layer = Math.min(s.layer, (info?.layers ?? 4) - 1);
  const routing = lm.passage?.routing;
  const trained = lm.result('trained');
  const stats = trained?.routing ?? null;

  const heat = useMemo(() => {
    if (!routing) return null;
    const n = routing.chars.length;
    const values = new Float32Array(E * n);
    const chosen = routing.chosen[layer];
    const weights = routing.weights[layer];
    for (let i = 0; i < n * k; i++) if (chosen[i] >= 0) values[chosen[i] * n + Math.floor(i / k)] += weights[i];
    return values;
  }, [routing, layer, E, k]);

  const classes = useMemo(() => (stats ? classUsage(stats.chars, stats.chosen[layer], k, E) : null), [stats, layer, k, E]);
  const consecutive = useMemo(() => (stats ? stats.chosen.map((c) => consecutiveStats(c, stats.windows, k, E)) : null), [stats, k, E]);
  const capacity = useMemo(
    () => (stats && s.capacityFactor > 0 ? capacityStats(stats.logits[layer], stats.windows, k, E, s.capacityFactor) : null),
    [stats, layer, k, E, s.capacityFactor],
  );

  const measured = lm.results;
  const results = useMemo(
    () => Object.fromEntries(ROUTING_CHANGES.map((c) => [c, measured[resultKey(c, s.capacityFactor)] ?? null])),
    [measured, s.capacityFactor],
  );
  const live = useMemo(
    () => moeLmLive({ results, capacityFactor: s.capacityFactor, topK: k, numExperts: E }),
    [results, s.capacityFactor, k, E],
  );
  useEffect(() => onLive?.(live), [live, onLive]);
  const waiting = <p className="text-sm text-zinc-600 dark:text-zinc-400">{t.statsWaiting}</p>;

  return (
    <div className="space-y-6" data-testid="lm-view">
      <LessonBeside id="moe-lm-heatmap" lesson={<LessonSections m={lessons} ids={['sparse']} />}>
        <LmModelStatus lm={lm} t={t} />

        <Figure title={t.heatmapTitle(layer)} caption={t.heatmapCaption} testId="figure-lm-heatmap">
          {!info && <p className="text-sm text-zinc-600 dark:text-zinc-400">{t.heatmapEmpty}</p>}
          {info && !routing && !lm.passage?.error && (
            <p className="text-sm" role="status">
              {t.routing}
            </p>
          )}
          {lm.passage?.error && <ProblemBox error={lm.passage.error} />}
          {routing && heat && (
            <>
              <CharHeatmap
                values={heat}
                rows={E}
                chars={routing.chars}
                readout={(ch, pos, e, w) => t.heatmapReadout(ch, pos, e, w)}
                rowLabel={(r) => t.expert(r)}
                label={t.heatmapTitle(layer)}
                legend={t.legend}
                testId="lm-heatmap"
                exportName={`${stem}-passage${passageIndex}-layer${layer}-gates`}
              />
              {routing.cut > 0 && <p className="text-xs text-zinc-600 dark:text-zinc-400">{t.cut(routing.cut, info?.context ?? 256)}</p>}
              {routing.unknown.length > 0 && (
                <p className="text-xs text-zinc-600 dark:text-zinc-400">{t.unknown(routing.unknown.length)}</p>
              )}
            </>
          )}
        </Figure>
        {stats && (
          <p className="text-sm text-zinc-700 dark:text-zinc-300" data-testid="lm-eval-text">
            {t.evalText(stats.chars.length, stats.windows.length, EVAL_LENGTH)}
          </p>
        )}
      </LessonBeside>

      <LessonBeside id="moe-lm-classes" lesson={<LessonSections m={lessons} ids={['specialise']} />}>
        <Figure title={t.classesTitle(layer)} caption={t.classesCaption} testId="figure-lm-classes">
          {classes ? (
            <>
              <ClassTable classes={classes} E={E} t={t} locale={locale} />
              <TableCsv
                name={`${stem}-layer${layer}-classes`}
                header={['class', 'characters', ...Array.from({ length: E }, (_, e) => `expert_${e}`)]}
                rows={classes.map((c) => [c.cls, c.count, ...Array.from(c.share)])}
                label={t.classesTitle(layer)}
                testId="lm-classes-export"
              />
              <p className="text-sm text-zinc-700 dark:text-zinc-300" data-testid="lm-classes-note">
                {classNote(classes, t, locale)}
              </p>
            </>
          ) : (
            waiting
          )}
        </Figure>
      </LessonBeside>

      <LessonBeside id="moe-lm-consecutive" lesson={<LessonSections m={lessons} ids={['neighbours']} />}>
        <Figure title={t.consecutiveTitle} caption={t.consecutiveCaption} testId="figure-lm-consecutive">
          {consecutive ? <ConsecutiveTable consecutive={consecutive} layer={layer} t={t} locale={locale} stem={stem} /> : waiting}
        </Figure>
      </LessonBeside>

      <LessonBeside id="moe-lm-capacity" lesson={<LessonSections m={lessons} ids={['balance']} />}>
        <Figure
          title={t.capacityTitle(layer)}
          caption={
            capacity && stats
              ? t.capacityCaption(formatNumber(s.capacityFactor, locale, 2), capacity.capacities[0], stats.windows[0])
              : undefined
          }
          testId="figure-lm-capacity"
        >
          {capacity && stats ? (
            <>
              <CapacityPanel capacity={capacity} E={E} k={k} t={t} locale={locale} />
              <TableCsv
                name={`${stem}-layer${layer}-capacity`}
                header={['expert', 'slots_chosen', 'dropped', 'capacity_per_window', 'capacity_factor']}
                rows={Array.from({ length: E }, (_, e) => [
                  e,
                  capacity.demand[e],
                  capacity.drops[e],
                  capacity.capacities[0],
                  s.capacityFactor,
                ])}
                label={t.capacityTitle(layer)}
                testId="lm-capacity-export"
              />
            </>
          ) : (
            waiting
          )}
        </Figure>
      </LessonBeside>

      <LessonBeside id="moe-lm-changes" lesson={<LessonSections m={lessons} ids={['changes', 'capacity']} />}>
        <Figure title={t.changesTitle} caption={t.changesCaption(EVAL_WINDOWS * (EVAL_LENGTH - 1))} testId="figure-lm-changes">
          {info ? <ChangesTable lm={lm} t={t} locale={locale} cf={s.capacityFactor} stem={stem} /> : waiting}
        </Figure>
      </LessonBeside>

      <LessonBeside
        id="moe-lm-kernel"
        lesson={
          <>
            <LessonSections m={lessons} ids={['params']} />
            <BenchLesson m={lessons} locale={locale} />
          </>
        }
      >
        {info && routing ? (
          <LmKernelPanel layer={layer} text={text} fetchInputs={lm.layerInputs} t={t} exportName={`${stem}-layer${layer}-kernel-check`} />
        ) : (
          <Figure title={t.kernelTitle(layer)} testId="figure-lm-kernel-waiting">
            {waiting}
          </Figure>
        )}
      </LessonBeside>
    </div>
  );
}
