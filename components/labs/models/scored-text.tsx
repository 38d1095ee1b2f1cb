'use client';

import { memo, useState } from 'react';
import { useLocale } from '@/components/shell/locale-context';
import { lmMessages } from '@/lib/i18n/lm';
import { formatNumber } from '@/lib/i18n/locales';
import type { ScoredText } from '@/lib/lm/worker-protocol';

/** Loss (nats) at which the colour saturates. */
const SATURATE = 6;

/** A character as it can be shown in a list: spaces and line breaks get visible signs. */
export function showChar(ch: string): string {
  if (ch === ' ') return '␣';
  if (ch === '\n') return '↵';
  if (ch === '\t') return '⇥';
  if (ch === '<unk>') return '�';
  return ch;
}

/** Red tint proportional to the loss, capped at SATURATE nats (readable on both themes). */
export function lossColour(nll: number): string {
  const a = (Math.min(nll, SATURATE) / SATURATE) * 0.6;
  return `rgba(220, 38, 38, ${a.toFixed(3)})`;
}

const Characters = memo(function Characters({
  scored,
  cursor,
  onPick,
}: {
  scored: ScoredText;
  cursor: number;
  onPick: (i: number) => void;
}) {
  const unknown = new Set(scored.unknown);
  return (
    <>
      {scored.chars.map((ch, i) => {
        const s = scored.score.scores[i];
        const cls = [
          i === cursor ? 'outline outline-2 outline-fuchsia-600 dark:outline-fuchsia-400' : '',
          unknown.has(i) ? 'rounded-sm border border-dashed border-zinc-500' : '',
        ].join(' ');
        return (
          <span
            key={i}
            data-i={i}
            className={cls}
            style={s ? { backgroundColor: lossColour(s.nll) } : undefined}
            onMouseEnter={() => onPick(i)}
          >
            {ch}
          </span>
        );
      })}
    </>
  );
});

/**
 * The text with each character's loss as its background; hovering a character or moving the
 * keyboard cursor (arrow keys, Home, End) shows the model's top-5 predictions for it.
 */
export function ScoredTextView({ scored, vocab }: { scored: ScoredText; vocab: string[] }) {
  const m = lmMessages[useLocale()].panel;
  const locale = useLocale();
  const n = scored.chars.length;
  const [cursor, setCursor] = useState(Math.min(1, n - 1));
  const at = Math.min(cursor, n - 1);
  const s = scored.score.scores[at];
  const pct = (p: number) => `${formatNumber(p * 100, locale, p < 0.001 ? 3 : 1)}%`;
  const isUnknown = scored.unknown.includes(at);

  const onKeyDown = (e: React.KeyboardEvent) => {
    const moves: Record<string, number> = {
      ArrowRight: at + 1,
      ArrowDown: at + 1,
      ArrowLeft: at - 1,
      ArrowUp: at - 1,
      Home: 0,
      End: n - 1,
    };
    if (e.key in moves) {
      e.preventDefault();
      setCursor(Math.max(0, Math.min(n - 1, moves[e.key])));
    }
  };

  return (
    <div className="space-y-3">
      <div
        tabIndex={0}
        role="group"
        aria-label={m.textRegion}
        aria-describedby="scored-help"
        onKeyDown={onKeyDown}
        data-testid="scored-text"
        className="max-h-96 overflow-y-auto whitespace-pre-wrap break-words rounded border border-zinc-200 p-3 font-mono text-base leading-7 focus:outline-none focus-visible:ring-2 focus-visible:ring-teal-600 dark:border-zinc-800"
      >
        <Characters scored={scored} cursor={at} onPick={setCursor} />
      </div>
      <p id="scored-help" className="text-xs text-zinc-600 dark:text-zinc-400">
        {m.cursorHelp}
      </p>
      <div className="flex items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400" aria-hidden="true">
        <span>{m.legendLow}</span>
        <span className="h-3 w-32 rounded" style={{ background: `linear-gradient(to right, ${lossColour(0)}, ${lossColour(SATURATE)})` }} />
        <span>{m.legendHigh}</span>
      </div>
      <div aria-live="polite" data-testid="prediction" className="rounded bg-zinc-50 p-3 text-sm dark:bg-zinc-900">
        {s === null ? (
          <p>{m.firstChar}</p>
        ) : (
          <>
            <p className="font-medium">
              {m.expected} <span className="font-mono">#{at + 1}</span>:
            </p>
            <ol className="mt-1 grid grid-cols-5 gap-2 font-mono">
              {s.top.map((t) => (
                <li key={t.id} className="rounded border border-zinc-200 px-2 py-1 text-center dark:border-zinc-700">
                  <span className="block text-base">{showChar(vocab[t.id] ?? '?')}</span>
                  <span className="block text-xs text-zinc-600 dark:text-zinc-400">{pct(t.p)}</span>
                </li>
              ))}
            </ol>
            <p className="mt-2">
              {m.actual(
                `“${showChar(scored.chars[at])}”${isUnknown ? ` (${m.unknownChar})` : ''}`,
                pct(s.p),
                formatNumber(s.nll, locale, 2),
              )}
            </p>
          </>
        )}
      </div>
    </div>
  );
}
