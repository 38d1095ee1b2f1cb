'use client';

import { memo } from 'react';
import { LineChart } from '@/components/viz/chart';
import { useLocale } from '@/components/shell/locale-context';
import { cachedTokens, KV_STRATEGIES, kvBytesPerToken, LLAMA2_7B_KV, type KvShape } from '@/lib/attention/lm-heads';
import { attentionLmMessages } from '@/lib/i18n/attention-lm';
import { formatBytes, formatNumber } from '@/lib/i18n/locales';
import { Section } from './section';

const LENGTHS = [1, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768];

/** KV-cache bytes over decoded length for dense, window and sinks + window, at two shapes. */
export const LmKvPanel = memo(function LmKvPanel({
  ours,
  name,
  window,
  sinks,
}: {
  ours: KvShape;
  name: string;
  window: number;
  sinks: number;
}) {
  const locale = useLocale();
  const m = attentionLmMessages[locale].kv;
  const labels = { dense: m.strategies.dense, window: m.strategies.window(window), sinks: m.strategies.sinks(sinks, window) };
  const colors = { dense: '#52525b', window: '#0f766e', sinks: '#b45309' };
  const shapes = [
    { key: 'ours', title: m.ours(name), shape: ours },
    { key: 'llama', title: m.llama, shape: LLAMA2_7B_KV },
  ];
  const at = 4096;
  return (
    <Section title={m.title} testId="lm-kv">
      <p className="mb-3 text-sm">{m.intro}</p>
      <div className="grid gap-6">
        {shapes.map(({ key, title, shape }) => {
          const per = kvBytesPerToken(shape);
          return (
            <div key={key} data-testid={`lm-kv-${key}`} data-per-token={per}>
              <h3 className="text-sm font-semibold">{title}</h3>
              <p className="text-xs text-zinc-600 dark:text-zinc-400">
                {m.shape(shape.layers, shape.kvHeads, shape.headDim, shape.bytesPerValue)} = {m.perToken(formatBytes(per))}
              </p>
              <LineChart
                title={`${m.title}: ${title}`}
                xLabel={m.xLabel}
                yLabel={m.yLabel}
                height={240}
                xFormat={(v) => (v >= 1000 ? `${v / 1000}k` : String(v))}
                yFormat={(v) => formatBytes(v)}
                series={KV_STRATEGIES.map((s) => ({
                  name: labels[s],
                  color: colors[s],
                  dashed: s === 'dense',
                  points: LENGTHS.map((len) => ({ x: len, y: per * cachedTokens(s, len, window, sinks) })),
                }))}
              />
              <table className="mt-1 w-full text-left text-xs tabular-nums">
                <thead>
                  <tr>
                    <th>{m.colStrategy}</th>
                    <th>{m.colTokens}</th>
                    <th>{m.atLength(formatNumber(at, locale, 0))}</th>
                  </tr>
                </thead>
                <tbody>
                  {KV_STRATEGIES.map((s) => (
                    <tr key={s} data-testid={`lm-kv-${key}-${s}`} data-bytes={per * cachedTokens(s, at, window, sinks)}>
                      <td>{labels[s]}</td>
                      <td>{formatNumber(cachedTokens(s, at, window, sinks), locale, 0)}</td>
                      <td>{formatBytes(per * cachedTokens(s, at, window, sinks))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        })}
      </div>
    </Section>
  );
});
