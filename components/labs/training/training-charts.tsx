'use client';

import { useMemo } from 'react';
import { LineChart, type Marker } from '@/components/viz/chart';
import { useLocale } from '@/components/shell/locale-context';
import { trainingMessages } from '@/lib/i18n/training';
import { type TrainingConfig, stepsPerRound, totalSteps } from '@/lib/training/config';
import { scheduleCurve } from '@/lib/training/schedule';
import { downsample, smoothEma } from '@/lib/training/series';
import { formatPercent } from '@/lib/runtime/format';
import type { LiveRun } from './use-trainer';

const COLORS = { target: '#7c3aed', measured: '#0d9488', loss: '#0f766e', lossRaw: '#a1a1aa', train: '#2563eb', test: '#dc2626' };
const MAX_POINTS = 600;

/** File name stem of a chart's downloads: the schedule and the run's size, e.g. "training-cubic-f0.9-e4-n8000-seed1". */
function exportStem(c: TrainingConfig): string {
  const sched = c.impRounds > 0 ? `imp${c.impRounds}` : c.schedule;
  return `training-${sched}-f${c.final}-e${c.epochs}-n${c.subset}-seed${c.seed}`;
}

/** Keeps a chart's text legible on narrow screens: below 520 px the chart scrolls sideways instead of shrinking. */
function ChartScroll({ children }: { children: React.ReactNode }) {
  return (
    <div className="overflow-x-auto">
      <div className="min-w-[520px]">{children}</div>
    </div>
  );
}

/** The target curve of the current settings, before (and during) training. */
export function SchedulePreview({ config }: { config: TrainingConfig | null }) {
  const locale = useLocale();
  const m = trainingMessages[locale].charts;
  const data = useMemo(() => {
    if (!config) return null;
    const points = scheduleCurve(config);
    const markers: Marker[] = [];
    if (config.impRounds > 0) {
      const round = stepsPerRound(config);
      for (let r = 1; r <= config.impRounds; r++) markers.push({ x: r * round, label: m.round(r) });
    } else if (config.schedule === 'cubic') {
      markers.push({ x: config.beginStep, label: 't₀' }, { x: config.endStep, label: m.endMarker });
    } else if (config.schedule === 'one-shot') {
      markers.push({ x: config.t0, label: 't₀' });
    }
    const total = totalSteps(config);
    return { points, markers: markers.filter((mk) => mk.x <= total), total, stem: exportStem(config) };
  }, [config, m]);
  if (!data) return null;
  return (
    <ChartScroll>
      <LineChart
        testId="schedule-preview"
        title={m.previewTitle}
        series={[{ name: m.schedule, points: data.points, color: COLORS.target }]}
        xLabel={m.step}
        yLabel={m.sparsity}
        xDomain={[0, Math.max(1, data.total - 1)]}
        yDomain={[0, 1]}
        yFormat={(v) => formatPercent(v, locale, 0)}
        markers={data.markers}
        height={220}
        exportName={`${data.stem}-schedule`}
      />
    </ChartScroll>
  );
}

/** Live sparsity, loss and accuracy curves of the run on screen. */
export function LiveCharts({ run }: { run: LiveRun }) {
  const locale = useLocale();
  const m = trainingMessages[locale].charts;
  const { steps, evals, rounds, config } = run;
  const total = totalSteps(config);
  // Recomputed when the run publishes (version) — the arrays themselves only grow.
  const series = useMemo(() => {
    const target = downsample(
      steps.map((r) => ({ x: r.step, y: r.target })),
      MAX_POINTS,
    );
    const measured = downsample(
      steps.map((r) => ({ x: r.step, y: r.measured })),
      MAX_POINTS,
    );
    const lossSmooth = smoothEma(
      steps.map((r) => r.loss),
      0.9,
    );
    const accSmooth = smoothEma(
      steps.map((r) => r.batchAccuracy),
      0.9,
    );
    const loss = downsample(
      steps.map((r, i) => ({ x: r.step, y: lossSmooth[i] })),
      MAX_POINTS,
    );
    const lossRaw = downsample(
      steps.map((r) => ({ x: r.step, y: r.loss })),
      MAX_POINTS,
    );
    const train = downsample(
      steps.map((r, i) => ({ x: r.step, y: accSmooth[i] })),
      MAX_POINTS,
    );
    const test = evals.map((e) => ({ x: e.step - 1, y: e.testAccuracy }));
    return { target, measured, loss, lossRaw, train, test };
    // the arrays grow in place, so their identity does not change: run.version says they did
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [run.version, steps, evals]);
  const markers: Marker[] = rounds.filter((r) => r.round > 0).map((r) => ({ x: r.step, label: m.round(r.round) }));
  const xDomain: [number, number] = [0, Math.max(1, total - 1)];
  const maxLoss = Math.max(0.5, ...series.lossRaw.map((p) => (Number.isFinite(p.y) ? p.y : 0)));
  const pct = (v: number) => formatPercent(v, locale, 0);
  const charts = [
    {
      id: 'sparsity',
      title: m.sparsityTitle,
      series: [
        { name: m.measured, points: series.measured, color: COLORS.measured },
        { name: m.target, points: series.target, color: COLORS.target, dashed: true },
      ],
      yLabel: m.sparsity,
      yDomain: [0, 1] as [number, number],
      yFormat: pct,
      height: 260,
    },
    {
      id: 'loss',
      title: m.lossTitle,
      series: [
        { name: m.loss, points: series.lossRaw, color: COLORS.lossRaw },
        { name: `${m.loss} (EMA 0.9)`, points: series.loss, color: COLORS.loss },
      ],
      yLabel: m.loss,
      yDomain: [0, Math.min(4, maxLoss)] as [number, number],
      yFormat: undefined,
      height: 240,
    },
    {
      id: 'accuracy',
      title: m.accTitle,
      series: [
        { name: m.train, points: series.train, color: COLORS.train },
        { name: m.test, points: series.test, color: COLORS.test, dots: true },
      ],
      yLabel: m.accuracy,
      yDomain: [0, 1] as [number, number],
      yFormat: pct,
      height: 240,
    },
  ];
  return (
    <div className="space-y-6">
      {charts.map((c) => (
        <ChartScroll key={c.id}>
          <LineChart
            testId={`${c.id}-chart`}
            title={c.title}
            series={c.series}
            xLabel={m.step}
            yLabel={c.yLabel}
            xDomain={xDomain}
            yDomain={c.yDomain}
            yFormat={c.yFormat}
            markers={markers}
            height={c.height}
            exportName={`${exportStem(config)}-${c.id}`}
          />
        </ChartScroll>
      ))}
    </div>
  );
}
