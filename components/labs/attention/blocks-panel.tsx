'use client';

import { memo, useMemo } from 'react';
import { useLocale } from '@/components/shell/locale-context';
import type { PatternView, ViewRequest } from '@/lib/labs/attention/jobs';
import { attentionMessages } from '@/lib/i18n/attention';
import { formatNumber } from '@/lib/i18n/locales';
import { maskToJson } from '@/lib/export/tables';
import { paintKinds, palette, paletteHex } from '@/lib/viz/mask-paint';
import { type Cell, GridCanvas } from './grid-canvas';
import { Legend, Section } from './section';
import { useDark } from './use-dark';

/** The block layout: which b × b tiles are empty, partial or full. */
export const BlocksPanel = memo(function BlocksPanel({ view, request }: { view: PatternView | null; request: ViewRequest | null }) {
  const locale = useLocale();
  const m = attentionMessages[locale].blocks;
  const dark = useDark();
  const hex = paletteHex(dark);
  const pixels = useMemo(() => (view ? paintKinds(view.kinds, palette(dark)) : null), [view, dark]);
  if (!view || !request) return null;
  const nb = Math.round(Math.sqrt(view.kinds.length));
  const b = request.main.params.blockSize;
  const label = [m.empty, m.partial, m.full];
  const describe = (cell: Cell) => {
    const kind = view.kinds[cell.row * nb + cell.col];
    return `q-block ${cell.row} (${cell.row * b}–${Math.min(request.main.params.seqLen, cell.row * b + b) - 1}), k-block ${cell.col}: ${label[kind]}`;
  };
  return (
    <Section title={m.title} testId="blocks-panel">
      <div className="mx-auto max-w-md">
        <GridCanvas
          testId="block-layout"
          rows={nb}
          cols={nb}
          pixels={pixels}
          region={{ row0: 0, row1: nb, col0: 0, col1: nb }}
          label={m.title}
          describe={describe}
          caption={m.caption(b, formatNumber(nb, locale, 0))}
          exportName={`block-layout-${request.main.name}-n${request.main.params.seqLen}-b${b}`}
          exportJson={() =>
            maskToJson(
              view.kinds.map((k) => (k > 0 ? 1 : 0)),
              nb,
              nb,
              {
                pattern: request.main.name,
                params: request.main.params,
                blockSize: b,
                kinds: Array.from(view.kinds),
                legend: 'data: 1 = block attended (kinds: 0 empty, 1 partial, 2 full)',
              },
            )
          }
        />
      </div>
      <Legend
        items={[
          { color: hex.empty, label: m.empty },
          { color: hex.partial, label: m.partial },
          { color: hex.attended, label: m.full },
        ]}
      />
    </Section>
  );
});
