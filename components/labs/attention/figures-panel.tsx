'use client';

import { memo } from 'react';
import { TableCsv } from '@/components/controls/table-csv';
import { useLocale } from '@/components/shell/locale-context';
import type { PatternView } from '@/lib/labs/attention/jobs';
import { attentionMessages } from '@/lib/i18n/attention';
import { formatBytes, formatFlops, formatNumber } from '@/lib/i18n/locales';
import { formatDensity, formatRatio } from '@/lib/runtime/format';
import { Section } from './section';

function Stat({
  label,
  value,
  note,
  testId,
  dataValue,
}: {
  label: string;
  value: string;
  note?: React.ReactNode;
  testId: string;
  dataValue: number;
}) {
  return (
    <div className="rounded-md bg-zinc-50 p-3 dark:bg-zinc-900/60" data-testid={testId} data-value={dataValue}>
      <div className="text-xs text-zinc-600 dark:text-zinc-400">{label}</div>
      <div className="font-mono text-xl font-semibold" data-testid={`${testId}-value`}>
        {value}
      </div>
      {note && <div className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">{note}</div>}
    </div>
  );
}

/** Horizontal bars on a log scale, so dense and a 1% pattern both stay readable. */
function Bars({
  rows,
  format,
  testId,
}: {
  rows: { label: string; value: number; color: string }[];
  format: (v: number) => string;
  testId: string;
}) {
  const max = Math.max(...rows.map((r) => r.value), 1);
  const min = Math.max(1, Math.min(...rows.map((r) => Math.max(1, r.value))) / 10);
  const width = (v: number) => (v <= 0 ? 0 : Math.max(2, (Math.log(v / min) / Math.log(max / min)) * 100));
  return (
    <ul className="space-y-1.5" data-testid={testId}>
      {rows.map((r) => (
        <li key={r.label} className="grid grid-cols-[minmax(7rem,12rem)_1fr] items-center gap-2 text-xs">
          <span className="text-zinc-700 dark:text-zinc-300">{r.label}</span>
          <span className="flex items-center gap-2">
            <span className="h-3 rounded-sm" style={{ width: `${width(r.value)}%`, background: r.color }} />
            <span className="whitespace-nowrap font-mono">{format(r.value)}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Live figures of the current pattern: pairs, densities, FLOPs and memory. */
export const FiguresPanel = memo(function FiguresPanel({ view, busy }: { view: PatternView | null; busy: boolean }) {
  const locale = useLocale();
  const m = attentionMessages[locale].figures;
  if (!view) return <Section title={m.title}>{attentionMessages[locale].mask.computing}</Section>;
  const s = view.stats;
  const num = (v: number) => formatNumber(v, locale, 0);
  const saving = s.denseFlops / Math.max(1, s.blockSparseFlops);
  return (
    <Section title={m.title} testId="figures">
      <div className={`grid gap-3 sm:grid-cols-3 ${busy ? 'opacity-70' : ''}`} aria-busy={busy}>
        <Stat
          label={m.attendedPairs}
          value={num(s.attendedPairs)}
          note={m.ofPairs(num(s.totalPairs))}
          testId="figure-pairs"
          dataValue={s.attendedPairs}
        />
        <Stat
          label={m.elementDensity}
          value={formatDensity(s.elementDensity, locale)}
          testId="figure-element-density"
          dataValue={s.elementDensity}
        />
        <Stat
          label={m.blockDensity}
          value={formatDensity(s.blockDensity, locale)}
          note={
            <>
              {m.blockDensityNote(num(s.nonEmptyBlocks), num(s.totalBlocks))}
              <br />
              {m.tiles(num(view.fullTiles), num(view.partialTiles))}
            </>
          }
          testId="figure-block-density"
          dataValue={s.blockDensity}
        />
      </div>
      <div className="mt-4 grid gap-4 md:grid-cols-2">
        <div>
          <h3 className="mb-2 text-sm font-medium">{m.flops}</h3>
          <Bars
            testId="figure-flops"
            format={formatFlops}
            rows={[
              { label: m.dense, value: s.denseFlops, color: '#71717a' },
              { label: m.blockSparse, value: s.blockSparseFlops, color: '#0d9488' },
              { label: m.sparse, value: s.sparseFlops, color: '#5eead4' },
            ]}
          />
          <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400" data-testid="figure-flops-note">
            {m.flopsNote(formatRatio(saving, locale))}
          </p>
        </div>
        <div>
          <h3 className="mb-2 text-sm font-medium">{m.memory}</h3>
          <Bars
            testId="figure-memory"
            format={formatBytes}
            rows={[
              { label: m.scoreBytes, value: s.denseScoreBytes, color: '#71717a' },
              { label: m.layoutBytes, value: s.blockLayoutBytes, color: '#0d9488' },
              { label: m.csrBytes, value: view.csrBytes, color: '#5eead4' },
            ]}
          />
        </div>
      </div>
      <TableCsv
        name={`attention-figures-n${s.seqLen}-b${s.blockSize}`}
        header={['metric', 'value']}
        rows={() => [
          ['seq_len', s.seqLen],
          ['block_size', s.blockSize],
          ['heads', s.numHeads],
          ['head_dim', s.headDim],
          ['attended_pairs', s.attendedPairs],
          ['total_pairs', s.totalPairs],
          ['element_density', s.elementDensity],
          ['non_empty_blocks', s.nonEmptyBlocks],
          ['total_blocks', s.totalBlocks],
          ['block_density', s.blockDensity],
          ['full_tiles', view.fullTiles],
          ['partial_tiles', view.partialTiles],
          ['dense_flops_per_head', s.denseFlops],
          ['block_sparse_flops_per_head', s.blockSparseFlops],
          ['sparse_flops_per_head', s.sparseFlops],
          ['dense_score_bytes', s.denseScoreBytes],
          ['block_layout_bytes', s.blockLayoutBytes],
          ['csr_bytes', view.csrBytes],
        ]}
        label={m.title}
        testId="figures-export"
        className="mt-3"
      />
    </Section>
  );
});
