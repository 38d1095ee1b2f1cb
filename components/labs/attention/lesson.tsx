'use client';

import { memo, useMemo } from 'react';
import { Callout } from '@/components/lesson/callout';
import { CodePanel } from '@/components/lesson/code-panel';
import { useLocale } from '@/components/shell/locale-context';
import { flexAttentionCode } from '@/lib/attention/flex-code';
import { PATTERN_NAMES, type PatternName, type PatternParams } from '@/lib/attention/patterns';
import { attentionMessages, BATCHED_WINDOW_CODE, SOURCE_BIGBIRD_CLASS, SOURCE_LOCAL_ATTENTION } from '@/lib/i18n/attention';
import { attentionLmMessages } from '@/lib/i18n/attention-lm';
import { Section } from './section';

/**
 * The lab's lesson, one section per panel it explains (components/teach/lessons.tsx puts each
 * beside its panel on wide screens and under it on narrow ones; the lesson switch hides them all).
 */

function Paragraphs({ title, paragraphs }: { title?: string; paragraphs: readonly string[] }) {
  return (
    <>
      {title && <h3>{title}</h3>}
      {paragraphs.map((p) => (
        <p key={p}>{p}</p>
      ))}
    </>
  );
}

/** The language-model lesson, split by panel: cost, heads, curves, sinks, KV cache. */
export function LmLesson({ part }: { part: 'cost' | 'heads' | 'curves' | 'sinks' | 'kv' }) {
  const lm = attentionLmMessages[useLocale()].lesson;
  const p = lm.paragraphs;
  const slices = { cost: [0, 3], heads: [3, 4], curves: [4, 6], sinks: [6, 7], kv: [7, 8] } as const;
  const [a, b] = slices[part];
  return <Paragraphs title={part === 'cost' ? lm.title : undefined} paragraphs={p.slice(a, b)} />;
}

/** Beside the figures: why dense attention costs O(n²). */
export function WhyLesson() {
  const l = attentionMessages[useLocale()].lesson;
  return <Paragraphs title={l.whyTitle} paragraphs={l.why} />;
}

/** Beside the mask pictures: what each pattern keeps, and the window conventions of HF and Longformer. */
export function KeepsLesson() {
  const m = attentionMessages[useLocale()];
  const l = m.lesson;
  return (
    <>
      <h3>{l.keepsTitle}</h3>
      <p>{l.keepsIntro}</p>
      <ul>
        {PATTERN_NAMES.map((name) => (
          <li key={name}>
            <strong>{m.patterns[name].label}</strong>: {m.patterns[name].keeps}
          </li>
        ))}
      </ul>
      <h3>{l.mapTitle}</h3>
      <ul>
        {l.map.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </>
  );
}

/** Beside the block layout: speed comes from whole empty tiles. */
export function SpeedLesson() {
  const l = attentionMessages[useLocale()].lesson;
  return <Paragraphs title={l.speedTitle} paragraphs={l.speed} />;
}

/** Beside the source's code: what it gets right, then why the per-query loop is slow. */
export function LoopLesson() {
  const l = attentionMessages[useLocale()].lesson;
  return (
    <>
      <h3>{l.loopTitle}</h3>
      <p data-testid="lesson-source-right">{l.loopRight}</p>
      {l.loop.map((p) => (
        <p key={p}>{p}</p>
      ))}
    </>
  );
}

/** The source's code, unchanged, with what it gets right and its notes, and the batched rewrite. */
export const SourceCodePanel = memo(function SourceCodePanel() {
  const m = attentionMessages[useLocale()];
  return (
    <Section title={m.code.sourceSection} testId="source-code">
      <div className="space-y-4">
        <CodePanel
          title={m.code.sourceTitle}
          code={SOURCE_LOCAL_ATTENTION}
          origin="source"
          testId="code-source"
          note={
            <>
              <p className="mb-1">{m.code.sourceRight}</p>
              <ul className="list-disc space-y-1 pl-5">
                {m.code.sourceNotes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            </>
          }
        />
        <CodePanel
          title={m.code.sourceClassTitle}
          code={SOURCE_BIGBIRD_CLASS}
          origin="source"
          testId="code-source-class"
          note={
            <>
              <p className="mb-1">{m.code.sourceClassRight}</p>
              <p>{m.code.sourceClassNote}</p>
            </>
          }
        />
        <Callout kind="info">
          <p>{m.lesson.loopFix}</p>
        </Callout>
        <CodePanel title={m.code.batchedTitle} code={BATCHED_WINDOW_CODE} origin="ours" testId="code-batched" />
      </div>
    </Section>
  );
});

/** The FlexAttention code for the current settings. */
export const FlexCodePanel = memo(function FlexCodePanel({
  pattern,
  params,
  heads,
  headDim,
}: {
  pattern: PatternName;
  params: PatternParams;
  heads: number;
  headDim: number;
}) {
  const m = attentionMessages[useLocale()];
  const flex = useMemo(() => flexAttentionCode(pattern, params, { heads, headDim }), [pattern, params, heads, headDim]);
  return (
    <Section title={m.lesson.flexTitle} testId="flex-code">
      <CodePanel title={m.code.flexTitle} code={flex} origin="ours" testId="code-flex" note={m.code.flexNote} />
    </Section>
  );
});
