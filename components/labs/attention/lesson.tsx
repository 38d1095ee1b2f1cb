'use client';

import { memo, useMemo } from 'react';
import { Callout } from '@/components/lesson/callout';
import { CodePanel } from '@/components/lesson/code-panel';
import { useLocale } from '@/components/shell/locale-context';
import { flexAttentionCode } from '@/lib/attention/flex-code';
import { PATTERN_NAMES, type PatternName, type PatternParams } from '@/lib/attention/patterns';
import { attentionMessages, BATCHED_WINDOW_CODE, SOURCE_BIGBIRD_CLASS, SOURCE_LOCAL_ATTENTION } from '@/lib/i18n/attention';
import { attentionLmMessages } from '@/lib/i18n/attention-lm';

/** The tutorial beside the lab, with the FlexAttention code for the current settings. */
export const Lesson = memo(function Lesson({ pattern, params, heads, headDim }: { pattern: PatternName; params: PatternParams; heads: number; headDim: number }) {
  const locale = useLocale();
  const m = attentionMessages[locale];
  const l = m.lesson;
  const lm = attentionLmMessages[locale].lesson;
  const flex = useMemo(() => flexAttentionCode(pattern, params, { heads, headDim }), [pattern, params, heads, headDim]);
  return (
    <div data-testid="attention-lesson">
      <h2>{lm.title}</h2>
      {lm.paragraphs.map((p) => (
        <p key={p}>{p}</p>
      ))}

      <h2>{l.whyTitle}</h2>
      {l.why.map((p) => (
        <p key={p}>{p}</p>
      ))}

      <h2>{l.keepsTitle}</h2>
      <p>{l.keepsIntro}</p>
      <ul>
        {PATTERN_NAMES.map((name) => (
          <li key={name}>
            <strong>{m.patterns[name].label}</strong>: {m.patterns[name].keeps}
          </li>
        ))}
      </ul>

      <h2>{l.speedTitle}</h2>
      {l.speed.map((p) => (
        <p key={p}>{p}</p>
      ))}

      <h2>{l.loopTitle}</h2>
      {l.loop.map((p) => (
        <p key={p}>{p}</p>
      ))}
      <div className="mt-4 space-y-4">
        <CodePanel
          title={m.code.sourceTitle}
          code={SOURCE_LOCAL_ATTENTION}
          origin="source"
          testId="code-source"
          note={
            <ul className="list-disc space-y-1 pl-5">
              {m.code.sourceNotes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          }
        />
        <CodePanel title={m.code.sourceClassTitle} code={SOURCE_BIGBIRD_CLASS} origin="source" testId="code-source-class" note={m.code.sourceClassNote} />
        <Callout kind="info">
          <p>{l.loopFix}</p>
        </Callout>
        <CodePanel title={m.code.batchedTitle} code={BATCHED_WINDOW_CODE} origin="ours" testId="code-batched" />
      </div>

      <h2>{l.mapTitle}</h2>
      <ul>
        {l.map.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>

      <h2>{l.flexTitle}</h2>
      <div className="mt-3">
        <CodePanel title={m.code.flexTitle} code={flex} origin="ours" testId="code-flex" note={m.code.flexNote} />
      </div>
    </div>
  );
});
