'use client';

import { useMemo } from 'react';
import { useLocale } from '@/components/shell/locale-context';
import { pruningMessages } from '@/lib/i18n/pruning';
import type { MlpWeights } from '@/lib/models/mlp';
import { LAYER_NAMES } from '@/lib/state/pruning';
import { ChannelNormsChart } from './channel-norms-chart';
import { MagnitudeHistogram } from './magnitude-histogram';
import type { LiveResult } from './use-pruning-workers';
import { WeightHeatmapPanel } from './weight-heatmap-panel';

/** One layer's weights and mask as a heatmap, its magnitude histogram and (Ln structured) its channel norms. */
export function WeightSection({
  data,
  live,
  layer,
  onLayer,
  method,
  norm,
  dim,
  grid,
  exportName,
}: {
  data: MlpWeights;
  live: LiveResult | null;
  layer: (typeof LAYER_NAMES)[number];
  onLayer: (layer: (typeof LAYER_NAMES)[number]) => void;
  method: string;
  norm: number;
  dim: number;
  grid: { cols: number; rows?: number } | null;
  exportName: string;
}) {
  const locale = useLocale();
  const t = pruningMessages[locale];
  const l = LAYER_NAMES.indexOf(layer);
  const w = data.layers[l];
  const mask = live?.masks[l];
  const shape = useMemo<[number, number]>(() => [w.out, w.in], [w]);
  return (
    <>
      <WeightHeatmapPanel
        layers={data.layers}
        masks={live?.masks ?? null}
        layer={layer}
        onLayer={onLayer}
        grid={grid}
        exportName={exportName}
      />
      {method === 'ln-structured' ? (
        <div className="grid gap-6 xl:grid-cols-2">
          <MagnitudeHistogram name={w.name} weight={w.weight} mask={mask} exportName={`${exportName}-${w.name}-magnitudes`} />
          <ChannelNormsChart
            name={w.name}
            weight={w.weight}
            shape={shape}
            mask={mask}
            norm={norm}
            dim={dim}
            exportName={`${exportName}-${w.name}-channel-norms`}
          />
        </div>
      ) : (
        <div className="max-w-3xl space-y-2">
          <MagnitudeHistogram name={w.name} weight={w.weight} mask={mask} exportName={`${exportName}-${w.name}-magnitudes`} />
          <p className="text-xs text-zinc-600 dark:text-zinc-400">{t.norms.onlyStructured}</p>
        </div>
      )}
    </>
  );
}
