'use client';

import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useLocale } from '@/components/shell/locale-context';
import { type HeadStats, traceStats } from '@/lib/attention/lm-heads';
import { attentionLmMessages } from '@/lib/i18n/attention-lm';
import { formatNumber } from '@/lib/i18n/locales';
import type { TraceResult } from '@/lib/lm/worker-protocol';
import { attentionPixels } from '@/lib/viz/attention-image';
import { colorTable, packHex } from '@/lib/viz/colors';
import { formatDensity } from '@/lib/runtime/format';
import { Legend, Section } from './section';

const TABLE = colorTable('viridis');

function emptyColor(): number {
  if (typeof window === 'undefined') return packHex('#e4e4e7');
  const v = getComputedStyle(document.documentElement).getPropertyValue('--viz-empty').trim();
  return packHex(/^#[0-9a-f]{6}$/i.test(v) ? v : '#e4e4e7');
}

/** One head's picture: n × n pixels scaled by CSS. */
function HeadCanvas({
  p,
  n,
  mask,
  className,
  label,
  onHover,
  testId,
}: {
  p: Float32Array;
  n: number;
  mask: Uint8Array | null;
  className: string;
  label: string;
  onHover?: (cell: { i: number; j: number } | null) => void;
  testId?: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(n, n);
    new Uint32Array(img.data.buffer).set(attentionPixels(p, n, mask, TABLE, emptyColor()));
    ctx.putImageData(img, 0, 0);
  }, [p, n, mask]);
  return (
    <canvas
      ref={ref}
      width={n}
      height={n}
      role="img"
      aria-label={label}
      data-testid={testId}
      className={`${className} [image-rendering:pixelated]`}
      onMouseMove={
        onHover &&
        ((e) => {
          const r = e.currentTarget.getBoundingClientRect();
          const i = Math.min(n - 1, Math.max(0, Math.floor(((e.clientY - r.top) / r.height) * n)));
          const j = Math.min(n - 1, Math.max(0, Math.floor(((e.clientX - r.left) / r.width) * n)));
          onHover({ i, j });
        })
      }
      onMouseLeave={onHover && (() => onHover(null))}
    />
  );
}

const show = (ch: string | undefined) => (ch === undefined ? '' : ch === '\n' ? '↵' : ch === ' ' ? '␣' : ch);

export interface LmHeadsPanelProps {
  trace: TraceResult | null;
  mask: Uint8Array | null;
  sinkTokens: number;
  layer: number;
  head: number;
  onPick: (layer: number, head: number) => void;
}

/**
 * Every layer × head of the model on the passage, the chosen pattern drawn over each (dropped
 * pairs red), one head large with a read-out under the cursor, and the heads sorted by the
 * attention mass the pattern keeps, with how far each looks back.
 */
export const LmHeadsPanel = memo(function LmHeadsPanel({ trace, mask, sinkTokens, layer, head, onPick }: LmHeadsPanelProps) {
  const locale = useLocale();
  const m = attentionLmMessages[locale].heads;
  const [hover, setHover] = useState<{ i: number; j: number } | null>(null);
  const stats = useMemo<HeadStats[] | null>(() => {
    if (!trace) return null;
    const att = Array.from({ length: trace.layers }, (_, l) => trace.attention.slice(l * trace.heads, (l + 1) * trace.heads));
    return traceStats(att, trace.n, mask, sinkTokens);
  }, [trace, mask, sinkTokens]);
  const sorted = useMemo(() => (stats ? [...stats].sort((a, b) => a.massKept - b.massKept) : null), [stats]);
  if (!trace || !stats || !sorted) {
    return (
      <Section title={m.title} testId="lm-heads">
        <p className="text-sm text-zinc-600 dark:text-zinc-400" role="status">
          {m.computing}
        </p>
      </Section>
    );
  }
  const n = trace.n;
  const L = Math.min(layer, trace.layers - 1);
  const H = Math.min(head, trace.heads - 1);
  const p = trace.attention[L * trace.heads + H];
  const pct = (v: number) => formatDensity(v, locale);
  const num = (v: number) => formatNumber(v, locale, 1);
  const name = (s: HeadStats) => m.short(s.layer, s.head);
  const meanKept = stats.reduce((a, s) => a + s.massKept, 0) / stats.length;
  const byDistance = [...stats].sort((a, b) => a.distance - b.distance);
  const cell = hover
    ? { q: show(trace.chars[hover.i]), k: show(trace.chars[hover.j]), p: hover.j <= hover.i ? p[hover.i * n + hover.j] : 0 }
    : null;

  return (
    <Section title={m.title} testId="lm-heads">
      <p className="mb-3 text-sm">{m.intro(trace.layers, trace.heads)}</p>
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <div>
          <div
            className="grid gap-1"
            style={{ gridTemplateColumns: `auto repeat(${trace.heads}, minmax(0, 1fr))` }}
            role="group"
            aria-label={m.pickHint}
          >
            <span />
            {Array.from({ length: trace.heads }, (_, h) => (
              <span key={h} className="text-center text-xs text-zinc-600 dark:text-zinc-400">
                H{h}
              </span>
            ))}
            {Array.from({ length: trace.layers }, (_, l) => (
              <div key={l} className="contents">
                <span className="self-center pr-1 text-xs text-zinc-600 dark:text-zinc-400">L{l}</span>
                {Array.from({ length: trace.heads }, (_, h) => {
                  const s = stats[l * trace.heads + h];
                  const selected = l === L && h === H;
                  return (
                    <button
                      key={h}
                      type="button"
                      onClick={() => onPick(l, h)}
                      aria-pressed={selected}
                      aria-label={`${m.head(l, h)}: ${m.colKept} ${pct(s.massKept)}`}
                      data-testid={`lm-head-${l}-${h}`}
                      className={`rounded p-0.5 ${selected ? 'ring-2 ring-teal-600' : 'ring-1 ring-zinc-200 hover:ring-teal-400 dark:ring-zinc-700'}`}
                    >
                      <HeadCanvas
                        p={trace.attention[l * trace.heads + h]}
                        n={n}
                        mask={mask}
                        className="aspect-square w-full"
                        label={m.head(l, h)}
                      />
                      <span className="block text-center text-[10px] tabular-nums">{pct(s.massKept)}</span>
                    </button>
                  );
                })}
              </div>
            ))}
          </div>
          <Legend
            items={[
              { color: '#fde725', label: m.kept },
              { color: '#ff5046', label: m.dropped },
            ]}
          />
        </div>
        <div>
          <HeadCanvas
            p={p}
            n={n}
            mask={mask}
            className="aspect-square w-full max-w-[28rem] cursor-crosshair border border-zinc-300 dark:border-zinc-700"
            label={m.detail(L, H)}
            onHover={setHover}
            testId="lm-head-detail"
          />
          <p className="mt-1 min-h-5 font-mono text-xs" aria-live="polite" data-testid="lm-head-readout">
            {cell
              ? `${m.head(L, H)} · q ${hover!.i} '${cell.q}' → k ${hover!.j} '${cell.k}': p = ${formatNumber(cell.p, locale, 4)}`
              : m.detail(L, H)}
          </p>
        </div>
      </div>

      <p className="mt-3 text-sm" data-testid="lm-heads-summary">
        {m.summary(
          name(sorted[0]),
          pct(sorted[0].massKept),
          name(sorted[sorted.length - 1]),
          pct(sorted[sorted.length - 1].massKept),
          pct(meanKept),
        )}{' '}
        {m.distanceNote(
          name(byDistance[0]),
          num(byDistance[0].distance),
          name(byDistance[byDistance.length - 1]),
          num(byDistance[byDistance.length - 1].distance),
        )}
      </p>
      <details className="mt-2">
        <summary className="cursor-pointer text-sm font-medium">{m.tableTitle}</summary>
        <div className="mt-2 max-h-80 overflow-auto">
          <table className="w-full text-left text-xs tabular-nums" data-testid="lm-heads-table">
            <thead>
              <tr>
                <th className="pr-2">{m.colHead}</th>
                <th className="pr-2">{m.colKept}</th>
                <th className="pr-2">{m.colDistance}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((s) => (
                <tr key={`${s.layer}-${s.head}`} data-kept={s.massKept.toFixed(6)}>
                  <td className="pr-2">
                    <button type="button" className="underline decoration-dotted" onClick={() => onPick(s.layer, s.head)}>
                      {name(s)}
                    </button>
                  </td>
                  <td className="pr-2">{pct(s.massKept)}</td>
                  <td className="pr-2">{num(s.distance)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </Section>
  );
});
