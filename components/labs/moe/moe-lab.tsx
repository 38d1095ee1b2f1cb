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
import { moeTeachMessages } from '@/lib/i18n/teach-moe';
import type { LiveValues } from '@/lib/teach/guided';
import { mergeLive, moeMnistLive, moePath } from '@/lib/teach/path-moe';
import { moeMessages } from '@/lib/i18n/moe';
import type { RoutingSettings } from '@/lib/moe/variants';
import { moeSchema } from '@/lib/state/moe';
import { ComparePanel } from './compare-panel';
import { LmView } from './lm-view';
import { useEnPassages } from './use-moe-lm';
import { ModelPanel } from './model-panel';
import { MoeControls } from './moe-controls';
import { MoeCodeSection, MoeKernelSection, RoutingIssueAlert } from './moe-lab-panels';
import { Figure } from './moe-parts';
import { LessonSections } from './moe-lesson';
import { ParamsPanel } from './params-panel';
import { RoutingFigures } from './routing-figures';
import { pickModel, prepareModel, useMnistMoe } from './use-mnist-moe';
import { useRoutingCollapse } from './use-routing-collapse';
import { type RoutingIssue, settingsIssue, useMnistView, useRoutedAccuracy, useSyntheticView } from './use-routing-view';

export { weightModeOf } from './kernel-layer';

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

  const mnistView = useMnistView(
    mnist && !earlyIssue ? (prepared?.logits ?? null) : null,
    data.tokenClasses,
    mnist && !earlyIssue ? settings : null,
    ds.groupBy,
  );
  const synthView = useSyntheticView(ds.mode === 'synthetic', ds.tokens, ds.hidden, ds.seed, ds.routerScale, ds.skew, settings);
  const result = mnist ? mnistView : synthView;
  const issue: RoutingIssue | null = earlyIssue ?? (result.status === 'issue' ? (result.issue ?? null) : null);
  const view = !issue && result.status !== 'issue' ? result.view : undefined;
  const accuracy = useRoutedAccuracy(
    mnist && model ? model.weights : null,
    mnist && prepared ? prepared.tokens : null,
    data.test?.labels,
    mnist ? view : undefined,
  );

  // routing collapse: the shipped α = 0.1 and α = 0 models with the same E, Mixtral top-2 on the test digits
  const collapse = useRoutingCollapse(mnist, data, ds.numExperts);

  // the numbers the guided path and the check read: kept across modes for this page view
  const [live, setLive] = useState<LiveValues>({});
  const onLmLive = useCallback((next: LiveValues) => setLive((prev) => mergeLive(prev, next)), []);
  useEffect(() => setLive((prev) => mergeLive(prev, moeMnistLive(collapse))), [collapse]);
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
  const kParams =
    ds.variant === 'expert-choice'
      ? Math.max(1, Math.min(ds.numExperts, Math.round(ds.capacityFactor)))
      : Math.min(kEff, Math.max(1, ds.numExperts));

  const byPosition = mnist && ds.groupBy === 'position';
  /** File name stem of the figures' downloads: the routing settings. */
  const stem = `moe-${ds.mode}-${ds.variant}-e${ds.numExperts}-k${kEff}-cf${ds.capacityFactor}-seed${ds.seed}${byPosition ? '-by-position' : ''}`;
  const groupLabel = (g: number) => (byPosition ? m.figures.position(g) : mnist ? m.figures.digit(g) : m.figures.topic(g));
  const usageTitle = byPosition ? m.figures.usageTitlePosition : mnist ? m.figures.usageTitleMnist : m.figures.usageTitleSynthetic;
  const rowLabel = (r: number) =>
    view && r < view.routing.numShared ? m.figures.sharedExpert(r) : m.figures.expert(view ? r - view.routing.numShared : r);

  // the figures depend on the view only: memoised so training progress does not re-render them
  const viewFigures = useMemo(
    () =>
      view && (
        <RoutingFigures
          view={view}
          ds={ds}
          mnist={mnist}
          byPosition={byPosition}
          stem={stem}
          groupLabel={groupLabel}
          rowLabel={rowLabel}
          usageTitle={usageTitle}
          m={m}
          locale={locale}
        />
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [view, locale, byPosition, mnist, ds.variant, ds.k, ds.numExperts, ds.capacityFactor, stem],
  );
  const code = <MoeCodeSection ds={ds} hidden={hidden} kEff={kEff} mnist={mnist} numShared={numShared} lm={lm} m={m} />;

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
                    onTrain={() =>
                      !earlyIssue && data.train(settings, ds.numExperts, ds.auxWeight, ds.seed, compute?.choice.model ?? 'wasm')
                    }
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

          {issue && <RoutingIssueAlert issue={issue} ds={ds} m={m} locale={locale} />}

          {view
            ? viewFigures
            : !issue &&
              !(mnist && data.status === 'ready' && !model) &&
              result.status === 'computing' && (
                <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="view-computing">
                  {m.figures.computing}
                </p>
              )}

          {view && ds.compare !== 'none' && (mnist ? prepared?.logits : synthView.inputs?.logits) && (
            <Figure
              title={m.compare.title(m.controls.variants[ds.variant], m.controls.variants[ds.compare])}
              caption={m.compare.caption}
              testId="figure-compare"
            >
              <ComparePanel
                logits={(mnist ? prepared?.logits : synthView.inputs?.logits)!}
                numTokens={view.numTokens}
                settings={settings}
                compare={ds.compare}
                sample={view.heatmap.tokens}
                m={m}
                locale={locale}
                exportName={`${stem}-vs-${ds.compare}`}
              />
            </Figure>
          )}

          {!earlyIssue && (
            <LessonBeside id="moe-params" lesson={<LessonSections m={m} ids={['params']} />}>
              <Figure title={m.params.title} caption={m.params.caption} testId="figure-params">
                <ParamsPanel
                  hidden={hidden}
                  ffn={ffn}
                  numExperts={Math.max(1, ds.numExperts)}
                  k={kParams}
                  numShared={numShared}
                  m={m}
                  locale={locale}
                />
              </Figure>
            </LessonBeside>
          )}

          <MoeKernelSection
            earlyIssue={earlyIssue !== null}
            mnist={mnist}
            model={model}
            prepared={prepared}
            ds={ds}
            kEff={kEff}
            stem={stem}
            m={m}
            locale={locale}
          />
          {code}
        </>
      )}
    </LessonShell>
  );
}
