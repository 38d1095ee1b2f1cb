'use client';

import { useCallback, useEffect, useMemo, useState } from 'react';
import { CopyLink } from '@/components/controls/copy-link';
import { CorrectionsNotice } from '@/components/controls/corrections-notice';
import { useCompute } from '@/components/hooks/use-compute';
import { useDebounced, useUrlState } from '@/components/hooks/use-url-state';
import { LessonShell } from '@/components/lesson/lesson-shell';
import { useCommon, useLocale } from '@/components/shell/locale-context';
import { GuidedPath } from '@/components/teach/guided-path';
import { LabCheck } from '@/components/teach/lab-check';
import { LessonBeside, LessonToggle } from '@/components/teach/lessons';
import { NextLabs } from '@/components/teach/next-labs';
import { RealLlmNote } from '@/components/teach/real-llm-note';
import { teachMessages } from '@/lib/i18n/teach';
import { moeTeachMessages } from '@/lib/i18n/teach-moe';
import type { LiveValues } from '@/lib/teach/guided';
import { mergeLive, moeMnistLive, moePath } from '@/lib/teach/path-moe';
import { moeMessages } from '@/lib/i18n/moe';
import type { MoeLayer } from '@/lib/kernels/moe-dispatch-reference';
import { makeSyntheticLayer } from '@/lib/kernels/moe-dispatch-reference';
import { paddedCapacity } from '@/lib/kernels/moe-padded-reference';
import { TOPK_MAX_K, type WeightMode } from '@/lib/kernels/moe-topk-program';
import { SORT_MAX_EXPERTS } from '@/lib/kernels/moe-sort-program';
import { TOKENS_PER_DIGIT } from '@/lib/models/moe-classifier';
import { coefficientOfVariation } from '@/lib/moe/routing';
import { type RoutingSettings, type RoutingVariant, routeTokens } from '@/lib/moe/variants';
import { issueMessage } from '@/lib/runtime/issue';
import { moeSchema } from '@/lib/state/moe';
import { ComparePanel } from './compare-panel';
import { KernelPanel } from './kernel-panel';
import { LmView } from './lm-view';
import { useEnPassages } from './use-moe-lm';
import { LoadPanel } from './load-panel';
import { ModelPanel } from './model-panel';
import { MoeControls } from './moe-controls';
import { BenchLesson, CodeLesson, CodePanels, LessonSections } from './moe-lesson';
import { ParamsPanel } from './params-panel';
import { RoutingHeatmap } from './routing-heatmap';
import { UsageGrid } from './usage-grid';
import { pickModel, prepareModel, useMnistMoe } from './use-mnist-moe';
import { HEATMAP_DIGITS_PER_CLASS, HEATMAP_DIGITS_PER_POSITION, type RoutingIssue, settingsIssue, useMnistView, useRoutedAccuracy, useSyntheticView } from './use-routing-view';

/** Gate weighting the kernels use for a routing variant (they implement token-choice top-k). */
export function weightModeOf(variant: RoutingVariant): WeightMode {
  if (variant === 'source') return 'source';
  if (variant === 'mixtral' || variant === 'noisy') return 'mixtral';
  return 'gshard';
}

function Figure({ title, caption, children, testId }: { title: string; caption?: string; children: React.ReactNode; testId?: string }) {
  return (
    <section className="min-w-0 space-y-2 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800" data-testid={testId}>
      <h2 className="text-lg font-semibold">{title}</h2>
      {caption && <p className="text-sm text-zinc-600 dark:text-zinc-400">{caption}</p>}
      {children}
    </section>
  );
}

export function MoeLab() {
  const locale = useLocale();
  const common = useCommon();
  const m = moeMessages[locale];
  const u = useUrlState(moeSchema);
  const s = u.state;
  const ds = useDebounced(s, 120);
  const compute = useCompute();
  const mnist = ds.mode === 'mnist';
  const lm = ds.mode === 'lm';
  const data = useMnistMoe(s.mode === 'mnist' && u.ready);
  const passages = useEnPassages(s.mode === 'lm' && u.ready);

  const sharedWanted = ds.variant === 'shared' ? ds.numShared : 0;
  const model = mnist && data.status === 'ready' ? pickModel(data.models, ds.numExperts, ds.auxWeight, sharedWanted) : null;
  const prepared = useMemo(() => (model && data.test ? prepareModel(model, data.test) : null), [model, data.test]);
  const kEff = ds.variant === 'switch' ? 1 : ds.k;

  const settings = useMemo<RoutingSettings>(
    () => ({
      variant: ds.variant,
      numExperts: ds.numExperts,
      k: ds.k,
      capacityFactor: ds.capacityFactor,
      noise: ds.noise,
      noiseScale: ds.noiseScale,
      seed: ds.seed,
      numShared: mnist ? (model?.weights.config.numShared ?? 0) : ds.numShared,
    }),
    [ds.variant, ds.numExperts, ds.k, ds.capacityFactor, ds.noise, ds.noiseScale, ds.seed, ds.numShared, mnist, model],
  );
  const earlyIssue = settingsIssue(settings);

  const mnistView = useMnistView(mnist && !earlyIssue ? (prepared?.logits ?? null) : null, data.tokenClasses, mnist && !earlyIssue ? settings : null, ds.groupBy);
  const synthView = useSyntheticView(ds.mode === 'synthetic', ds.tokens, ds.hidden, ds.seed, ds.routerScale, ds.skew, settings);
  const result = mnist ? mnistView : synthView;
  const issue: RoutingIssue | null = earlyIssue ?? (result.status === 'issue' ? (result.issue ?? null) : null);
  const view = !issue && result.status !== 'issue' ? result.view : undefined;
  const accuracy = useRoutedAccuracy(mnist && model ? model.weights : null, mnist && prepared ? prepared.tokens : null, data.test?.labels, mnist ? view : undefined);

  // routing collapse: the shipped α = 0.1 and α = 0 models with the same E, Mixtral top-2 on the test digits
  const [collapse, setCollapse] = useState<{ numExperts: number; cvWith: number; cvWithout: number; dead: number } | null>(null);
  useEffect(() => {
    if (!mnist || data.status !== 'ready' || !data.test) return;
    const E = ds.numExperts;
    const withAux = data.models.find((x) => x.origin === 'shipped' && x.weights.config.numExperts === E && x.training.auxWeight === 0.1);
    const without = data.models.find((x) => x.origin === 'shipped' && x.weights.config.numExperts === E && x.training.auxWeight === 0);
    if (!withAux || !without) {
      setCollapse(null);
      return;
    }
    const test = data.test;
    const id = setTimeout(() => {
      const route = (x: typeof withAux) => {
        const p = prepareModel(x, test);
        return routeTokens(p.logits, test.count * TOKENS_PER_DIGIT, { variant: 'mixtral', numExperts: E, k: x.training.k, capacityFactor: 1.25, noise: false, noiseScale: 1, seed: 1, numShared: 0 }).load;
      };
      const a = route(withAux);
      const b = route(without);
      setCollapse({ numExperts: E, cvWith: coefficientOfVariation(a), cvWithout: coefficientOfVariation(b), dead: Array.from(b).filter((v) => v === 0).length });
    }, 50);
    return () => clearTimeout(id);
  }, [mnist, data.status, data.models, data.test, ds.numExperts]);

  // the numbers the guided path and the check read: kept across modes for this page view
  const [live, setLive] = useState<LiveValues>({});
  const onLmLive = useCallback((next: LiveValues) => setLive((prev) => mergeLive(prev, next)), []);
  useEffect(() => setLive((prev) => mergeLive(prev, moeMnistLive(collapse))), [collapse]);
  const teach = teachMessages[locale];
  const moeTeach = moeTeachMessages[locale];

  const differences: string[] = [];
  if (model) {
    if (model.training.variant !== ds.variant) differences.push(m.model.diffVariant);
    if (model.training.k !== kEff && ds.variant !== 'expert-choice') differences.push(m.model.diffK);
    if (model.training.auxWeight !== ds.auxWeight) differences.push(m.model.diffAux);
    if (ds.variant === 'shared' && model.weights.config.numShared !== ds.numShared) differences.push(m.model.diffShared);
  }

  // sizes of the layer the parameter read-out and the kernels describe
  const hidden = mnist ? (model?.weights.config.hidden ?? 32) : ds.hidden;
  const ffn = mnist ? (model?.weights.config.ffn ?? 64) : 4 * ds.hidden;
  const numShared = ds.variant === 'shared' ? settings.numShared : 0;
  const kParams = ds.variant === 'expert-choice' ? Math.max(1, Math.min(ds.numExperts, Math.round(ds.capacityFactor))) : Math.min(kEff, Math.max(1, ds.numExperts));

  const makeLayer = (): MoeLayer | null => {
    if (earlyIssue || ds.numExperts > SORT_MAX_EXPERTS) return null;
    const k = Math.min(kEff, TOPK_MAX_K, ds.numExperts);
    const weightMode = weightModeOf(ds.variant);
    if (mnist) {
      if (!model || !prepared) return null;
      const w = model.weights;
      const { hidden: H, ffn: F, numExperts: E, numShared: ms } = w.config;
      const T = 4 * TOKENS_PER_DIGIT;
      return {
        numTokens: T,
        hidden: H,
        ffn: F,
        numExperts: E,
        k,
        activation: 'relu',
        weightMode,
        x: prepared.tokens.slice(0, T * H),
        router: w.router,
        w1: w.w1.slice(ms * H * F),
        b1: w.b1.slice(ms * F),
        w2: w.w2.slice(ms * F * H),
        b2: w.b2.slice(ms * H),
      };
    }
    const H = Math.min(64, ds.hidden);
    return makeSyntheticLayer({ numTokens: 64, hidden: H, ffn: Math.min(128, 4 * H), numExperts: ds.numExperts, k, activation: ds.activation, weightMode, skew: ds.skew }, ds.seed);
  };
  const kernelCapacity = earlyIssue ? 1 : paddedCapacity({ numTokens: mnist ? 4 * TOKENS_PER_DIGIT : 64, numExperts: Math.max(1, mnist ? (model?.weights.config.numExperts ?? 1) : ds.numExperts), k: Math.max(1, Math.min(kEff, TOPK_MAX_K, ds.numExperts)) }, ds.capacityFactor);
  const kernelKey = JSON.stringify([ds.mode, ds.variant, ds.numExperts, ds.k, ds.capacityFactor, ds.seed, ds.hidden, ds.skew, ds.activation, model?.id, model?.origin]);
  const variantNote = ['noisy', 'switch', 'expert-choice', 'shared'].includes(ds.variant) ? m.kernels.variantNote(m.controls.variants[ds.variant]) : null;

  const byPosition = mnist && ds.groupBy === 'position';
  /** File name stem of the figures' downloads: the routing settings. */
  const stem = `moe-${ds.mode}-${ds.variant}-e${ds.numExperts}-k${kEff}-cf${ds.capacityFactor}-seed${ds.seed}${byPosition ? '-by-position' : ''}`;
  const groupLabel = (g: number) => (byPosition ? m.figures.position(g) : mnist ? m.figures.digit(g) : m.figures.topic(g));
  const usageTitle = byPosition ? m.figures.usageTitlePosition : mnist ? m.figures.usageTitleMnist : m.figures.usageTitleSynthetic;
  const rowLabel = (r: number) => (view && r < view.routing.numShared ? m.figures.sharedExpert(r) : m.figures.expert(view ? r - view.routing.numShared : r));

  const issueText = (i: RoutingIssue): string[] => {
    if (i.kind === 'settings') return i.problems.map((p) => issueMessage({ key: p, params: { k: ds.k, numExperts: ds.numExperts, capacityFactor: ds.capacityFactor } }, locale));
    if (i.kind === 'non-finite') return [m.problems.nonFinite(i.index, i.token, i.expert, i.value)];
    return [m.problems.other(i.detail)];
  };

  // the figures depend on the view only: memoised so training progress does not re-render them
  const viewFigures = useMemo(
    () =>
      view && (
            <>
              <LessonBeside id="moe-heatmap" lesson={<LessonSections m={m} ids={['sparse', 'expertChoice', 'shared']} />}>
              <Figure title={m.figures.heatmapTitle} caption={byPosition ? m.figures.heatmapCaptionPosition(HEATMAP_DIGITS_PER_POSITION) : mnist ? m.figures.heatmapCaptionMnist(HEATMAP_DIGITS_PER_CLASS * TOKENS_PER_DIGIT) : m.figures.heatmapCaptionSynthetic(view.heatmap.groupStarts[1] - view.heatmap.groupStarts[0])} testId="figure-heatmap">
                <RoutingHeatmap heatmap={view.heatmap} groupLabel={groupLabel} rowLabel={rowLabel} readout={m.figures.heatmapReadout} label={m.figures.heatmapTitle} legend={m.figures.heatmapLegend} testId="routing-heatmap" exportName={`${stem}-gates`} />
              </Figure>
              </LessonBeside>
              <LessonBeside id="moe-load" lesson={<LessonSections m={m} ids={mnist ? ['capacity'] : ['balance', 'capacity']} />}>
              <div className="grid gap-6 2xl:grid-cols-2">
                <Figure title={usageTitle} caption={m.figures.usageCaption} testId="figure-usage">
                  <UsageGrid usage={view.usage} groups={view.numGroups} experts={view.routing.numExpertIds} groupLabel={groupLabel} expertLabel={(e) => (e < view.routing.numShared ? `S${e}` : String(e - view.routing.numShared))} testId="usage-grid" label={usageTitle} exportName={`${stem}-usage`} />
                </Figure>
                <Figure title={m.figures.loadTitle} caption={m.figures.loadCaption} testId="figure-load">
                  <LoadPanel view={view} variant={ds.variant} k={Math.min(ds.k, ds.numExperts)} capacityFactor={ds.capacityFactor} m={m} locale={locale} exportName={`${stem}-load`} />
                </Figure>
              </div>
              </LessonBeside>
            </>
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [view, locale, byPosition, mnist, ds.variant, ds.k, ds.numExperts, ds.capacityFactor, stem],
  );
  const lessonCode = useMemo(
    () => ({
      hidden,
      numExperts: Math.max(1, ds.numExperts),
      k: Math.max(1, Math.min(kEff, Math.max(1, ds.numExperts))),
      auxWeight: ds.auxWeight,
      renormalize: ds.variant === 'mixtral' || ds.variant === 'noisy',
      activation: (mnist ? 'relu' : ds.activation) as 'relu' | 'gelu',
      numShared,
      capacityFactor: ds.variant === 'switch' && ds.capacityFactor > 0 ? ds.capacityFactor : null,
    }),
    [hidden, ds.numExperts, kEff, ds.auxWeight, ds.variant, mnist, ds.activation, numShared, ds.capacityFactor],
  );
  const code = (
    <LessonBeside
      id="moe-code"
      lesson={
        <>
          <CodeLesson m={m} />
          {lm && <LessonSections m={m} ids={['expertChoice', 'shared']} />}
        </>
      }
    >
      <CodePanels m={m} code={lessonCode} />
    </LessonBeside>
  );

  const controls = <MoeControls s={s} update={u.update} reset={u.reset} m={m} hidden={u.hidden} passages={passages} />;
  const toolbar = (
    <>
      <CorrectionsNotice corrections={u.corrections} onDismiss={u.dismissCorrections} />
      <span className="ml-auto flex flex-wrap items-center gap-3">
        <LessonToggle />
        <CopyLink />
      </span>
    </>
  );

  return (
    <LessonShell
      wide
      title={m.title}
      lead={m.lead}
      controls={controls}
      embed={u.embed}
      toolbar={toolbar}
      guide={<GuidedPath path={moePath} texts={moeTeach.steps} state={s} live={live} navigate={u.navigate} update={u.update} />}
      after={
        <>
          <LabCheck questions={moePath.check} texts={moeTeach.checks} live={live} />
          <div className="max-w-3xl">
            <RealLlmNote topic="moe" />
          </div>
          <NextLabs lab="moe" />
        </>
      }
    >
      {lm && <LmView s={ds} passages={passages} locale={locale} stem={`moe-lm-cf${ds.capacityFactor}`} onLive={onLmLive} />}
      {lm && code}
      {!lm && (
      <>
      {mnist && (
        <LessonBeside id="moe-model" lesson={<LessonSections m={m} ids={['balance']} />}>
        <Figure title={m.model.title} testId="figure-model">
          {data.status === 'loading' || data.status === 'idle' ? (
            <p data-testid="model-loading">{m.model.loading}</p>
          ) : data.status === 'error' ? (
            <p role="alert" className="text-red-700 dark:text-red-400">
              {m.model.loadFailed(data.error ?? '')}
            </p>
          ) : (
            <ModelPanel
              model={model}
              blocked={earlyIssue !== null}
              differences={differences}
              numExperts={ds.numExperts}
              accuracy={accuracy}
              training={data.training}
              onTrain={() => !earlyIssue && data.train(settings, ds.numExperts, ds.auxWeight, ds.seed, compute?.choice.model ?? 'wasm')}
              onCancel={data.cancel}
              collapse={collapse}
              m={m}
              locale={locale}
              backendName={compute ? common.footer.model[compute.choice.model] : '…'}
            />
          )}
        </Figure>
        </LessonBeside>
      )}

      {issue && (
        <div role="alert" className="rounded-md border-l-4 border-red-600 bg-red-50 p-3 text-sm dark:bg-red-950/40" data-testid="routing-issue" data-kind={issue.kind}>
          <p className="font-semibold">{m.problems.title}</p>
          {issueText(issue).map((t) => (
            <p key={t}>{t}</p>
          ))}
        </div>
      )}

      {view ? (
        viewFigures
      ) : (
        !issue &&
        !(mnist && data.status === 'ready' && !model) &&
        result.status === 'computing' && (
          <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="view-computing">
            {m.figures.computing}
          </p>
        )
      )}

      {view && ds.compare !== 'none' && (mnist ? prepared?.logits : synthView.inputs?.logits) && (
        <Figure title={m.compare.title(m.controls.variants[ds.variant], m.controls.variants[ds.compare])} caption={m.compare.caption} testId="figure-compare">
          <ComparePanel logits={(mnist ? prepared?.logits : synthView.inputs?.logits)!} numTokens={view.numTokens} settings={settings} compare={ds.compare} sample={view.heatmap.tokens} m={m} locale={locale} exportName={`${stem}-vs-${ds.compare}`} />
        </Figure>
      )}

      {!earlyIssue && (
        <LessonBeside id="moe-params" lesson={<LessonSections m={m} ids={['params']} />}>
        <Figure title={m.params.title} caption={m.params.caption} testId="figure-params">
          <ParamsPanel hidden={hidden} ffn={ffn} numExperts={Math.max(1, ds.numExperts)} k={kParams} numShared={numShared} m={m} locale={locale} />
        </Figure>
        </LessonBeside>
      )}

      <LessonBeside id="moe-kernels" lesson={<BenchLesson m={m} locale={locale} />}>
      <Figure title={m.kernels.title} testId="figure-kernels">
        <KernelPanel makeLayer={makeLayer} capacity={kernelCapacity} inputsNote={mnist ? m.kernels.sourceMnist : m.kernels.sourceSynthetic} settingsKey={kernelKey} variantNote={variantNote} m={m} exportName={`${stem}-kernel-check`} />
      </Figure>
      </LessonBeside>
      {code}
      </>
      )}
    </LessonShell>
  );
}
