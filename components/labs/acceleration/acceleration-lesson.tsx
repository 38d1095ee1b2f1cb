'use client';

/**
 * The acceleration tutorial, in parts that sit beside the panels they explain
 * (components/teach/lessons.tsx): index overhead beside the formats, memory- vs compute-bound
 * beside the measurement, structure and how to read the table beside the table and chart, the
 * source's claims beside the comparison, the source's torch.sparse example beside its code.
 */
import { CodePanel } from '@/components/lesson/code-panel';
import { useLocale } from '@/components/shell/locale-context';
import { SOURCE_SNIPPET_CHECK, SOURCE_SPARSE_SNIPPET, type TorchCodeSettings, torchBenchmarkCode } from '@/lib/acceleration/pytorch-code';
import { type AccuracyRow, type MeasuredRow, SOURCE_CLAIMS, SPEED_FORMATS, formatAppliesAt } from '@/lib/acceleration/table';
import { accelerationMessages } from '@/lib/i18n/acceleration';
import { Section } from './section';

const pct = (x: number, d = 0) => `${(x * 100).toFixed(d)}%`;

function Paragraphs({ items }: { items: string[] }) {
  return (
    <>
      {items.map((p) => (
        <p key={p.slice(0, 40)}>{p}</p>
      ))}
    </>
  );
}

function useLesson() {
  return accelerationMessages[useLocale()].lesson;
}

export function IndexLesson() {
  const m = useLesson();
  return (
    <div data-testid="lesson-index">
      <h3>{m.indexTitle}</h3>
      <Paragraphs items={m.index} />
    </div>
  );
}

export function BoundLesson() {
  const m = useLesson();
  return (
    <div data-testid="lesson-bound">
      <h2>{m.title}</h2>
      <h3>{m.boundTitle}</h3>
      <Paragraphs items={m.bound} />
    </div>
  );
}

export function StructureLesson() {
  const m = useLesson();
  return (
    <div data-testid="lesson-structure">
      <h3>{m.structureTitle}</h3>
      <Paragraphs items={m.structure} />
      <h3>{m.readingTitle}</h3>
      <Paragraphs items={m.reading} />
    </div>
  );
}

export function SourceLesson() {
  const m = useLesson();
  return (
    <div data-testid="acceleration-lesson">
      <Paragraphs items={m.source} />
    </div>
  );
}

/** The source's torch.sparse example and a check of it (panel). */
export function SourceExamplePanel() {
  const m = useLesson();
  return (
    <Section title={m.sourceTitle} testId="source-example">
      <div className="space-y-4">
        <CodePanel
          title={m.sourceCodeTitle}
          code={SOURCE_SPARSE_SNIPPET}
          origin="source"
          note={m.sourceCodeNote}
          testId="source-sparse-code"
        />
        <CodePanel title={m.checkCodeTitle} code={SOURCE_SNIPPET_CHECK} testId="source-check-code" />
      </div>
    </Section>
  );
}

export function CompareLesson() {
  const m = useLesson();
  return <p>{m.compareIntro}</p>;
}

/** The source's table next to the measured speed-ups and accuracy losses (panel). */
export function ComparePanel({
  rows,
  accuracy,
  baselineAccuracy,
}: {
  rows: MeasuredRow[];
  accuracy: AccuracyRow[];
  baselineAccuracy: number | null;
}) {
  const all = accelerationMessages[useLocale()];
  const m = all.lesson;
  const names = { csr: all.formatNames.csr, bsr: all.formatNames.bsr, '24': all.formatNames.s24 } as const;
  const measured = (s: number) => {
    const row = rows.find((r) => Math.abs(r.sparsity - s) < 1e-9);
    const acc = accuracy.find((r) => Math.abs(r.sparsity - s) < 1e-9);
    const speeds = SPEED_FORMATS.filter((f) => formatAppliesAt(f, s) && row?.formats[f]).map(
      (f) => `${names[f]} ${(row!.dense.medianMs / row!.formats[f]!.medianMs).toFixed(2)}×`,
    );
    const losses =
      baselineAccuracy === null || !acc
        ? []
        : SPEED_FORMATS.filter((f) => acc.accuracy[f] !== undefined).map(
            (f) => `${names[f]} ${pct(Math.max(0, baselineAccuracy - (acc.accuracy[f] as number)), 1)}`,
          );
    return { speeds, losses };
  };
  return (
    <Section title={m.compareTitle} testId="compare">
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={m.compareTitle}>
        <table className="w-full min-w-[30rem] text-left text-sm" data-testid="compare-table">
          <thead className="text-xs text-zinc-600 dark:text-zinc-400">
            <tr className="border-b border-zinc-300 dark:border-zinc-700">
              <th className="px-2 py-1 font-medium">{m.compareSparsity}</th>
              <th className="bg-amber-50 px-2 py-1 font-medium dark:bg-amber-950/40">{m.compareClaim}</th>
              <th className="px-2 py-1 font-medium">{m.compareMeasured}</th>
            </tr>
          </thead>
          <tbody>
            {SOURCE_CLAIMS.map((c) => {
              const r = measured(c.sparsity);
              return (
                <tr key={c.sparsity} className="border-b border-zinc-100 align-top dark:border-zinc-800">
                  <td className="px-2 py-1.5">{pct(c.sparsity)}</td>
                  <td className="bg-amber-50 px-2 py-1.5 dark:bg-amber-950/40">
                    {c.speedup}× /{' '}
                    {c.accuracyLoss[0] === 0 ? `<${pct(c.accuracyLoss[1])}` : `${pct(c.accuracyLoss[0])}–${pct(c.accuracyLoss[1])}`}
                  </td>
                  <td className="px-2 py-1.5 font-mono text-xs">
                    <div>{r.speeds.length ? r.speeds.join(' · ') : m.compareNone}</div>
                    <div className="text-zinc-600 dark:text-zinc-400">{r.losses.join(' · ')}</div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

export function TorchPanel({ torch }: { torch: TorchCodeSettings }) {
  const m = useLesson();
  return (
    <Section title={m.torchTitle} testId="torch">
      <p className="mb-3 text-sm">{m.torchNote}</p>
      <CodePanel title={m.torchTitle} code={torchBenchmarkCode(torch)} testId="torch-code" />
    </Section>
  );
}
