'use client';

import { useEffect, useMemo } from 'react';
import { TableCsv } from '@/components/controls/table-csv';
import { ProblemBox } from '@/components/labs/models/use-lm-model';
import { LessonBeside } from '@/components/teach/lessons';
import { formatBytes, formatNumber, type Locale } from '@/lib/i18n/locales';
import { moeMessages } from '@/lib/i18n/moe';
import { type MoeLmMessages, moeLmMessages } from '@/lib/i18n/moe-lm';
import type { Passage } from '@/lib/lm/corpus';
import { LM_MODELS } from '@/lib/lm/models';
import { ROUTING_CHANGES } from '@/lib/lm/routing-changes';
import { EVAL_LENGTH, EVAL_WINDOWS } from '@/lib/lm/routing-eval';
import type { ChangeResult } from '@/lib/moe/lm-protocol';
import { CHAR_CLASSES, capacityStats, classUsage, consecutiveStats } from '@/lib/moe/lm-stats';
import type { MoeState } from '@/lib/state/moe';
import type { LiveValues } from '@/lib/teach/guided';
import { moeLmLive } from '@/lib/teach/path-moe';
import { CharHeatmap } from './char-heatmap';
import { LmKernelPanel } from './lm-kernel-panel';
import { BenchLesson, LessonSections } from './moe-lesson';
import { resultKey, useMoeLm } from './use-moe-lm';

const button = 'rounded border px-3 py-1.5 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-50';
const primary = `${button} border-teal-700 bg-teal-700 text-white hover:bg-teal-800`;
const secondary = `${button} border-zinc-400 hover:bg-zinc-100 dark:border-zinc-600 dark:hover:bg-zinc-800`;
const BACKEND_LABEL: Record<string, string> = { webgpu: 'WebGPU', wasm: 'WebAssembly (WASM)', cpu: 'CPU' };

function Figure({ title, caption, children, testId }: { title: string; caption?: string; children: React.ReactNode; testId: string }) {
  return (
    <section className="min-w-0 space-y-2 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800" data-testid={testId}>
      <h2 className="text-lg font-semibold">{title}</h2>
      {caption && <p className="text-sm text-zinc-600 dark:text-zinc-400">{caption}</p>}
      {children}
    </section>
  );
}

const pct = (x: number, locale: Locale, digits = 1) => `${formatNumber(100 * x, locale, digits)}%`;
const th = 'px-2 py-1 text-right font-normal text-zinc-600 dark:text-zinc-400';
const td = 'px-2 py-1 text-right font-mono';

/**
 * The MoE lab on moe-en: passage routing, statistics of the test text, routing changes, the kernel;
 * each panel with its lesson beside it. `onLive` receives the numbers the panels show (the guided
 * path's live values, lib/teach/path-moe.ts moeLmLive) whenever they change.
 */
export function LmView({ s, passages, locale, stem, onLive }: { s: MoeState; passages: Passage[] | null; locale: Locale; stem: string; onLive?: (live: LiveValues) => void }) {
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
  const capacity = useMemo(() => (stats && s.capacityFactor > 0 ? capacityStats(stats.logits[layer], stats.windows, k, E, s.capacityFactor) : null), [stats, layer, k, E, s.capacityFactor]);

  const measured = lm.results;
  const results = useMemo(() => Object.fromEntries(ROUTING_CHANGES.map((c) => [c, measured[resultKey(c, s.capacityFactor)] ?? null])), [measured, s.capacityFactor]);
  const live = useMemo(() => moeLmLive({ results, capacityFactor: s.capacityFactor, topK: k, numExperts: E }), [results, s.capacityFactor, k, E]);
  useEffect(() => onLive?.(live), [live, onLive]);
  const waiting = <p className="text-sm text-zinc-600 dark:text-zinc-400">{t.statsWaiting}</p>;

  return (
    <div className="space-y-6" data-testid="lm-view">
      <LessonBeside id="moe-lm-heatmap" lesson={<LessonSections m={lessons} ids={['sparse']} />}>
      <Figure title={t.modelTitle} testId="figure-lm-model">
        <div className="flex flex-wrap items-center gap-3 text-sm" data-testid="lm-status">
          {load.kind === 'idle' && load.cached === false && (
            <>
              <button type="button" className={primary} onClick={lm.startLoad} data-testid="lm-download">
                {t.download(formatBytes(LM_MODELS['moe-en'].bytes))}
              </button>
              <span className="text-zinc-600 dark:text-zinc-400">{t.downloadWhat}</span>
            </>
          )}
          {load.kind === 'loading' && (
            <>
              <progress max={load.total || 1} value={load.loaded} className="w-48" aria-label={t.downloading(formatBytes(load.loaded), formatBytes(load.total))} />
              <span>{load.fromCache ? t.loadingCache : t.downloading(formatBytes(load.loaded), formatBytes(load.total))}</span>
              <button type="button" className={secondary} onClick={lm.cancelLoad} data-testid="lm-cancel-download">
                {t.cancel}
              </button>
            </>
          )}
          {load.kind === 'ready' && (
            <span data-testid="lm-ready" data-backend={load.info.backend}>
              {t.loadedOn(BACKEND_LABEL[load.info.backend] ?? load.info.backend, load.info.fromCache)}
            </span>
          )}
          {load.kind === 'error' && (
            <>
              <ProblemBox error={load.error} />
              <button type="button" className={secondary} onClick={lm.startLoad}>
                {t.download(formatBytes(LM_MODELS['moe-en'].bytes))}
              </button>
            </>
          )}
        </div>
      </Figure>

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
            {routing.unknown.length > 0 && <p className="text-xs text-zinc-600 dark:text-zinc-400">{t.unknown(routing.unknown.length)}</p>}
          </>
        )}
      </Figure>
      {stats && <p className="text-sm text-zinc-700 dark:text-zinc-300" data-testid="lm-eval-text">{t.evalText(stats.chars.length, stats.windows.length, EVAL_LENGTH)}</p>}
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
          {consecutive ? (
          <>
          <div className="overflow-x-auto">
            <table className="text-sm" data-testid="lm-consecutive">
              <thead>
                <tr>
                  <th className="px-2 py-1 text-left font-normal" />
                  <th colSpan={3} className="px-2 py-1 text-center font-semibold">
                    {t.firstChoice}
                  </th>
                  <th colSpan={3} className="px-2 py-1 text-center font-semibold">
                    {t.eitherChoice}
                  </th>
                </tr>
                <tr>
                  <th className="px-2 py-1 text-left font-normal">{t.layer}</th>
                  {[t.measured, t.shuffled, t.uniform, t.measured, t.shuffled, t.uniform].map((h, i) => (
                    <th key={i} className={th}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {consecutive.map((c, l) => (
                  <tr key={l} className={`border-t border-zinc-100 dark:border-zinc-800 ${l === layer ? 'bg-teal-50 dark:bg-teal-950/40' : ''}`} data-testid={`lm-consecutive-${l}`} data-first={c.first} data-first-shuffled={c.firstShuffled} data-either={c.either}>
                    <td className="px-2 py-1">{t.layerName(l)}</td>
                    {[c.first, c.firstShuffled, c.firstUniform, c.either, c.eitherShuffled, c.eitherUniform].map((v, i) => (
                      <td key={i} className={`${td} ${i % 3 === 0 ? 'font-semibold' : ''}`}>
                        {pct(v, locale)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <TableCsv
            name={`${stem}-consecutive`}
            header={['layer', 'pairs', 'first_measured', 'first_shuffled', 'first_uniform', 'either_measured', 'either_shuffled', 'either_uniform']}
            rows={consecutive.map((c, l) => [l, c.pairs, c.first, c.firstShuffled, c.firstUniform, c.either, c.eitherShuffled, c.eitherUniform])}
            label={t.consecutiveTitle}
            testId="lm-consecutive-export"
          />
          <p className="text-sm text-zinc-700 dark:text-zinc-300" data-testid="lm-consecutive-note">
            {t.consecutiveNote(layer, pct(consecutive[layer].first, locale), pct(consecutive[layer].firstShuffled, locale), pct(consecutive[layer].firstUniform, locale))}
          </p>
          </>
          ) : (
            waiting
          )}
        </Figure>
      </LessonBeside>

      <LessonBeside id="moe-lm-capacity" lesson={<LessonSections m={lessons} ids={['balance']} />}>
        <Figure title={t.capacityTitle(layer)} caption={capacity && stats ? t.capacityCaption(formatNumber(s.capacityFactor, locale, 2), capacity.capacities[0], stats.windows[0]) : undefined} testId="figure-lm-capacity">
          {capacity && stats ? (
          <>
          <CapacityPanel capacity={capacity} E={E} k={k} t={t} locale={locale} />
          <TableCsv
            name={`${stem}-layer${layer}-capacity`}
            header={['expert', 'slots_chosen', 'dropped', 'capacity_per_window', 'capacity_factor']}
            rows={Array.from({ length: E }, (_, e) => [e, capacity.demand[e], capacity.drops[e], capacity.capacities[0], s.capacityFactor])}
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
        {info && routing ? <LmKernelPanel layer={layer} text={text} fetchInputs={lm.layerInputs} t={t} exportName={`${stem}-layer${layer}-kernel-check`} /> : (
          <Figure title={t.kernelTitle(layer)} testId="figure-lm-kernel-waiting">{waiting}</Figure>
        )}
      </LessonBeside>
    </div>
  );
}

function ClassTable({ classes, E, t, locale }: { classes: ReturnType<typeof classUsage>; E: number; t: MoeLmMessages; locale: Locale }) {
  return (
    <div className="overflow-x-auto">
      <table className="text-sm" data-testid="lm-classes">
        <thead>
          <tr>
            <th className="px-2 py-1 text-left font-normal text-zinc-600 dark:text-zinc-400">{t.classCol}</th>
            <th className={th}>{t.countCol}</th>
            {Array.from({ length: E }, (_, e) => (
              <th key={e} className={th}>
                {e}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {classes.map((c) => {
            const best = c.count > 0 ? c.share.indexOf(Math.max(...c.share)) : -1;
            return (
              <tr key={c.cls} className="border-t border-zinc-100 dark:border-zinc-800" data-testid={`lm-class-${c.cls}`} data-count={c.count}>
                <td className="px-2 py-1">{t.classes[c.cls]}</td>
                <td className={td}>{c.count.toLocaleString(locale)}</td>
                {Array.from(c.share).map((v, e) => (
                  <td key={e} className={`${td} ${e === best ? 'font-bold text-teal-800 dark:text-teal-300' : ''}`} data-share={v}>
                    {c.count > 0 ? pct(v, locale, 0) : '–'}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The class (at least 20 characters) whose favourite expert is most over-represented against all characters. */
function classNote(classes: ReturnType<typeof classUsage>, t: MoeLmMessages, locale: Locale): string {
  const all = classes.find((c) => c.cls === 'all')!;
  let best: { cls: (typeof CHAR_CLASSES)[number]; e: number; ratio: number } | null = null;
  for (const c of classes) {
    if (c.cls === 'all' || c.count < 20) continue;
    for (let e = 0; e < c.share.length; e++) {
      const ratio = c.share[e] / Math.max(1e-9, all.share[e]);
      if (c.share[e] >= 0.2 && (!best || ratio > best.ratio)) best = { cls: c.cls, e, ratio };
    }
  }
  if (!best) return '';
  const row = classes.find((c) => c.cls === best.cls)!;
  return t.classesNote(t.classes[best.cls], best.e, pct(row.share[best.e], locale, 0), pct(all.share[best.e], locale, 0));
}

function CapacityPanel({ capacity, E, k, t, locale }: { capacity: ReturnType<typeof capacityStats>; E: number; k: number; t: MoeLmMessages; locale: Locale }) {
  const idle = Array.from(capacity.demand).flatMap((d, e) => (d === 0 ? [e] : []));
  const maxDemand = Math.max(1, ...capacity.demand);
  return (
    <div className="space-y-2">
      <div className="overflow-x-auto">
      <table className="text-sm" data-testid="lm-capacity">
        <thead>
          <tr>
            <th className="px-2 py-1 text-left font-normal text-zinc-600 dark:text-zinc-400">{t.expert(0).replace(/\d+$/, '').trim()}</th>
            <th className={th}>{t.demand}</th>
            <th className={th}>{t.drops}</th>
            <th className="px-2 py-1" />
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: E }, (_, e) => (
            <tr key={e} className="border-t border-zinc-100 dark:border-zinc-800" data-testid={`lm-capacity-${e}`} data-demand={capacity.demand[e]} data-drops={capacity.drops[e]}>
              <td className="px-2 py-1">{e}</td>
              <td className={td}>{capacity.demand[e].toLocaleString(locale)}</td>
              <td className={`${td} ${capacity.drops[e] > 0 ? 'text-red-700 dark:text-red-400' : ''}`}>{capacity.drops[e].toLocaleString(locale)}</td>
              <td className="px-2 py-1">
                <span className="relative block h-2.5 w-40 rounded-sm bg-zinc-100 dark:bg-zinc-800" aria-hidden="true">
                  <span className="absolute inset-y-0 left-0 rounded-sm bg-teal-600" style={{ width: `${(100 * (capacity.demand[e] - capacity.drops[e])) / maxDemand}%` }} />
                  <span className="absolute inset-y-0 rounded-sm bg-red-500" style={{ left: `${(100 * (capacity.demand[e] - capacity.drops[e])) / maxDemand}%`, width: `${(100 * capacity.drops[e]) / maxDemand}%` }} />
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      <p className="text-sm" data-testid="lm-capacity-dropped" data-dropped={capacity.dropped}>
        {t.droppedTotal(capacity.dropped, capacity.slots, pct(capacity.dropped / capacity.slots, locale))}; {t.fullyDropped(capacity.tokensFullyDropped)}.
      </p>
      <dl className="grid grid-cols-3 gap-3 text-center text-sm">
        {[
          [t.cv, formatNumber(capacity.loadCv, locale, 3), 'lm-cv', capacity.loadCv, undefined],
          [t.aux, formatNumber(capacity.auxLoss, locale, 3), 'lm-aux', capacity.auxLoss, t.auxHint(k)],
          [t.z, formatNumber(capacity.zLoss, locale, 2), 'lm-z', capacity.zLoss, undefined],
        ].map(([label, value, id, exact, hint]) => (
          <div key={id as string} className="rounded border border-zinc-200 p-2 dark:border-zinc-800" title={hint as string | undefined}>
            <dt className="text-xs text-zinc-600 dark:text-zinc-400">{label}</dt>
            <dd className="font-mono text-lg" data-testid={id as string} data-value={exact as number}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">{t.auxHint(k)}</p>
      <p className="text-sm text-zinc-700 dark:text-zinc-300" data-testid="lm-balance-note">
        {idle.length > 0 ? t.idle(idle.join(', ')) + ' ' : ''}
        {capacity.loadCv > 0.3 ? t.unbalanced(formatNumber(capacity.loadCv, locale, 2)) : ''}
      </p>
    </div>
  );
}

function ChangesTable({ lm, t, locale, cf, stem }: { lm: ReturnType<typeof useMoeLm>; t: MoeLmMessages; locale: Locale; cf: number; stem: string }) {
  const trained = lm.result('trained');
  const rows = ROUTING_CHANGES.map((change) => ({ change, r: lm.result(change) }));
  const delta = (r: ChangeResult | null) => (r && trained ? r.nll - trained.nll : null);
  const fmtDelta = (d: number | null) => (d === null ? '…' : `${d >= 0 ? '+' : '−'}${formatNumber(Math.abs(d), locale, 3)}`);
  const all = rows.every((x) => x.r);
  return (
    <div className="space-y-2">
      <div className="overflow-x-auto">
        <table className="text-sm" data-testid="lm-changes">
          <thead>
            <tr>
              <th className="px-2 py-1 text-left font-normal text-zinc-600 dark:text-zinc-400">{t.changeCol}</th>
              <th className={th}>{t.natsCol}</th>
              <th className={th}>{t.pplCol}</th>
              <th className={th}>{t.deltaCol}</th>
              <th className={th}>{t.droppedCol}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ change, r }) => (
              <tr key={change} className="border-t border-zinc-100 align-top dark:border-zinc-800" data-testid={`lm-change-${change}`} data-nll={r?.nll ?? ''} data-perplexity={r?.perplexity ?? ''}>
                <td className="px-2 py-1">
                  <span className="font-medium">{t.changes[change]}</span>
                  <span className="block text-xs text-zinc-600 dark:text-zinc-400">{t.changeNotes[change]({ cf: formatNumber(cf, locale, 2), excluded: r?.excluded ? r.excluded.map((e, l) => `${t.layerName(l)}: ${e}`).join(', ') : '…' })}</span>
                </td>
                <td className={td}>{r ? formatNumber(r.nll, locale, 3) : '…'}</td>
                <td className={td}>{r ? formatNumber(r.perplexity, locale, 3) : '…'}</td>
                <td className={td}>{change === 'trained' ? '' : fmtDelta(delta(r))}</td>
                <td className={td}>{r ? r.dropped.toLocaleString(locale) : '…'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="flex flex-wrap items-center gap-3 text-sm" aria-live="polite">
        {lm.measuring ? (
          <>
            <progress max={lm.measuring.total} value={lm.measuring.done} className="w-40" aria-hidden="true" />
            <span role="status" data-testid="lm-measuring">
              {t.measuring(t.changes[lm.measuring.change], lm.measuring.done, lm.measuring.total)}
            </span>
            <button type="button" className={secondary} onClick={lm.cancelMeasure} data-testid="lm-cancel-measure">
              {t.cancel}
            </button>
          </>
        ) : (
          !all && (
            <button type="button" className={primary} onClick={() => void lm.measure()} data-testid="lm-measure">
              {t.measureAgain}
            </button>
          )
        )}
        {lm.measureError && (lm.measureError.key === 'cancelled' ? <span data-testid="lm-measure-cancelled">{t.cancelled}</span> : <ProblemBox error={lm.measureError} />)}
      </div>
      {all && (
        <>
          <TableCsv
            name={`${stem}-routing-changes`}
            header={['change', 'capacity_factor', 'nats_per_char', 'perplexity', 'bits_per_char', 'delta_nats', 'dropped_slots', 'scored_chars', 'ms']}
            rows={rows.map(({ change, r }) => [change, r!.capacityFactor, r!.nll, r!.perplexity, r!.bitsPerChar, delta(r), r!.dropped, r!.scored, r!.ms])}
            label={t.changesTitle}
            testId="lm-changes-export"
          />
          <p className="text-sm text-zinc-700 dark:text-zinc-300" data-testid="lm-changes-note">
            {t.changesNote({
              top1: fmtDelta(delta(lm.result('top1'))),
              norenorm: fmtDelta(delta(lm.result('no-renorm'))),
              capacity: fmtDelta(delta(lm.result('capacity'))),
              drop: fmtDelta(delta(lm.result('drop-least'))),
              cf: formatNumber(cf, locale, 2),
            })}
          </p>
        </>
      )}
    </div>
  );
}
