'use client';

import type { Locale } from '@/lib/i18n/locales';
import type { MoeMessages } from '@/lib/i18n/moe';
import { LessonBeside } from '@/components/teach/lessons';
import { TOKENS_PER_DIGIT } from '@/lib/models/moe-classifier';
import type { RoutingView } from '@/lib/moe/lab-view';
import type { MoeState } from '@/lib/state/moe';
import { LoadPanel } from './load-panel';
import { LessonSections } from './moe-lesson';
import { Figure } from './moe-parts';
import { RoutingHeatmap } from './routing-heatmap';
import { UsageGrid } from './usage-grid';
import { HEATMAP_DIGITS_PER_CLASS, HEATMAP_DIGITS_PER_POSITION } from './use-routing-view';

/** The routing heatmap, expert usage per group and the load of the MNIST or synthetic view, each with its lesson. */
export function RoutingFigures({
  view,
  ds,
  mnist,
  byPosition,
  stem,
  groupLabel,
  rowLabel,
  usageTitle,
  m,
  locale,
}: {
  view: RoutingView;
  ds: MoeState;
  mnist: boolean;
  byPosition: boolean;
  stem: string;
  groupLabel: (g: number) => string;
  rowLabel: (r: number) => string;
  usageTitle: string;
  m: MoeMessages;
  locale: Locale;
}) {
  return (
    <>
      <LessonBeside id="moe-heatmap" lesson={<LessonSections m={m} ids={['sparse', 'expertChoice', 'shared']} />}>
        <Figure
          title={m.figures.heatmapTitle}
          caption={
            byPosition
              ? m.figures.heatmapCaptionPosition(HEATMAP_DIGITS_PER_POSITION)
              : mnist
                ? m.figures.heatmapCaptionMnist(HEATMAP_DIGITS_PER_CLASS * TOKENS_PER_DIGIT)
                : m.figures.heatmapCaptionSynthetic(view.heatmap.groupStarts[1] - view.heatmap.groupStarts[0])
          }
          testId="figure-heatmap"
        >
          <RoutingHeatmap
            heatmap={view.heatmap}
            groupLabel={groupLabel}
            rowLabel={rowLabel}
            readout={m.figures.heatmapReadout}
            label={m.figures.heatmapTitle}
            legend={m.figures.heatmapLegend}
            testId="routing-heatmap"
            exportName={`${stem}-gates`}
          />
        </Figure>
      </LessonBeside>
      <LessonBeside id="moe-load" lesson={<LessonSections m={m} ids={mnist ? ['capacity'] : ['balance', 'capacity']} />}>
        <div className="grid gap-6 2xl:grid-cols-2">
          <Figure title={usageTitle} caption={m.figures.usageCaption} testId="figure-usage">
            <UsageGrid
              usage={view.usage}
              groups={view.numGroups}
              experts={view.routing.numExpertIds}
              groupLabel={groupLabel}
              expertLabel={(e) => (e < view.routing.numShared ? `S${e}` : String(e - view.routing.numShared))}
              testId="usage-grid"
              label={usageTitle}
              exportName={`${stem}-usage`}
            />
          </Figure>
          <Figure title={m.figures.loadTitle} caption={m.figures.loadCaption} testId="figure-load">
            <LoadPanel
              view={view}
              variant={ds.variant}
              k={Math.min(ds.k, ds.numExperts)}
              capacityFactor={ds.capacityFactor}
              m={m}
              locale={locale}
              exportName={`${stem}-load`}
            />
          </Figure>
        </div>
      </LessonBeside>
    </>
  );
}
