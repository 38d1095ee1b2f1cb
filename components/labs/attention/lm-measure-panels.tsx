'use client';

import { memo, useMemo } from 'react';
import { LineChart, BarChart } from '@/components/viz/chart';
import { useLocale } from '@/components/shell/locale-context';
import { causalDensity, causalPatternMask, headStats, SWEEP_FAMILIES } from '@/lib/attention/lm-heads';
import { attentionLmMessages } from '@/lib/i18n/attention-lm';
import { formatNumber } from '@/lib/i18n/locales';
import { EVAL_WINDOW_COUNT } from '@/lib/lm/eval-windows';
import type { TraceResult } from '@/lib/lm/worker-protocol';
import { SINK_RATIO } from '@/lib/teach/path-attention';
import { ProblemBox, primary, secondary } from '../models/use-lm-model';
import { formatDensity } from '@/lib/runtime/format';
import { Section } from './section';

export { LmKvPanel } from './lm-kv-panel';
import type { LiveLoss, SinkRun, SweepState } from './use-attention-lm';

const ppl = (nll: number) => Math.exp(nll);
const FAMILY_COLORS: Record<(typeof SWEEP_FAMILIES)[number], string> = {
  window: '#0f766e',
  sinks: '#b45309',
  dilated: '#7c3aed',
  bigbird: '#2563eb',
};

/** Passage and test-sample loss, dense against the pattern, live. */
export const LmCostPanel = memo(function LmCostPanel({ live, density, n }: { live: LiveLoss; density: number; n: number }) {
  const locale = useLocale();
  const m = attentionLmMessages[locale].cost;
  const f3 = (v: number) => formatNumber(v, locale, 3);
  const f2 = (v: number) => formatNumber(v, locale, 2);
  const cellOf = (nll: number | undefined) => (nll === undefined ? m.measuring : m.loss(f3(nll), f2(ppl(nll))));
  const change = (r: { dense: number; pattern: number } | null) => {
    if (!r) return m.measuring;
    const pct = (ppl(r.pattern) / ppl(r.dense) - 1) * 100;
    return m.change(`${pct >= 0 ? '+' : '−'}${formatNumber(Math.abs(pct), locale, 1)}%`);
  };
  const rows = [
    { key: 'passage', label: m.rowPassage, r: live.passage },
    { key: 'test', label: m.rowTest(EVAL_WINDOW_COUNT, formatNumber(EVAL_WINDOW_COUNT * (n - 1), locale, 0)), r: live.test },
  ];
  return (
    <Section
      title={m.title}
      testId="lm-cost"
      aside={
        live.busy ? (
          <span className="text-xs text-zinc-600 dark:text-zinc-400" role="status">
            {m.measuring}
          </span>
        ) : undefined
      }
    >
      <p className="mb-2 text-sm">{m.intro}</p>
      <p className="mb-2 text-sm" data-testid="lm-cost-density" data-value={density}>
        {m.density(formatDensity(density, locale))}
      </p>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm tabular-nums">
          <thead>
            <tr className="text-xs text-zinc-600 dark:text-zinc-400">
              <th className="py-1 pr-3" />
              <th className="py-1 pr-3">{m.colDense}</th>
              <th className="py-1 pr-3">{m.colPattern}</th>
              <th className="py-1">{m.colChange}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ key, label, r }) => (
              <tr
                key={key}
                data-testid={`lm-cost-${key}`}
                data-dense={r?.dense}
                data-pattern={r?.pattern}
                className="border-t border-zinc-200 dark:border-zinc-800"
              >
                <th className="py-1 pr-3 font-medium">{label}</th>
                <td className="py-1 pr-3">{cellOf(r?.dense)}</td>
                <td className="py-1 pr-3">{cellOf(r?.pattern)}</td>
                <td className="py-1">{change(r)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {live.ms !== null && <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">{m.timing(formatNumber(live.ms, locale, 0))}</p>}
      {live.error && <ProblemBox error={live.error} />}
    </Section>
  );
});

/** Test-sample perplexity against density for the four families, with the reader's point. */
export const LmCurvesPanel = memo(function LmCurvesPanel({
  sweep,
  run,
  cancel,
  ready,
  current,
  n,
}: {
  sweep: SweepState;
  run: () => void;
  cancel: () => void;
  ready: boolean;
  current: { density: number; nll: number } | null;
  n: number;
}) {
  const locale = useLocale();
  const m = attentionLmMessages[locale].curves;
  const pct = (v: number) => formatDensity(v, locale);
  const f2 = (v: number) => formatNumber(v, locale, 2);
  const points = useMemo(
    () => (sweep.kind === 'done' ? sweep.points.map((p) => ({ ...p, density: causalDensity(causalPatternMask(p.spec, n), n) })) : []),
    [sweep, n],
  );
  const best = useMemo(() => {
    if (sweep.kind !== 'done') return null;
    const ok = points.filter((p) => ppl(p.nll) <= 1.05 * ppl(sweep.dense)).sort((a, b) => a.density - b.density);
    return ok[0] ?? null;
  }, [points, sweep]);
  return (
    <Section title={m.title} testId="lm-curves">
      <p className="mb-2 text-sm">{m.intro(EVAL_WINDOW_COUNT)}</p>
      <div className="mb-2 flex flex-wrap items-center gap-3 text-sm">
        {sweep.kind === 'running' ? (
          <>
            <progress max={sweep.total} value={sweep.done} className="w-48" aria-label={m.progress(sweep.done, sweep.total)} />
            <span role="status">{m.progress(sweep.done, sweep.total)}</span>
            <button type="button" className={secondary} onClick={cancel} data-testid="lm-curves-cancel">
              {m.cancel}
            </button>
          </>
        ) : (
          <button type="button" className={primary} onClick={run} disabled={!ready} data-testid="lm-curves-run">
            {m.run}
          </button>
        )}
        {sweep.kind === 'cancelled' && <span data-testid="lm-curves-cancelled">{m.cancelled}</span>}
        {sweep.kind === 'done' && sweep.cached && <span className="text-xs text-zinc-600 dark:text-zinc-400">{m.cached}</span>}
      </div>
      {sweep.kind === 'error' && <ProblemBox error={sweep.error} />}
      {sweep.kind === 'done' && (
        <>
          <LineChart
            title={m.title}
            testId="lm-curves-chart"
            exportName="attention-quality-vs-density"
            xLabel={m.xLabel}
            yLabel={m.yLabel}
            xDomain={[0, 1]}
            xFormat={(v) => `${Math.round(v * 100)}%`}
            yFormat={(v) => formatNumber(v, locale, 1)}
            hLines={[{ y: ppl(sweep.dense), label: `${m.dense} ${f2(ppl(sweep.dense))}` }]}
            markers={current ? [{ x: current.density, y: ppl(current.nll), label: m.you, color: '#dc2626' }] : []}
            series={SWEEP_FAMILIES.map((family) => ({
              name: m.families[family],
              color: FAMILY_COLORS[family],
              dots: true,
              points: points.filter((p) => p.family === family).map((p) => ({ x: p.density, y: ppl(p.nll) })),
            }))}
          />
          <p className="mt-2 text-sm" data-testid="lm-curves-summary">
            {best
              ? m.summary(`${m.families[best.family]} (${best.value})`, pct(best.density), f2(ppl(best.nll)), f2(ppl(sweep.dense)))
              : m.noneClose(f2(ppl(sweep.dense)))}
          </p>
          <details className="mt-2">
            <summary className="cursor-pointer text-sm font-medium">{m.table}</summary>
            <table className="mt-2 w-full text-left text-xs tabular-nums" data-testid="lm-curves-table">
              <thead>
                <tr>
                  <th>{m.colFamily}</th>
                  <th>{m.colParam}</th>
                  <th>{m.colDensity}</th>
                  <th>{m.colPpl}</th>
                </tr>
              </thead>
              <tbody>
                {points.map((p) => (
                  <tr key={`${p.family}-${p.value}`} data-family={p.family} data-density={p.density} data-ppl={ppl(p.nll)}>
                    <td>{m.families[p.family]}</td>
                    <td>{p.family === 'bigbird' ? `b = ${p.value}` : `w = ${p.value}`}</td>
                    <td>{pct(p.density)}</td>
                    <td>{f2(ppl(p.nll))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </Section>
  );
});

/** Per-head mass on the first k tokens (dense), and window-only against window + sinks. */
export const LmSinksPanel = memo(function LmSinksPanel({
  trace,
  run,
  sinkTokens,
  window,
  n,
}: {
  trace: TraceResult | null;
  run: SinkRun | null;
  sinkTokens: number;
  window: number;
  n: number;
}) {
  const locale = useLocale();
  const m = attentionLmMessages[locale].sinks;
  const k = Math.max(1, sinkTokens);
  const stats = useMemo(
    () => (trace ? trace.attention.map((p, i) => headStats(p, trace.n, null, k, Math.floor(i / trace.heads), i % trace.heads)) : null),
    [trace, k],
  );
  const top = stats ? stats.reduce((a, b) => (b.sinkMass / b.uniformSinkMass > a.sinkMass / a.uniformSinkMass ? b : a)) : null;
  const f3 = (v: number) => formatNumber(v, locale, 3);
  const f2 = (v: number) => formatNumber(v, locale, 2);
  const pct = (v: number) => formatDensity(v, locale);
  return (
    <Section title={m.title} testId="lm-sinks">
      <p className="mb-2 text-sm">{m.intro}</p>
      {stats && top && (
        <>
          <BarChart
            title={m.massTitle(k)}
            testId="lm-sinks-chart"
            xLabel=""
            yLabel={m.massAxis(k)}
            yFormat={(v) => `${Math.round(v * 100)}%`}
            hLines={[{ y: stats[0].uniformSinkMass, label: m.even }]}
            bars={stats.map((s) => ({ label: `L${s.layer}H${s.head}`, value: s.sinkMass }))}
            height={220}
          />
          <p className="text-xs text-zinc-600 dark:text-zinc-400">{m.massNote(k)}</p>
          <p className="mt-2 text-sm" data-testid="lm-sinks-verdict" data-ratio={top.sinkMass / top.uniformSinkMass}>
            {(top.sinkMass / top.uniformSinkMass >= SINK_RATIO ? m.verdictSinks : m.verdictNoSinks)(
              `L${top.layer}H${top.head}`,
              pct(top.sinkMass),
              f2(top.sinkMass / top.uniformSinkMass),
            )}
          </p>
        </>
      )}
      <div className="mt-3 text-sm" data-testid="lm-sinks-experiment">
        {run === null ? (
          <p>{sinkTokens < 1 ? m.needK : m.needShort(window, n)}</p>
        ) : (
          <>
            <p>{m.experiment(run.window, run.sinks)}</p>
            <table className="mt-1 text-left tabular-nums">
              <tbody>
                <tr data-testid="lm-sinks-only" data-nll={run.only ?? undefined}>
                  <th className="pr-3 font-medium">{m.windowOnly}</th>
                  <td>{run.only === null ? '…' : `${f3(run.only)} nats · ppl ${f2(ppl(run.only))}`}</td>
                </tr>
                <tr data-testid="lm-sinks-both" data-nll={run.both ?? undefined}>
                  <th className="pr-3 font-medium">{m.withSinks(run.sinks)}</th>
                  <td>{run.both === null ? '…' : `${f3(run.both)} nats · ppl ${f2(ppl(run.both))}`}</td>
                </tr>
              </tbody>
            </table>
            {run.only !== null && run.both !== null && (
              <p className="mt-1" data-testid="lm-sinks-effect">
                {(ppl(run.both) < 0.98 * ppl(run.only) ? m.verdictHelp : m.verdictNoHelp)(f2(ppl(run.only)), f2(ppl(run.both)))}
              </p>
            )}
          </>
        )}
      </div>
    </Section>
  );
});
