'use client';

import { useMemo } from 'react';
import { LessonBeside } from '@/components/teach/lessons';
import type { Locale } from '@/lib/i18n/locales';
import type { MoeMessages } from '@/lib/i18n/moe';
import { paddedCapacity } from '@/lib/kernels/moe/moe-padded-reference';
import { TOPK_MAX_K } from '@/lib/kernels/moe/moe-topk-program';
import { TOKENS_PER_DIGIT } from '@/lib/models/moe-classifier';
import { issueMessage } from '@/lib/i18n/issues';
import type { MoeState } from '@/lib/state/moe';
import { type KernelLayerInputs, kernelLayer } from './kernel-layer';
import { KernelPanel } from './kernel-panel';
import { BenchLesson, CodeLesson, CodePanels, LessonSections } from './moe-lesson';
import { Figure } from './moe-parts';
import type { RoutingIssue } from './use-routing-view';

/** What is wrong with the routing settings or the router logits, in words. */
export function RoutingIssueAlert({ issue, ds, m, locale }: { issue: RoutingIssue; ds: MoeState; m: MoeMessages; locale: Locale }) {
  const issueText = (i: RoutingIssue): string[] => {
    if (i.kind === 'settings')
      return i.problems.map((p) =>
        issueMessage({ key: p, params: { k: ds.k, numExperts: ds.numExperts, capacityFactor: ds.capacityFactor } }, locale),
      );
    if (i.kind === 'non-finite') return [m.problems.nonFinite(i.index, i.token, i.expert, i.value)];
    return [m.problems.other(i.detail)];
  };
  return (
    <div
      role="alert"
      className="rounded-md border-l-4 border-red-600 bg-red-50 p-3 text-sm dark:bg-red-950/40"
      data-testid="routing-issue"
      data-kind={issue.kind}
    >
      <p className="font-semibold">{m.problems.title}</p>
      {issueText(issue).map((t) => (
        <p key={t}>{t}</p>
      ))}
    </div>
  );
}

/** The PyTorch code of the current MoE layer, with its lesson. */
export function MoeCodeSection({
  ds,
  hidden,
  kEff,
  mnist,
  numShared,
  lm,
  m,
}: {
  ds: MoeState;
  hidden: number;
  kEff: number;
  mnist: boolean;
  numShared: number;
  lm: boolean;
  m: MoeMessages;
}) {
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
  return (
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
}

/** The MoE kernels on the current layer, checked against their references, with the benchmark lesson. */
export function MoeKernelSection({
  earlyIssue,
  mnist,
  model,
  prepared,
  ds,
  kEff,
  stem,
  m,
  locale,
}: KernelLayerInputs & { stem: string; m: MoeMessages; locale: Locale }) {
  const makeLayer = () => kernelLayer({ earlyIssue, mnist, model, prepared, ds, kEff });
  const kernelCapacity = earlyIssue
    ? 1
    : paddedCapacity(
        {
          numTokens: mnist ? 4 * TOKENS_PER_DIGIT : 64,
          numExperts: Math.max(1, mnist ? (model?.weights.config.numExperts ?? 1) : ds.numExperts),
          k: Math.max(1, Math.min(kEff, TOPK_MAX_K, ds.numExperts)),
        },
        ds.capacityFactor,
      );
  const kernelKey = JSON.stringify([
    ds.mode,
    ds.variant,
    ds.numExperts,
    ds.k,
    ds.capacityFactor,
    ds.seed,
    ds.hidden,
    ds.skew,
    ds.activation,
    model?.id,
    model?.origin,
  ]);
  const variantNote = ['noisy', 'switch', 'expert-choice', 'shared'].includes(ds.variant)
    ? m.kernels.variantNote(m.controls.variants[ds.variant])
    : null;
  return (
    <LessonBeside id="moe-kernels" lesson={<BenchLesson m={m} locale={locale} />}>
      <Figure title={m.kernels.title} testId="figure-kernels">
        <KernelPanel
          makeLayer={makeLayer}
          capacity={kernelCapacity}
          inputsNote={mnist ? m.kernels.sourceMnist : m.kernels.sourceSynthetic}
          settingsKey={kernelKey}
          variantNote={variantNote}
          m={m}
          exportName={`${stem}-kernel-check`}
        />
      </Figure>
    </LessonBeside>
  );
}
